// Streaming import of AWS Price List offer files. The files are large (AmazonEC2 eu-west-1 ≈ 441 MB): JSON
// goes through nlohmann's SAX interface keeping one product or one term object at a time; CSV is read line by
// line.
#include "cost/offerimport.h"

#include "asl/reader.h"
#include "cost/meter.h"
#include "cost/pricebounds.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

namespace egress::cost {

namespace {

using Plain = nlohmann::json; // the captured fragments: order does not matter, speed does

std::string normalise(const std::string &name)
{
    std::string out;
    for (unsigned char c : name)
        if (std::isalnum(c))
            out += static_cast<char>(std::tolower(c));
    return out;
}

/** "EU-NatGateway-Hours" and "NatGateway-Hours" match "NatGateway-Hours"; "RegionalNatGateway-Hours" does
 * not. */
bool usageTypeMatches(const std::string &usageType, const std::string &wanted)
{
    if (usageType == wanted)
        return true;
    if (usageType.size() <= wanted.size() + 1)
        return false;
    const std::size_t prefixLength = usageType.size() - wanted.size() - 1;
    return usageType.compare(prefixLength + 1, std::string::npos, wanted) == 0 &&
           usageType[prefixLength] == '-' && usageType.find('-') == prefixLength;
}

struct Dimension
{
    double begin = 0;
    double end = 0; // infinity for "Inf"
    double usd = 0;
};

double parseRange(const std::string &s, bool &ok)
{
    if (s.empty() || s == "Inf")
        return std::numeric_limits<double>::infinity();
    const auto v = parseDecimalPrice(s);
    ok = ok && v && *v >= 0;
    return v.value_or(0);
}

/** Collects matches while files are read, then turns them into prices. */
class Collector
{
public:
    Collector(const std::string &file, const std::string &region, OfferImport &out)
        : m_file(file), m_region(region), m_out(out)
    {
    }

    /** The mapping a product matches, or nullptr. `attributes` by normalised name. */
    const OfferMapping *match(const std::map<std::string, std::string> &attributes) const
    {
        const auto usage = attributes.find("usagetype");
        if (usage == attributes.end())
            return nullptr;
        for (const char *key : {"regioncode", "fromregioncode"}) {
            const auto r = attributes.find(key);
            if (r != attributes.end() && !r->second.empty() && r->second != m_region)
                return nullptr;
        }
        for (const OfferMapping &m : offerMappings()) {
            if (!usageTypeMatches(usage->second, m.usageType))
                continue;
            bool all = true;
            for (const auto &[name, value] : m.attributes) {
                const auto a = attributes.find(name);
                all = all && a != attributes.end() && a->second == value;
            }
            if (all)
                return &m;
        }
        return nullptr;
    }

    void addProduct(const std::string &sku, const std::map<std::string, std::string> &attributes)
    {
        if (const OfferMapping *m = match(attributes)) {
            m_skus[sku] = m;
            m_usageTypes[sku] = attributes.at("usagetype");
        }
    }
    bool wants(const std::string &sku) const { return m_skus.count(sku) != 0; }

    void addDimensions(const std::string &sku, std::vector<Dimension> dims, const std::string &where)
    {
        const OfferMapping *m = m_skus.at(sku);
        std::sort(dims.begin(), dims.end(),
                  [](const Dimension &a, const Dimension &b) { return a.begin < b.begin; });
        // A leading $0 tier is a free allowance: the table keeps free tiers apart, so tiers count what is
        // left.
        double shift = 0;
        if (dims.size() > 1 && dims.front().usd == 0 && dims.front().begin == 0) {
            shift = dims.front().end;
            m_out.warnings.push_back(
                m_file + ": " + m->priceId + ": the first " + formatNumber(shift) +
                " units are free in the offer; the table's freeTier covers free allowances");
            dims.erase(dims.begin());
        }
        Price price;
        for (std::size_t i = 0; i < dims.size(); ++i) {
            Tier t;
            t.usdPerUnit = dims[i].usd;
            t.upTo = i + 1 == dims.size() ? std::numeric_limits<double>::infinity() : dims[i].end - shift;
            price.tiers.push_back(t);
        }
        if (price.tiers.empty())
            return;
        price.source =
            "AWS Price List " + m_file + ": usage type " + m_usageTypes.at(sku) + ", SKU " + sku + where;
        const auto existing = m_out.prices.find(m->priceId);
        if (existing != m_out.prices.end()) {
            if (existing->second.usd() != price.usd())
                m_out.warnings.push_back(m_file + ": " + m->priceId + ": SKU " + sku +
                                         " has another price (" + formatPlain(price.usd()) + " vs " +
                                         formatPlain(existing->second.usd()) + "); kept the first");
            return;
        }
        m_out.prices[m->priceId] = price;
    }

    const std::string &file() const { return m_file; }

private:
    std::string m_file;
    std::string m_region;
    OfferImport &m_out;
    std::map<std::string, const OfferMapping *> m_skus;
    std::map<std::string, std::string> m_usageTypes;
};

/**
 * A SAX handler that tracks where it is and builds only the objects at /products/<sku> or
 * /terms/OnDemand/<sku>, handing each to a callback and dropping it.
 */
class OfferSax : public nlohmann::json_sax<Plain>
{
public:
    enum class Want { Products, Terms };
    using Callback = std::function<void(const std::string &sku, const Plain &object)>;

    OfferSax(Want want, Callback callback) : m_want(want), m_callback(std::move(callback)) {}

    std::string publicationDate;
    std::string error;
    bool stoppedEarly = false;

    bool null() override { return value(Plain()); }
    bool boolean(bool v) override { return value(Plain(v)); }
    bool number_integer(number_integer_t v) override { return value(Plain(v)); }
    bool number_unsigned(number_unsigned_t v) override { return value(Plain(v)); }
    bool number_float(number_float_t v, const string_t &) override { return value(Plain(v)); }
    bool string(string_t &v) override
    {
        if (!m_capturing && m_frames.size() == 1 && m_key == "publicationDate")
            publicationDate = v.substr(0, 10);
        return value(Plain(v));
    }
    bool binary(binary_t &) override { return value(Plain()); }

    bool start_object(std::size_t) override { return start(Plain::object()); }
    bool start_array(std::size_t) override { return start(Plain::array()); }
    bool end_object() override { return end(); }
    bool end_array() override { return end(); }
    bool key(string_t &k) override
    {
        m_key = k;
        // Products come before terms in AWS files: once the products are read, the rest is not needed.
        if (m_want == Want::Products && !m_capturing && m_frames.size() == 1 && k == "terms" &&
            m_sawProducts) {
            stoppedEarly = true;
            return false;
        }
        if (!m_capturing && m_frames.size() == 1 && k == "products")
            m_sawProducts = true;
        return true;
    }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &e) override
    {
        error = "byte " + std::to_string(position) + ": " + e.what();
        return false;
    }

private:
    bool isTarget() const
    {
        // m_frames holds the containers above the new one: [root, "products"] or [root, "terms", "OnDemand"].
        if (m_want == Want::Products)
            return m_frames.size() == 2 && m_frames[1] == "products";
        return m_frames.size() == 3 && m_frames[1] == "terms" && m_frames[2] == "OnDemand";
    }

    bool start(Plain container)
    {
        if (m_frames.size() + m_build.size() >= asl::kMaxNestingDepth) {
            error = asl::nestingTooDeepMessage();
            return false;
        }
        if (m_capturing) {
            m_build.push_back(insert(std::move(container)));
            return true;
        }
        if (isTarget() && container.is_object()) {
            m_capturing = true;
            m_sku = m_key;
            m_root = std::move(container);
            m_build = {&m_root};
            return true;
        }
        m_frames.push_back(m_key);
        return true;
    }

    bool end()
    {
        if (m_capturing) {
            m_build.pop_back();
            if (m_build.empty()) {
                m_capturing = false;
                m_callback(m_sku, m_root);
                m_root = Plain();
            }
            return true;
        }
        if (!m_frames.empty())
            m_frames.pop_back();
        return true;
    }

    bool value(Plain v)
    {
        if (m_capturing)
            insert(std::move(v));
        return true;
    }

    Plain *insert(Plain v)
    {
        Plain &top = *m_build.back();
        if (top.is_array()) {
            top.push_back(std::move(v));
            return &top.back();
        }
        Plain &slot = top[m_key];
        slot = std::move(v);
        return &slot;
    }

    Want m_want;
    Callback m_callback;
    std::vector<std::string> m_frames;
    std::string m_key;
    bool m_capturing = false;
    bool m_sawProducts = false;
    std::string m_sku;
    Plain m_root;
    std::vector<Plain *> m_build;
};

std::map<std::string, std::string> attributesOf(const Plain &product)
{
    std::map<std::string, std::string> out;
    const auto attributes = product.find("attributes");
    if (attributes == product.end() || !attributes->is_object())
        return out;
    for (const auto &[name, value] : attributes->items())
        if (value.is_string())
            out[normalise(name)] = value.get<std::string>();
    return out;
}

void importJson(const std::string &path, Collector &collector, OfferImport &out)
{
    for (OfferSax::Want want : {OfferSax::Want::Products, OfferSax::Want::Terms}) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            out.error = path + ": cannot open the file";
            return;
        }
        OfferSax sax(want, [&](const std::string &sku, const Plain &object) {
            if (want == OfferSax::Want::Products) {
                collector.addProduct(sku, attributesOf(object));
                return;
            }
            if (!collector.wants(sku))
                return;
            // { "<sku>.<offerTermCode>": { "priceDimensions": { "<rateCode>": {...} } } }: the first term.
            for (const auto &[code, term] : object.items()) {
                const auto dims = term.find("priceDimensions");
                if (dims == term.end() || !dims->is_object())
                    continue;
                std::vector<Dimension> parsed;
                for (const auto &[rate, d] : dims->items()) {
                    bool ok = d.is_object();
                    Dimension dim;
                    if (ok) {
                        dim.begin = parseRange(d.value("beginRange", std::string("0")), ok);
                        dim.end = parseRange(d.value("endRange", std::string("Inf")), ok);
                        const auto usd = d.find("pricePerUnit");
                        ok = ok && usd != d.end() && usd->is_object() && usd->contains("USD");
                        if (ok) {
                            const std::string text =
                                (*usd)["USD"].is_string() ? (*usd)["USD"].get<std::string>() : "";
                            const auto value = parseDecimalPrice(text);
                            dim.usd = value.value_or(0);
                            ok = value && !unitPriceProblem(*value);
                        }
                    }
                    if (!ok) {
                        out.warnings.push_back(path + ": /terms/OnDemand/" + sku + "/" + code +
                                               "/priceDimensions/" + rate +
                                               ": unreadable price dimension, skipped");
                        continue;
                    }
                    parsed.push_back(dim);
                }
                collector.addDimensions(sku, parsed, "");
                break;
            }
        });
        const bool finished = Plain::sax_parse(in, &sax);
        if (!finished && !sax.stoppedEarly) {
            out.error = path + ": " + (sax.error.empty() ? "not a JSON offer file" : sax.error);
            return;
        }
        if (!sax.publicationDate.empty())
            out.publicationDate = std::max(out.publicationDate, sax.publicationDate);
    }
}

/** Splits one CSV record (RFC 4180 quotes). False when a quoted field is still open at the end of `line`. */
bool splitCsv(const std::string &line, std::vector<std::string> &fields)
{
    fields.clear();
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    fields.push_back(std::move(field));
    return !quoted;
}

void importCsv(const std::string &path, Collector &collector, OfferImport &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        out.error = path + ": cannot open the file";
        return;
    }
    std::string line, record;
    std::vector<std::string> fields;
    std::map<std::string, std::size_t> columns;
    std::map<std::string, std::vector<Dimension>> dims; // by SKU, kept only for matched rows
    std::size_t lineNumber = 0, recordLine = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (record.empty())
            recordLine = lineNumber;
        record += line;
        if (!splitCsv(record, fields)) {
            record += '\n'; // a quoted field with a line break: read on
            continue;
        }
        record.clear();
        if (columns.empty()) {
            if (fields.size() >= 2 && fields[0] == "Publication Date")
                out.publicationDate = std::max(out.publicationDate, fields[1].substr(0, 10));
            if (!fields.empty() && fields[0] == "SKU") {
                for (std::size_t i = 0; i < fields.size(); ++i)
                    columns.emplace(normalise(fields[i]), i);
                for (const char *needed : {"sku", "termtype", "priceperunit", "usagetype"})
                    if (!columns.count(needed)) {
                        out.error = path + ":" + std::to_string(recordLine) + ": the header has no \"" +
                                    needed + "\" column";
                        return;
                    }
            } else if (lineNumber > 20) {
                out.error =
                    path + ": no header row (\"SKU\",...) in the first 20 lines: not a Price List CSV";
                return;
            }
            continue;
        }
        auto field = [&](const char *name) -> std::string {
            const auto c = columns.find(name);
            return c != columns.end() && c->second < fields.size() ? fields[c->second] : std::string();
        };
        if (field("termtype") != "OnDemand")
            continue;
        std::map<std::string, std::string> attributes;
        for (const auto &[name, index] : columns)
            if (index < fields.size() && !fields[index].empty())
                attributes[name] = fields[index];
        if (!collector.match(attributes))
            continue;
        const std::string sku = field("sku");
        collector.addProduct(sku, attributes);
        bool ok = true;
        Dimension d;
        d.begin = parseRange(field("startingrange").empty() ? "0" : field("startingrange"), ok);
        d.end = parseRange(field("endingrange"), ok);
        const auto usd = parseDecimalPrice(field("priceperunit"));
        d.usd = usd.value_or(0);
        ok = ok && usd && !unitPriceProblem(*usd);
        if (const std::string currency = field("currency"); !currency.empty() && currency != "USD")
            ok = false;
        if (!ok) {
            out.warnings.push_back(path + ":" + std::to_string(recordLine) +
                                   ": unreadable price row, skipped");
            continue;
        }
        dims[sku].push_back(d);
    }
    if (columns.empty()) {
        out.error = path + ": no header row (\"SKU\",...): not a Price List CSV";
        return;
    }
    for (auto &[sku, list] : dims)
        collector.addDimensions(sku, list, "");
}

} // namespace

const std::vector<OfferMapping> &offerMappings()
{
    static const std::vector<OfferMapping> mappings{
        {"nat-gateway-hour", "NatGateway-Hours", {}},
        {"nat-gateway-gb", "NatGateway-Bytes", {}},
        // The regional availability mode (2025-11) has its own usage types; never mixed with the zonal ones.
        {"regional-nat-gateway-hour", "RegionalNatGateway-Hours", {}},
        {"regional-nat-gateway-gb", "RegionalNatGateway-Bytes", {}},
        // Transfer between AZs of one region (AmazonEC2 / AWSDataTransfer offers), billed per direction.
        {"inter-az-transfer-gb", "DataTransfer-Regional-Bytes", {}},
        {"public-ipv4-hour", "PublicIPv4:InUseAddress", {}},
        {"interface-endpoint-hour", "VpcEndpoint-Hours", {}},
        {"interface-endpoint-gb", "VpcEndpoint-Bytes", {}},
        {"sfn-state-transition", "StateTransition", {}},
        {"sfn-express-request", "StepFunctions-Request", {}},
        {"sfn-express-gb-second", "StepFunctions-GB-Second", {}},
        {"lambda-request", "Request", {{"servicecode", "AWSLambda"}}},
        {"lambda-gb-second-x86_64", "Lambda-GB-Second", {}},
        {"lambda-gb-second-arm64", "Lambda-GB-Second-ARM", {}},
        {"data-transfer-out-gb", "DataTransfer-Out-Bytes", {}},
        {"apigw-rest-request", "ApiGatewayRequest", {}},
        {"apigw-http-request", "ApiGatewayHttpRequest", {}},
        {"eventbridge-event", "Event64K-Chunks", {}},
        {"secrets-manager-secret-month", "AWSSecretsManager-Secrets", {}},
        {"secrets-manager-api-call", "AWSSecretsManager-APIRequest", {}},
        {"nat-instance-hour",
         "BoxUsage:t4g.nano",
         {{"operatingsystem", "Linux"},
          {"preinstalledsw", "NA"},
          {"tenancy", "Shared"},
          {"capacitystatus", "Used"}}},
        {"ebs-gp3-gb-month", "EBS:VolumeUsage.gp3", {}},
    };
    return mappings;
}

void importOfferFile(const std::string &path, const std::string &region, OfferImport &out)
{
    const std::size_t slash = path.find_last_of('/');
    Collector collector(slash == std::string::npos ? path : path.substr(slash + 1), region, out);
    if (auto problem = asl::notAnInputFile(path); problem && std::filesystem::exists(path)) {
        out.error = *problem; // a directory or a FIFO (which would block the read below)
        return;
    }
    std::ifstream probe(path, std::ios::binary);
    if (!probe) {
        out.error = path + ": cannot open the file";
        return;
    }
    char first = 0;
    while (probe.get(first) && std::isspace(static_cast<unsigned char>(first))) {
    }
    probe.close();
    const std::size_t before = out.prices.size();
    if (first == '{')
        importJson(path, collector, out);
    else
        importCsv(path, collector, out);
    if (out.error.empty() && out.prices.size() == before)
        out.warnings.push_back(path + ": no price this table needs for " + region +
                               " (wrong region or service?)");
}

namespace {

double tidy(double v)
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.12g", v);
    return std::strtod(buffer, nullptr);
}

asl::Json priceToJson(const Price &p)
{
    asl::Json j = asl::Json::object();
    if (p.tiers.size() == 1) {
        j["usd"] = tidy(p.tiers.front().usdPerUnit * p.per);
    } else {
        asl::Json tiers = asl::Json::array();
        for (const Tier &t : p.tiers)
            tiers.push_back({{"upTo", std::isfinite(t.upTo) ? asl::Json(tidy(t.upTo)) : asl::Json()},
                             {"usd", tidy(t.usdPerUnit * p.per)}});
        j["tiers"] = tiers;
    }
    if (p.per != 1)
        j["per"] = p.per;
    j["unit"] = p.unit;
    j["source"] = p.source;
    j["date"] = p.date;
    if (p.estimate)
        j["estimate"] = true;
    if (!p.note.empty())
        j["note"] = p.note;
    return j;
}

} // namespace

asl::Json offerTableToJson(const PriceTable &base, const OfferImport &import, const std::string &name,
                           const std::string &date)
{
    asl::Json prices = asl::Json::object();
    for (const auto &[id, basePrice] : base.prices) {
        const auto it = import.prices.find(id);
        if (it == import.prices.end()) {
            prices[id] = priceToJson(basePrice);
            continue;
        }
        Price p = it->second;
        p.per = basePrice.per;
        p.unit = basePrice.unit;
        p.date = date;
        p.estimate = false;
        prices[id] = priceToJson(p);
    }
    asl::Json free = asl::Json::object();
    for (const auto &[id, allowance] : base.freeTier)
        free[id] = {{"quantity", allowance.quantity},
                    {"unit", allowance.unit},
                    {"source", allowance.source},
                    {"date", base.date}};
    asl::Json table = asl::Json::object();
    table["format"] = "egress-studio-prices";
    table["version"] = 1;
    table["name"] = name;
    table["date"] = date;
    table["currency"] = "USD";
    table["regions"] = {{base.region, {{"prices", prices}, {"freeTier", free}}}};
    return table;
}

} // namespace egress::cost

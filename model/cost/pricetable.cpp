#include "cost/pricetable.h"

#include "asl/reader.h"
#include "cost/pricebounds.h"
#include "design/resourcepaths.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace egress::cost {

using asl::Json;

namespace {

constexpr const char *kFormat = "egress-studio-prices";
constexpr int kVersion = 1;

struct TableError
{
    std::string pointer;
    std::string message;
};

double positiveNumber(const Json &value, const std::string &pointer, const char *what)
{
    if (!value.is_number() || !std::isfinite(value.get<double>()))
        throw TableError{pointer, std::string(what) + " must be a number"};
    const double v = value.get<double>();
    if (v < 0)
        throw TableError{pointer, std::string(what) + " must not be negative"};
    return v;
}

/** `usd` / `per` as a price a unit, refused at `pointer` when it is no sane price (cost/pricebounds.h). */
double unitPrice(double usd, double per, const std::string &pointer)
{
    const double perUnit = usd / per;
    if (auto problem = unitPriceProblem(perUnit))
        throw TableError{pointer, "the price " + *problem};
    return perUnit;
}

std::string requiredString(const Json &object, const char *key, const std::string &pointer)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string() || it->get_ref<const std::string &>().empty())
        throw TableError{pointer + "/" + key, std::string("\"") + key + "\" must be a non-empty string"};
    return it->get<std::string>();
}

bool isDate(const std::string &s)
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

Price readPrice(const Json &json, const std::string &pointer)
{
    if (!json.is_object())
        throw TableError{pointer, "a price must be an object {\"usd\", \"unit\", \"source\", \"date\"}"};
    Price price;
    if (auto per = json.find("per"); per != json.end()) {
        price.per = positiveNumber(*per, pointer + "/per", "\"per\"");
        if (price.per <= 0)
            throw TableError{pointer + "/per", "\"per\" must be greater than 0"};
    }
    const auto usd = json.find("usd");
    const auto tiers = json.find("tiers");
    if ((usd == json.end()) == (tiers == json.end()))
        throw TableError{pointer, "a price needs exactly one of \"usd\" (a number) or \"tiers\" (a list)"};
    if (usd != json.end()) {
        price.tiers.push_back(
            {std::numeric_limits<double>::infinity(),
             unitPrice(positiveNumber(*usd, pointer + "/usd", "\"usd\""), price.per, pointer + "/usd")});
    } else {
        if (!tiers->is_array() || tiers->empty())
            throw TableError{pointer + "/tiers", "\"tiers\" must be a non-empty list of {\"upTo\", \"usd\"}"};
        double previous = 0;
        for (std::size_t i = 0; i < tiers->size(); ++i) {
            const std::string tp = pointer + "/tiers/" + std::to_string(i);
            const Json &t = (*tiers)[i];
            if (!t.is_object() || !t.contains("usd"))
                throw TableError{tp, "a tier must be an object {\"upTo\": quantity or null, \"usd\": price}"};
            Tier tier;
            tier.usdPerUnit =
                unitPrice(positiveNumber(t["usd"], tp + "/usd", "\"usd\""), price.per, tp + "/usd");
            const bool last = i + 1 == tiers->size();
            const auto upTo = t.find("upTo");
            if (upTo == t.end() || upTo->is_null()) {
                if (!last)
                    throw TableError{tp + "/upTo", "only the last tier may be open-ended (\"upTo\": null)"};
            } else {
                tier.upTo = positiveNumber(*upTo, tp + "/upTo", "\"upTo\"");
                if (tier.upTo <= previous)
                    throw TableError{tp + "/upTo", "tier bounds must increase"};
                previous = tier.upTo;
            }
            if (last && std::isfinite(tier.upTo))
                throw TableError{tp + "/upTo", "the last tier must be open-ended (\"upTo\": null)"};
            price.tiers.push_back(tier);
        }
    }
    price.unit = requiredString(json, "unit", pointer);
    price.source = requiredString(json, "source", pointer);
    price.date = requiredString(json, "date", pointer);
    if (!isDate(price.date))
        throw TableError{pointer + "/date", "\"date\" must be YYYY-MM-DD"};
    if (auto e = json.find("estimate"); e != json.end()) {
        if (!e->is_boolean())
            throw TableError{pointer + "/estimate", "\"estimate\" must be true or false"};
        price.estimate = e->get<bool>();
    }
    if (auto n = json.find("note"); n != json.end() && n->is_string())
        price.note = n->get<std::string>();
    return price;
}

PriceTable readTable(const Json &doc, const std::string &fileName, const std::string &wantedRegion)
{
    if (!doc.is_object())
        throw TableError{"", "a price table must be a JSON object"};
    if (doc.value("format", std::string()) != kFormat)
        throw TableError{"/format",
                         std::string("not a price table (\"format\" must be \"") + kFormat + "\")"};
    if (!doc.contains("version") || !doc["version"].is_number_integer())
        throw TableError{"/version", "\"version\" must be an integer"};
    if (doc["version"].get<int>() > kVersion)
        throw TableError{"/version", "price table version " + std::to_string(doc["version"].get<int>()) +
                                         " is newer than this Egress Studio understands (" +
                                         std::to_string(kVersion) + ")"};
    PriceTable table;
    table.file = fileName;
    table.name = requiredString(doc, "name", "");
    table.date = requiredString(doc, "date", "");
    if (!isDate(table.date))
        throw TableError{"/date", "\"date\" must be YYYY-MM-DD"};
    if (auto c = doc.find("currency"); c != doc.end() && *c != "USD")
        throw TableError{"/currency", "only USD tables are supported"};
    const auto regions = doc.find("regions");
    if (regions == doc.end() || !regions->is_object() || regions->empty())
        throw TableError{"/regions", "\"regions\" must be an object with at least one region"};
    std::string region = wantedRegion;
    if (region.empty()) {
        if (regions->size() != 1)
            throw TableError{"/regions", "the table has several regions: choose one"};
        region = regions->begin().key();
    }
    const auto r = regions->find(region);
    if (r == regions->end()) {
        std::string known;
        for (const auto &[name, value] : regions->items())
            known += (known.empty() ? "" : ", ") + name;
        throw TableError{"/regions",
                         "region \"" + region + "\" is not in this table (it has: " + known + ")"};
    }
    table.region = region;
    const std::string rp = "/regions/" + asl::escapePointerToken(region);
    if (!r->is_object() || !r->contains("prices") || !(*r)["prices"].is_object())
        throw TableError{rp + "/prices", "a region needs a \"prices\" object"};
    for (const auto &[id, value] : (*r)["prices"].items())
        table.prices[id] = readPrice(value, rp + "/prices/" + asl::escapePointerToken(id));
    if (auto free = r->find("freeTier"); free != r->end()) {
        if (!free->is_object())
            throw TableError{rp + "/freeTier", "\"freeTier\" must be an object"};
        for (const auto &[id, value] : free->items()) {
            const std::string fp = rp + "/freeTier/" + asl::escapePointerToken(id);
            if (!value.is_object() || !value.contains("quantity"))
                throw TableError{fp,
                                 "a free allowance must be an object {\"quantity\", \"unit\", \"source\"}"};
            FreeAllowance allowance;
            allowance.quantity = positiveNumber(value["quantity"], fp + "/quantity", "\"quantity\"");
            allowance.unit = requiredString(value, "unit", fp);
            allowance.source = requiredString(value, "source", fp);
            table.freeTier[id] = allowance;
        }
    }
    for (const std::string &id : requiredPriceIds())
        if (!table.prices.count(id))
            throw TableError{rp + "/prices", "price " + id + " missing from table " + table.name};
    return table;
}

} // namespace

const Price &PriceTable::price(std::string_view id) const
{
    const auto it = prices.find(id);
    if (it == prices.end())
        throw PriceError{"price " + std::string(id) + " missing from table " + name +
                         (file.empty() ? "" : " (" + file + ")")};
    return it->second;
}

double PriceTable::freeQuantity(std::string_view id) const
{
    const auto it = freeTier.find(id);
    return it == freeTier.end() ? 0 : it->second.quantity;
}

const std::vector<std::string> &requiredPriceIds()
{
    static const std::vector<std::string> ids{"nat-gateway-hour",         "nat-gateway-gb",
                                              "public-ipv4-hour",         "sfn-state-transition",
                                              "sfn-express-request",      "sfn-express-gb-second",
                                              "lambda-request",           "lambda-gb-second-x86_64",
                                              "lambda-gb-second-arm64",   "data-transfer-out-gb",
                                              "interface-endpoint-hour",  "interface-endpoint-gb",
                                              "apigw-rest-request",       "apigw-http-request",
                                              "eventbridge-event",        "secrets-manager-secret-month",
                                              "secrets-manager-api-call", "nat-instance-hour",
                                              "ebs-gp3-gb-month"};
    return ids;
}

PriceTableLoad parsePriceTable(const std::string &text, const std::string &fileName,
                               const std::string &region)
{
    PriceTableLoad out;
    const asl::ReadResult read = asl::parseJson(text, fileName);
    if (!read.value) {
        out.error = read.error ? read.error->toString() : fileName + ": not JSON";
        return out;
    }
    if (!read.duplicateKeys.empty()) {
        // Which of two prices counts is no guess to make silently.
        out.error = fileName + ": " + read.duplicateKeys.front() +
                    ": the key occurs more than once in its object; a price table must say each thing once";
        return out;
    }
    try {
        out.table = readTable(*read.value, fileName, region);
    } catch (const TableError &e) {
        out.error = fileName + ": " + (e.pointer.empty() ? "/" : e.pointer) + ": " + e.message;
    }
    return out;
}

PriceTableLoad loadPriceTable(const std::string &path, const std::string &region)
{
    std::string text;
    if (auto error = asl::readWholeFile(path, text)) {
        PriceTableLoad out;
        out.error = *error;
        return out;
    }
    return parsePriceTable(text, path, region);
}

namespace {
std::filesystem::path pricingDirectory()
{
    return design::resourceDirectory() / "pricing";
}
} // namespace

std::vector<std::string> knownRegions()
{
    std::set<std::string> regions;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(pricingDirectory(), ec)) {
        if (entry.path().extension() != ".json")
            continue;
        std::string text;
        if (asl::readWholeFile(entry.path().string(), text))
            continue;
        const asl::ReadResult read = asl::parseJson(text, entry.path().string());
        if (read.value && read.value->is_object() && read.value->contains("regions") &&
            (*read.value)["regions"].is_object())
            for (const auto &[name, value] : (*read.value)["regions"].items())
                regions.insert(name);
    }
    return {regions.begin(), regions.end()};
}

PriceTableLoad bundledPriceTable(const std::string &region)
{
    // Files are named by region (resources/pricing/<region>.json); a region set lives in one file per region.
    const std::filesystem::path file = pricingDirectory() / (region + ".json");
    std::error_code ec;
    if (region.find('/') != std::string::npos || !std::filesystem::is_regular_file(file, ec)) {
        PriceTableLoad out;
        std::string known;
        for (const std::string &r : knownRegions())
            known += (known.empty() ? "" : ", ") + r;
        out.error = "unknown region \"" + region + "\": no bundled price table (known regions: " + known +
                    "); load one with --prices FILE";
        return out;
    }
    return loadPriceTable(file.string(), region);
}

} // namespace egress::cost

namespace egress::cost {

std::string applyPriceOverrides(PriceTable &table, const asl::Json &overrides)
{
    if (overrides.is_null())
        return {};
    if (!overrides.is_object())
        return "/priceOverrides: must be an object {\"price-id\": number}";
    for (const auto &[id, value] : overrides.items()) {
        const std::string pointer = "/priceOverrides/" + asl::escapePointerToken(id);
        const auto it = table.prices.find(id);
        if (it == table.prices.end())
            return pointer + ": unknown price id \"" + id + "\"";
        if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0)
            return pointer + ": a price override must be a number ≥ 0";
        Price &price = it->second;
        if (auto problem = unitPriceProblem(value.get<double>() / price.per))
            return pointer + ": the price " + *problem;
        price.tiers = {Tier{std::numeric_limits<double>::infinity(), value.get<double>() / price.per}};
        price.source = "project priceOverrides (was: " + price.source + ")";
        price.estimate = false;
    }
    return {};
}

} // namespace egress::cost

#include "usage/billcompare.h"

#include "asl/reader.h"
#include "cost/meter.h"
#include "usage/costexplorer.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

namespace egress::usage {

namespace {

/** The columns read, under their legacy CUR name and their CUR 2.0 (Data Exports) name. */
struct Column
{
    const char *legacy;
    const char *cur2;
};
constexpr Column kUsageType{"lineItem/UsageType", "line_item_usage_type"};
constexpr Column kCost{"lineItem/UnblendedCost", "line_item_unblended_cost"};
constexpr Column kAmount{"lineItem/UsageAmount", "line_item_usage_amount"};
constexpr Column kProductName{"product/ProductName", "product_product_name"};
constexpr Column kProductCode{"lineItem/ProductCode", "line_item_product_code"};
constexpr Column kItemType{"lineItem/LineItemType", "line_item_line_item_type"};
constexpr Column kCurrency{"lineItem/CurrencyCode", "line_item_currency_code"};
constexpr Column kStart{"lineItem/UsageStartDate", "line_item_usage_start_date"};
constexpr Column kEnd{"lineItem/UsageEndDate", "line_item_usage_end_date"};

/** RFC 4180 records; `lines[i]` is the line record i starts on. Returns an error message or "". */
std::string splitCsv(const std::string &text, std::vector<std::vector<std::string>> &records,
                     std::vector<int> &lines)
{
    std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; // a BOM, as Excel writes
    int line = 1;
    while (i < text.size()) {
        std::vector<std::string> fields;
        const int recordLine = line;
        std::string field;
        bool endOfRecord = false;
        while (!endOfRecord) {
            field.clear();
            if (i < text.size() && text[i] == '"') {
                ++i;
                for (;;) {
                    if (i >= text.size())
                        return std::to_string(recordLine) + ": a quoted field is never closed";
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (text[i] == '\n')
                        ++line;
                    field += text[i++];
                }
                if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    return std::to_string(line) + ": text after a quoted field";
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    field += text[i++];
            }
            fields.push_back(field);
            if (i < text.size() && text[i] == ',') {
                ++i;
                continue;
            }
            if (i < text.size() && text[i] == '\r')
                ++i;
            if (i < text.size() && text[i] == '\n')
                ++i;
            ++line;
            endOfRecord = true;
        }
        if (!(fields.size() == 1 && fields[0].empty())) { // blank lines
            records.push_back(std::move(fields));
            lines.push_back(recordLine);
        }
    }
    return {};
}

bool parseNumber(const std::string &text, double &out)
{
    if (text.empty())
        return false;
    char *end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end && *end == '\0' && std::isfinite(out);
}

bool isRegionCode(const std::string &token)
{
    if (token.size() < 2 || token.size() > 5)
        return false;
    for (const char c : token)
        if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

bool contains(const std::string &text, const char *part)
{
    return text.find(part) != std::string::npos;
}

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

std::string usd(double v)
{
    return cost::formatUsd(v);
}

std::string pad(const std::string &text, std::size_t width, bool right)
{
    // Column widths count characters, not bytes (the em dash).
    std::size_t chars = 0;
    for (const char c : text)
        chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    const std::string fill(width > chars ? width - chars : 0, ' ');
    return right ? fill + text : text + fill;
}

std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (const std::string &s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

} // namespace

std::string lineItemForUsageType(const std::string &usageType, const std::string &product)
{
    std::string rest = usageType;
    const std::size_t dash = rest.find('-');
    if (dash != std::string::npos && isRegionCode(rest.substr(0, dash))) {
        rest = rest.substr(dash + 1);
        // USE1-EUW1-AWS-Out-Bytes: between two regions, which the model does not price.
        const std::size_t second = rest.find('-');
        if (second != std::string::npos && isRegionCode(rest.substr(0, second)))
            return {};
    }
    const bool apiGateway = contains(product, "API Gateway") || contains(product, "AmazonApiGateway");
    const bool eventBridge = contains(product, "EventBridge") || contains(product, "CloudWatch Events");
    if (startsWith(rest, "NatGateway-Hours"))
        return "nat-gateway-hours";
    if (startsWith(rest, "NatGateway-Bytes"))
        return "nat-data-processing";
    if (contains(rest, "PublicIPv4"))
        return "nat-public-ipv4";
    if (startsWith(rest, "VpcEndpoint-Hours"))
        return "interface-endpoint-hours";
    if (startsWith(rest, "VpcEndpoint-Bytes"))
        return "interface-endpoint-data";
    if (startsWith(rest, "DataTransfer-Out-Bytes"))
        return "data-transfer-out";
    if (startsWith(rest, "DataTransfer-Regional-Bytes"))
        return "inter-az-transfer";
    if (contains(rest, "StateTransition"))
        return "sfn-state-transitions";
    if (contains(rest, "Express") && contains(rest, "Request"))
        return "sfn-express-requests";
    if (contains(rest, "Express") && (contains(rest, "GB-Second") || contains(rest, "Duration")))
        return "sfn-express-duration";
    if (startsWith(rest, "Lambda-GB-Second"))
        return "lambda-duration";
    if (startsWith(rest, "ApiGateway") || (apiGateway && contains(rest, "Request")) ||
        (eventBridge && contains(rest, "Event")))
        return "trigger-requests";
    if (rest == "Request" || rest == "Request-ARM")
        return "lambda-requests";
    if (startsWith(rest, "BoxUsage:t4g.nano"))
        return "nat-instance-hours";
    if (startsWith(rest, "EBS:VolumeUsage.gp3"))
        return "nat-instance-ebs";
    return {};
}

void addBilledRow(Bill &bill, BillIndex &index, const std::string &usageType, const std::string &product,
                  double usd, double amount)
{
    auto it = index.find({usageType, product});
    if (it == index.end()) {
        it = index.emplace(std::make_pair(usageType, product), bill.usages.size()).first;
        bill.usages.push_back({usageType, product, 0, 0, lineItemForUsageType(usageType, product)});
    }
    bill.usages[it->second].usd += usd;
    bill.usages[it->second].amount += amount;
}

BillLoad parseBill(const std::string &text, const std::string &file)
{
    BillLoad load;
    // Cost Explorer's JSON (aws ce get-cost-and-usage) rather than a CUR CSV: its first character is "{".
    if (const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
        first != std::string::npos && text[first] == '{') {
        const asl::ReadResult read = asl::parseJson(text, file);
        if (!read) {
            load.error = read.error ? read.error->toString() : file + ": not JSON";
            return load;
        }
        if (!isCostExplorerResult(*read.value)) {
            load.error = file + ": JSON without \"ResultsByTime\": expected the output of aws ce "
                                "get-cost-and-usage, or a Cost and Usage Report CSV";
            return load;
        }
        return billFromCostExplorer(*read.value, file);
    }
    std::vector<std::vector<std::string>> records;
    std::vector<int> lines;
    if (const std::string error = splitCsv(text, records, lines); !error.empty()) {
        load.error = file + ":" + error;
        return load;
    }
    if (records.empty()) {
        load.error = file + ": empty: expected a Cost and Usage Report CSV with a header line";
        return load;
    }
    const std::vector<std::string> &header = records.front();
    auto find = [&header](const Column &c) -> int {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == c.legacy || header[i] == c.cur2)
                return static_cast<int>(i);
        return -1;
    };
    const int usageType = find(kUsageType), costColumn = find(kCost);
    if (usageType < 0 || costColumn < 0) {
        load.error = file + ":1: not a Cost and Usage Report: the header has no " +
                     (usageType < 0 ? std::string(kUsageType.legacy) + " (or " + kUsageType.cur2 + ")"
                                    : std::string(kCost.legacy) + " (or " + kCost.cur2 + ")") +
                     " column";
        return load;
    }
    const int amount = find(kAmount), productName = find(kProductName), productCode = find(kProductCode),
              itemType = find(kItemType), currency = find(kCurrency), start = find(kStart), end = find(kEnd);
    Bill bill;
    bill.file = file;
    BillIndex index;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const std::vector<std::string> &row = records[r];
        const std::string where = file + ":" + std::to_string(lines[r]) + ": ";
        if (row.size() != header.size()) {
            load.error = where + std::to_string(row.size()) + " fields, the header has " +
                         std::to_string(header.size());
            return load;
        }
        double usdValue = 0;
        if (!parseNumber(row[static_cast<std::size_t>(costColumn)], usdValue)) {
            load.error = where + header[static_cast<std::size_t>(costColumn)] + ": \"" +
                         row[static_cast<std::size_t>(costColumn)] + "\" is not a number";
            return load;
        }
        if (currency >= 0 && !row[static_cast<std::size_t>(currency)].empty() &&
            row[static_cast<std::size_t>(currency)] != "USD") {
            load.error = where + header[static_cast<std::size_t>(currency)] + ": " +
                         row[static_cast<std::size_t>(currency)] + ": the cost model prices in USD";
            return load;
        }
        double amountValue = 0;
        if (amount >= 0 && !row[static_cast<std::size_t>(amount)].empty() &&
            !parseNumber(row[static_cast<std::size_t>(amount)], amountValue)) {
            load.error = where + header[static_cast<std::size_t>(amount)] + ": \"" +
                         row[static_cast<std::size_t>(amount)] + "\" is not a number";
            return load;
        }
        ++bill.rows;
        if (start >= 0) {
            const std::string &s = row[static_cast<std::size_t>(start)];
            if (!s.empty() && (bill.start.empty() || s < bill.start))
                bill.start = s;
        }
        if (end >= 0) {
            const std::string &e = row[static_cast<std::size_t>(end)];
            if (!e.empty() && e > bill.end)
                bill.end = e;
        }
        // Only usage is compared; taxes, credits, refunds, fees and upfront payments are not the model's.
        if (itemType >= 0) {
            const std::string &type = row[static_cast<std::size_t>(itemType)];
            if (type != "Usage" && type != "DiscountedUsage" && type != "SavingsPlanCoveredUsage") {
                bill.skippedUsd += usdValue;
                continue;
            }
        }
        const std::string product = productName >= 0   ? row[static_cast<std::size_t>(productName)]
                                    : productCode >= 0 ? row[static_cast<std::size_t>(productCode)]
                                                       : std::string();
        addBilledRow(bill, index, row[static_cast<std::size_t>(usageType)], product, usdValue, amountValue);
    }
    if (bill.rows == 0) {
        load.error = file + ": no line items after the header";
        return load;
    }
    load.bill = std::move(bill);
    return load;
}

BillLoad loadBill(const std::string &path)
{
    std::string text;
    if (const auto error = asl::readWholeFile(path, text)) {
        BillLoad load;
        load.error = *error;
        return load;
    }
    return parseBill(text, path);
}

BillComparison compareWithBill(const cost::CostReport &report, const Bill &bill, const std::string &strategy)
{
    BillComparison c;
    c.file = bill.file;
    c.start = bill.start;
    c.end = bill.end;
    c.skippedUsd = bill.skippedUsd;
    const cost::StrategyCost *s = nullptr;
    for (const cost::StrategyCost &candidate : report.strategies)
        if (strategy.empty() ? candidate.designed : candidate.id == strategy)
            s = &candidate;
    if (!s)
        return c;
    c.strategy = s->id;
    std::map<std::string, std::size_t> lineOf;
    for (const cost::LineItem &item : s->items) {
        lineOf[item.id] = c.lines.size();
        c.lines.push_back({item.id, item.label, item.usd, 0, {}});
        c.estimateUsd += item.usd;
    }
    BillLine other{"", "not in the cost model", 0, 0, {}};
    for (const BilledUsage &u : bill.usages) {
        c.billedUsd += u.usd;
        if (u.lineItem.empty()) {
            other.billedUsd += u.usd;
            other.usageTypes.push_back(u.usageType);
            continue;
        }
        auto it = lineOf.find(u.lineItem);
        if (it == lineOf.end()) {
            it = lineOf.emplace(u.lineItem, c.lines.size()).first;
            c.lines.push_back({u.lineItem, "not in " + s->id, 0, 0, {}});
        }
        c.lines[it->second].billedUsd += u.usd;
        c.lines[it->second].usageTypes.push_back(u.usageType);
    }
    if (!other.usageTypes.empty())
        c.lines.push_back(std::move(other));
    return c;
}

std::string formatBillText(const BillComparison &c)
{
    std::ostringstream out;
    out << "Against the bill " << c.file;
    if (!c.start.empty())
        out << " (" << c.start << " … " << c.end << ")";
    out << ": " << c.strategy << " per month beside what was billed\n";
    out << pad("line item", 28, false) << pad("estimate", 12, true) << pad("billed", 12, true)
        << pad("bill − est.", 13, true) << "  usage types\n";
    for (const BillLine &l : c.lines) {
        const std::string id = l.id.empty() ? "(" + l.label + ")" : l.id;
        out << pad(id, 28, false) << pad(l.id.empty() ? "—" : usd(l.estimateUsd), 12, true)
            << pad(usd(l.billedUsd), 12, true)
            << pad(l.id.empty() ? "" : usd(l.billedUsd - l.estimateUsd), 13, true) << "  "
            << joined(l.usageTypes) << "\n";
    }
    out << pad("total", 28, false) << pad(usd(c.estimateUsd), 12, true) << pad(usd(c.billedUsd), 12, true)
        << pad(usd(c.billedUsd - c.estimateUsd), 13, true) << "\n";
    if (c.skippedUsd != 0)
        out << "Not compared: " << usd(c.skippedUsd) << " of tax, credits, refunds and fees.\n";
    return out.str();
}

std::string formatBillMarkdown(const BillComparison &c)
{
    std::ostringstream out;
    out << "\n**Against the bill** `" << c.file << "`";
    if (!c.start.empty())
        out << " (" << c.start << " … " << c.end << ")";
    out << ", `" << c.strategy << "`\n\n| line item | estimate | billed | bill − estimate | usage types |\n"
        << "|---|---:|---:|---:|---|\n";
    for (const BillLine &l : c.lines)
        out << "| " << (l.id.empty() ? "*" + l.label + "*" : l.id) << " | "
            << (l.id.empty() ? "—" : usd(l.estimateUsd)) << " | " << usd(l.billedUsd) << " | "
            << (l.id.empty() ? "" : usd(l.billedUsd - l.estimateUsd)) << " | " << joined(l.usageTypes)
            << " |\n";
    out << "| **total** | " << usd(c.estimateUsd) << " | " << usd(c.billedUsd) << " | "
        << usd(c.billedUsd - c.estimateUsd) << " | |\n";
    if (c.skippedUsd != 0)
        out << "\nNot compared: " << usd(c.skippedUsd) << " of tax, credits, refunds and fees.\n";
    return out.str();
}

asl::Json billToJson(const BillComparison &c)
{
    asl::Json lines = asl::Json::array();
    for (const BillLine &l : c.lines)
        lines.push_back({{"id", l.id.empty() ? asl::Json(nullptr) : asl::Json(l.id)},
                         {"label", l.label},
                         {"estimateUsd", l.estimateUsd},
                         {"billedUsd", l.billedUsd},
                         {"usageTypes", l.usageTypes}});
    return {{"file", c.file},
            {"strategy", c.strategy},
            {"start", c.start},
            {"end", c.end},
            {"estimateUsd", c.estimateUsd},
            {"billedUsd", c.billedUsd},
            {"skippedUsd", c.skippedUsd},
            {"lines", lines}};
}

} // namespace egress::usage

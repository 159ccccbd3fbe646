#pragma once

// `egress-cli cost P --bill BILL.csv`: the estimate beside what AWS billed, per line item. Reads a Cost and
// Usage Report CSV (legacy `lineItem/UsageType` columns or CUR 2.0 / Data Exports `line_item_usage_type`) and
// maps each usage type (e.g. USE1-NatGateway-Hours) to the cost model's line items. docs/usage.md, "Against
// the bill".
#include "asl/json.h"
#include "cost/costengine.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace egress::usage {

/** One billed usage type, summed over the file's rows. */
struct BilledUsage
{
    std::string usageType; ///< as billed, region prefix included
    std::string product;   ///< product/ProductName or the product code; "" when the file has neither
    double usd = 0;
    double amount = 0;    ///< lineItem/UsageAmount when present
    std::string lineItem; ///< the model's line item id; "" when the model has none for it
};

struct Bill
{
    std::string file;
    std::string start, end; ///< the earliest lineItem/UsageStartDate and latest UsageEndDate, when present
    std::vector<BilledUsage> usages;
    double skippedUsd =
        0; ///< rows that are not usage (Tax, Credit, Refund, Fee, …), left out of the comparison
    int rows = 0;
};

struct BillLoad
{
    std::optional<Bill> bill;
    std::string error; ///< "FILE:LINE: message" when bill is empty
};

BillLoad loadBill(const std::string &path);
BillLoad parseBill(const std::string &text, const std::string &fileName);

/** Where each (usage type, product) already is in Bill::usages, while a bill is read. */
using BillIndex = std::map<std::pair<std::string, std::string>, std::size_t>;

/** Adds one billed row: summed with the earlier rows of the same usage type and product (CUR and Cost
 * Explorer readers alike). */
void addBilledRow(Bill &bill, BillIndex &index, const std::string &usageType, const std::string &product,
                  double usd, double amount);

/** The model's line item for a usage type ("USE1-NatGateway-Hours" → "nat-gateway-hours"); "" when none. */
std::string lineItemForUsageType(const std::string &usageType, const std::string &product);

struct BillLine
{
    std::string id; ///< the model's line item id, or "" for the usage types the model does not price
    std::string label;
    double estimateUsd = 0;
    double billedUsd = 0;
    std::vector<std::string> usageTypes;
};

struct BillComparison
{
    std::string file;
    std::string strategy; ///< the strategy compared: the designed one
    std::string start, end;
    std::vector<BillLine> lines; ///< the strategy's items in order, then billed items it lacks, then "other"
    double estimateUsd = 0;
    double billedUsd = 0; ///< the usage rows (skippedUsd not included)
    double skippedUsd = 0;
};

/** Compares the designed strategy's line items (any strategy's when `strategy` is given) with the bill. */
BillComparison compareWithBill(const cost::CostReport &report, const Bill &bill,
                               const std::string &strategy = {});

std::string formatBillText(const BillComparison &comparison);
std::string formatBillMarkdown(const BillComparison &comparison);
asl::Json billToJson(const BillComparison &comparison);

} // namespace egress::usage

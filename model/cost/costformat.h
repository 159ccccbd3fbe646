#pragma once

#include "asl/json.h"
#include "cost/costengine.h"

#include <string>
#include <string_view>
#include <vector>

namespace egress::cost {

/** One line item compared between two strategies (absent on one side = $0). */
struct ItemDelta
{
    std::string id;
    std::string label;
    double aUsd = 0;
    double bUsd = 0;
};

/** The line items whose cost differs between two strategies, largest difference first. */
std::vector<ItemDelta> differingItems(const StrategyCost &a, const StrategyCost &b);

/**
 * The JSON contract of `egress-cli cost --format json` (docs/cost-model.md): project, region, priceTable
 * {name, date}, executionsPerMonth, workflowType, freeTier, transitionsPerExecution, strategies[] {id, label,
 * monthlyUsd, available, compliant, designed, notes, items[] {id, label, usd, formula}}, breakEven[] {a, b,
 * executionsPerMonth[]}, cheapest; plus freeTiersApplied, estimatedPrices, warnings and, when asked, curves.
 */
asl::Json costReportToJson(const CostReport &report, bool withCurves = false);

/** A table a person pastes into a chat: strategies, break-even, and why they differ. */
std::string formatCostText(const CostReport &report);

/** A strategy's name short enough for a narrow table column ("Shared NAT gateway"); its `label` says more
 * ("One NAT gateway shared by all AZs (one Lambda in the VPC)"). An unknown id names itself. */
std::string_view strategyShortName(std::string_view id);
/** One row per line item: strategy,item,label,usd,formula (RFC 4180 quoting). */
std::string formatCostCsv(const CostReport &report);
/** For a pull-request comment. */
std::string formatCostMarkdown(const CostReport &report);

} // namespace egress::cost

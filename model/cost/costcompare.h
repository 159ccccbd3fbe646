#pragma once

#include "asl/json.h"
#include "cost/costengine.h"

#include <string>
#include <vector>

namespace egress::cost {

/** One line item of one strategy in two versions of a design ($0 where it is absent). */
struct ItemChange
{
    std::string id;
    std::string label;
    double oldUsd = 0;
    double newUsd = 0;
};

/** One strategy in two versions: the monthly delta and the line items that changed (by at least half a cent).
 */
struct StrategyChange
{
    std::string id;
    double oldUsd = 0;
    double newUsd = 0;
    bool oldAvailable = true;
    bool newAvailable = true;
    std::vector<ItemChange> items;
};

/** Cost difference between two versions of a design, for a pull-request review. */
struct CostComparison
{
    std::string oldProject;
    std::string newProject;
    double oldExecutions = 0;
    double newExecutions = 0;
    std::vector<StrategyChange> strategies;
    std::string oldCheapest;
    std::string newCheapest;
    bool cheapestChanged() const { return oldCheapest != newCheapest; }
};

CostComparison compareCosts(const CostReport &before, const CostReport &after);

asl::Json costComparisonToJson(const CostComparison &comparison);
std::string formatComparisonText(const CostComparison &comparison);
std::string formatComparisonMarkdown(const CostComparison &comparison);

} // namespace egress::cost

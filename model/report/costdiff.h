#pragma once

#include "asl/json.h"
#include "cost/costformat.h"

#include <string>
#include <vector>

namespace egress::report {

/** One strategy in two versions of a design. */
struct StrategyDelta
{
    std::string id;
    std::string label;
    double oldUsd = 0;
    double newUsd = 0;
    bool oldAvailable = true;
    bool newAvailable = true;
    std::vector<cost::ItemDelta> items; ///< line items that changed (a = old, b = new), largest change first

    double delta() const { return newUsd - oldUsd; }
};

/** What changed in cost between two versions of a design, for a pull-request review. */
struct CostDiff
{
    std::string oldName; ///< file names as given on the command line
    std::string newName;
    double oldExecutions = 0;
    double newExecutions = 0;
    std::string region;
    std::vector<StrategyDelta> strategies; ///< in the engine's order; strategies of either side
    std::string oldCheapest;
    std::string newCheapest;
    std::string oldDesigned; ///< the "as designed" strategy of each side
    std::string newDesigned;
    std::vector<std::string> movedSteps; ///< "NAME: inside-vpc → outside-vpc" and the like

    bool cheapestChanged() const { return oldCheapest != newCheapest; }
};

/** Compares two cost reports strategy by strategy and line item by line item. */
CostDiff diffCosts(const cost::CostReport &oldReport, const cost::CostReport &newReport,
                   const std::string &oldName, const std::string &newName);

/** Steps whose placement or egress differs between two projects, one line each. */
std::vector<std::string> designChanges(const design::Project &oldProject, const design::Project &newProject);

/** A pull-request comment: a table of deltas, the changed line items, and the cheapest verdict. */
std::string formatDiffMarkdown(const CostDiff &diff);
std::string formatDiffText(const CostDiff &diff);
/** {old, new, executionsPerMonth{old,new}, region, cheapest{old,new,changed}, designChanges[], strategies[]
 *  {id, label, oldUsd, newUsd, deltaUsd, oldAvailable, newAvailable, items[] {id, label, oldUsd, newUsd}}} */
asl::Json diffToJson(const CostDiff &diff);

} // namespace egress::report

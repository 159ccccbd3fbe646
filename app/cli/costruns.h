#pragma once

// egress-cli cost P --from-runs MOCKS [--weights CASE=W,...]: what the simulated test cases imply beside the
// graph estimate (docs/simulator.md, "Checking the cost estimate").
#include "asl/json.h"
#include "cost/costengine.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace egress::cli {

struct FromRuns
{
    std::string mocks;
    std::string weights; ///< "CASE=W,CASE=W"; every test case weighs 1 by default
    std::string stateMachine;
};

/**
 * Runs every test case of the mock file on the priced project and returns the comparison with the estimate
 * as text (or JSON when `json`); prints located problems to `err` and returns nothing on bad input.
 */
std::optional<std::string> costFromRuns(const std::string &projectPath, const FromRuns &options,
                                        const cost::CostReport &report, bool json, std::ostream &err);

} // namespace egress::cli

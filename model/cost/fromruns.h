#pragma once

// What simulated runs imply beside the graph estimate (docs/simulator.md, "Checking the cost estimate"): the
// designed strategy's line items that depend on the workflow's behaviour — state transitions, Lambda
// requests, Express duration — re-priced from the runs' figures. The CLI (`cost --from-runs`) and the
// designer's cost panel both run the test cases their own way and hand the figures here.
#include "asl/json.h"
#include "cost/costengine.h"
#include "sim/interpreter.h"

#include <string>
#include <vector>

namespace egress::cost {

/** One simulated test case, reduced to what the bill counts, with how often it happens. */
struct RunFigures
{
    std::string testCase;
    double weight = 1;
    std::string status;           ///< SUCCEEDED, FAILED, ...
    double transitions = 0;       ///< billed: states entered plus retries
    double lambdaInvocations = 0; ///< retries included
    double durationMs = 0;        ///< simulated (Wait, back-off, mocked durations)
};

/** A finished run reduced to what the bill counts: billed transitions are states entered plus retries. */
RunFigures runFigures(const std::string &testCase, double weight, const sim::RunResult &result);

/** A designed line item priced twice. */
struct ItemFromRuns
{
    std::string id;
    std::string label;
    double estimateUsd = 0;
    double fromRunsUsd = 0;
};

struct FromRuns
{
    std::string error; ///< when set, nothing else is
    std::vector<RunFigures> runs;
    double totalWeight = 0;
    // Per execution: the estimate's figure and the weighted average of the runs.
    double estimatedTransitions = 0, transitions = 0;
    double estimatedLambdaInvocations = 0, lambdaInvocations = 0;
    double estimatedSeconds = 0, seconds = 0;
    double failedShare = 0;
    std::vector<ItemFromRuns> items; ///< the designed strategy's items the runs re-price
    double estimateUsd = 0;          ///< the designed strategy's monthly total
    double fromRunsUsd = 0;          ///< the same with `items` priced from the runs
    bool designedAvailable = false;  ///< false: no designed strategy to re-price (errors, unavailable)
};

/**
 * Weighs the runs (weights ≥ 0, at least one > 0) and re-prices the designed strategy of `report`, which was
 * priced from `definition`. A line item's per-execution quantity is scaled by runs ÷ estimate and priced with
 * its own tiers and free allowance at the report's volume; an item whose estimate is 0 stays as it is.
 */
FromRuns compareWithRuns(const asl::Json &definition, const CostReport &report, std::vector<RunFigures> runs);

/** `cost --from-runs` as text: per execution, estimate, runs, difference. */
std::string formatFromRunsText(const FromRuns &r, const std::string &source, const std::string &machine);
/** The `fromRuns` object of `cost --format json` (docs/simulator.md). */
asl::Json fromRunsToJson(const FromRuns &r, const std::string &source, const std::string &machine);
/** "+22.2%", "-5.0%", or "-" when the estimate is 0. */
std::string relativeDifference(double estimate, double measured);

} // namespace egress::cost

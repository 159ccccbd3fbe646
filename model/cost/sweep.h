#pragma once

#include "cost/costengine.h"

#include <optional>
#include <string>
#include <vector>

namespace egress::cost {

/** One axis of the map: `from..to`, log-spaced at kSweepPointsPerDecade (both ends included). */
struct SweepAxis
{
    double from = 0;
    double to = 0;
    std::vector<double> values() const;
};

/** 4 points per decade: 1, 1.78, 3.16, 5.62, 10 … — a cell per quarter decade. */
inline constexpr int kSweepPointsPerDecade = 4;
/** The default map: 1e3..1e9 executions per month × 1..1e4 KB per execution. */
inline constexpr SweepAxis kDefaultExecutionsAxis{1e3, 1e9};
inline constexpr SweepAxis kDefaultKbAxis{1, 1e4};

/**
 * Which strategy is cheapest over executions per month × KB per execution (the request + response KB of every
 * internet call in one execution, retries included). Each KB value scales the internet-calling steps'
 * requestKb and responseKb by the same factor, so their proportions stay as designed.
 */
struct CheapestMap
{
    std::vector<double> executions;       ///< columns
    std::vector<double> kb;               ///< rows
    std::vector<std::string> strategies;  ///< ids, report order
    std::vector<std::string> cheapest;    ///< row-major: kb × executions; cheapest available and compliant
    std::vector<double> cheapestUsd;      ///< row-major
    std::vector<std::vector<double>> usd; ///< row-major cell → per strategy (NaN when unavailable)
    double currentExecutions = 0;         ///< the design's volume
    double currentKb = 0;                 ///< the design's KB per execution
    std::vector<std::string> warnings;    ///< e.g. nothing calls the internet
    std::vector<std::string> errors;      ///< the design cannot be priced

    const std::string &cheapestAt(std::size_t kbRow, std::size_t executionColumn) const
    {
        return cheapest[kbRow * executions.size() + executionColumn];
    }
};

/** Parses "executions=1e3..1e9" or "kb=1..1e4" (name, '=', two numbers > 0, from < to); error names the text.
 */
bool parseSweepAxis(const std::string &text, std::string &name, SweepAxis &axis, std::string &error);

/** The map for a project: one pricing per KB row (visits solved once), every column from the meters. */
CheapestMap cheapestMap(const design::Project &project, const PriceTable &prices,
                        const SweepAxis &executions = kDefaultExecutionsAxis,
                        const SweepAxis &kb = kDefaultKbAxis);

/** CSV: executionsPerMonth,kbPerExecution,cheapest,cheapestUsd then one column per strategy (empty:
 * unavailable). */
std::string formatCheapestMapCsv(const CheapestMap &map);
/** A grid for a terminal: KB rows top-down from the largest, a letter per cell, the legend, the design marked
 * *. */
std::string formatCheapestMapText(const CheapestMap &map);

} // namespace egress::cost

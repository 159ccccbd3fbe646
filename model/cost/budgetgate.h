#pragma once

#include "asl/json.h"
#include "cost/costengine.h"

#include <optional>
#include <string>

namespace egress::cost {

/**
 * The outcome of a CI cost gate: whether the designed strategy stays within a limit, and one sentence that
 * says by how much (printed by the CLI, put in the Markdown for a pull-request comment).
 */
struct GateResult
{
    std::string kind;     ///< "budget" or "max-increase"
    std::string strategy; ///< the designed strategy's id in the (new) report
    double valueUsd = 0;  ///< budget: the monthly cost; max-increase: new − old
    double limitUsd = 0;  ///< the limit in USD (a percentage limit converted at the old cost)
    bool passed = true;
    std::string
        summary; ///< e.g. "over budget: step-functions-standard costs $88.88/month, $38.88 over $50.00"
};

/** A --max-increase limit: "25", "$25", "25.50" (USD per month) or "10%" (of the old monthly cost). */
struct IncreaseLimit
{
    double value = 0;
    bool percent = false;
};

/** Parses a --max-increase argument; nullopt with `error` set when it is not a finite number ≥ 0 (or N%). */
std::optional<IncreaseLimit> parseIncreaseLimit(const std::string &text, std::string &error);

/** The strategy the project is designed as (designed: true), else the first one; nullptr when none. */
const StrategyCost *designedStrategy(const CostReport &report);

/** Over when the designed strategy's monthly cost exceeds `budgetUsd` (equal passes). */
GateResult budgetGate(const CostReport &report, double budgetUsd);
/**
 * Over when the designed strategy's monthly cost grew by more than the limit from `before` to `after`. A
 * percentage of an old cost of $0 lets no increase through.
 */
GateResult increaseGate(const CostReport &before, const CostReport &after, const IncreaseLimit &limit);

/** "**Budget gate: passed** — …" for Markdown; "budget gate: passed — …" for text. */
std::string formatGateMarkdown(const GateResult &gate);
std::string formatGateText(const GateResult &gate);
asl::Json gateToJson(const GateResult &gate);

} // namespace egress::cost

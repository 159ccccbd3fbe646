// CI cost gates: a monthly budget for the designed strategy and a limit on how much a change may add.
#include "cost/budgetgate.h"

#include <cmath>
#include <cstdlib>

namespace egress::cost {

namespace {

std::string usdPerMonth(double usd)
{
    return formatUsd(usd) + "/month";
}

std::string label(const GateResult &gate)
{
    return gate.kind == "budget" ? "Budget gate" : "Cost increase gate";
}

} // namespace

std::optional<IncreaseLimit> parseIncreaseLimit(const std::string &text, std::string &error)
{
    std::string s = text;
    IncreaseLimit limit;
    if (!s.empty() && s.back() == '%') {
        limit.percent = true;
        s.pop_back();
    } else if (!s.empty() && s.front() == '$') {
        s.erase(0, 1);
    }
    char *end = nullptr;
    const double v = s.empty() ? NAN : std::strtod(s.c_str(), &end);
    if (s.empty() || !end || *end != '\0' || !std::isfinite(v) || v < 0) {
        error =
            "--max-increase \"" + text + "\": expected USD per month (25, $25) or a percentage (10%), ≥ 0";
        return std::nullopt;
    }
    limit.value = v;
    return limit;
}

const StrategyCost *designedStrategy(const CostReport &report)
{
    for (const StrategyCost &s : report.strategies)
        if (s.designed)
            return &s;
    return report.strategies.empty() ? nullptr : &report.strategies.front();
}

GateResult budgetGate(const CostReport &report, double budgetUsd)
{
    GateResult g;
    g.kind = "budget";
    g.limitUsd = budgetUsd;
    const StrategyCost *s = designedStrategy(report);
    g.strategy = s ? s->id : "";
    g.valueUsd = s ? s->monthlyUsd : 0;
    g.passed = g.valueUsd <= budgetUsd;
    const std::string what = g.strategy + " (as designed) costs " + usdPerMonth(g.valueUsd) + ", ";
    g.summary =
        g.passed ? what + formatUsd(budgetUsd - g.valueUsd) + " under the budget of " + usdPerMonth(budgetUsd)
                 : what + formatUsd(g.valueUsd - budgetUsd) + " over the budget of " + usdPerMonth(budgetUsd);
    return g;
}

GateResult increaseGate(const CostReport &before, const CostReport &after, const IncreaseLimit &limit)
{
    GateResult g;
    g.kind = "max-increase";
    const StrategyCost *o = designedStrategy(before);
    const StrategyCost *n = designedStrategy(after);
    const double oldUsd = o ? o->monthlyUsd : 0, newUsd = n ? n->monthlyUsd : 0;
    g.strategy = n ? n->id : "";
    g.valueUsd = newUsd - oldUsd;
    g.limitUsd = limit.percent ? oldUsd * limit.value / 100 : limit.value;
    g.passed = g.valueUsd <= g.limitUsd;
    std::string change = (g.valueUsd >= 0 ? "+" : "") + formatUsd(g.valueUsd);
    if (oldUsd > 0)
        change += " (" + std::string(g.valueUsd >= 0 ? "+" : "") +
                  formatNumber(g.valueUsd / oldUsd * 100, 1) + "%)";
    const std::string limitText = limit.percent
                                      ? formatNumber(limit.value, 2) + "% (" + formatUsd(g.limitUsd) + ")"
                                      : formatUsd(g.limitUsd);
    const std::string renamed = o && n && o->id != n->id ? " (was " + o->id + ")" : "";
    g.summary = g.strategy + renamed + " (as designed) goes from " + usdPerMonth(oldUsd) + " to " +
                usdPerMonth(newUsd) + ": " + change + ", " + (g.passed ? "within" : "over") +
                " the allowed increase of " + limitText;
    return g;
}

std::string formatGateMarkdown(const GateResult &gate)
{
    return "**" + label(gate) + ": " + (gate.passed ? "passed" : "failed") + "** — " + gate.summary + ".\n";
}

std::string formatGateText(const GateResult &gate)
{
    return label(gate) + ": " + (gate.passed ? "passed" : "FAILED") + " — " + gate.summary + ".\n";
}

asl::Json gateToJson(const GateResult &gate)
{
    return {{"kind", gate.kind},         {"strategy", gate.strategy}, {"valueUsd", gate.valueUsd},
            {"limitUsd", gate.limitUsd}, {"passed", gate.passed},     {"summary", gate.summary}};
}

} // namespace egress::cost

#include "cost/fromruns.h"

#include "asl/workflow.h"

#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

namespace egress::cost {
namespace {

std::string fixed(double v, int digits)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(digits) << v;
    return out.str();
}

/** The Lambda invocations of one execution the estimate counts: visits × attempts of the Lambda Tasks. */
double estimatedLambdas(const asl::Json &definition, const CostReport &report)
{
    const asl::WorkflowIndex index = asl::WorkflowIndex::build(definition);
    double sum = 0;
    for (const auto &step : report.steps) {
        const auto *state = index.find(step.name);
        const asl::Json *object = state ? asl::stateJson(definition, *state) : nullptr;
        if (object && asl::classifyTask(*object) == asl::TaskKind::Lambda)
            sum += step.visits * step.attempts;
    }
    return sum;
}

/** The text table's first column is 34 characters wide: the items' own labels do not fit. */
std::string shortLabel(const std::string &id)
{
    if (id == "sfn-state-transitions")
        return "state transitions";
    if (id == "lambda-requests")
        return "Lambda requests";
    if (id == "sfn-express-duration")
        return "Express duration";
    return id;
}

} // namespace

std::string relativeDifference(double estimate, double measured)
{
    if (!(estimate > 0))
        return "-";
    const double pct = (measured - estimate) / estimate * 100;
    return (pct >= 0 ? "+" : "") + fixed(pct, 1) + "%";
}

RunFigures runFigures(const std::string &testCase, double weight, const sim::RunResult &result)
{
    return {testCase,
            weight,
            result.status,
            double(result.transitions + result.retries),
            double(result.lambdaInvocations),
            double(result.durationMs)};
}

FromRuns compareWithRuns(const asl::Json &definition, const CostReport &report, std::vector<RunFigures> runs)
{
    FromRuns r;
    for (const RunFigures &run : runs) {
        if (!(run.weight >= 0) || !std::isfinite(run.weight)) {
            r.error = "test case \"" + run.testCase + "\": a weight must be a number ≥ 0";
            return r;
        }
        r.totalWeight += run.weight;
    }
    if (!(r.totalWeight > 0)) {
        r.error = runs.empty() ? "no test case to run" : "no test case to weigh (every weight is 0)";
        return r;
    }
    double billedRunSeconds = 0;
    for (const RunFigures &run : runs) {
        const double w = run.weight / r.totalWeight;
        r.transitions += w * run.transitions;
        r.lambdaInvocations += w * run.lambdaInvocations;
        r.seconds += w * run.durationMs / 1000.0;
        billedRunSeconds += w * expressBilledSeconds(run.durationMs / 1000.0);
        r.failedShare += run.status == "SUCCEEDED" ? 0 : w;
    }
    r.runs = std::move(runs);
    r.estimatedTransitions = report.transitionsPerExecution;
    r.estimatedLambdaInvocations = estimatedLambdas(definition, report);
    r.estimatedSeconds = report.secondsPerExecution;

    const StrategyCost *designed = nullptr;
    for (const StrategyCost &s : report.strategies)
        if (s.designed)
            designed = &s;
    if (!designed || !designed->available)
        return r;
    r.designedAvailable = true;
    r.estimateUsd = r.fromRunsUsd = designed->monthlyUsd;
    auto reprice = [&](const char *id, double ratio) {
        const LineItem *item = designed->item(id);
        if (!item || !std::isfinite(ratio))
            return;
        LineItem copy = *item;
        for (Meter &m : copy.meters)
            m.perExecution *= ratio;
        const double usd = copy.costAt(report.executionsPerMonth);
        r.items.push_back({item->id, item->label, item->usd, usd});
        r.fromRunsUsd += usd - item->usd;
    };
    if (r.estimatedTransitions > 0)
        reprice("sfn-state-transitions", r.transitions / r.estimatedTransitions);
    if (r.estimatedLambdaInvocations > 0)
        reprice("lambda-requests", r.lambdaInvocations / r.estimatedLambdaInvocations);
    reprice("sfn-express-duration", billedRunSeconds / expressBilledSeconds(r.estimatedSeconds));
    return r;
}

std::string formatFromRunsText(const FromRuns &r, const std::string &source, const std::string &machine)
{
    std::ostringstream text;
    text << "\nFrom simulated runs (" << source << ", " << r.runs.size() << " test case"
         << (r.runs.size() == 1 ? "" : "s") << " of " << machine << "):\n";
    auto row = [&text](const std::string &what, const std::string &estimate, const std::string &runs,
                       const std::string &difference) {
        text << std::left << std::setw(34) << ("  " + what) << std::setw(12) << estimate << std::setw(12)
             << runs << difference << '\n';
    };
    row("per execution", "estimate", "runs", "difference");
    row("state transitions", fixed(r.estimatedTransitions, 2), fixed(r.transitions, 2),
        relativeDifference(r.estimatedTransitions, r.transitions));
    row("Lambda invocations", fixed(r.estimatedLambdaInvocations, 2), fixed(r.lambdaInvocations, 2),
        relativeDifference(r.estimatedLambdaInvocations, r.lambdaInvocations));
    row("duration", fixed(r.estimatedSeconds, 1) + " s", fixed(r.seconds, 1) + " s",
        relativeDifference(r.estimatedSeconds, r.seconds));
    row("runs that failed", "-", fixed(r.failedShare * 100, 1) + "%", "");
    for (const ItemFromRuns &item : r.items)
        row("$/month " + shortLabel(item.id), fixed(item.estimateUsd, 2), fixed(item.fromRunsUsd, 2),
            relativeDifference(item.estimateUsd, item.fromRunsUsd));
    if (r.designedAvailable)
        row("$/month designed total", fixed(r.estimateUsd, 2), fixed(r.fromRunsUsd, 2),
            relativeDifference(r.estimateUsd, r.fromRunsUsd));
    return text.str();
}

asl::Json fromRunsToJson(const FromRuns &r, const std::string &source, const std::string &machine)
{
    asl::Json runs = asl::Json::array();
    for (const RunFigures &run : r.runs)
        runs.push_back({{"testCase", run.testCase},
                        {"weight", run.weight},
                        {"status", run.status},
                        {"transitions", run.transitions},
                        {"lambdaInvocations", run.lambdaInvocations},
                        {"durationMs", run.durationMs}});
    asl::Json out{{"mocks", source},
                  {"stateMachine", machine},
                  {"runs", runs},
                  {"perExecution",
                   {{"estimate",
                     {{"transitions", r.estimatedTransitions},
                      {"lambdaInvocations", r.estimatedLambdaInvocations},
                      {"durationSeconds", r.estimatedSeconds}}},
                    {"fromRuns",
                     {{"transitions", r.transitions},
                      {"lambdaInvocations", r.lambdaInvocations},
                      {"durationSeconds", r.seconds},
                      {"failedShare", r.failedShare}}}}}};
    // Kept from the first version of this object: the two items' names under monthlyUsd.
    static const std::map<std::string, std::string> legacyNames{{"sfn-state-transitions", "stateTransitions"},
                                                                {"lambda-requests", "lambdaRequests"},
                                                                {"sfn-express-duration", "expressDuration"}};
    for (const ItemFromRuns &item : r.items)
        out["monthlyUsd"][legacyNames.at(item.id)] = {{"estimate", item.estimateUsd},
                                                      {"fromRuns", item.fromRunsUsd}};
    if (r.designedAvailable)
        out["monthlyUsd"]["designedTotal"] = {{"estimate", r.estimateUsd}, {"fromRuns", r.fromRunsUsd}};
    return out;
}

} // namespace egress::cost

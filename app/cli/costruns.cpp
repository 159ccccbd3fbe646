#include "costruns.h"

#include "asl/workflow.h"
#include "runsupport.h"

#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

namespace egress::cli {
namespace {

std::optional<std::map<std::string, double>> parseWeights(const std::string &text, std::ostream &err)
{
    std::map<std::string, double> weights;
    std::stringstream in(text);
    std::string pair;
    while (std::getline(in, pair, ',')) {
        const auto eq = pair.find('=');
        double w = -1;
        try {
            if (eq != std::string::npos)
                w = std::stod(pair.substr(eq + 1));
        } catch (const std::exception &) {
        }
        if (eq == std::string::npos || eq == 0 || !(w >= 0)) {
            err << "--weights: \"" << pair << "\" is not CASE=WEIGHT (a number ≥ 0)\n";
            return std::nullopt;
        }
        weights[pair.substr(0, eq)] = w;
    }
    return weights;
}

std::string fixed(double v, int digits)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(digits) << v;
    return out.str();
}

/** The designed strategy's line item, or nullptr. */
const cost::LineItem *designedItem(const cost::CostReport &report, const char *id)
{
    for (const auto &s : report.strategies)
        if (s.designed)
            return s.item(id);
    return nullptr;
}

} // namespace

std::optional<std::string> costFromRuns(const std::string &projectPath, const FromRuns &options,
                                        const cost::CostReport &report, bool json, std::ostream &err)
{
    RunSetupRequest request;
    request.file = projectPath;
    request.mocks = options.mocks;
    request.stateMachine = options.stateMachine;
    auto setup = prepareRun(request, err);
    if (!setup)
        return std::nullopt;
    auto weights = parseWeights(options.weights, err);
    if (!weights)
        return std::nullopt;
    const auto &cases = *setup->mockConfig->testCases(setup->machineName);
    for (const auto &[name, w] : *weights) {
        bool known = false;
        for (const auto &c : cases)
            known = known || c.name == name;
        if (!known) {
            err << "--weights: the mock file has no test case \"" << name << "\" for " << setup->machineName
                << '\n';
            return std::nullopt;
        }
    }
    // Weighted averages over the test cases: billed transitions (states entered plus retries), Lambda
    // invocations (retries included) and the simulated duration.
    double total = 0, transitions = 0, lambdas = 0, seconds = 0, failed = 0;
    asl::Json runs = asl::Json::array();
    for (const auto &c : cases) {
        const double w = weights->count(c.name) ? weights->at(c.name) : 1.0;
        const TestCaseOutcome o = runTestCase(*setup, c, 0, false);
        const double billed = double(o.result.transitions + o.result.retries);
        runs.push_back({{"testCase", c.name},
                        {"weight", w},
                        {"status", o.result.status},
                        {"transitions", billed},
                        {"lambdaInvocations", o.result.lambdaInvocations},
                        {"durationMs", o.result.durationMs}});
        total += w;
        transitions += w * billed;
        lambdas += w * o.result.lambdaInvocations;
        seconds += w * double(o.result.durationMs) / 1000.0;
        failed += o.result.status == "SUCCEEDED" ? 0 : w;
    }
    if (total <= 0) {
        err << options.mocks << ": no test case to weigh (every weight is 0)\n";
        return std::nullopt;
    }
    transitions /= total;
    lambdas /= total;
    seconds /= total;
    failed /= total;

    // The estimate's figures for the same things.
    const asl::WorkflowIndex index = asl::WorkflowIndex::build(setup->input.project.definition);
    double estimatedLambdas = 0;
    for (const auto &step : report.steps) {
        const auto *state = index.find(step.name);
        const asl::Json *stateObject =
            state ? asl::stateJson(setup->input.project.definition, *state) : nullptr;
        if (stateObject && asl::classifyTask(*stateObject) == asl::TaskKind::Lambda)
            estimatedLambdas += step.visits * step.attempts;
    }
    const double estimatedTransitions = report.transitionsPerExecution;
    // Line items scale with their usage (free tiers make this approximate below the allowance).
    auto scaled = [&](const char *id, double estimate,
                      double measured) -> std::optional<std::pair<double, double>> {
        const cost::LineItem *item = designedItem(report, id);
        if (!item || estimate <= 0)
            return std::nullopt;
        return std::pair{item->usd, item->usd * measured / estimate};
    };
    const auto transitionUsd = scaled("sfn-state-transitions", estimatedTransitions, transitions);
    const auto lambdaUsd = scaled("lambda-requests", estimatedLambdas, lambdas);

    if (json) {
        asl::Json out{
            {"mocks", options.mocks},
            {"stateMachine", setup->machineName},
            {"runs", runs},
            {"perExecution",
             {{"estimate", {{"transitions", estimatedTransitions}, {"lambdaInvocations", estimatedLambdas}}},
              {"fromRuns",
               {{"transitions", transitions},
                {"lambdaInvocations", lambdas},
                {"durationSeconds", seconds},
                {"failedShare", failed}}}}}};
        if (transitionUsd)
            out["monthlyUsd"]["stateTransitions"] = {{"estimate", transitionUsd->first},
                                                     {"fromRuns", transitionUsd->second}};
        if (lambdaUsd)
            out["monthlyUsd"]["lambdaRequests"] = {{"estimate", lambdaUsd->first},
                                                   {"fromRuns", lambdaUsd->second}};
        return out.dump(2) + "\n";
    }
    std::ostringstream text;
    text << "\nFrom simulated runs (" << options.mocks << ", " << cases.size() << " test cases of "
         << setup->machineName << "):\n";
    auto difference = [](double estimate, double measured) {
        if (estimate <= 0)
            return std::string("-");
        const double pct = (measured - estimate) / estimate * 100;
        return (pct >= 0 ? "+" : "") + fixed(pct, 1) + "%";
    };
    text << std::left << std::setw(34) << "  per execution" << std::setw(12) << "estimate" << std::setw(12)
         << "runs"
         << "difference\n";
    text << std::setw(34) << "  state transitions" << std::setw(12) << fixed(estimatedTransitions, 2)
         << std::setw(12) << fixed(transitions, 2) << difference(estimatedTransitions, transitions) << '\n';
    text << std::setw(34) << "  Lambda invocations" << std::setw(12) << fixed(estimatedLambdas, 2)
         << std::setw(12) << fixed(lambdas, 2) << difference(estimatedLambdas, lambdas) << '\n';
    text << std::setw(34) << "  duration (simulated)" << std::setw(12) << "-" << std::setw(12)
         << (fixed(seconds, 1) + " s") << '\n';
    text << std::setw(34) << "  runs that failed" << std::setw(12) << "-" << std::setw(12)
         << (fixed(failed * 100, 1) + "%") << '\n';
    if (transitionUsd)
        text << std::setw(34) << "  $/month state transitions" << std::setw(12)
             << fixed(transitionUsd->first, 2) << std::setw(12) << fixed(transitionUsd->second, 2)
             << difference(transitionUsd->first, transitionUsd->second) << '\n';
    if (lambdaUsd)
        text << std::setw(34) << "  $/month Lambda requests" << std::setw(12) << fixed(lambdaUsd->first, 2)
             << std::setw(12) << fixed(lambdaUsd->second, 2)
             << difference(lambdaUsd->first, lambdaUsd->second) << '\n';
    return text.str();
}

} // namespace egress::cli

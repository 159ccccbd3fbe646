#include "costruns.h"

#include "cost/fromruns.h"
#include "runsupport.h"

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
    std::vector<cost::RunFigures> figures;
    for (const auto &c : cases) {
        const TestCaseOutcome o = runTestCase(*setup, c, 0, false);
        figures.push_back(
            cost::runFigures(c.name, weights->count(c.name) ? weights->at(c.name) : 1.0, o.result));
    }
    const cost::FromRuns runs =
        cost::compareWithRuns(setup->input.project.definition, report, std::move(figures));
    if (!runs.error.empty()) {
        err << options.mocks << ": " << runs.error << '\n';
        return std::nullopt;
    }
    if (json)
        return cost::fromRunsToJson(runs, options.mocks, setup->machineName).dump(2) + "\n";
    return cost::formatFromRunsText(runs, options.mocks, setup->machineName);
}

} // namespace egress::cli

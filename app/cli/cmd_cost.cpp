// egress-cli cost PROJECT — what each egress strategy costs per month, where they break even, and why.
#include "asl/writer.h"
#include "clisupport.h"
#include "commands.h"
#include "cost/costcompare.h"
#include "cost/costformat.h"
#include "costruns.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <iostream>

namespace egress::cli {
namespace {

struct CostCliOptions
{
    std::string input;
    std::optional<double> executions;
    std::optional<double> perSecond;
    std::string region;
    std::string prices;
    std::string format = "text";
    bool curves = false;
    std::string compare; ///< the older project: print the difference to PROJECT
    std::string stateMachine;
    std::string fromRuns; ///< a mock file: simulate its test cases beside the estimate (costruns.h)
    std::string weights;
};

constexpr double kSecondsPerMonth = 730.0 * 3600.0;

/** Prices one project as the options say; prints problems and returns nothing when it cannot. */
std::optional<cost::CostReport> priceProject(const std::string &path, const CostCliOptions &options,
                                             int &exitCode)
{
    auto input = loadProjectOrDefinition(path, std::cerr, {options.stateMachine, {}});
    if (!input) {
        exitCode = kUsage;
        return std::nullopt;
    }
    design::Project &project = input->project;
    if (!options.region.empty())
        project.usage.region = options.region;

    cost::PriceTableLoad load = options.prices.empty()
                                    ? cost::bundledPriceTable(project.usage.region)
                                    : cost::loadPriceTable(options.prices, project.usage.region);
    if (!load) {
        std::cerr << load.error << "\n";
        exitCode = kUsage;
        return std::nullopt;
    }
    if (const std::string error = cost::applyPriceOverrides(*load.table, project.priceOverrides);
        !error.empty()) {
        std::cerr << path << ": " << error << "\n";
        exitCode = kUsage;
        return std::nullopt;
    }
    cost::CostOptions costOptions;
    if (options.executions)
        costOptions.executionsPerMonth = *options.executions;
    if (options.perSecond)
        costOptions.executionsPerMonth = *options.perSecond * kSecondsPerMonth;
    cost::CostReport report = cost::computeCosts(project, *load.table, costOptions);
    for (const std::string &w : report.warnings)
        std::cerr << path << ": warning: " << w << "\n";
    if (!report.errors.empty()) {
        for (const std::string &e : report.errors)
            std::cerr << path << ": " << e << "\n";
        exitCode = kProblems;
        return std::nullopt;
    }
    return report;
}

int runCost(const CostCliOptions &options)
{
    for (const auto &[name, value] :
         {std::pair{"--executions", options.executions}, {"--per-second", options.perSecond}})
        if (value && (!std::isfinite(*value) || *value < 0)) {
            std::cerr << "egress-cli cost: " << name << " must be a number ≥ 0\n";
            return kUsage;
        }
    int exitCode = kOk;
    const std::optional<cost::CostReport> report = priceProject(options.input, options, exitCode);
    if (!report)
        return exitCode;
    std::string text;
    if (!options.compare.empty()) {
        const std::optional<cost::CostReport> before = priceProject(options.compare, options, exitCode);
        if (!before)
            return exitCode;
        const cost::CostComparison comparison = cost::compareCosts(*before, *report);
        if (options.format == "json")
            text = asl::writeJson(cost::costComparisonToJson(comparison));
        else if (options.format == "markdown")
            text = cost::formatComparisonMarkdown(comparison);
        else
            text = cost::formatComparisonText(comparison);
    } else if (options.format == "json") {
        asl::Json json = cost::costReportToJson(*report, options.curves);
        if (!options.fromRuns.empty()) {
            auto runs = costFromRuns(options.input, {options.fromRuns, options.weights, options.stateMachine},
                                     *report, true, std::cerr);
            if (!runs)
                return kUsage;
            json["fromRuns"] = asl::Json::parse(*runs);
        }
        text = asl::writeJson(json);
    } else if (options.format == "csv") {
        text = cost::formatCostCsv(*report);
    } else if (options.format == "markdown") {
        text = cost::formatCostMarkdown(*report);
    } else {
        text = cost::formatCostText(*report);
    }
    if (!options.fromRuns.empty() && options.format != "json") {
        auto runs = costFromRuns(options.input, {options.fromRuns, options.weights, options.stateMachine},
                                 *report, false, std::cerr);
        if (!runs)
            return kUsage;
        text += *runs;
    }
    std::cout << text;
    return std::cout.good() ? kOk : kUsage;
}

const bool registered = registerCommand(
    {50, [](CLI::App &app, int &exitCode) {
         auto options = std::make_shared<CostCliOptions>();
         CLI::App *cmd =
             app.add_subcommand("cost", "Monthly cost of every egress strategy, break-even volumes and why");
         cmd->add_option("PROJECT", options->input,
                         "A project (*.egress.json), an ASL definition or a SAM / CloudFormation template")
             ->required();
         addStateMachineOption(cmd, options->stateMachine);
         auto *executions = cmd->add_option("--executions", options->executions,
                                            "Executions per month (default: the project's usage)");
         auto *perSecond = cmd->add_option("--per-second", options->perSecond,
                                           "Executions per second on average (× 2,628,000 s per month)");
         executions->excludes(perSecond);
         perSecond->excludes(executions);
         cmd->add_option("--region", options->region, "AWS region (default: the project's usage.region)");
         cmd->add_option("--prices", options->prices,
                         "A price table file (resources/pricing format) instead of the "
                         "bundled one");
         cmd->add_option("--format", options->format, "text (default), json, csv or markdown")
             ->check(CLI::IsMember({"text", "json", "csv", "markdown"}));
         cmd->add_option(
             "--compare", options->compare,
             "OLD.egress.json: print per strategy the monthly change from OLD to PROJECT and the line items "
             "that changed (text, json or markdown)");
         cmd->add_flag("--curves", options->curves,
                       "json: add each strategy's cost curve over 1e3..1e10 executions");
         auto *fromRuns = cmd->add_option(
             "--from-runs", options->fromRuns,
             "MOCKS.json: run every test case of a Step Functions Local mock file and show the transitions, "
             "Lambda invocations and duration they imply beside the estimate (docs/simulator.md)");
         cmd->add_option("--weights", options->weights,
                         "With --from-runs: CASE=W,... (each test case weighs 1)")
             ->needs(fromRuns);
         cmd->callback([options, &exitCode] { exitCode = runCost(*options); });
     }});

} // namespace
} // namespace egress::cli

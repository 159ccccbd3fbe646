// egress-cli cost PROJECT — what each egress strategy costs per month, where they break even, and why.
#include "asl/writer.h"
#include "clisupport.h"
#include "cost/budgetgate.h"
#include "cost/costcompare.h"
#include "cost/costformat.h"
#include "cost/pricing.h"
#include "cost/sweep.h"
#include "costruns.h"
#include "subcommands.h"
#include "usage/applyusage.h"
#include "usage/billcompare.h"

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
    std::vector<std::string> sweep; ///< "executions=1e3..1e9", "kb=1..1e4" (either, both or none: defaults)
    bool sweepGiven = false;
    std::optional<double> budget; ///< gate: the designed strategy's monthly cost must not exceed it
    std::string maxIncrease;      ///< gate with --compare: "25" USD or "10%"
    std::string fromRuns;         ///< a mock file: simulate its test cases beside the estimate (costruns.h)
    std::string weights;
    std::string usage;        ///< a usage file (usage import) applied to every project priced
    std::string bill;         ///< a Cost and Usage Report CSV: the estimate beside what was billed
    std::string billStrategy; ///< compare this strategy with the bill instead of the designed one
};

/** What --usage changed in PROJECT, for the output. */
struct AppliedUsage
{
    usage::UsageProfile profile;
    usage::UsageApplication application;
};

constexpr double kSecondsPerMonth = 730.0 * 3600.0;

struct ProjectAndPrices
{
    design::Project project;
    cost::PriceTable prices;
};

/** Loads one project and its price table as the options say; prints problems and returns nothing when it
 * cannot. */
std::optional<ProjectAndPrices> loadForCost(const std::string &path, const CostCliOptions &options,
                                            int &exitCode, std::optional<AppliedUsage> *applied = nullptr)
{
    auto input = loadProjectOrDefinition(path, std::cerr, {options.stateMachine, {}});
    if (!input) {
        exitCode = kUsage;
        return std::nullopt;
    }
    design::Project &project = input->project;
    if (!options.usage.empty()) {
        const usage::UsageLoad load = usage::loadUsage(options.usage);
        if (!load.usage) {
            std::cerr << load.error << "\n";
            exitCode = kUsage;
            return std::nullopt;
        }
        usage::UsageApplication application = usage::applyUsage(project, *load.usage);
        project = application.project;
        if (applied)
            *applied = AppliedUsage{*load.usage, std::move(application)};
    }
    if (!options.region.empty())
        project.usage.region = options.region;

    cost::PriceTableLoad load = cost::projectPriceTable(project, options.prices, path);
    if (!load) {
        std::cerr << load.error << "\n";
        exitCode = kUsage;
        return std::nullopt;
    }
    return ProjectAndPrices{std::move(project), std::move(*load.table)};
}

/** Prices one project as the options say; prints problems and returns nothing when it cannot. */
std::optional<cost::CostReport> priceProject(const std::string &path, const CostCliOptions &options,
                                             int &exitCode, std::optional<AppliedUsage> *applied = nullptr)
{
    std::optional<ProjectAndPrices> input = loadForCost(path, options, exitCode, applied);
    if (!input)
        return std::nullopt;
    const design::Project &project = input->project;
    cost::CostOptions costOptions;
    if (options.executions)
        costOptions.executionsPerMonth = *options.executions;
    if (options.perSecond)
        costOptions.executionsPerMonth = *options.perSecond * kSecondsPerMonth;
    cost::CostReport report = cost::computeCosts(project, input->prices, costOptions);
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

/** --sweep: the cheapest strategy over executions × KB per execution, as CSV, JSON or a text grid. */
int runSweep(const CostCliOptions &options)
{
    cost::SweepAxis executions = cost::kDefaultExecutionsAxis, kb = cost::kDefaultKbAxis;
    for (const std::string &text : options.sweep) {
        if (text.empty() || text == "true") // CLI11's value for a bare --sweep (defaults)
            continue;
        std::string name, error;
        cost::SweepAxis axis;
        if (!cost::parseSweepAxis(text, name, axis, error)) {
            std::cerr << "egress-cli cost: " << error << "\n";
            return kUsage;
        }
        (name == "kb" ? kb : executions) = axis;
    }
    if (!options.compare.empty() || options.budget || !options.maxIncrease.empty() || !options.bill.empty()) {
        std::cerr
            << "egress-cli cost: --sweep prints a map; it does not combine with --compare, --bill or the "
               "gates\n";
        return kUsage;
    }
    int exitCode = kOk;
    std::optional<AppliedUsage> applied;
    std::optional<ProjectAndPrices> input = loadForCost(options.input, options, exitCode, &applied);
    if (!input)
        return exitCode;
    if (applied) // the map itself stays CSV/JSON: the summary goes to stderr
        std::cerr << usage::formatApplication(applied->application, applied->profile, options.usage);
    if (options.executions)
        input->project.usage.executionsPerMonth = *options.executions;
    if (options.perSecond)
        input->project.usage.executionsPerMonth = *options.perSecond * kSecondsPerMonth;
    const cost::CheapestMap map = cost::cheapestMap(input->project, input->prices, executions, kb);
    for (const std::string &w : map.warnings)
        std::cerr << options.input << ": warning: " << w << "\n";
    if (!map.errors.empty()) {
        for (const std::string &e : map.errors)
            std::cerr << options.input << ": " << e << "\n";
        return kProblems;
    }
    if (options.format == "json") {
        asl::Json cells = asl::Json::array();
        for (std::size_t r = 0; r < map.kb.size(); ++r)
            for (std::size_t c = 0; c < map.executions.size(); ++c)
                cells.push_back({{"executionsPerMonth", map.executions[c]},
                                 {"kbPerExecution", map.kb[r]},
                                 {"cheapest", map.cheapestAt(r, c)},
                                 {"cheapestUsd", map.cheapestUsd[r * map.executions.size() + c]}});
        std::cout << asl::writeJson(
            {{"executionsPerMonth", map.executions},
             {"kbPerExecution", map.kb},
             {"strategies", map.strategies},
             {"design", {{"executionsPerMonth", map.currentExecutions}, {"kbPerExecution", map.currentKb}}},
             {"cells", cells}});
    } else if (options.format == "csv") {
        std::cout << cost::formatCheapestMapCsv(map);
    } else {
        std::cout << cost::formatCheapestMapText(map);
    }
    return std::cout.good() ? kOk : kUsage;
}

int runCost(const CostCliOptions &options)
{
    for (const auto &[name, value] :
         {std::pair{"--executions", options.executions}, {"--per-second", options.perSecond}})
        if (value && (!std::isfinite(*value) || *value < 0)) {
            std::cerr << "egress-cli cost: " << name << " must be a number ≥ 0\n";
            return kUsage;
        }
    if (options.sweepGiven)
        return runSweep(options);
    if (options.budget && (!std::isfinite(*options.budget) || *options.budget < 0)) {
        std::cerr << "egress-cli cost: --budget must be USD per month ≥ 0\n";
        return kUsage;
    }
    std::optional<cost::IncreaseLimit> increaseLimit;
    if (!options.maxIncrease.empty()) {
        std::string error;
        increaseLimit = cost::parseIncreaseLimit(options.maxIncrease, error);
        if (!increaseLimit) {
            std::cerr << "egress-cli cost: " << error << "\n";
            return kUsage;
        }
        if (options.compare.empty()) {
            std::cerr
                << "egress-cli cost: --max-increase needs --compare OLD (the version to compare with)\n";
            return kUsage;
        }
    }
    if (!options.bill.empty() && !options.compare.empty()) {
        std::cerr << "egress-cli cost: --bill compares one project with its bill; it does not combine with "
                     "--compare\n";
        return kUsage;
    }
    std::optional<usage::Bill> bill;
    if (!readBillOption(options.bill, bill, std::cerr))
        return kUsage;
    int exitCode = kOk;
    std::optional<AppliedUsage> applied;
    const std::optional<cost::CostReport> report = priceProject(options.input, options, exitCode, &applied);
    if (!report)
        return exitCode;
    std::optional<cost::CostReport> before;
    if (!options.compare.empty()) {
        before = priceProject(options.compare, options, exitCode);
        if (!before)
            return exitCode;
    }
    // The gates judge the designed strategy of PROJECT (the new version with --compare).
    std::vector<cost::GateResult> gates;
    if (options.budget)
        gates.push_back(cost::budgetGate(*report, *options.budget));
    if (increaseLimit)
        gates.push_back(cost::increaseGate(*before, *report, *increaseLimit));

    std::string text;
    asl::Json json;
    if (before) {
        const cost::CostComparison comparison = cost::compareCosts(*before, *report);
        if (options.format == "json")
            json = cost::costComparisonToJson(comparison);
        else if (options.format == "markdown")
            text = cost::formatComparisonMarkdown(comparison);
        else
            text = cost::formatComparisonText(comparison);
    } else if (options.format == "json") {
        json = cost::costReportToJson(*report, options.curves);
        if (!options.fromRuns.empty()) {
            auto runs = costFromRuns(options.input, {options.fromRuns, options.weights, options.stateMachine},
                                     *report, true, std::cerr);
            if (!runs)
                return kUsage;
            json["fromRuns"] = asl::Json::parse(*runs);
        }
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
    bool passed = true;
    if (!gates.empty()) {
        asl::Json gatesJson = asl::Json::array();
        for (const cost::GateResult &g : gates) {
            passed = passed && g.passed;
            gatesJson.push_back(cost::gateToJson(g));
            if (options.format == "markdown")
                text += "\n" + cost::formatGateMarkdown(g);
            else if (options.format == "text" || (before && options.format == "csv"))
                text += "\n" + cost::formatGateText(g);
            else if (options.format == "csv")
                std::cerr << cost::formatGateText(g); // keep the CSV itself machine-readable
        }
        if (options.format == "json")
            json["gates"] = gatesJson;
    }
    if (bill) {
        const usage::BillComparison comparison = usage::compareWithBill(*report, *bill, options.billStrategy);
        if (comparison.strategy.empty()) {
            std::cerr << "egress-cli cost: --bill-strategy " << options.billStrategy
                      << ": no such strategy in the report\n";
            return kUsage;
        }
        if (options.format == "json")
            json["bill"] = usage::billToJson(comparison);
        else if (options.format == "markdown")
            text += usage::formatBillMarkdown(comparison);
        else if (options.format == "csv")
            std::cerr << usage::formatBillText(comparison); // keep the CSV itself machine-readable
        else
            text += "\n" + usage::formatBillText(comparison);
    }
    if (applied) {
        // Said first: what the figures below are based on.
        if (options.format == "json")
            json["usage"] = usage::applicationToJson(applied->application, applied->profile, options.usage);
        else if (options.format == "csv")
            std::cerr << usage::formatApplication(applied->application, applied->profile, options.usage);
        else
            text = usage::formatApplication(applied->application, applied->profile, options.usage,
                                            options.format == "markdown") +
                   text;
    }
    if (options.format == "json")
        text = asl::writeJson(json);
    std::cout << text;
    if (!std::cout.good())
        return kUsage;
    return passed ? kOk : kProblems;
}

const bool costRegistered = registerCommand(
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
         auto *sweep =
             cmd->add_option(
                    "--sweep", options->sweep,
                    "Cheapest strategy over executions=FROM..TO (default 1e3..1e9 per month) × kb=FROM..TO "
                    "(default 1..1e4 KB per execution), 4 points per decade; csv, json or text")
                 ->expected(0, 2);
         cmd->add_option("--budget", options->budget,
                         "USD per month: exit 1 when the designed strategy costs more (says by how much)");
         cmd->add_option("--max-increase", options->maxIncrease,
                         "With --compare: USD per month (25) or a percentage (10%); exit 1 when the designed "
                         "strategy's cost grows by more");
         cmd->add_option("--usage", options->usage,
                         "USAGE.json (egress-cli usage import): price at the measured executions per month, "
                         "Lambda durations and NAT bytes per execution; says what it applied and what not");
         auto *billOption = cmd->add_option("--bill", options->bill,
                                            "BILL: a Cost and Usage Report CSV or `aws ce "
                                            "get-cost-and-usage` JSON; per line item, the estimate "
                                            "beside what was billed");
         cmd->add_option("--bill-strategy", options->billStrategy,
                         "With --bill: compare this strategy (default: the designed one)")
             ->needs(billOption);
         cmd->add_flag("--curves", options->curves,
                       "json: add each strategy's cost curve over 1e3..1e10 executions");
         auto *fromRuns = cmd->add_option(
             "--from-runs", options->fromRuns,
             "MOCKS.json: run every test case of a Step Functions Local mock file and show the transitions, "
             "Lambda invocations and duration they imply beside the estimate (docs/simulator.md)");
         cmd->add_option("--weights", options->weights,
                         "With --from-runs: CASE=W,... (each test case weighs 1)")
             ->needs(fromRuns);
         cmd->callback([options, sweep, &exitCode] {
             options->sweepGiven = sweep->count() > 0;
             exitCode = runCost(*options);
         });
     }});

} // namespace
} // namespace egress::cli

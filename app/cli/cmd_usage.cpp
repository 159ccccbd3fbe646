// egress-cli usage import METRICS.json... -o USAGE.json — what a workflow did in production (CloudWatch
// get-metric-data output) as the usage file `cost --usage` and the designer apply. docs/usage.md.
#include "clisupport.h"
#include "cost/meter.h"
#include "subcommands.h"
#include "usage/metricimport.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace egress::cli {
namespace {

struct UsageImportOptions
{
    std::vector<std::string> files;
    std::string output;
    std::optional<double> period;
    bool gapsAsZero = false;
};

int runUsageImport(const UsageImportOptions &options)
{
    usage::MetricImportOptions importOptions;
    importOptions.periodSeconds = options.period;
    importOptions.gapsAsZero = options.gapsAsZero;
    const usage::MetricImport import = usage::importMetrics(options.files, importOptions);
    if (!import.usage) {
        for (const std::string &e : import.errors)
            std::cerr << e << "\n";
        std::cerr << "egress-cli usage import: nothing written\n";
        return kUsage;
    }
    for (const std::string &file : options.files)
        if (refusesOverwritingInput(file, options.output, false, std::cerr))
            return kUsage;
    if (!writeOutput(options.output, usage::serializeUsage(*import.usage), std::cerr))
        return kUsage;
    const usage::UsageProfile &u = *import.usage;
    std::cerr << u.start << " … " << u.end << " (" << cost::formatNumber(u.days, 2)
              << " days): " << cost::formatNumber(u.executions) << " executions, "
              << cost::formatNumber(u.executionsPerMonth) << " per month of 730 h; " << u.functions.size()
              << " function(s)";
    if (const auto out = u.bytesOutPerExecution())
        std::cerr << "; " << cost::formatNumber(*out / 1024, 2) << " KB out";
    if (const auto in = u.bytesInPerExecution())
        std::cerr << ", " << cost::formatNumber(*in / 1024, 2) << " KB in per execution through NAT";
    std::cerr << "\n";
    return kOk;
}

const bool usageRegistered = registerCommand(
    {57, [](CLI::App &app, int &exitCode) {
         CLI::App *usageCmd =
             app.add_subcommand("usage", "Measured usage: import CloudWatch metrics for cost --usage");
         usageCmd->require_subcommand(1);
         auto options = std::make_shared<UsageImportOptions>();
         CLI::App *cmd = usageCmd->add_subcommand(
             "import", "Turn `aws cloudwatch get-metric-data --output json` files into a usage file");
         cmd->add_option("METRICS", options->files,
                         "get-metric-data output files (JSON); each query labelled \"NAMESPACE METRIC STAT "
                         "DIMENSION=VALUE\" (docs/usage.md)")
             ->required();
         cmd->add_option("-o,--output", options->output, "The usage file to write (JSON); - for stdout")
             ->required();
         cmd->add_option("--period", options->period,
                         "Seconds each value covers (the queries' Period); needed when every metric has one "
                         "value");
         cmd->add_flag("--gaps-as-zero", options->gapsAsZero,
                       "A period missing from a metric counts as 0 instead of being an error");
         cmd->callback([options, &exitCode] { exitCode = runUsageImport(*options); });
     }});

} // namespace
} // namespace egress::cli

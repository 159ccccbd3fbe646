// egress-cli report PROJECT -o OUT.html|.md|.pdf — the trade-off for a reader who never opened the app.
#include "clisupport.h"
#include "design/safewrite.h"
#include "report/report.h"
#include "reportsupport.h"
#include "subcommands.h"

#ifdef EGRESS_CLI_HAS_RENDER
#include "render.h"
#endif

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>

namespace egress::cli {
namespace {

struct ReportCliOptions
{
    std::string input;
    std::string output;
    std::string date;
    std::string bill; ///< a Cost and Usage Report CSV: the "Against the bill" section
    std::string billStrategy;
    PricingArguments pricing;
};

/** Today (UTC), or the day of SOURCE_DATE_EPOCH when set (reproducible builds). */
std::string today()
{
    auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    if (const char *epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char *end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && seconds >= 0)
            now = std::chrono::floor<std::chrono::days>(
                std::chrono::sys_seconds(std::chrono::seconds(seconds)));
    }
    const std::chrono::year_month_day ymd{now};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

int runReport(const ReportCliOptions &options)
{
    const std::string ext = extensionOf(options.output);
    if (ext != "html" && ext != "htm" && ext != "md" && ext != "pdf") {
        std::cerr << "egress-cli report: " << options.output
                  << ": the output must end in .html, .md or .pdf\n";
        return kUsage;
    }
    if (!options.date.empty() && !std::regex_match(options.date, std::regex(R"(\d{4}-\d{2}-\d{2})"))) {
        std::cerr << "egress-cli report: --date must be YYYY-MM-DD, not \"" << options.date << "\"\n";
        return kUsage;
    }
    std::optional<usage::Bill> bill;
    if (!readBillOption(options.bill, bill, std::cerr))
        return kUsage;
    auto priced = loadAndPrice(options.input, options.pricing, std::cerr);
    if (!priced)
        return kUsage;
    for (const std::string &e : priced->cost.errors)
        std::cerr << options.input << ": " << e << "\n";
    const std::string date = !options.date.empty() ? options.date : today();
    report::ReportData data = report::buildReport(
        priced->project, priced->cost,
        {date, std::filesystem::path(options.input).filename().string(), &priced->prices});
    if (bill) {
        data.bill = usage::compareWithBill(priced->cost, *bill, options.billStrategy);
        if (data.bill->strategy.empty()) {
            std::cerr << "egress-cli report: --bill-strategy " << options.billStrategy
                      << ": no such strategy in the report\n";
            return kUsage;
        }
    }
    const int status = priced->cost.errors.empty() ? kOk : kProblems;

    if (ext == "html" || ext == "htm")
        return writeOutput(options.output, report::reportHtml(data), std::cerr) ? status : kUsage;
    if (ext == "md") {
        const std::filesystem::path out(options.output);
        std::string stem = out.filename().string();
        stem.resize(stem.size() - 3);
        const report::MarkdownReport md = report::reportMarkdown(data, stem);
        // The page and its pictures all or none: a full disk must not leave 3 of 4 SVGs beside an old page.
        std::vector<std::pair<std::string, std::string>> files;
        for (const auto &[name, svg] : md.pictures)
            files.emplace_back((out.parent_path() / name).string(), svg);
        files.emplace_back(options.output, md.markdown);
        if (auto problem = design::writeFilesAtomically(files)) {
            std::cerr << *problem << '\n';
            return kUsage;
        }
        return status;
    }
#ifdef EGRESS_CLI_HAS_RENDER
    const render::GuiApplicationScope gui;
    const render::PdfResult pdf = render::writeReportPdf(data, QString::fromStdString(options.output));
    if (!pdf.error.isEmpty()) {
        std::cerr << pdf.error.toStdString() << "\n";
        return kUsage;
    }
    return status;
#else
    std::cerr << "egress-cli report: this build has no Qt renderer; write .html or .md instead\n";
    return kUsage;
#endif
}

const bool reportRegistered = registerCommand(
    {65, [](CLI::App &app, int &exitCode) {
         auto options = std::make_shared<ReportCliOptions>();
         CLI::App *cmd = app.add_subcommand(
             "report", "Write the trade-off as a report: self-contained HTML, PDF or Markdown.\n"
                       "Markdown: the four pictures are written as SVG files next to the .md file\n"
                       "(OUT-design.svg, OUT-architecture-designed.svg, OUT-architecture-nat.svg,\n"
                       "OUT-break-even.svg) and referenced relatively.");
         cmd->add_option("PROJECT", options->input,
                         "A project (*.egress.json), an ASL definition or a SAM / CloudFormation template")
             ->required();
         addStateMachineOption(cmd, options->pricing.stateMachine);
         cmd->add_option("-o,--output", options->output, "OUT.html, OUT.pdf or OUT.md (by extension)")
             ->required();
         cmd->add_option("--executions", options->pricing.executions,
                         "Executions per month (default: the project's usage)");
         cmd->add_option("--region", options->pricing.region,
                         "AWS region (default: the project's usage.region)");
         cmd->add_option("--prices", options->pricing.prices,
                         "A price table file instead of the bundled one");
         cmd->add_option("--usage", options->pricing.usage,
                         "USAGE.json (egress-cli usage import): report at the measured usage");
         auto *billOption = cmd->add_option(
             "--bill", options->bill,
             "BILL: a Cost and Usage Report CSV or `aws ce get-cost-and-usage` JSON; add the estimate beside "
             "the bill");
         cmd->add_option("--bill-strategy", options->billStrategy,
                         "With --bill: compare this strategy (default: the designed one)")
             ->needs(billOption);
         cmd->add_option("--date", options->date,
                         "The report's date, YYYY-MM-DD (default: today, UTC; reproducible builds: "
                         "SOURCE_DATE_EPOCH)");
         cmd->callback([options, &exitCode] { exitCode = runReport(*options); });
     }});

} // namespace
} // namespace egress::cli

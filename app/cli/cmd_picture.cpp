// egress-cli picture PROJECT -o OUT.svg|.png|.pdf — the design, an architecture or the break-even chart.
#include "clisupport.h"
#include "report/pictures.h"
#include "reportsupport.h"
#include "subcommands.h"

#ifdef EGRESS_CLI_HAS_RENDER
#include "render.h"
#endif

#include <CLI/CLI.hpp>
#include <iostream>

namespace egress::cli {
namespace {

struct PictureCliOptions
{
    std::string input;
    std::string output;
    double scale = 1;
    std::vector<std::string> steps;
    bool grid = false;
    std::string kind = "design";
    PricingArguments pricing;
};

int runPicture(const PictureCliOptions &options)
{
    const std::string ext = extensionOf(options.output);
    if (ext != "svg" && ext != "png" && ext != "pdf") {
        std::cerr << "egress-cli picture: " << options.output
                  << ": the output must end in .svg, .png or .pdf\n";
        return kUsage;
    }
    if (!(options.scale > 0) || options.scale > 16) {
        std::cerr << "egress-cli picture: --scale must be greater than 0 and at most 16\n";
        return kUsage;
    }
    if (options.kind != "design" && !options.steps.empty()) {
        std::cerr << "egress-cli picture: --steps only applies to --kind design\n";
        return kUsage;
    }
    auto priced = loadAndPrice(options.input, options.pricing, std::cerr);
    if (!priced)
        return kUsage;
    report::Picture picture;
    if (options.kind == "design") {
        picture = report::designPicture(priced->project, {options.steps, options.grid, true});
    } else if (options.kind == "architecture-designed" || options.kind == "architecture-nat") {
        picture =
            report::architecturePicture(priced->project,
                                        options.kind == "architecture-nat" ? report::Architecture::NatBaseline
                                                                           : report::Architecture::AsDesigned,
                                        &priced->cost);
    } else {
        if (!priced->cost.errors.empty()) {
            for (const std::string &e : priced->cost.errors)
                std::cerr << options.input << ": " << e << "\n";
            return kProblems;
        }
        picture = report::breakEvenChart(priced->cost);
    }
    if (!picture.error.empty()) {
        std::cerr << options.input << ": --steps: " << picture.error << "\n";
        return kUsage;
    }
    if (ext == "svg")
        return writeOutput(options.output, picture.svg, std::cerr) ? kOk : kUsage;
#ifdef EGRESS_CLI_HAS_RENDER
    const render::GuiApplicationScope gui;
    const QString out = QString::fromStdString(options.output);
    const QString error =
        ext == "png" ? render::writePng(picture, out, options.scale) : render::writePicturePdf(picture, out);
    if (!error.isEmpty()) {
        std::cerr << error.toStdString() << "\n";
        return kUsage;
    }
    return kOk;
#else
    std::cerr << "egress-cli picture: this build has no Qt renderer; write .svg instead\n";
    return kUsage;
#endif
}

const bool pictureRegistered = registerCommand(
    {60, [](CLI::App &app, int &exitCode) {
         auto options = std::make_shared<PictureCliOptions>();
         CLI::App *cmd =
             app.add_subcommand("picture", "Draw the design, a compared architecture or the break-even "
                                           "chart as SVG, PNG or PDF");
         cmd->add_option("PROJECT", options->input,
                         "A project (*.egress.json), an ASL definition or a SAM / CloudFormation template")
             ->required();
         addStateMachineOption(cmd, options->pricing.stateMachine);
         cmd->add_option("-o,--output", options->output, "OUT.svg, OUT.png or OUT.pdf (by extension)")
             ->required();
         cmd->add_option("--kind", options->kind,
                         "design (default), architecture-designed, architecture-nat or break-even")
             ->check(CLI::IsMember({"design", "architecture-designed", "architecture-nat", "break-even"}));
         cmd->add_option("--scale", options->scale,
                         "PNG: pixels per picture unit (default 1; 2 for high-DPI)");
         cmd->add_option("--steps", options->steps, "design: only these steps (comma-separated state names)")
             ->delimiter(',');
         cmd->add_flag("--grid", options->grid, "design: draw the canvas grid behind the steps");
         cmd->add_option(
             "--executions", options->pricing.executions,
             "break-even: executions per month for the 'now' line (default: the project's usage)");
         cmd->add_option("--region", options->pricing.region,
                         "AWS region (default: the project's usage.region)");
         cmd->add_option("--prices", options->pricing.prices,
                         "A price table file instead of the bundled one");
         cmd->callback([options, &exitCode] { exitCode = runPicture(*options); });
     }});

} // namespace
} // namespace egress::cli

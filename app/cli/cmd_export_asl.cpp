// egress-cli export-asl PROJECT|ASL -o OUT.asl.json|OUT.asl.yaml — the definition as designed.
#include "asl/reader.h"
#include "asl/writer.h"
#include "clisupport.h"
#include "design/projectio.h"
#include "subcommands.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace egress::cli {
namespace {

struct ExportAslOptions
{
    std::string input;
    std::string output;
    std::string format; // json|yaml; default from the output's extension
    std::string stateMachine;
};

int runExportAsl(const ExportAslOptions &options)
{
    auto input = loadProjectOrDefinition(options.input, std::cerr, {options.stateMachine, {}});
    if (!input)
        return kUsage;
    asl::TextFormat format = asl::formatForPath(options.output);
    if (options.format == "yaml")
        format = asl::TextFormat::YamlText;
    else if (options.format == "json")
        format = asl::TextFormat::JsonText;
    // Over its own input only when that was bare ASL of the same format (a rewrite in place).
    const bool sameFormat =
        !input->wasProject && !input->wasTemplate && asl::formatForPath(options.input) == format;
    if (refusesOverwritingInput(options.input, options.output, sameFormat, std::cerr))
        return kUsage;
    return writeOutput(options.output, design::writeDefinition(input->project, format), std::cerr) ? kOk
                                                                                                   : kUsage;
}

const bool exportAslRegistered = registerCommand(
    {30, [](CLI::App &app, int &exitCode) {
         auto options = std::make_shared<ExportAslOptions>();
         CLI::App *cmd =
             app.add_subcommand("export-asl", "Write the project's ASL definition as JSON or YAML");
         cmd->add_option("INPUT", options->input,
                         "A project (*.egress.json), an ASL definition or a SAM / CloudFormation template")
             ->required();
         addStateMachineOption(cmd, options->stateMachine);
         cmd->add_option("-o,--output", options->output, "OUT.asl.json or OUT.asl.yaml; - for stdout")
             ->required();
         cmd->add_option("--format", options->format, "Force json or yaml (default: from the extension)")
             ->check(CLI::IsMember({"json", "yaml"}));
         cmd->callback([options, &exitCode] { exitCode = runExportAsl(*options); });
     }});

} // namespace
} // namespace egress::cli

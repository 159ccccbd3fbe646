// egress-cli export-cfn PROJECT -o OUT.yaml|OUT.json [--variant designed|nat-gateway] [--create-vpc]
#include "cfn/templatebuilder.h"
#include "cfn/templatewriter.h"
#include "clisupport.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace egress::cli {
namespace {

struct ExportCfnOptions
{
    std::string input;
    std::string output;
    std::string variant = "designed";
    std::string format; // json|yaml; default from the output's extension
    bool createVpc = false;
    bool quiet = false;
    bool force = false;
};

int runExportCfn(const ExportCfnOptions &options)
{
    auto input = loadProjectOrDefinition(options.input, std::cerr);
    if (!input)
        return kUsage;
    // CloudFormation would accept the template and fail at deploy time (CreateStateMachine validates the
    // definition), so an invalid definition is no template unless asked for.
    if (input->definitionErrors > 0 && !options.force) {
        std::cerr << options.input << ": no template written (--force writes it anyway)\n";
        return kProblems;
    }
    cfn::ExportOptions exportOptions;
    exportOptions.variant = *cfn::variantFromString(options.variant);
    exportOptions.createVpc = options.createVpc;
    const cfn::ExportResult result = cfn::buildTemplate(input->project, exportOptions);

    asl::TextFormat format = asl::formatForPath(options.output);
    if (options.format == "yaml")
        format = asl::TextFormat::YamlText;
    else if (options.format == "json")
        format = asl::TextFormat::JsonText;
    const std::string text = cfn::writeTemplate(result, format);
    if (!options.quiet)
        for (const auto &note : result.notes)
            std::cerr << options.input << ": note: " << note << '\n';
    for (const auto &problem : result.problems)
        std::cerr << options.input << ": /: " << problem << '\n';
    // CloudFormation takes at most 1 MB from S3 (51,200 bytes when passed inline).
    constexpr std::size_t kMaxTemplateBytes = 1024 * 1024;
    const bool tooLarge = text.size() > kMaxTemplateBytes;
    if (tooLarge)
        std::cerr << options.input << ": /: the template is " << text.size()
                  << " bytes; CloudFormation accepts at most 1 MB\n";
    if (!writeOutput(options.output, text, std::cerr))
        return kUsage;
    return result.problems.empty() && !tooLarge ? kOk : kProblems;
}

const bool registered = registerCommand(
    {40, [](CLI::App &app, int &exitCode) {
         auto options = std::make_shared<ExportCfnOptions>();
         CLI::App *cmd =
             app.add_subcommand("export-cfn", "Write a deployable CloudFormation template (YAML or JSON)");
         cmd->add_option("INPUT", options->input, "A project (*.egress.json) or an ASL definition")
             ->required();
         cmd->add_option("-o,--output", options->output, "OUT.yaml or OUT.json; - for stdout")->required();
         cmd->add_option(
                "--variant", options->variant,
                "designed: the workflow as drawn; nat-gateway: one function in the VPC behind NAT gateways")
             ->check(CLI::IsMember({"designed", "nat-gateway"}));
         cmd->add_flag("--create-vpc", options->createVpc,
                       "Create the VPC, subnets and routes instead of taking an existing VPC as parameters");
         cmd->add_option("--format", options->format, "Force json or yaml (default: from the extension)")
             ->check(CLI::IsMember({"json", "yaml"}));
         cmd->add_flag("-q,--quiet", options->quiet, "Do not print the notes on what could not be derived");
         cmd->add_flag("--force", options->force,
                       "Write the template even when the definition has errors (it would fail to deploy)");
         cmd->callback([options, &exitCode] { exitCode = runExportCfn(*options); });
     }});

} // namespace
} // namespace egress::cli

// egress-cli export-cfn PROJECT -o OUT.yaml|OUT.json [--variant designed|nat-gateway] [--create-vpc]
//                       [--format json|yaml|sam]
// egress-cli export-cfn PROJECT --into TEMPLATE -o NEW_TEMPLATE [--state-machine ID]
#include "asl/writer.h"
#include "cfn/samexport.h"
#include "cfn/templatebuilder.h"
#include "cfn/templatewriter.h"
#include "clisupport.h"
#include "migrate/migrator.h"
#include "subcommands.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

namespace egress::cli {
namespace {

namespace fs = std::filesystem;

struct ExportCfnOptions
{
    std::string input;
    std::string output;
    std::string variant = "designed";
    std::string format; // json|yaml|sam; default from the output's extension
    std::string into;   // the user's template to migrate
    std::string stateMachine;
    bool createVpc = false;
    bool quiet = false;
    bool force = false;
};

/**
 * CloudFormation would accept a template with an invalid definition and fail at deploy time
 * (CreateStateMachine validates it), so neither a new nor a migrated template is written for one unless
 * --force. Says so and returns true when the export must stop.
 */
bool refusesInvalidDefinition(const LoadedInput &input, const ExportCfnOptions &options)
{
    if (input.definitionErrors == 0 || options.force)
        return false;
    std::cerr << options.input << ": no template written (--force writes it anyway)\n";
    return true;
}

bool samePath(const std::string &a, const std::string &b)
{
    std::error_code ec;
    return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

/** --into: the user's template with only what the design changes (docs/templates.md). */
int runMigrate(const ExportCfnOptions &options)
{
    if (options.output == "-") {
        std::cerr
            << "export-cfn --into: give -o NEW_TEMPLATE (a file: a definition may be written beside it)\n";
        return kUsage;
    }
    if (options.variant != "designed" || options.createVpc || !options.format.empty()) {
        std::cerr
            << "export-cfn --into: --variant, --create-vpc and --format do not apply; the template keeps "
               "its own network and format\n";
        return kUsage;
    }
    if (samePath(options.into, options.output)) {
        std::cerr << options.output
                  << ": is the template itself; write the migrated template to a new file\n";
        return kUsage;
    }
    auto input = loadProjectOrDefinition(options.input, std::cerr);
    if (!input)
        return kUsage;
    if (refusesInvalidDefinition(*input, options))
        return kProblems;
    migrate::MigrateInput migrateInput;
    migrateInput.project = &input->project;
    migrateInput.templatePath = options.into;
    migrateInput.stateMachine = options.stateMachine;
    migrateInput.outputPath = options.output;
    if (auto problem = asl::readWholeFile(options.into, migrateInput.templateText)) {
        std::cerr << *problem << '\n';
        return kUsage;
    }
    const migrate::MigrateResult result = migrate::migrateTemplate(migrateInput);
    for (const auto &error : result.errors)
        std::cerr << error << '\n';
    if (!result.ok())
        return kUsage;
    for (const auto &file : result.files)
        if (samePath(file.path, options.into)) {
            std::cerr << file.path << ": would overwrite the template; choose another -o\n";
            return kUsage;
        }
    for (const auto &file : result.files)
        if (!writeOutput(file.path, file.text, std::cerr))
            return kUsage;
    if (!writeOutput(options.output, result.text, std::cerr))
        return kUsage;
    if (!options.quiet) {
        std::cout << "Migrated " << options.into << " into " << options.output << '\n';
        for (const auto &line : result.summary)
            std::cout << line << '\n';
    }
    for (const auto &problem : result.problems)
        std::cerr << problem << '\n';
    return result.problems.empty() ? kOk : kProblems;
}

int runExportCfn(const ExportCfnOptions &options)
{
    if (!options.into.empty())
        return runMigrate(options);
    if (!options.stateMachine.empty()) {
        std::cerr << "export-cfn: --state-machine goes with --into TEMPLATE\n";
        return kUsage;
    }
    const bool sam = options.format == "sam";
    if (sam && (options.output == "-" || options.variant != "designed")) {
        std::cerr << "export-cfn --format sam: needs the designed variant and -o OUT.yaml (the definition is "
                     "written beside it)\n";
        return kUsage;
    }
    auto input = loadProjectOrDefinition(options.input, std::cerr);
    if (!input)
        return kUsage;
    if (refusesInvalidDefinition(*input, options))
        return kProblems;
    cfn::ExportOptions exportOptions;
    exportOptions.variant = *cfn::variantFromString(options.variant);
    exportOptions.createVpc = options.createVpc;
    cfn::ExportResult result = cfn::buildTemplate(input->project, exportOptions);

    asl::TextFormat format = asl::formatForPath(options.output);
    if (options.format == "yaml")
        format = asl::TextFormat::YamlText;
    else if (options.format == "json")
        format = asl::TextFormat::JsonText;
    std::string definitionPath;
    std::string definitionText;
    std::string text;
    if (sam) {
        // OUT.yaml → OUT.asl.json beside it, named relative to the template as SAM resolves it.
        const fs::path output(options.output);
        const std::string uri = output.stem().string() + ".asl.json";
        definitionPath = (output.parent_path() / uri).string();
        cfn::SamTemplate samTemplate = cfn::toSam(result, uri);
        result.templateJson = std::move(samTemplate.templateJson);
        definitionText = asl::writeJson(samTemplate.definition);
        text = cfn::writeTemplate(result.templateJson, format);
    } else {
        text = cfn::writeTemplate(result, format); // numbers as the definition wrote them
    }
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
    if (sam && !writeOutput(definitionPath, definitionText, std::cerr))
        return kUsage;
    if (!writeOutput(options.output, text, std::cerr))
        return kUsage;
    return result.problems.empty() && !tooLarge ? kOk : kProblems;
}

const bool exportCfnRegistered = registerCommand(
    {40, [](CLI::App &app, int &exitCode) {
         auto options = std::make_shared<ExportCfnOptions>();
         CLI::App *cmd =
             app.add_subcommand("export-cfn", "Write a deployable CloudFormation or SAM template, or migrate "
                                              "your own template (--into)");
         cmd->add_option("INPUT", options->input, "A project (*.egress.json) or an ASL definition")
             ->required();
         cmd->add_option("-o,--output", options->output, "OUT.yaml or OUT.json; - for stdout")->required();
         cmd->add_option(
                "--variant", options->variant,
                "designed: the workflow as drawn; nat-gateway: one function in the VPC behind NAT gateways")
             ->check(CLI::IsMember({"designed", "nat-gateway"}));
         cmd->add_flag("--create-vpc", options->createVpc,
                       "Create the VPC, subnets and routes instead of taking an existing VPC as parameters");
         cmd->add_option("--format", options->format,
                         "Force json or yaml (default: from the extension); sam: an "
                         "AWS::Serverless::StateMachine with its definition in OUT.asl.json beside OUT")
             ->check(CLI::IsMember({"json", "yaml", "sam"}));
         cmd->add_option("--into", options->into,
                         "Migrate this SAM/CloudFormation template: only what the design changes is edited, "
                         "the rest is kept byte for byte; -o names the new template");
         cmd->add_option("--state-machine", options->stateMachine,
                         "With --into: the state machine's logical id, when the template has several");
         cmd->add_flag("-q,--quiet", options->quiet,
                       "Do not print the notes on what could not be derived (with --into: the summary)");
         cmd->add_flag("--force", options->force,
                       "Write the template even when the definition has errors (it would fail to deploy)");
         cmd->callback([options, &exitCode] { exitCode = runExportCfn(*options); });
     }});

} // namespace
} // namespace egress::cli

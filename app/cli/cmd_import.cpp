// egress-cli import ASL|TEMPLATE -o PROJECT — make a laid-out project from an ASL definition or from a
// state machine of a SAM / CloudFormation template (docs/templates.md).
#include "asl/validator.h"
#include "clisupport.h"
#include "design/projectio.h"
#include "input/inputload.h"
#include "subcommands.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace egress::cli {
namespace {

struct ImportOptions
{
    std::string input;
    std::string output;
    std::string name;
    std::string workflowType; ///< empty: STANDARD, or the template's type
    std::string stateMachine;
};

/** A template: its state machine's design, with every note printed; exit 1 when the definition has errors. */
int importTemplate(const ImportOptions &options)
{
    auto input = loadProjectOrDefinition(options.input, std::cerr, {options.stateMachine, options.output});
    if (!input)
        return kUsage;
    design::Project &project = input->project;
    if (!options.name.empty())
        project.name = options.name;
    if (!options.workflowType.empty())
        project.workflowType = *design::workflowTypeFromString(options.workflowType);
    for (const auto &problem : input->definitionProblems)
        std::cerr << problem.toString() << '\n';
    if (!writeOutput(options.output, design::serializeProject(project), std::cerr))
        return kUsage;
    return asl::hasErrors(input->definitionProblems) ? kProblems : kOk;
}

int runImport(const ImportOptions &options)
{
    if (refusesOverwritingInput(options.input, options.output, false, std::cerr))
        return kUsage;
    if (isTemplateFile(options.input))
        return importTemplate(options);
    if (!options.stateMachine.empty()) {
        std::cerr << options.input << ": --state-machine is for templates; this is not one\n";
        return kUsage;
    }
    // The model's loader, as every command and the designer open files: laid out, named after the file.
    input::InputLoad load = input::loadInput(options.input, {{}, options.output, options.name});
    if (load.kind == input::InputKind::Project) {
        std::cerr << options.input << ": /: this is already an Egress Studio project\n";
        return kUsage;
    }
    if (!load) {
        for (const auto &problem : load.problems)
            std::cerr << problem.toString() << '\n';
        return kUsage;
    }
    design::Project &project = *load.project;
    project.workflowType =
        *design::workflowTypeFromString(options.workflowType.empty() ? "STANDARD" : options.workflowType);
    // Problems do not stop an import (the designer is where they get fixed) but are reported; a key met
    // twice is one of them (the project keeps only the last, so the first is lost without a word otherwise:
    // the loader also keeps it among the project's import notes).
    std::vector<asl::Diagnostic> problems = std::move(load.problems);
    for (auto &problem : asl::validateDefinition(project.definition, options.input))
        problems.push_back(std::move(problem));
    int errors = 0;
    for (const auto &problem : problems) {
        std::cerr << problem.toString() << '\n';
        errors += problem.severity == asl::Severity::Error ? 1 : 0;
    }
    if (errors > 0)
        std::cerr << definitionInvalidLine(options.input, errors) << '\n';
    if (!writeOutput(options.output, design::serializeProject(project), std::cerr))
        return kUsage;
    return errors > 0 ? kProblems : kOk;
}

const bool importRegistered = registerCommand(
    {20, [](CLI::App &app, int &exitCode) {
         auto options = std::make_shared<ImportOptions>();
         CLI::App *cmd =
             app.add_subcommand("import", "Make a laid-out project from an ASL definition (JSON or YAML) or "
                                          "from a state machine of a SAM / CloudFormation template");
         cmd->add_option("INPUT", options->input, "The definition or template to import")->required();
         addStateMachineOption(cmd, options->stateMachine);
         cmd->add_option("-o,--output", options->output, "The project to write (*.egress.json), - for stdout")
             ->required();
         cmd->add_option("--name", options->name, "Project name (default: the file name)");
         cmd->add_option("--type", options->workflowType,
                         "Workflow type (default: STANDARD, or the template's Type / StateMachineType)")
             ->check(CLI::IsMember({"STANDARD", "EXPRESS"}));
         cmd->callback([options, &exitCode] { exitCode = runImport(*options); });
     }});

} // namespace
} // namespace egress::cli

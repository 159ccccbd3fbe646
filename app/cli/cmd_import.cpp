// egress-cli import ASL|TEMPLATE -o PROJECT — make a laid-out project from an ASL definition or from a
// state machine of a SAM / CloudFormation template (docs/templates.md).
#include "asl/reader.h"
#include "asl/validator.h"
#include "clisupport.h"
#include "design/projectio.h"
#include "layout/layout.h"
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
    asl::ReadResult read = asl::readFile(options.input);
    if (!read) {
        std::cerr << read.error->toString() << '\n';
        return kUsage;
    }
    if (design::looksLikeProject(*read.value)) {
        std::cerr << options.input << ": /: this is already an Egress Studio project\n";
        return kUsage;
    }
    if (!read.value->is_object() || !read.value->contains("States")) {
        std::cerr << options.input << ": /: not an ASL definition (no \"States\")\n";
        return kUsage;
    }
    design::Project project = design::projectFromDefinition(
        *read.value, options.name.empty() ? baseName(options.input) : options.name, read.numberForms);
    project.workflowType =
        *design::workflowTypeFromString(options.workflowType.empty() ? "STANDARD" : options.workflowType);
    layout::autoLayout(project);
    // Problems do not stop an import (the designer is where they get fixed) but are reported; a key met
    // twice is one of them (the project keeps only the last, so the first is lost without a word otherwise).
    std::vector<asl::Diagnostic> problems = asl::duplicateKeyProblems(read, options.input);
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

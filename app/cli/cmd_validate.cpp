// egress-cli validate FILE... — check ASL definitions (JSON/YAML), projects and SAM / CloudFormation
// templates.
#include "asl/reader.h"
#include "asl/validator.h"
#include "clisupport.h"
#include "design/projectio.h"
#include "subcommands.h"
#include "template/statemachines.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace egress::cli {
namespace {

struct ValidateOptions
{
    std::vector<std::string> files;
    bool noArnCheck = false;
    bool strict = false;
    bool quiet = false;
};

/**
 * A template: its own problems (parse errors, unknown tags, references to nothing, cycles), then every
 * state machine's definition, located at the template's lines or in its DefinitionUri file.
 */
std::vector<asl::Diagnostic> validateTemplate(const std::string &path,
                                              const asl::ValidationOptions &validation, bool &unreadable)
{
    tmpl::TemplateRead read = tmpl::readTemplate(path);
    std::vector<asl::Diagnostic> problems = read.problems;
    if (!read) {
        unreadable = true;
        return problems;
    }
    const auto machines = tmpl::listStateMachines(*read.value);
    if (machines.empty())
        problems.push_back(read.value->at(asl::Severity::Warning, "/Resources",
                                          "the template has no state machine to check"));
    for (const auto &machine : machines) {
        const tmpl::ExtractedDefinition definition = tmpl::extractDefinition(*read.value, machine.logicalId);
        problems.insert(problems.end(), definition.problems.begin(), definition.problems.end());
        if (!definition.ok()) {
            unreadable = true;
            continue;
        }
        for (const asl::Diagnostic &d :
             asl::validateDefinition(definition.definition, definition.definitionFile, validation)) {
            asl::Diagnostic located = tmpl::locateInTemplate(*read.value, definition, d);
            if (located.file != path)
                located.message = "(state machine " + machine.logicalId + ") " + located.message;
            problems.push_back(located);
        }
    }
    return problems;
}

/**
 * Validates one file; returns the number of problems that count against the exit status. A file that
 * cannot be read or parsed at all (missing, a JSON/YAML syntax error, a template whose definition cannot be
 * extracted) is unreadable input: it is counted in `unreadable`, not as a problem, and makes the exit status
 * 2, as for every other command.
 */
int validateFile(const std::string &path, const ValidateOptions &options, int &unreadable)
{
    asl::ValidationOptions validation;
    validation.checkArn = !options.noArnCheck;
    std::vector<asl::Diagnostic> problems;
    if (isTemplateFile(path)) {
        bool templateUnreadable = false;
        problems = validateTemplate(path, validation, templateUnreadable);
        if (templateUnreadable) {
            // Counted as unreadable, not as problems: its messages still say where and why.
            ++unreadable;
            for (const auto &problem : problems)
                std::cout << problem.toString() << '\n';
            return 0;
        }
    } else {
        asl::ReadResult read = asl::readFile(path);
        if (!read) {
            ++unreadable;
            std::cout << read.error->toString() << '\n';
            return 0;
        }
        if (design::looksLikeProject(*read.value)) {
            // A project: its own problems (duplicate keys included), then its definition's (pointers
            // prefixed with /definition).
            std::string text;
            asl::readWholeFile(path, text);
            design::ProjectLoad load = design::parseProject(text, path);
            problems.insert(problems.end(), load.problems.begin(), load.problems.end());
            if (load) {
                for (asl::Diagnostic d :
                     asl::validateDefinition(load.project->definition, path, validation)) {
                    d.pointer = "/definition" + d.pointer;
                    problems.push_back(d);
                }
            }
        } else {
            // A definition: duplicate keys and validation in one list.
            problems = asl::validateRead(read, path, validation);
        }
    }
    int counted = 0;
    for (const auto &problem : problems) {
        const bool counts = problem.severity == asl::Severity::Error ||
                            (options.strict && problem.severity == asl::Severity::Warning);
        counted += counts ? 1 : 0;
        if (counts || !options.quiet)
            std::cout << problem.toString() << '\n';
    }
    return counted;
}

int runValidate(const ValidateOptions &options)
{
    int total = 0;
    int unreadable = 0;
    for (const std::string &file : options.files)
        total += validateFile(file, options, unreadable);
    if (!options.quiet) {
        std::cerr << options.files.size() << (options.files.size() == 1 ? " file" : " files") << " checked, "
                  << total << (total == 1 ? " problem" : " problems");
        if (unreadable > 0)
            std::cerr << ", " << unreadable << " unreadable (syntax error or cannot open)";
        std::cerr << '\n';
    }
    if (unreadable > 0)
        return kUsage;
    return total > 0 ? kProblems : kOk;
}

const bool validateRegistered = registerCommand(
    {10, [](CLI::App &app, int &exitCode) {
         auto options = std::make_shared<ValidateOptions>();
         CLI::App *cmd =
             app.add_subcommand("validate", "Check ASL definitions (JSON or YAML), projects and templates");
         cmd->add_option(
                "FILE", options->files,
                "ASL definitions (*.asl.json, *.asl.yaml), projects (*.egress.json) or SAM / CloudFormation "
                "templates (every state machine in them)")
             ->required();
         cmd->add_flag("--no-arn-check", options->noArnCheck, "Accept Task Resources that are not ARNs");
         cmd->add_flag("--strict", options->strict,
                       "Count warnings (e.g. Credentials without RoleArn) as problems");
         cmd->add_flag("-q,--quiet", options->quiet, "Print errors only, no summary");
         cmd->callback([options, &exitCode] { exitCode = runValidate(*options); });
     }});

} // namespace
} // namespace egress::cli

#include "clisupport.h"

#include "asl/validator.h"
#include "design/projectio.h"
#include "input/inputload.h"
#include "template/templatereader.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>

namespace egress::cli {

std::string definitionInvalidLine(const std::string &path, int errors)
{
    return path + ": the definition has " + std::to_string(errors) + (errors == 1 ? " error" : " errors") +
           "; egress-cli validate " + path + " lists them";
}

namespace {

/** Counts the definition's errors and says so: an invalid definition stays visibly invalid. */
void checkDefinition(LoadedInput &input, const std::string &path, std::ostream &err)
{
    const auto problems = asl::validateDefinition(input.project.definition, path);
    input.definitionErrors = static_cast<int>(std::count_if(
        problems.begin(), problems.end(), [](const auto &d) { return d.severity == asl::Severity::Error; }));
    if (input.definitionErrors > 0)
        err << definitionInvalidLine(path, input.definitionErrors) << '\n';
}

/** The model's loader (input/inputload.h, as the designer opens files), every message printed. */
std::optional<LoadedInput> loadUnchecked(const std::string &path, std::ostream &err,
                                         const InputOptions &options)
{
    input::InputLoad load = input::loadInput(path, {options.stateMachine, options.projectPath, {}});
    for (const auto &problem : load.problems)
        err << problem.toString() << '\n';
    if (!load.error.empty())
        err << load.error << '\n';
    if (!load)
        return std::nullopt;
    for (const auto &note : load.notes)
        err << note.toString() << '\n';
    LoadedInput loaded;
    loaded.project = std::move(*load.project);
    loaded.wasProject = load.kind == input::InputKind::Project;
    loaded.wasTemplate = load.kind == input::InputKind::Template;
    loaded.definitionProblems = std::move(load.definitionProblems);
    return loaded;
}

} // namespace

bool isTemplateFile(const std::string &path)
{
    return tmpl::isTemplateFile(path);
}

void addStateMachineOption(CLI::App *command, std::string &target)
{
    command->add_option("--state-machine", target,
                        "In a template: the state machine's logical id (default: the template's only one)");
}

std::optional<LoadedInput> loadProjectOrDefinition(const std::string &path, std::ostream &err,
                                                   const InputOptions &options)
{
    auto input = loadUnchecked(path, err, options);
    if (input)
        checkDefinition(*input, path, err);
    return input;
}

bool writeOutput(const std::string &path, const std::string &text, std::ostream &err)
{
    if (path == "-") {
        std::cout << text;
        return static_cast<bool>(std::cout);
    }
    if (auto problem = design::writeFileAtomically(path, text)) {
        err << *problem << '\n';
        return false;
    }
    return true;
}

bool refusesOverwritingInput(const std::string &input, const std::string &output, bool sameFormat,
                             std::ostream &err)
{
    if (sameFormat || output == "-")
        return false;
    std::error_code ec;
    if (!std::filesystem::equivalent(input, output, ec) || ec)
        return false;
    err << output << ": is the input " << input
        << "; this command writes another format, so it would replace it: choose another output\n";
    return true;
}

bool readBillOption(const std::string &path, std::optional<usage::Bill> &bill, std::ostream &err)
{
    if (path.empty())
        return true;
    usage::BillLoad load = usage::loadBill(path);
    if (!load.bill) {
        err << load.error << "\n";
        return false;
    }
    bill = std::move(load.bill);
    return true;
}

} // namespace egress::cli

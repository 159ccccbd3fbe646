#include "clisupport.h"

#include "asl/reader.h"
#include "asl/validator.h"
#include "design/projectio.h"
#include "layout/layout.h"
#include "template/derive.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

namespace egress::cli {

namespace {

/** A YAML key at the start of a line that only templates have at their top level. */
bool hasTemplateKey(const std::string &text)
{
    for (const char *key : {"AWSTemplateFormatVersion:", "Resources:", "Transform:"}) {
        const std::string k(key);
        if (text.compare(0, k.size(), k) == 0 || text.find("\n" + k) != std::string::npos)
            return true;
    }
    return false;
}

std::optional<LoadedInput> loadTemplate(const std::string &path, std::ostream &err, const InputOptions &options)
{
    tmpl::TemplateRead read = tmpl::readTemplate(path);
    for (const auto &problem : read.problems)
        err << problem.toString() << '\n';
    if (!read)
        return std::nullopt;
    std::string error;
    bool ambiguous = false;
    const auto chosen = tmpl::chooseStateMachine(*read.value, options.stateMachine, error, ambiguous);
    if (!chosen) {
        err << error << '\n';
        return std::nullopt;
    }
    tmpl::TemplateImport imported = tmpl::importStateMachine(
        *read.value, *chosen, tmpl::templatePathFor(path, options.projectPath));
    for (const auto &problem : imported.problems)
        err << problem.toString() << '\n';
    if (!imported)
        return std::nullopt;
    for (const auto &note : imported.notes)
        err << note.toString() << '\n';
    LoadedInput input;
    input.project = std::move(*imported.project);
    input.wasTemplate = true;
    for (const auto &problem :
         asl::validateDefinition(input.project.definition, imported.definition.definitionFile))
        input.definitionProblems.push_back(tmpl::locateInTemplate(*read.value, imported.definition, problem));
    layout::autoLayout(input.project);
    return input;
}

} // namespace

bool isTemplateFile(const std::string &path)
{
    std::string text;
    if (asl::readWholeFile(path, text))
        return false;
    if (asl::formatForPath(path) == asl::TextFormat::YamlText)
        return hasTemplateKey(text);
    asl::ReadResult read = asl::parseJson(text, path);
    return read && tmpl::looksLikeTemplate(*read.value);
}

void addStateMachineOption(CLI::App *command, std::string &target)
{
    command->add_option("--state-machine", target,
                        "In a template: the state machine's logical id (default: the template's only one)");
}

std::optional<LoadedInput> loadProjectOrDefinition(const std::string &path, std::ostream &err,
                                                   const InputOptions &options)
{
    if (isTemplateFile(path))
        return loadTemplate(path, err, options);
    asl::ReadResult read = asl::readFile(path);
    if (!read) {
        err << read.error->toString() << '\n';
        return std::nullopt;
    }
    LoadedInput input;
    if (design::looksLikeProject(*read.value)) {
        std::string text;
        asl::readWholeFile(path, text);
        design::ProjectLoad load = design::parseProject(text, path);
        for (const auto &problem : load.problems)
            err << problem.toString() << '\n';
        if (!load)
            return std::nullopt;
        input.project = std::move(*load.project);
        input.wasProject = true;
        return input;
    }
    if (!read.value->is_object() || !read.value->contains("States")) {
        err << path
            << ": /: neither an Egress Studio project, an ASL definition (no \"States\") nor a SAM / "
               "CloudFormation template (no \"Resources\")\n";
        return std::nullopt;
    }
    input.project = design::projectFromDefinition(*read.value, baseName(path));
    layout::autoLayout(input.project);
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

std::string baseName(const std::string &path)
{
    std::string name = std::filesystem::path(path).filename().string();
    for (const char *suffix :
         {".egress.json", ".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"}) {
        const std::string s(suffix);
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
            name.resize(name.size() - s.size());
            break;
        }
    }
    return name;
}

} // namespace egress::cli

#include "input/inputload.h"

#include "asl/reader.h"
#include "asl/validator.h"
#include "design/projectio.h"
#include "layout/layout.h"
#include "template/templateload.h"
#include "template/templatereader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>

namespace egress::input {

namespace {

asl::Diagnostic wholeFileError(const std::string &path, std::string message)
{
    asl::Diagnostic d;
    d.file = path;
    d.message = std::move(message);
    return d;
}

InputLoad loadTemplate(const std::string &path, const InputOptions &options)
{
    InputLoad out;
    out.file = path;
    out.kind = InputKind::Template;
    tmpl::TemplateLoad load = tmpl::loadTemplateProject(path, options.stateMachine, options.projectPath);
    out.problems = std::move(load.problems);
    out.notes = std::move(load.notes);
    out.definitionProblems = std::move(load.definitionProblems);
    out.error = std::move(load.error);
    for (const auto &choice : load.choices)
        out.stateMachines.push_back(choice.logicalId);
    out.project = std::move(load.project);
    return out;
}

} // namespace

std::string InputLoad::failure() const
{
    if (project)
        return {};
    std::string out;
    for (const asl::Diagnostic &problem : problems)
        if (problem.severity == asl::Severity::Error)
            out += (out.empty() ? "" : "\n") + problem.toString();
    if (!error.empty())
        out += (out.empty() ? "" : "\n") + error;
    return out.empty() ? file + ": /: cannot be opened" : out;
}

InputLoad loadInput(const std::string &path, const InputOptions &options)
{
    if (tmpl::isTemplateFile(path))
        return loadTemplate(path, options);
    InputLoad out;
    out.file = path;
    std::string text;
    if (auto problem = asl::readWholeFile(path, text)) {
        // "FILE: cannot open: ..." becomes FILE: /: cannot open: ..., as every located message reads.
        out.problems.push_back(wholeFileError(
            path, problem->rfind(path + ": ", 0) == 0 ? problem->substr(path.size() + 2) : *problem));
        return out;
    }
    asl::ReadResult read = asl::parseText(text, path, asl::formatForPath(path));
    if (!read) {
        out.problems.push_back(read.error ? *read.error : wholeFileError(path, "cannot be read"));
        return out;
    }
    if (design::looksLikeProject(*read.value)) {
        out.kind = InputKind::Project;
        design::ProjectLoad load = design::parseProject(text, path);
        out.problems = std::move(load.problems);
        out.project = std::move(load.project);
        return out;
    }
    if (!read.value->is_object() || !read.value->contains("States")) {
        out.problems.push_back(
            wholeFileError(path, "neither an Egress Studio project, an ASL definition (no \"States\") nor a "
                                 "SAM / CloudFormation template (no \"Resources\")"));
        return out;
    }
    design::Project project = design::projectFromDefinition(
        *read.value, options.name.empty() ? inputBaseName(path) : options.name, read.numberForms);
    // A key given twice keeps only its last value: say so, here and in the project's import notes (the
    // designer's Problems list), instead of silently dropping the first state of that name.
    for (asl::Diagnostic &d : asl::duplicateKeyProblems(read, path)) {
        project.importNotes.push_back(d.toString());
        out.problems.push_back(std::move(d));
    }
    layout::autoLayout(project);
    out.project = std::move(project);
    return out;
}

std::string inputBaseName(const std::string &path)
{
    std::string name = std::filesystem::path(path).filename().string();
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const std::string_view suffix :
         {".egress.json", ".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"}) {
        if (lower.size() > suffix.size() &&
            lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0) {
            name.resize(name.size() - suffix.size());
            break;
        }
    }
    return name;
}

} // namespace egress::input

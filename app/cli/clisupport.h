#pragma once

#include "asl/diagnostic.h"
#include "design/project.h"
#include "usage/billcompare.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace egress::cli {

/** A project read from a project file, or made from a bare ASL definition or a template (then laid out). */
struct LoadedInput
{
    design::Project project;
    bool wasProject = false;
    bool wasTemplate = false;
    /** Errors in the definition (asl::validateDefinition): the input loads, but Step Functions would refuse
     * it. loadProjectOrDefinition has already said so. */
    int definitionErrors = 0;
    /** For a template: the definition's validation problems, located in the template (or DefinitionUri file).
     */
    std::vector<asl::Diagnostic> definitionProblems;
};

/** How a template among the inputs is read. */
struct InputOptions
{
    std::string stateMachine; ///< --state-machine: the logical id; empty = the template's only one
    std::string projectPath;  ///< the project file to be written (source.template is relative to its folder)
};

/**
 * Loads a project (*.egress.json), an ASL definition (JSON/YAML) or a SAM / CloudFormation template
 * (one state machine of it; docs/templates.md) with the model's loader (input::loadInput, the designer's
 * too). Prints every problem to `err` as
 * `FILE: POINTER (state NAME): message` (`FILE:LINE: ...` in templates) and a template's import notes;
 * returns nothing when the file cannot be used (exit status 2). A definition with errors still loads, with
 * one line "FILE: the definition has N errors ..." (definitionInvalidLine).
 */
std::optional<LoadedInput> loadProjectOrDefinition(const std::string &path, std::ostream &err,
                                                   const InputOptions &options = {});

/** Is the file a SAM / CloudFormation template (by content)? Cheap: large files are not parsed as ASL. */
bool isTemplateFile(const std::string &path);

/** Adds --state-machine LOGICAL_ID to a command that reads a template. */
void addStateMachineOption(CLI::App *command, std::string &target);

/** "FILE: the definition has N error(s); egress-cli validate FILE lists them" — every command says it. */
std::string definitionInvalidLine(const std::string &path, int errors);

/** Writes `text` to `path` atomically, or to standard output for "-". Prints a message on failure. */
bool writeOutput(const std::string &path, const std::string &text, std::ostream &err);

/**
 * True (and says so on `err`) when `output` is the file `input` names (symlinks followed): a command whose
 * output has another format than its input must not replace it (`export-asl P -o P` would turn the project
 * into bare ASL). `sameFormat` allows it where output and input are the same kind of document.
 */
bool refusesOverwritingInput(const std::string &input, const std::string &output, bool sameFormat,
                             std::ostream &err);

/** Reads `--bill FILE` into `bill` when a path is given; false (the located error on `err`) when it cannot.
 */
bool readBillOption(const std::string &path, std::optional<usage::Bill> &bill, std::ostream &err);

} // namespace egress::cli

#pragma once

#include "asl/diagnostic.h"
#include "design/project.h"

#include <optional>
#include <string>
#include <vector>

namespace egress::input {

// One loader for everything a user may open: the designer (File ▸ Open, Import ASL, Re-import) and every
// egress-cli command that takes a design (cost, report, run, export-asl, export-cfn, import) call it, so a
// file opens the same way, with the same messages, everywhere.

/** What a file turned out to be (by its content; the suffix only chooses JSON or YAML). */
enum class InputKind { Project, Definition, Template };

struct InputOptions
{
    std::string stateMachine; ///< a template's state machine (logical id); "" = its only one
    std::string projectPath;  ///< where the project will be saved: source.template is relative to its folder
    std::string name;         ///< a bare definition's project name; "" = the file name (inputBaseName)
};

struct InputLoad
{
    std::string file;                       ///< the path as given
    std::optional<design::Project> project; ///< laid out when it was made from a definition or a template
    InputKind kind = InputKind::Definition;
    /**
     * What reading found, each naming the file and the place (`FILE:LINE:COLUMN: ...` for a syntax error,
     * `FILE: POINTER: ...` otherwise), in the order found: why the file cannot be used, a project's or a
     * template's problems (warnings too), a definition's keys given twice (they are also the project's
     * import notes: only the last value of such a key is kept).
     */
    std::vector<asl::Diagnostic> problems;
    std::vector<asl::Diagnostic> notes;              ///< a template's import notes
    std::vector<asl::Diagnostic> definitionProblems; ///< a template's definition checked, at template lines
    std::vector<std::string> stateMachines;          ///< a template's state machines when none was chosen
    std::string error; ///< a template's state machine not found or not chosen (names the file)

    explicit operator bool() const { return project.has_value(); }
    /** Why nothing loaded: the errors among `problems`, then `error`, one per line (never empty then); ""
     * when it loaded. */
    std::string failure() const;
};

/**
 * Loads a project (*.egress.json), a bare ASL definition (.asl.json, .json, .asl.yaml, .yaml, .yml: laid
 * out, one design entry per state) or one state machine of a SAM / CloudFormation template
 * (docs/templates.md). What the file is comes from its content; anything else is refused with `FILE: /:
 * neither ...`.
 */
InputLoad loadInput(const std::string &path, const InputOptions &options = {});

/** The file name without its folders and its .egress.json, .asl.json, .asl.yaml, .asl.yml, .json, .yaml or
 * .yml ending (any case): a definition's project name. */
std::string inputBaseName(const std::string &path);

} // namespace egress::input

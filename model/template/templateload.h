#pragma once

#include "design/project.h"
#include "template/statemachines.h"

#include <optional>
#include <string>
#include <vector>

namespace egress::tmpl {

/** A template file made into a laid-out project: what `egress-cli` and the designer both open. */
struct TemplateLoad
{
    std::optional<design::Project> project;
    std::vector<Diagnostic> problems;           ///< errors reading the template or its definition
    std::vector<Diagnostic> notes;              ///< the import notes (also in project->importNotes)
    std::vector<Diagnostic> definitionProblems; ///< the definition's validation, at template lines
    /** With several state machines and none chosen: them, and `error` says to choose. */
    std::vector<StateMachineRef> choices;
    std::string error; ///< no state machine chosen or found

    explicit operator bool() const { return project.has_value(); }
};

/**
 * Reads the template at `path`, chooses the state machine (`stateMachine`, or the only one), derives and
 * lays out its design. `projectPath` is where the project will be saved ("" = not known yet): the
 * project's source.template is relative to its folder.
 */
TemplateLoad loadTemplateProject(const std::string &path, const std::string &stateMachine,
                                 const std::string &projectPath);

/**
 * A re-import: the freshly imported project with the current project's canvas kept — positions of the
 * steps that still exist, the VPC rectangle, the project name, price table and overrides. New steps are
 * placed by the fresh layout.
 */
design::Project mergeReimport(const design::Project &current, design::Project fresh);

} // namespace egress::tmpl

#pragma once

#include "asl/workflow.h"
#include "design/project.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace egress::design {

/**
 * Project-level edits: the ASL edit (asl/edit.h) plus the matching change to the design data keyed by
 * state name. Used by the designer's commands and usable by the CLI.
 */

/** Renames a step everywhere: definition references and its design entry. */
std::optional<std::string> renameStep(Project &project, const std::string &from, const std::string &to);

/** Removes steps (and nested ones) with their design data; returns the repair messages. */
std::vector<std::string> removeSteps(Project &project, const std::set<std::string> &names);

/** Can this step be attached to a VPC? Only code we run: Lambda tasks. */
bool isVpcCapable(const Project &project, const std::string &name);
/** The same, with the definition's index already built (the per-step loops: building it is O(states)). */
bool isVpcCapable(const Project &project, const asl::WorkflowIndex &index, const std::string &name);

/**
 * The selected steps as a stand-alone project (a valid project file): their states (nested content
 * included) as the definition and their design data. Used for the clipboard.
 */
Project extractSteps(const Project &project, const std::set<std::string> &names);

/**
 * Pastes the steps of a project made by extractSteps into the scope at `scopePointer`, names made unique,
 * positions shifted by (dx, dy). Returns the new names in paste order, or an error.
 */
struct PasteOutcome
{
    std::vector<std::string> added;
    std::optional<std::string> error;
};
PasteOutcome pasteSteps(Project &project, const std::string &scopePointer, const Project &clip, double dx,
                        double dy);

} // namespace egress::design

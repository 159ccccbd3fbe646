#pragma once

#include "asl/json.h"
#include "asl/workflow.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace egress::asl {

/**
 * Pure edit operations on an ASL definition, shared by the designer's undo commands and the CLI.
 * Each one keeps the definition valid where it can (references follow a rename, a removed state's
 * predecessors are repaired) and returns an error message instead of changing anything when it cannot.
 */

/** A name not used by any state of the machine: `base`, else `base 2`, `base 3`, ... */
std::string uniqueStateName(const WorkflowIndex &index, const std::string &base,
                            const std::set<std::string> &alsoTaken = {});

/**
 * Renames a state and every reference to it in its scope (StartAt, Next, Default, Choice rules,
 * Catchers). Refuses an empty name, a name over 80 characters or one already used anywhere in the machine.
 */
std::optional<std::string> renameState(Json &definition, const std::string &from, const std::string &to);

/**
 * Removes states (with their nested branches). References to a removed state are repaired: a Next
 * follows the removed state's own Next when that survives, else becomes End; a Choice rule, Default
 * or Catcher pointing at it is dropped; StartAt moves to the removed state's successor or to the first
 * remaining state. Returns one message per reference that had to change in a way the user should know.
 */
std::vector<std::string> removeStates(Json &definition, const std::set<std::string> &names);

/**
 * Adds a state to the scope at `scopePointer` ("" = top level, else a branch or item processor object).
 * An empty scope gets StartAt = the new state. Refuses a taken name or a scope that does not exist.
 */
std::optional<std::string> addState(Json &definition, const std::string &scopePointer,
                                    const std::string &name, const Json &state);

/**
 * Makes `from` go to `to` (same scope): a Choice gets a Default when it has none, else a new rule
 * placeholder; any other state gets Next (dropping End). Succeed/Fail states have no transitions.
 */
std::optional<std::string> connectStates(Json &definition, const std::string &from, const std::string &to);

/** Points an existing transition (the field at `fieldPointer`, from Edge::pointer) at another state. */
std::optional<std::string> retargetTransition(Json &definition, const std::string &fieldPointer,
                                              const std::string &to);

/** Deletes one transition: Next becomes End, a Default, Choice rule or Catcher is removed. */
std::optional<std::string> removeTransition(Json &definition, const Edge &edge);

/** The states named (and their nested content) as an object name → state JSON, in definition order. */
Json copyStates(const Json &definition, const std::set<std::string> &names);

/**
 * Pastes states copied with copyStates into a scope. Names (nested ones too) are made unique; references
 * between pasted states follow the new names; references to states that are not pasted are dropped
 * (Next becomes End). Returns old name → new name for every pasted state, or an error.
 */
struct PasteResult
{
    std::map<std::string, std::string> renamed;
    std::optional<std::string> error;
};
PasteResult pasteStates(Json &definition, const std::string &scopePointer, const Json &states);

/** The JSON pointer of the scope that holds a state, or nothing when the state does not exist. */
std::optional<std::string> scopeOf(const Json &definition, const std::string &state);

/** Names of every state nested inside the given state (branches / item processor), recursively. */
std::vector<std::string> nestedStates(const WorkflowIndex &index, int state);

} // namespace egress::asl

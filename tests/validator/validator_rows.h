#pragma once
// Data rows of tst_validator (JSON snippets and the diagnostics they must produce).

#include <string>

/** A machine starting at `state` (named "S"), plus a Succeed state "D"; `top` is inserted before "StartAt".
 */
std::string machine(const std::string &state, const std::string &top = "");

/** Columns json, checkArn, severity, pointer, state, message: one row per validation rule. */
void addRuleRows();
/** Column json: definitions Step Functions accepts, which must get no error. */
void addAcceptedRows();

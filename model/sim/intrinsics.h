#pragma once

#include "sim/errors.h"
#include "sim/jsonpath.h"

#include <string_view>

namespace egress::sim {

/** Does a `.$` value call an intrinsic function (`States.Name(...)`) rather than name a path? */
bool isIntrinsicCall(std::string_view text);

/**
 * Evaluates an intrinsic function call as Step Functions does: arguments are quoted strings ('...' with
 * \' \{ \} \\ escapes), numbers, true/false/null, paths ($, $$, $variable) and nested calls. Throws
 * StatesError: States.IntrinsicFailure for a bad argument or an unknown function, States.Runtime for a
 * path that selects nothing.
 */
Json evaluateIntrinsic(std::string_view text, const PathRoots &roots, Random &random);

} // namespace egress::sim

#pragma once

#include "asl/json.h"

#include <optional>
#include <string>
#include <string_view>

namespace egress::sim {

using Json = asl::Json;

/** Where a path reads from: `$` the state's data, `$$` the context object, `$name` a variable. */
struct PathRoots
{
    const Json *data = nullptr;
    const Json *context = nullptr;
    const Json *variables = nullptr; ///< an object: variable name → value
};

/**
 * Evaluates a JSONPath as Step Functions does (Jayway semantics): `$`, `.name`, `['name']`, `[n]` (negative
 * counts from the end), `[*]`, `.*`, `[a:b]`, `[n,m]`, `..name`, and `[?(@.field OP literal)]` filters.
 * A definite path (names and indexes only) gives the value; any other gives the array of what it matched.
 * Returns nothing and sets `error` when the path is malformed or selects nothing.
 */
std::optional<Json> evaluatePath(std::string_view path, const PathRoots &roots, std::string &error);

/** Is the path definite (a reference path: names and non-negative indexes only)? */
bool isReferencePath(std::string_view path);

/**
 * Writes `value` into `root` at a reference path (ResultPath): missing objects on the way are created.
 * False with `error` set when a step crosses a value that is not an object (States.ResultPathMatchFailure).
 */
bool setAtPath(Json &root, std::string_view path, Json value, std::string &error);

} // namespace egress::sim

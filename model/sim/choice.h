#pragma once

#include "sim/jsonpath.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace egress::sim {

/**
 * Does a JSONPath Choice rule match? Every comparison operator of the spec (String*, Numeric*, Boolean*,
 * Timestamp*, each with its *Path form, StringMatches, Is*) and And / Or / Not. A comparison whose value has
 * the wrong type is false, as AWS does; a Variable that selects nothing throws States.Runtime (except under
 * IsPresent).
 */
bool choiceRuleMatches(const Json &rule, const PathRoots &roots);

/** An RFC 3339 timestamp as nanoseconds since the epoch (for Timestamp* rules and Wait's Timestamp). */
std::optional<std::int64_t> parseTimestamp(std::string_view text);

/** StringMatches: `*` matches any run of characters; `\*` and `\\` are literal. */
bool wildcardMatches(std::string_view pattern, std::string_view text);

} // namespace egress::sim

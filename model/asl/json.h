#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace egress::asl {

/** The JSON value type of the whole model: keeps key order, so a definition round-trips as written. */
using Json = nlohmann::ordered_json;

/** Escapes one reference token of a JSON pointer (RFC 6901: "~" → "~0", "/" → "~1"). */
std::string escapePointerToken(std::string_view token);

/** Returns the value at a JSON pointer, or nullptr when the pointer does not resolve. */
const Json *resolvePointer(const Json &root, std::string_view pointer);
Json *resolvePointer(Json &root, std::string_view pointer);

} // namespace egress::asl

#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace egress::asl {

/** The JSON value type of the whole model: keeps key order, so a definition round-trips as written. */
using Json = nlohmann::ordered_json;

/** Escapes one reference token of a JSON pointer (RFC 6901: "~" → "~0", "/" → "~1"). */
std::string escapePointerToken(std::string_view token);

/** Returns the value at a JSON pointer, or nullptr when the pointer does not resolve. */
const Json *resolvePointer(const Json &root, std::string_view pointer);
Json *resolvePointer(Json &root, std::string_view pointer);

/**
 * The same with position hints: hints[k] is where the k-th object member on the way was found when the
 * pointer was made (ordered objects keep their members in a vector). A hint that still names the token is
 * taken in O(1); a stale one falls back to the search. Finding a state among 200,000 siblings by name is a
 * linear scan otherwise, and every state visited that way made validation quadratic.
 */
const Json *resolvePointer(const Json &root, std::string_view pointer,
                           const std::vector<std::uint32_t> &hints);
Json *resolvePointer(Json &root, std::string_view pointer, const std::vector<std::uint32_t> &hints);

/** The position of `key` among the members of `object` (for hints), or UINT32_MAX. */
std::uint32_t memberPosition(const Json &object, std::string_view key);

/**
 * Numbers exactly as written. nlohmann::json keeps a number as a double or a 64-bit integer, so its text
 * is lost: 1.50 would be written 1.5, 1e2 as 100.0, 0.10 as 0.1, 123456789012345678901234567890 as
 * 1.2345678901234568e+29. The readers record the text of every number the writers would not reproduce,
 * by JSON pointer, and the writers put it back where the number is still there with the same value (a
 * number edited since keeps its new value's form).
 */
using NumberForms = std::map<std::string, std::string>;

/** The NumberForms of one value resolved to its nodes, for the writers. */
using NumberTexts = std::unordered_map<const Json *, std::string>;

/** True when `text` (a JSON number) is not what the writers produce for its value, so it must be kept. */
bool numberFormDiffers(const std::string &text, const Json &value);

/**
 * Resolves each pointer of `forms` (prefixed by `base`) in `root`. A form is kept only where the node is a
 * number whose value the text still denotes.
 */
NumberTexts numberTextsIn(const Json &root, const NumberForms &forms, std::string_view base = {});

/** The forms under `prefix`, with the prefix taken off (the definition's forms in a project file). */
NumberForms numberFormsUnder(const NumberForms &forms, std::string_view prefix);

/** The forms with `prefix` put before every pointer (the definition's forms inside a template). */
NumberForms numberFormsPrefixed(const NumberForms &forms, std::string_view prefix);

/** The text of a number node: its kept form, else what nlohmann::json writes. */
std::string numberText(const Json &number, const NumberTexts *texts);

} // namespace egress::asl

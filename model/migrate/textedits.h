#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace egress::migrate {

/** Replace [begin, end) of the original text with `text` (an insertion when begin == end). */
struct TextEdit
{
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string text;
};

/**
 * Applies edits to the original text; every byte outside them is kept. Returns nothing when two edits
 * overlap (the caller's bug: one value edited twice).
 */
std::optional<std::string> applyEdits(const std::string &original, std::vector<TextEdit> edits);

/** Every line of `block` (which ends with a newline) prefixed by `indent` spaces. */
std::string indentLines(const std::string &block, int indent);

/** The number of spaces at the start of the line holding `offset`. */
int lineIndent(const std::string &text, std::size_t offset);

/** The offset just past the line holding `offset` (after its newline). */
std::size_t endOfLine(const std::string &text, std::size_t offset);

/** The offset of the start of the line holding `offset`. */
std::size_t startOfLine(const std::string &text, std::size_t offset);

} // namespace egress::migrate

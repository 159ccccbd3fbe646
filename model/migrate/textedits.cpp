#include "migrate/textedits.h"

#include <algorithm>

namespace egress::migrate {

std::optional<std::string> applyEdits(const std::string &original, std::vector<TextEdit> edits)
{
    std::stable_sort(edits.begin(), edits.end(),
                     [](const TextEdit &a, const TextEdit &b) { return a.begin < b.begin; });
    std::string out;
    out.reserve(original.size());
    std::size_t at = 0;
    for (const auto &edit : edits) {
        if (edit.begin < at || edit.end < edit.begin || edit.end > original.size())
            return std::nullopt;
        out.append(original, at, edit.begin - at);
        out += edit.text;
        at = edit.end;
    }
    out.append(original, at, std::string::npos);
    return out;
}

std::string indentLines(const std::string &block, int indent)
{
    const std::string pad(static_cast<std::size_t>(std::max(indent, 0)), ' ');
    std::string out;
    bool lineStart = true;
    for (char c : block) {
        if (lineStart && c != '\n')
            out += pad;
        out += c;
        lineStart = c == '\n';
    }
    return out;
}

std::size_t startOfLine(const std::string &text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    while (offset > 0 && text[offset - 1] != '\n')
        --offset;
    return offset;
}

std::size_t endOfLine(const std::string &text, std::size_t offset)
{
    const auto nl = text.find('\n', offset);
    return nl == std::string::npos ? text.size() : nl + 1;
}

int lineIndent(const std::string &text, std::size_t offset)
{
    std::size_t at = startOfLine(text, offset);
    int indent = 0;
    while (at < text.size() && text[at] == ' ') {
        ++indent;
        ++at;
    }
    return indent;
}

} // namespace egress::migrate

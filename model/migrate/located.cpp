#include "migrate/located.h"

#include <algorithm>
#include <yaml-cpp/yaml.h>

namespace egress::migrate {

const LocatedEntry *Located::entry(std::string_view key) const
{
    for (const auto &e : entries)
        if (e.key == key)
            return &e;
    return nullptr;
}

const Located *Located::find(std::string_view key) const
{
    const LocatedEntry *e = entry(key);
    return e ? &e->value : nullptr;
}

int lineOf(const std::string &text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

namespace {

std::size_t lineStart(const std::string &text, std::size_t offset)
{
    while (offset > 0 && text[offset - 1] != '\n')
        --offset;
    return offset;
}

std::size_t lineEnd(const std::string &text, std::size_t offset)
{
    const auto nl = text.find('\n', offset);
    return nl == std::string::npos ? text.size() : nl + 1;
}

/**
 * The end of a YAML block that starts on the line holding `from` and whose content is indented more
 * than `column`: every following non-blank line indented deeper belongs to it (comments included: a
 * comment indented into a block is about it). With `dashAtColumn`, lines starting "-" at `column`
 * belong too (a block sequence written at its key's indentation).
 */
std::size_t blockEnd(const std::string &text, std::size_t from, int column, bool dashAtColumn)
{
    std::size_t end = lineEnd(text, from);
    std::size_t pos = end;
    while (pos < text.size()) {
        const std::size_t next = lineEnd(text, pos);
        std::size_t indent = 0;
        while (pos + indent < next && text[pos + indent] == ' ')
            ++indent;
        const std::size_t first = pos + indent;
        const bool blank = first >= next || text[first] == '\n' || text[first] == '\r';
        if (!blank) {
            const bool deeper = static_cast<int>(indent) > column;
            const bool dash = dashAtColumn && static_cast<int>(indent) == column && text[first] == '-' &&
                              (first + 1 >= next || text[first + 1] == ' ' || text[first + 1] == '\n');
            if (!deeper && !dash)
                break;
            end = next;
        }
        pos = next;
    }
    return end;
}

/** The end of a flow value ({...}, [...], "..." or a plain scalar) starting at `from`, trailing spaces left
 * out. */
std::size_t flowEnd(const std::string &text, std::size_t from)
{
    std::size_t i = from;
    int depth = 0;
    auto trimmed = [&text, from](std::size_t end) {
        while (end > from && (text[end - 1] == ' ' || text[end - 1] == '\t'))
            --end;
        return end;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            ++i;
            while (i < text.size() && text[i] != c)
                i += (text[i] == '\\' && c == '"') ? 2 : 1;
            ++i;
            if (depth == 0)
                return std::min(i, text.size());
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return trimmed(i); // the parent's closing bracket
            if (--depth == 0)
                return i + 1;
        } else if (depth == 0 && (c == ',' || c == '\n')) {
            return trimmed(i);
        }
        ++i;
    }
    return text.size();
}

class YamlWalker
{
public:
    explicit YamlWalker(const std::string &text) : m_text(text) {}

    Located walk(const YAML::Node &node, int depth, bool insideFlow = false)
    {
        Located out;
        const YAML::Mark mark = node.Mark();
        if (mark.pos >= 0) {
            out.begin = static_cast<std::size_t>(mark.pos);
            out.line = mark.line + 1;
            out.column = mark.column + 1;
        }
        if (depth > 200)
            return out;
        switch (node.Type()) {
        case YAML::NodeType::Map:
            out.kind = Located::Kind::Map;
            break;
        case YAML::NodeType::Sequence:
            out.kind = Located::Kind::Seq;
            break;
        case YAML::NodeType::Scalar:
            out.kind = Located::Kind::Scalar;
            out.scalar = node.Scalar();
            break;
        default:
            return out;
        }
        out.flow = insideFlow || node.Style() == YAML::EmitterStyle::Flow;
        if (out.flow)
            out.end = flowEnd(m_text, out.begin);
        if (out.kind == Located::Kind::Map) {
            for (auto it = node.begin(); it != node.end(); ++it) {
                LocatedEntry e;
                e.key = it->first.IsScalar() ? it->first.Scalar() : std::string();
                const YAML::Mark keyMark = it->first.Mark();
                e.keyBegin = keyMark.pos >= 0 ? static_cast<std::size_t>(keyMark.pos) : 0;
                e.line = keyMark.line + 1;
                e.column = keyMark.column + 1;
                e.value = walk(it->second, depth + 1, out.flow);
                if (!out.flow) {
                    const bool blockSeq = e.value.kind == Located::Kind::Seq && !e.value.flow;
                    e.entryEnd = blockEnd(m_text, e.keyBegin, keyMark.column, blockSeq);
                } else {
                    e.entryEnd = e.value.end;
                }
                out.entries.push_back(std::move(e));
            }
        } else if (out.kind == Located::Kind::Seq) {
            for (const auto &item : node) {
                Located l = walk(item, depth + 1, out.flow);
                if (!out.flow) {
                    std::size_t dash = l.begin;
                    const std::size_t start = lineStart(m_text, l.begin);
                    while (dash > start && m_text[dash] != '-')
                        --dash;
                    l.dashColumn = static_cast<int>(dash - start);
                    l.itemEnd = blockEnd(m_text, dash, l.dashColumn, false);
                }
                out.items.push_back(std::move(l));
            }
        }
        return out;
    }

private:
    const std::string &m_text;
};

class JsonScanner
{
public:
    explicit JsonScanner(const std::string &text) : m_text(text) {}

    LocateResult run()
    {
        LocateResult result;
        try {
            skipSpace();
            Located root = value(0);
            skipSpace();
            if (m_pos != m_text.size())
                fail("unexpected text after the document");
            result.root = std::move(root);
        } catch (const LocateError &e) {
            result.error = e;
        }
        return result;
    }

private:
    [[noreturn]] void fail(const std::string &message)
    {
        const std::size_t start = lineStart(m_text, std::min(m_pos, m_text.size()));
        throw LocateError{message, lineOf(m_text, m_pos), static_cast<int>(m_pos - start) + 1};
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' ||
                                         m_text[m_pos] == '\r' || m_text[m_pos] == '\t'))
            ++m_pos;
    }

    void position(Located &l, std::size_t at)
    {
        l.begin = at;
        l.line = lineOf(m_text, at);
        l.column = static_cast<int>(at - lineStart(m_text, at)) + 1;
    }

    std::string string()
    {
        std::string out;
        ++m_pos; // the opening quote
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\') {
                ++m_pos;
                if (m_pos >= m_text.size())
                    break;
                const char c = m_text[m_pos];
                out += c == 'n' ? '\n' : c == 't' ? '\t' : c; // keys only need to compare; \u stays raw
            } else {
                out += m_text[m_pos];
            }
            ++m_pos;
        }
        if (m_pos >= m_text.size())
            fail("unterminated string");
        ++m_pos;
        return out;
    }

    Located value(int depth)
    {
        if (depth > 512)
            fail("nested too deeply");
        if (m_pos >= m_text.size())
            fail("unexpected end of the document");
        Located out;
        out.flow = true;
        position(out, m_pos);
        const char c = m_text[m_pos];
        if (c == '{') {
            out.kind = Located::Kind::Map;
            ++m_pos;
            skipSpace();
            while (m_pos < m_text.size() && m_text[m_pos] != '}') {
                if (m_text[m_pos] != '"')
                    fail("expected a key in quotes");
                LocatedEntry e;
                e.keyBegin = m_pos;
                e.line = lineOf(m_text, m_pos);
                e.column = static_cast<int>(m_pos - lineStart(m_text, m_pos)) + 1;
                e.key = string();
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                    fail("expected ':' after the key");
                ++m_pos;
                skipSpace();
                e.value = value(depth + 1);
                e.entryEnd = e.value.end;
                out.entries.push_back(std::move(e));
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    skipSpace();
                }
            }
            if (m_pos >= m_text.size())
                fail("unterminated object");
            ++m_pos;
        } else if (c == '[') {
            out.kind = Located::Kind::Seq;
            ++m_pos;
            skipSpace();
            while (m_pos < m_text.size() && m_text[m_pos] != ']') {
                out.items.push_back(value(depth + 1));
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    skipSpace();
                }
            }
            if (m_pos >= m_text.size())
                fail("unterminated array");
            ++m_pos;
        } else if (c == '"') {
            out.kind = Located::Kind::Scalar;
            out.scalar = string();
        } else {
            out.kind = Located::Kind::Scalar;
            const std::size_t start = m_pos;
            while (m_pos < m_text.size() &&
                   std::string_view(",}] \t\r\n").find(m_text[m_pos]) == std::string_view::npos)
                ++m_pos;
            if (m_pos == start)
                fail(std::string("unexpected '") + c + "'");
            out.scalar = m_text.substr(start, m_pos - start);
        }
        out.end = m_pos;
        return out;
    }

    const std::string &m_text;
    std::size_t m_pos = 0;
};

} // namespace

LocateResult locateYaml(const std::string &text)
{
    LocateResult result;
    try {
        const YAML::Node root = YAML::Load(text);
        result.root = YamlWalker(text).walk(root, 0);
    } catch (const YAML::Exception &e) {
        result.error = LocateError{e.msg, e.mark.line + 1, e.mark.column + 1};
    }
    return result;
}

LocateResult locateJson(const std::string &text)
{
    return JsonScanner(text).run();
}

} // namespace egress::migrate

#include "sim/jsonpath.h"

#include <cctype>
#include <cstdint>
#include <vector>

namespace egress::sim {
namespace {

struct FilterTest
{
    std::vector<std::string> field; ///< the names after @
    std::string op;                 ///< empty = existence test
    Json literal;
};

struct Segment
{
    enum Kind { Name, Index, Wildcard, Slice, Union, DeepName, DeepWildcard, Filter } kind = Name;
    std::string name;
    std::int64_t index = 0;
    std::optional<std::int64_t> from, to;
    std::vector<Json> members; ///< Union: names (strings) or indexes (integers)
    FilterTest filter;
};

struct ParsedPath
{
    enum Root { Data, Context, Variable } root = Data;
    std::string variable;
    std::vector<Segment> segments;
};

class PathParser
{
public:
    explicit PathParser(std::string_view text) : m_s(text) {}

    bool parse(ParsedPath &out, std::string &error)
    {
        if (m_s.empty() || m_s[0] != '$')
            return fail(error, "a path starts with $");
        m_i = 1;
        if (m_i < m_s.size() && m_s[m_i] == '$') {
            out.root = ParsedPath::Context;
            ++m_i;
        } else if (m_i < m_s.size() &&
                   (std::isalpha(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '_')) {
            out.root = ParsedPath::Variable;
            while (m_i < m_s.size() && m_s[m_i] != '.' && m_s[m_i] != '[')
                out.variable += m_s[m_i++];
        }
        while (m_i < m_s.size()) {
            Segment seg;
            if (m_s[m_i] == '.') {
                ++m_i;
                bool deep = false;
                if (m_i < m_s.size() && m_s[m_i] == '.') {
                    deep = true;
                    ++m_i;
                }
                if (m_i < m_s.size() && m_s[m_i] == '*') {
                    ++m_i;
                    seg.kind = deep ? Segment::DeepWildcard : Segment::Wildcard;
                } else if (deep && m_i < m_s.size() && m_s[m_i] == '[') {
                    continue; // "..[" : handled as a bracket after a deep scan (rare); treat as bracket
                } else {
                    std::string name;
                    while (m_i < m_s.size() && m_s[m_i] != '.' && m_s[m_i] != '[')
                        name += m_s[m_i++];
                    if (name.empty())
                        return fail(error, "an empty name after '.'");
                    seg.kind = deep ? Segment::DeepName : Segment::Name;
                    seg.name = std::move(name);
                }
            } else if (m_s[m_i] == '[') {
                ++m_i;
                if (!parseBracket(seg, error))
                    return false;
            } else {
                return fail(error, std::string("unexpected '") + m_s[m_i] + "'");
            }
            out.segments.push_back(std::move(seg));
        }
        return true;
    }

private:
    bool fail(std::string &error, const std::string &message)
    {
        error = "invalid path '" + std::string(m_s) + "': " + message;
        return false;
    }
    void skipSpaces()
    {
        while (m_i < m_s.size() && m_s[m_i] == ' ')
            ++m_i;
    }
    bool parseQuoted(std::string &out, std::string &error)
    {
        const char quote = m_s[m_i++];
        while (m_i < m_s.size() && m_s[m_i] != quote) {
            if (m_s[m_i] == '\\' && m_i + 1 < m_s.size())
                ++m_i;
            out += m_s[m_i++];
        }
        if (m_i >= m_s.size())
            return fail(error, "an unterminated quoted name");
        ++m_i;
        return true;
    }
    bool parseInt(std::int64_t &out)
    {
        std::size_t start = m_i;
        if (m_i < m_s.size() && m_s[m_i] == '-')
            ++m_i;
        while (m_i < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i])))
            ++m_i;
        if (m_i == start || (m_i == start + 1 && m_s[start] == '-'))
            return false;
        out = std::stoll(std::string(m_s.substr(start, m_i - start)));
        return true;
    }
    bool expect(char c, std::string &error)
    {
        skipSpaces();
        if (m_i >= m_s.size() || m_s[m_i] != c)
            return fail(error, std::string("expected '") + c + "'");
        ++m_i;
        return true;
    }
    bool parseLiteral(Json &out, std::string &error)
    {
        skipSpaces();
        if (m_i < m_s.size() && (m_s[m_i] == '\'' || m_s[m_i] == '"')) {
            std::string s;
            if (!parseQuoted(s, error))
                return false;
            out = s;
            return true;
        }
        std::size_t start = m_i;
        while (m_i < m_s.size() && m_s[m_i] != ')' && m_s[m_i] != ' ')
            ++m_i;
        const std::string word(m_s.substr(start, m_i - start));
        Json parsed = Json::parse(word, nullptr, false);
        if (parsed.is_discarded() || parsed.is_structured())
            return fail(error, "a filter compares with a literal: '" + word + "'");
        out = std::move(parsed);
        return true;
    }
    bool parseFilter(Segment &seg, std::string &error)
    {
        // ?( @.a.b OP literal )
        ++m_i; // '?'
        if (!expect('(', error))
            return false;
        skipSpaces();
        if (m_i >= m_s.size() || m_s[m_i] != '@')
            return fail(error, "a filter tests @");
        ++m_i;
        while (m_i < m_s.size() && m_s[m_i] == '.') {
            ++m_i;
            std::string name;
            while (m_i < m_s.size() && m_s[m_i] != '.' && m_s[m_i] != ' ' && m_s[m_i] != ')' &&
                   m_s[m_i] != '=' && m_s[m_i] != '<' && m_s[m_i] != '>' && m_s[m_i] != '!')
                name += m_s[m_i++];
            seg.filter.field.push_back(name);
        }
        skipSpaces();
        static const char *ops[] = {"==", "!=", "<=", ">=", "<", ">"};
        for (const char *op : ops) {
            if (m_s.substr(m_i).starts_with(op)) {
                seg.filter.op = op;
                m_i += std::string_view(op).size();
                if (!parseLiteral(seg.filter.literal, error))
                    return false;
                break;
            }
        }
        if (!expect(')', error) || !expect(']', error))
            return false;
        seg.kind = Segment::Filter;
        return true;
    }
    bool parseBracket(Segment &seg, std::string &error)
    {
        skipSpaces();
        if (m_i >= m_s.size())
            return fail(error, "an unterminated '['");
        if (m_s[m_i] == '?')
            return parseFilter(seg, error);
        if (m_s[m_i] == '*') {
            ++m_i;
            seg.kind = Segment::Wildcard;
            return expect(']', error);
        }
        std::vector<Json> members;
        bool slice = false;
        std::optional<std::int64_t> from, to;
        while (true) {
            skipSpaces();
            if (m_i < m_s.size() && (m_s[m_i] == '\'' || m_s[m_i] == '"')) {
                std::string name;
                if (!parseQuoted(name, error))
                    return false;
                members.emplace_back(name);
            } else if (m_i < m_s.size() && m_s[m_i] == ':') {
                slice = true;
                ++m_i;
                std::int64_t n = 0;
                if (parseInt(n))
                    to = n;
            } else {
                std::int64_t n = 0;
                if (!parseInt(n))
                    return fail(error, "expected a name, an index, '*' or a slice in brackets");
                skipSpaces();
                if (m_i < m_s.size() && m_s[m_i] == ':') {
                    slice = true;
                    from = n;
                    ++m_i;
                    if (parseInt(n))
                        to = n;
                } else {
                    members.emplace_back(n);
                }
            }
            skipSpaces();
            if (m_i < m_s.size() && m_s[m_i] == ',' && !slice) {
                ++m_i;
                continue;
            }
            break;
        }
        if (!expect(']', error))
            return false;
        if (slice) {
            seg.kind = Segment::Slice;
            seg.from = from;
            seg.to = to;
        } else if (members.size() == 1 && members[0].is_string()) {
            seg.kind = Segment::Name;
            seg.name = members[0].get<std::string>();
        } else if (members.size() == 1) {
            seg.kind = Segment::Index;
            seg.index = members[0].get<std::int64_t>();
        } else {
            seg.kind = Segment::Union;
            seg.members = std::move(members);
        }
        return true;
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

bool isDefinite(const ParsedPath &p)
{
    for (const auto &s : p.segments)
        if (s.kind != Segment::Name && s.kind != Segment::Index)
            return false;
    return true;
}

int compareJson(const Json &a, const Json &b)
{
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>(), y = b.get<double>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_string() && b.is_string())
        return a.get_ref<const std::string &>().compare(b.get_ref<const std::string &>());
    return a == b ? 0 : 2; // 2: unordered
}

bool filterMatches(const FilterTest &f, const Json &item)
{
    const Json *v = &item;
    for (const auto &name : f.field) {
        if (!v->is_object() || !v->contains(name))
            return false;
        v = &(*v)[name];
    }
    if (f.op.empty())
        return true;
    const int c = compareJson(*v, f.literal);
    if (f.op == "==")
        return c == 0;
    if (f.op == "!=")
        return c != 0;
    if (c == 2)
        return false;
    if (f.op == "<")
        return c < 0;
    if (f.op == "<=")
        return c <= 0;
    if (f.op == ">")
        return c > 0;
    return c >= 0;
}

void collectDeep(const Json &node, const Segment &seg, std::vector<const Json *> &out)
{
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (seg.kind == Segment::DeepWildcard || it.key() == seg.name)
                out.push_back(&it.value());
        }
    } else if (node.is_array() && seg.kind == Segment::DeepWildcard) {
        for (const auto &v : node)
            out.push_back(&v);
    }
    if (node.is_structured())
        for (const auto &v : node)
            collectDeep(v, seg, out);
}

void step(const Json &node, const Segment &seg, std::vector<const Json *> &out)
{
    switch (seg.kind) {
    case Segment::Name:
        if (node.is_object()) {
            auto it = node.find(seg.name);
            if (it != node.end())
                out.push_back(&*it);
        }
        break;
    case Segment::Index:
        if (node.is_array()) {
            std::int64_t i = seg.index < 0 ? static_cast<std::int64_t>(node.size()) + seg.index : seg.index;
            if (i >= 0 && i < static_cast<std::int64_t>(node.size()))
                out.push_back(&node[static_cast<std::size_t>(i)]);
        }
        break;
    case Segment::Wildcard:
        if (node.is_structured())
            for (const auto &v : node)
                out.push_back(&v);
        break;
    case Segment::Slice:
        if (node.is_array()) {
            const auto n = static_cast<std::int64_t>(node.size());
            auto clamp = [n](std::int64_t v) {
                return v < 0 ? std::max<std::int64_t>(0, n + v) : std::min(v, n);
            };
            const std::int64_t from = seg.from ? clamp(*seg.from) : 0;
            const std::int64_t to = seg.to ? clamp(*seg.to) : n;
            for (std::int64_t i = from; i < to; ++i)
                out.push_back(&node[static_cast<std::size_t>(i)]);
        }
        break;
    case Segment::Union:
        for (const auto &m : seg.members) {
            Segment one;
            if (m.is_string()) {
                one.kind = Segment::Name;
                one.name = m.get<std::string>();
            } else {
                one.kind = Segment::Index;
                one.index = m.get<std::int64_t>();
            }
            step(node, one, out);
        }
        break;
    case Segment::DeepName:
    case Segment::DeepWildcard:
        collectDeep(node, seg, out);
        break;
    case Segment::Filter:
        if (node.is_array()) {
            for (const auto &v : node)
                if (filterMatches(seg.filter, v))
                    out.push_back(&v);
        } else if (node.is_object() && filterMatches(seg.filter, node)) {
            out.push_back(&node);
        }
        break;
    }
}

} // namespace

std::optional<Json> evaluatePath(std::string_view path, const PathRoots &roots, std::string &error)
{
    ParsedPath parsed;
    if (!PathParser(path).parse(parsed, error))
        return std::nullopt;
    const Json *root = nullptr;
    static const Json emptyObject = Json::object();
    switch (parsed.root) {
    case ParsedPath::Data:
        root = roots.data;
        break;
    case ParsedPath::Context:
        root = roots.context ? roots.context : &emptyObject;
        break;
    case ParsedPath::Variable:
        if (roots.variables && roots.variables->is_object()) {
            auto it = roots.variables->find(parsed.variable);
            if (it != roots.variables->end())
                root = &*it;
        }
        if (!root) {
            error = "the variable $" + parsed.variable + " is not assigned";
            return std::nullopt;
        }
        break;
    }
    if (!root) {
        error = "no value for '" + std::string(path) + "'";
        return std::nullopt;
    }
    std::vector<const Json *> current{root};
    std::vector<const Json *> next;
    for (const auto &seg : parsed.segments) {
        next.clear();
        for (const Json *node : current)
            step(*node, seg, next);
        current.swap(next);
    }
    if (isDefinite(parsed)) {
        if (current.empty()) {
            error = "the path '" + std::string(path) + "' selects nothing";
            return std::nullopt;
        }
        return *current.front();
    }
    Json out = Json::array();
    for (const Json *node : current)
        out.push_back(*node);
    return out;
}

bool isReferencePath(std::string_view path)
{
    ParsedPath parsed;
    std::string error;
    if (!PathParser(path).parse(parsed, error) || parsed.root != ParsedPath::Data)
        return false;
    for (const auto &s : parsed.segments)
        if (s.kind != Segment::Name && !(s.kind == Segment::Index && s.index >= 0))
            return false;
    return true;
}

bool setAtPath(Json &root, std::string_view path, Json value, std::string &error)
{
    ParsedPath parsed;
    if (!PathParser(path).parse(parsed, error))
        return false;
    if (parsed.root != ParsedPath::Data || !isDefinite(parsed)) {
        error = "'" + std::string(path) + "' is not a reference path";
        return false;
    }
    Json *node = &root;
    for (const auto &seg : parsed.segments) {
        if (seg.kind == Segment::Name) {
            if (node->is_null())
                *node = Json::object();
            if (!node->is_object()) {
                error = "cannot set '" + std::string(path) + "': '" + seg.name + "' is looked up in a " +
                        std::string(node->type_name());
                return false;
            }
            node = &(*node)[seg.name];
        } else {
            if (!node->is_array() || seg.index < 0 || seg.index >= static_cast<std::int64_t>(node->size())) {
                error = "cannot set '" + std::string(path) + "': index " + std::to_string(seg.index) +
                        " is not in an array there";
                return false;
            }
            node = &(*node)[static_cast<std::size_t>(seg.index)];
        }
    }
    *node = std::move(value);
    return true;
}

} // namespace egress::sim

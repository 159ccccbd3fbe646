// Path syntax (JSONPath, Reference Paths, payload-template paths and intrinsic functions), payload
// templates and the "{% %}" wrapping of JSONata expressions.
//
// The path grammar follows asl-path-validator's PEG grammar (the one npm asl-validator uses), rule by
// rule and with the same ordered choices, so that our verdicts agree with it. Two extensions accept
// forms that Step Functions' own JSONPath engine runs and real samples use (docs/validation.md):
// a dot before a bracket ("$.[0]", "$.items.[*]") and filter expressions of any shape ("[?(@.a.b == $.c)]").
#include "asl/validator_internal.h"

#include <unordered_map>

namespace egress::asl::detail {
namespace {

struct PathFlags
{
    bool function = false;     ///< an intrinsic function is invoked somewhere
    bool variable = false;     ///< a $variable is referenced
    bool nonReference = false; ///< filter, wildcard, slice, "..", "@", negative or multiple index

    PathFlags &operator|=(const PathFlags &o)
    {
        function = function || o.function;
        variable = variable || o.variable;
        nonReference = nonReference || o.nonReference;
        return *this;
    }
};

/** A packrat-memoised recursive-descent port of asl-path-validator's aslPaths.pegjs. */
class PathParser
{
public:
    explicit PathParser(std::string_view text)
        : m_s(text), m_maxSteps(64 * static_cast<long>(text.size()) + 100000)
    {
    }

    /** Parses the whole text; false when it is not a path. */
    bool parse() { return jsonpathTop() && m_pos == m_s.size() && m_steps < m_maxSteps; }
    const PathFlags &flags() const { return m_flags; }

private:
    static constexpr int kMaxDepth = 64;

    struct Mark
    {
        std::size_t pos;
        PathFlags flags;
    };
    Mark mark() const { return {m_pos, m_flags}; }
    void reset(const Mark &m)
    {
        m_pos = m.pos;
        m_flags = m.flags;
    }
    bool budget() { return ++m_steps < m_maxSteps; } // linear in the input: no pathological backtracking

    bool lit(std::string_view t)
    {
        if (m_s.substr(m_pos, t.size()) == t) {
            m_pos += t.size();
            return true;
        }
        return false;
    }
    bool peek(char c) const { return m_pos < m_s.size() && m_s[m_pos] == c; }
    void ws()
    {
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n'))
            ++m_pos;
    }
    bool number()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9')
            ++m_pos;
        return m_pos > start;
    }
    bool signedNumber()
    {
        const Mark m = mark();
        lit("-");
        if (number())
            return true;
        reset(m);
        return false;
    }
    // escaped = "\\" [^\\n]  (the grammar's class excludes a backslash and the letter n)
    bool escaped()
    {
        if (m_pos + 1 < m_s.size() && m_s[m_pos] == '\\' && m_s[m_pos + 1] != '\\' && m_s[m_pos + 1] != 'n') {
            m_pos += 2;
            return true;
        }
        return false;
    }
    static bool idChar(char c)
    {
        switch (c) {
        case ')':
        case ',':
        case '\'':
        case '"':
        case '\\':
        case '.':
        case '[':
        case ']':
        case ' ':
        case '>':
        case '<':
        case '!':
        case '=':
            return false;
        default:
            return true;
        }
    }
    bool id()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_s.size()) {
            if (escaped())
                continue;
            if (!idChar(m_s[m_pos]))
                break;
            ++m_pos;
        }
        return m_pos > start;
    }
    bool string()
    {
        if (!peek('\'') && !peek('"'))
            return false;
        const char quote = m_s[m_pos];
        const Mark m = mark();
        ++m_pos;
        while (m_pos < m_s.size()) {
            if (escaped())
                continue;
            if (m_s[m_pos] == quote || m_s[m_pos] == '\\')
                break;
            ++m_pos;
        }
        if (peek(quote)) {
            ++m_pos;
            return true;
        }
        reset(m);
        return false;
    }
    bool comparisonOp() { return lit("==") || lit("<=") || lit("<") || lit(">=") || lit(">"); }

    bool value()
    {
        if (string())
            return true;
        if (signedNumber()) {
            // Extension: a decimal literal ("2.3"), which Step Functions accepts as an argument.
            const Mark m = mark();
            if (!(lit(".") && number()))
                reset(m);
            return true;
        }
        return lit("true") || lit("false") || lit("null");
    }

    // jsonpath = "$$" subscript? _ / variable / "$" subscript? _ / intrinsic_function
    bool jsonpathTop()
    {
        Mark m = mark();
        if (lit("$$")) {
            subscripts();
            ws();
            return true;
        }
        if (variable())
            return true;
        reset(m);
        if (lit("$")) {
            subscripts();
            ws();
            return true;
        }
        return intrinsic();
    }

    // variable = "$" ID subscript?
    bool variable()
    {
        const Mark m = mark();
        if (lit("$") && id()) {
            m_flags.variable = true;
            subscripts();
            return true;
        }
        reset(m);
        return false;
    }

    // jsonpath_ = "$$" subscript? / variable / "$" subscript? / "@" subscript? / intrinsic_function
    bool jsonpathInner()
    {
        return memoised(m_innerMemo, [this] {
            if (lit("$$")) {
                subscripts();
                return true;
            }
            if (variable())
                return true;
            if (lit("$")) {
                subscripts();
                return true;
            }
            if (lit("@")) {
                m_flags.nonReference = true;
                subscripts();
                return true;
            }
            return intrinsic();
        });
    }

    // jsonpath__ = jsonpath_ / value
    bool jsonpathOrValue()
    {
        return memoised(m_valueMemo, [this] { return jsonpathInner() || value(); });
    }

    /** Packrat memo: a rule's outcome at a position, with the flags its parse set. */
    struct MemoEntry
    {
        bool ok;
        std::size_t end;
        PathFlags flags;
    };
    template <typename Rule> bool memoised(std::unordered_map<std::size_t, MemoEntry> &memo, Rule rule)
    {
        if (!budget() || m_depth >= kMaxDepth)
            return false;
        const std::size_t start = m_pos;
        if (auto it = memo.find(start); it != memo.end()) {
            if (it->second.ok) {
                m_pos = it->second.end;
                m_flags |= it->second.flags;
            }
            return it->second.ok;
        }
        const PathFlags outer = m_flags;
        m_flags = {};
        ++m_depth;
        const bool ok = rule();
        --m_depth;
        const MemoEntry entry{ok, m_pos, m_flags};
        memo.emplace(start, entry);
        m_flags = outer;
        if (ok)
            m_flags |= entry.flags;
        else
            m_pos = start;
        return ok;
    }

    // subscript? — the grammar's right recursion, written as a loop (same language, no deep stack).
    void subscripts()
    {
        while (budget() && segment()) {
        }
    }

    bool segment()
    {
        Mark m = mark();
        if (lit("..")) {
            if (bareword() || subscriptables()) {
                m_flags.nonReference = true;
                return true;
            }
            reset(m);
        }
        if (lit(".") && lit("*")) {
            m_flags.nonReference = true;
            return true;
        }
        reset(m);
        if (lit(".") && bareword())
            return true;
        reset(m);
        if (subscriptables())
            return true;
        reset(m);
        // Extension: a union of quoted names, "['bucket', 'key']", as Step Functions' JSONPath engine
        // accepts.
        if (nameUnion())
            return true;
        reset(m);
        // Extension: Step Functions accepts a dot before a bracket ("$.[0]", "$.list.[*]").
        if (lit(".") && peek('[') && (subscriptables() || nameUnion()))
            return true;
        reset(m);
        return false;
    }

    /** "[" 'a' ("," 'b')+ "]" — several names at once (not a Reference Path). */
    bool nameUnion()
    {
        const Mark m = mark();
        if (!lit("["))
            return false;
        ws();
        int names = 0;
        while (string()) {
            ++names;
            ws();
            if (!lit(","))
                break;
            ws();
        }
        if (names >= 2 && lit("]")) {
            m_flags.nonReference = true;
            return true;
        }
        reset(m);
        return false;
    }

    // subscriptableBareword = ID / intrinsic_function / "*"
    bool bareword() { return id() || intrinsic() || lit("*"); }

    bool subscriptables()
    {
        Mark m = mark();
        if (!lit("["))
            return false;
        ws();
        if (subscriptable()) {
            ws();
            if (lit("]"))
                return true;
        }
        reset(m);
        lit("[");
        ws();
        if (lit("*")) {
            ws();
            if (lit("]")) {
                m_flags.nonReference = true;
                return true;
            }
        }
        reset(m);
        lit("[");
        ws();
        const bool negative = lit("-");
        if (!number()) {
            reset(m);
            return false;
        }
        ws();
        bool anyNegative = negative;
        bool multiple = false;
        for (;;) {
            const Mark item = mark();
            if (!lit(","))
                break;
            ws();
            const bool minus = lit("-");
            if (!number()) {
                reset(item);
                break;
            }
            anyNegative = anyNegative || minus;
            multiple = true;
        }
        ws();
        if (!lit("]")) {
            reset(m);
            return false;
        }
        if (anyNegative || multiple)
            m_flags.nonReference = true;
        return true;
    }

    bool subscriptable()
    {
        Mark m = mark();
        if (string())
            return true;
        // "-"? NUMBER ":" "-"? NUMBER / "-"? NUMBER ":" / ":" "-"? NUMBER
        if (signedNumber() && lit(":")) {
            m_flags.nonReference = true;
            signedNumber();
            return true;
        }
        reset(m);
        if (lit(":") && signedNumber()) {
            m_flags.nonReference = true;
            return true;
        }
        reset(m);
        if (number())
            return true;
        if (lit("?") && lit("(")) {
            ws();
            if (predicate()) {
                ws();
                if (lit(")")) {
                    m_flags.nonReference = true;
                    return true;
                }
            }
        }
        reset(m);
        if (lit("(")) {
            ws();
            if (lit("@") && lit(".length")) {
                ws();
                if (lit("-")) {
                    ws();
                    if (number()) {
                        ws();
                        if (lit(")")) {
                            m_flags.nonReference = true;
                            return true;
                        }
                    }
                }
            }
        }
        reset(m);
        if (jsonpathInner())
            return true;
        reset(m);
        // Extension: any balanced filter expression, as Step Functions' JSONPath engine accepts.
        if (lit("?(") && balancedUntilClose()) {
            m_flags.nonReference = true;
            return true;
        }
        reset(m);
        return false;
    }

    /** Skips to the ")" closing an already opened "(", minding quotes and nested brackets. */
    bool balancedUntilClose()
    {
        int depth = 1;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c == '\'' || c == '"') {
                if (!string())
                    return false;
                continue;
            }
            ++m_pos;
            if (c == '(' || c == '[')
                ++depth;
            else if (c == ')' || c == ']') {
                if (--depth == 0)
                    return c == ')';
            }
        }
        return false;
    }

    bool predicate()
    {
        Mark m = mark();
        if (lit("@") && lit(".") && id()) {
            ws();
            if (comparisonOp()) {
                ws();
                const Mark afterOp = mark();
                if (id()) {
                    m_flags.nonReference = true;
                    return true;
                }
                reset(afterOp);
                if (value()) {
                    m_flags.nonReference = true;
                    return true;
                }
            }
        }
        reset(m);
        return expression();
    }

    // expression_ = "(" _ expression _ ")" / jsonpath__ _ op _ "-"? NUMBER / jsonpath__
    bool expression()
    {
        if (!budget() || m_depth >= kMaxDepth)
            return false;
        Mark m = mark();
        if (lit("(")) {
            ws();
            ++m_depth;
            const bool inner = expression();
            --m_depth;
            if (inner) {
                ws();
                if (lit(")"))
                    return true;
            }
        }
        reset(m);
        if (jsonpathOrValue()) {
            ws();
            if (comparisonOp()) {
                ws();
                if (signedNumber())
                    return true;
            }
        }
        reset(m);
        return jsonpathOrValue();
    }

    enum class Args { List, Single, None, MathAdd };

    bool intrinsic()
    {
        static constexpr std::pair<std::string_view, Args> kFunctions[] = {
            {"States.Array", Args::List},          {"States.ArrayPartition", Args::List},
            {"States.ArrayContains", Args::List},  {"States.ArrayRange", Args::List},
            {"States.ArrayGetItem", Args::List},   {"States.ArrayLength", Args::Single},
            {"States.ArrayUnique", Args::Single},  {"States.Base64Encode", Args::Single},
            {"States.Base64Decode", Args::Single}, {"States.Hash", Args::List},
            {"States.JsonMerge", Args::List},      {"States.StringToJson", Args::Single},
            {"States.JsonToString", Args::Single}, {"States.MathRandom", Args::List},
            {"States.MathAdd", Args::MathAdd},     {"States.StringSplit", Args::List},
            {"States.UUID", Args::None},           {"States.Format", Args::List},
        };
        if (m_s.substr(m_pos, 7) != "States.")
            return false;
        for (const auto &[name, args] : kFunctions) {
            const Mark m = mark();
            if (lit(name) && arguments(args)) {
                m_flags.function = true;
                return true;
            }
            reset(m);
        }
        return false;
    }

    bool arguments(Args kind)
    {
        if (!lit("("))
            return false;
        ws();
        switch (kind) {
        case Args::None:
            return lit(")");
        case Args::Single:
            if (!jsonpathOrValue())
                return false;
            ws();
            return lit(")");
        case Args::MathAdd: {
            auto operand = [this] { return jsonpathInner() || signedNumber(); };
            if (!operand())
                return false;
            ws();
            if (!lit(","))
                return false;
            ws();
            if (!operand())
                return false;
            ws();
            return lit(")");
        }
        case Args::List:
            if (lit(")"))
                return true;
            if (!jsonpathOrValue())
                return false;
            ws();
            // tail = ("," _ jsonpath__)* — no whitespace before a comma, as in the grammar.
            for (;;) {
                const Mark item = mark();
                if (!lit(","))
                    break;
                ws();
                if (!jsonpathOrValue()) {
                    reset(item);
                    break;
                }
            }
            ws();
            return lit(")");
        }
        return false;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
    PathFlags m_flags;
    int m_depth = 0;
    long m_steps = 0;
    long m_maxSteps;
    std::unordered_map<std::size_t, MemoEntry> m_innerMemo;
    std::unordered_map<std::size_t, MemoEntry> m_valueMemo;
};

std::string shortened(std::string_view s)
{
    constexpr std::size_t kMax = 80;
    return s.size() <= kMax ? std::string(s) : std::string(s.substr(0, kMax)) + "...";
}

bool isLineBreak(std::string_view s, std::size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\r')
        return true;
    // U+2028 and U+2029 (E2 80 A8/A9) end a line for JavaScript's "." as well.
    return c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
           (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9);
}

} // namespace

std::optional<std::string> checkPathSyntax(std::string_view path, PathKind kind)
{
    if (path.empty())
        return std::string("is empty; a path starts with \"$\"");
    PathParser parser(path);
    if (!parser.parse()) {
        switch (kind) {
        case PathKind::PayloadTemplate:
            return "\"" + shortened(path) +
                   "\" is neither a path (\"$.field\", \"$$.Context\", \"$variable\") nor an intrinsic "
                   "function "
                   "(\"States.Format(...)\")";
        case PathKind::Path:
            return "\"" + shortened(path) +
                   "\" is not a valid JSONPath (expected \"$\", \"$.field\", \"$$.Context\" ...)";
        case PathKind::ReferencePath:
        case PathKind::ResultPath:
            return "\"" + shortened(path) +
                   "\" is not a valid Reference Path (expected \"$.field\", \"$$.Context\" ...)";
        }
    }
    const PathFlags &flags = parser.flags();
    if (kind != PathKind::PayloadTemplate && flags.function)
        return "\"" + shortened(path) +
               "\": intrinsic functions are allowed only in payload templates (fields ending in \".$\")";
    if ((kind == PathKind::ReferencePath || kind == PathKind::ResultPath) && flags.nonReference)
        return "\"" + shortened(path) +
               "\" must be a Reference Path that selects a single node: no filters, wildcards, slices, "
               "\"..\" or \"@\"";
    if (kind == PathKind::ResultPath && flags.variable)
        return "\"" + shortened(path) +
               "\": ResultPath cannot name a variable; use \"Assign\" to set variables";
    return std::nullopt;
}

void checkPathField(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer,
                    std::string_view field, PathKind kind, bool nullable)
{
    if (value.is_null()) {
        if (!nullable)
            ctx.error(pointer, state.name,
                      inQuotes(field) + " cannot be null; it must be a Reference Path such as \"$.items\"");
        return;
    }
    if (!value.is_string()) {
        ctx.error(pointer, state.name, inQuotes(field) + " must be a path string, not " + typeName(value));
        return;
    }
    const std::string &path = value.get_ref<const std::string &>();
    if (path.rfind("{%", 0) == 0) {
        ctx.error(pointer, state.name,
                  inQuotes(field) + " holds a JSONata expression, but the state uses JSONPath (set "
                                    "\"QueryLanguage\": \"JSONata\" and use the JSONata fields)");
        return;
    }
    if (auto problem = checkPathSyntax(path, kind))
        ctx.error(pointer, state.name, inQuotes(field) + ": " + *problem);
}

void checkPayloadTemplate(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer,
                          std::string_view field)
{
    struct Walker
    {
        Context &ctx;
        const StateRef &state;
        std::string_view field;

        void walk(const Json &v, const std::string &at, int depth)
        {
            if (depth > kMaxValueDepth) {
                ctx.error(at, state.name,
                          inQuotes(field) + " is nested more than " + std::to_string(kMaxValueDepth) +
                              " levels deep; not checked further");
                return;
            }
            if (v.is_array()) {
                for (std::size_t i = 0; i < v.size(); ++i)
                    walk(v[i], at + "/" + std::to_string(i), depth + 1);
                return;
            }
            if (!v.is_object())
                return;
            std::unordered_map<std::string, std::string> seen; // name after ".$" stripping → key as written
            for (const auto &[key, child] : v.items()) {
                const std::string childAt = at + "/" + escapePointerToken(key);
                const bool dynamic = key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0;
                const std::string stripped = dynamic ? key.substr(0, key.size() - 2) : key;
                if (auto [it, inserted] = seen.emplace(stripped, key); !inserted)
                    ctx.error(
                        childAt, state.name,
                        inQuotes(key) + " and " + inQuotes(it->second) + " both become " +
                            inQuotes(stripped) +
                            " once \".$\" is stripped; a payload template cannot have the same field twice");
                if (dynamic) {
                    if (!child.is_string())
                        ctx.error(childAt, state.name,
                                  inQuotes(key) +
                                      " ends in \".$\", so its value must be a path or an intrinsic function "
                                      "string, not " +
                                      typeName(child));
                    else if (auto problem = checkPathSyntax(child.get_ref<const std::string &>(),
                                                            PathKind::PayloadTemplate))
                        ctx.error(childAt, state.name, inQuotes(key) + ": " + *problem);
                } else {
                    walk(child, childAt, depth + 1);
                }
            }
        }
    };
    if (value.is_null()) {
        ctx.error(pointer, state.name, inQuotes(field) + " cannot be null; use an object");
        return;
    }
    if (value.is_string() && value.get_ref<const std::string &>().rfind("{%", 0) == 0) {
        ctx.error(pointer, state.name,
                  inQuotes(field) + " holds a JSONata expression, but the state uses JSONPath (set "
                                    "\"QueryLanguage\": \"JSONata\")");
        return;
    }
    Walker{ctx, state, field}.walk(value, pointer, 0);
}

bool looksLikeJsonata(std::string_view s)
{
    return s.substr(0, 2) == "{%" || (s.size() >= 2 && s.substr(s.size() - 2) == "%}");
}

std::optional<std::string> checkJsonataString(std::string_view s)
{
    const std::string form = "JSONata expressions are written \"{% expression %}\": one space after \"{%\", "
                             "one before \"%}\", on one line";
    if (s.size() < 7 || s.substr(0, 3) != "{% " || s.substr(s.size() - 3) != " %}")
        return "\"" + shortened(s) + "\" is not a JSONata expression; " + form;
    const std::string_view body = s.substr(3, s.size() - 6);
    for (std::size_t i = 0; i < body.size(); ++i)
        if (isLineBreak(body, i))
            return "the JSONata expression contains a line break; " + form;
    if (auto error = jsonataSyntaxError(body))
        return "JSONata syntax error in \"" + shortened(body) + "\": " + *error;
    return std::nullopt;
}

void checkJsonataField(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer,
                       std::string_view field)
{
    if (!value.is_string()) {
        ctx.error(pointer, state.name,
                  inQuotes(field) + " must be a JSONata expression string \"{% ... %}\", not " +
                      typeName(value));
        return;
    }
    if (auto problem = checkJsonataString(value.get_ref<const std::string &>()))
        ctx.error(pointer, state.name, inQuotes(field) + ": " + *problem);
}

void checkJsonataTemplate(Context &ctx, const StateRef &state, const Json &value, const std::string &pointer,
                          std::string_view field, int depth)
{
    if (depth > kMaxValueDepth) {
        ctx.error(pointer, state.name,
                  inQuotes(field) + " is nested more than " + std::to_string(kMaxValueDepth) +
                      " levels deep; not checked further");
        return;
    }
    if (value.is_string()) {
        // Inside a template, a string is an expression when it starts with "{% " (asl-validator's rule);
        // other strings that merely look like one are kept as text, which deserves a warning.
        const std::string &s = value.get_ref<const std::string &>();
        if (s.rfind("{% ", 0) == 0) {
            if (auto problem = checkJsonataString(s))
                ctx.error(pointer, state.name, inQuotes(field) + ": " + *problem);
        } else if (looksLikeJsonata(s)) {
            ctx.warning(pointer, state.name,
                        inQuotes(field) + ": \"" + shortened(s) +
                            "\" looks like a JSONata expression but is not written \"{% expression %}\" (one "
                            "space inside each "
                            "delimiter); asl-validator reads it as plain text");
        }
        return;
    }
    if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            checkJsonataTemplate(ctx, state, value[i], pointer + "/" + std::to_string(i), field, depth + 1);
        return;
    }
    if (value.is_object())
        for (const auto &[key, child] : value.items())
            checkJsonataTemplate(ctx, state, child, pointer + "/" + escapePointerToken(key), field,
                                 depth + 1);
}

} // namespace egress::asl::detail

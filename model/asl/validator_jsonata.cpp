// JSONata syntax check: a port of the tokenizer and the Pratt parser of jsonata-js 2.x (the library
// npm asl-validator uses), reduced to what decides whether an expression parses. Only syntax is
// checked; nothing is evaluated.
#include "asl/validator_internal.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace egress::asl::detail {
namespace {

enum class TokenType { End, Name, Variable, Operator, String, Number, Value, Regex };

struct Token
{
    TokenType type = TokenType::End;
    std::string value;
    std::size_t position = 0;
};

struct SyntaxError
{
    std::string message;
    std::size_t position;
};

constexpr std::string_view kOperatorChars = ".[]{}(),@#;:?+-*/%|=<>^&!~";

bool isOperatorChar(char c)
{
    return kOperatorChars.find(c) != std::string_view::npos;
}
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v';
}

class Lexer
{
public:
    explicit Lexer(std::string_view text) : m_s(text) {}

    /** The next token; `infix` is true right after an operand, where "/" divides instead of opening a regex.
     */
    Token next(bool infix)
    {
        for (;;) {
            while (m_pos < m_s.size() && isSpace(m_s[m_pos]))
                ++m_pos;
            if (m_s.substr(m_pos, 2) != "/*")
                break;
            const std::size_t start = m_pos;
            const std::size_t close = m_s.find("*/", m_pos + 2);
            if (close == std::string_view::npos)
                throw SyntaxError{"comment has no closing \"*/\"", start};
            m_pos = close + 2;
        }
        Token t;
        t.position = m_pos;
        if (m_pos >= m_s.size())
            return t;
        const char c = m_s[m_pos];
        if (!infix && c == '/') {
            ++m_pos;
            scanRegex();
            t.type = TokenType::Regex;
            return t;
        }
        for (std::string_view op : {"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"}) {
            if (m_s.substr(m_pos, 2) == op) {
                m_pos += 2;
                return {TokenType::Operator, std::string(op), t.position};
            }
        }
        if (isOperatorChar(c)) {
            ++m_pos;
            return {TokenType::Operator, std::string(1, c), t.position};
        }
        if (c == '"' || c == '\'')
            return scanString(c);
        if (auto number = scanNumber())
            return *number;
        if (c == '`') {
            const std::size_t end = m_s.find('`', m_pos + 1);
            if (end == std::string_view::npos)
                throw SyntaxError{"quoted name must end with a backquote (`)", m_s.size()};
            t.type = TokenType::Name;
            t.value = std::string(m_s.substr(m_pos + 1, end - m_pos - 1));
            m_pos = end + 1;
            return t;
        }
        std::size_t i = m_pos;
        while (i < m_s.size() && !isSpace(m_s[i]) && !isOperatorChar(m_s[i]))
            ++i;
        const std::string name(m_s.substr(m_pos, i - m_pos));
        m_pos = i;
        if (name[0] == '$')
            return {TokenType::Variable, name.substr(1), t.position};
        if (name == "or" || name == "in" || name == "and")
            return {TokenType::Operator, name, t.position};
        if (name == "true" || name == "false" || name == "null")
            return {TokenType::Value, name, t.position};
        return {TokenType::Name, name, t.position};
    }

private:
    void scanRegex()
    {
        const std::size_t start = m_pos;
        int depth = 0;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c == '/' && depth == 0) {
                std::size_t backslashes = 0;
                while (m_pos >= backslashes + 1 && m_s[m_pos - backslashes - 1] == '\\')
                    ++backslashes;
                if (backslashes % 2 == 0) {
                    if (m_pos == start)
                        throw SyntaxError{"empty regular expressions are not allowed", m_pos};
                    ++m_pos;
                    while (m_pos < m_s.size() && (m_s[m_pos] == 'i' || m_s[m_pos] == 'm'))
                        ++m_pos;
                    return;
                }
            }
            const bool escapedChar = m_pos > 0 && m_s[m_pos - 1] == '\\';
            if ((c == '(' || c == '[' || c == '{') && !escapedChar)
                ++depth;
            if ((c == ')' || c == ']' || c == '}') && !escapedChar)
                --depth;
            ++m_pos;
        }
        throw SyntaxError{"no terminating \"/\" in regular expression", m_pos};
    }

    Token scanString(char quote)
    {
        Token t{TokenType::String, {}, m_pos};
        ++m_pos;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c == '\\') {
                ++m_pos;
                const char e = m_pos < m_s.size() ? m_s[m_pos] : '\0';
                if (e == 'u') {
                    const std::string_view hex = m_s.substr(m_pos + 1, 4);
                    if (hex.empty() ||
                        hex.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos)
                        throw SyntaxError{"the escape sequence \\u must be followed by 4 hex digits", m_pos};
                    m_pos += 4;
                } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || e == '\0') {
                    throw SyntaxError{std::string("unsupported escape sequence \\") + e, m_pos};
                }
            } else if (c == quote) {
                ++m_pos;
                return t;
            }
            ++m_pos;
        }
        throw SyntaxError{"string literal must be terminated by a matching quote", m_pos};
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?  (the "-" never gets here: it is an operator)
    std::optional<Token> scanNumber()
    {
        auto digits = [&](std::size_t i) {
            while (i < m_s.size() && m_s[i] >= '0' && m_s[i] <= '9')
                ++i;
            return i;
        };
        std::size_t i = m_pos;
        if (i >= m_s.size() || m_s[i] < '0' || m_s[i] > '9')
            return std::nullopt;
        i = m_s[i] == '0' ? i + 1 : digits(i);
        if (i + 1 < m_s.size() && m_s[i] == '.' && m_s[i + 1] >= '0' && m_s[i + 1] <= '9')
            i = digits(i + 1);
        if (i < m_s.size() && (m_s[i] == 'e' || m_s[i] == 'E')) {
            std::size_t j = i + 1;
            if (j < m_s.size() && (m_s[j] == '+' || m_s[j] == '-'))
                ++j;
            if (digits(j) > j)
                i = digits(j);
        }
        Token t{TokenType::Number, std::string(m_s.substr(m_pos, i - m_pos)), m_pos};
        if (!std::isfinite(std::strtod(t.value.c_str(), nullptr)))
            throw SyntaxError{"number out of range: " + t.value, m_pos};
        m_pos = i;
        return t;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

/** What the parser needs to know of a parsed sub-expression. */
enum class NodeKind { Variable, Name, Number, Value, Other }; // Value: true, false or null

struct Node
{
    NodeKind kind = NodeKind::Other;
    std::string value;
};

class Parser
{
public:
    explicit Parser(std::string_view text) : m_lexer(text), m_length(text.size()) {}

    void parse()
    {
        advance(nullptr, false);
        expression(0);
        if (m_node.type != TokenType::End)
            throw SyntaxError{"syntax error at " + describe(m_node), m_node.position};
    }

private:
    static constexpr int kMaxDepth = 200;

    static bool isLiteralStep(const Node &n)
    {
        return n.kind == NodeKind::Number || n.kind == NodeKind::Value;
    }
    static bool isOp(const Token &t, std::string_view id)
    {
        return t.type == TokenType::Operator && t.value == id;
    }
    static std::string describe(const Token &t)
    {
        return t.type == TokenType::End ? std::string("the end of the expression") : "\"" + t.value + "\"";
    }

    /** Left binding power of the current token (jsonata's symbol table). */
    static int lbp(const Token &t)
    {
        if (t.type != TokenType::Operator)
            return 0;
        static const std::pair<std::string_view, int> kPowers[] = {
            {".", 75},  {"[", 80},  {"{", 70},   {"(", 80},  {"@", 80},  {"#", 80},  {"?", 20},
            {"+", 50},  {"-", 50},  {"*", 60},   {"/", 60},  {"%", 60},  {"=", 40},  {"<", 40},
            {">", 40},  {"^", 40},  {":=", 10},  {"!=", 40}, {"<=", 40}, {">=", 40}, {"~>", 40},
            {"?:", 40}, {"??", 40}, {"and", 30}, {"or", 25}, {"in", 40}, {"&", 50},
        };
        for (const auto &[id, power] : kPowers)
            if (t.value == id)
                return power;
        return 0;
    }

    static bool knownOperator(std::string_view id)
    {
        // Every operator jsonata has a symbol for; "!" and "~" alone only end names.
        static constexpr std::string_view kKnown[] = {
            ".",  "[",  "]",  "{",  "}",  "(",  ")",  ",",  "@",   "#",  ";",  ":",
            "?",  "+",  "-",  "*",  "/",  "%",  "|",  "=",  "<",   ">",  "^",  "**",
            "..", ":=", "!=", "<=", ">=", "~>", "?:", "??", "and", "or", "in", "&"};
        for (std::string_view k : kKnown)
            if (k == id)
                return true;
        return false;
    }

    void advance(const char *expected, bool infix)
    {
        if (expected && !isOp(m_node, expected))
            throw SyntaxError{std::string("expected \"") + expected + "\"" +
                                  (m_node.type == TokenType::End ? " before the end of the expression"
                                                                 : ", got " + describe(m_node)),
                              m_node.position};
        m_node = m_lexer.next(infix);
        if (m_node.type == TokenType::End)
            m_node.position = m_length;
        if (m_node.type == TokenType::Operator && !knownOperator(m_node.value))
            throw SyntaxError{"unknown operator \"" + m_node.value + "\"", m_node.position};
    }
    void advance(const char *expected) { advance(expected, false); }

    Node expression(int rbp)
    {
        if (++m_depth > kMaxDepth)
            throw SyntaxError{"the expression is nested too deeply", m_node.position};
        Token t = m_node;
        advance(nullptr, true);
        Node left = nud(t);
        while (rbp < lbp(m_node)) {
            t = m_node;
            advance(nullptr);
            left = led(t, left);
        }
        --m_depth;
        return left;
    }

    Node nud(const Token &t)
    {
        switch (t.type) {
        case TokenType::End:
            throw SyntaxError{"unexpected end of expression", t.position};
        case TokenType::Variable:
            return {NodeKind::Variable, t.value};
        case TokenType::Name:
            return {NodeKind::Name, t.value};
        case TokenType::Number:
            return {NodeKind::Number, t.value};
        case TokenType::Value:
            return {NodeKind::Value, t.value};
        case TokenType::String:
        case TokenType::Regex:
            return {};
        case TokenType::Operator:
            break;
        }
        const std::string &id = t.value;
        if (id == "and" || id == "or" || id == "in")
            return {NodeKind::Name, id};
        if (id == "-") // "-1" is folded into a number literal
            return expression(70).kind == NodeKind::Number ? Node{NodeKind::Number, "-"} : Node{};
        if (id == "*" || id == "**" || id == "%")
            return {};
        if (id == "(") {
            while (!isOp(m_node, ")")) {
                expression(0);
                if (!isOp(m_node, ";"))
                    break;
                advance(";");
            }
            advance(")", true);
            return {};
        }
        if (id == "[") {
            if (!isOp(m_node, "]")) {
                for (;;) {
                    expression(0);
                    if (isOp(m_node, "..")) {
                        advance("..");
                        expression(0);
                    }
                    if (!isOp(m_node, ","))
                        break;
                    advance(",");
                }
            }
            advance("]", true);
            return {};
        }
        if (id == "{") {
            objectBody();
            return {};
        }
        if (id == "|") {
            expression(0);
            advance("|");
            expression(0);
            if (isOp(m_node, ",")) {
                advance(",");
                expression(0);
            }
            advance("|");
            return {};
        }
        throw SyntaxError{"the symbol \"" + id + "\" cannot be used as a unary operator", t.position};
    }

    void objectBody()
    {
        if (!isOp(m_node, "}")) {
            for (;;) {
                expression(0);
                advance(":");
                expression(0);
                if (!isOp(m_node, ","))
                    break;
                advance(",");
            }
        }
        advance("}", true);
    }

    Node led(const Token &t, const Node &left)
    {
        const std::string &id = t.value;
        if (id == "(")
            return call(left);
        if (id == "[") { // a predicate or a grouping keeps what its step is
            if (isOp(m_node, "]")) {
                advance("]");
                return left;
            }
            expression(0);
            advance("]", true);
            return isLiteralStep(left) ? left : Node{};
        }
        if (id == "{") {
            objectBody();
            return isLiteralStep(left) ? left : Node{};
        }
        if (id == ".") { // jsonata's S0213: numbers, true, false and null cannot be steps of a path
            const Node right = expression(lbp(t));
            for (const Node *step : {&left, &right})
                if (isLiteralStep(*step))
                    throw SyntaxError{"the literal value " + step->value +
                                          " cannot be used as a step within a path expression",
                                      t.position};
            return {};
        }
        if (id == "^") {
            advance("(");
            for (;;) {
                if (isOp(m_node, "<"))
                    advance("<");
                else if (isOp(m_node, ">"))
                    advance(">");
                expression(0);
                if (!isOp(m_node, ","))
                    break;
                advance(",");
            }
            advance(")");
            return {};
        }
        if (id == ":=") {
            if (left.kind != NodeKind::Variable)
                throw SyntaxError{"the left side of := must be a variable name (start with $)", t.position};
            expression(lbp(t) - 1);
            return {};
        }
        if (id == "@" || id == "#") {
            if (expression(80).kind != NodeKind::Variable)
                throw SyntaxError{"the right side of " + id + " must be a variable name (start with $)",
                                  t.position};
            return {};
        }
        if (id == "?") {
            expression(0);
            if (isOp(m_node, ":")) {
                advance(":");
                expression(0);
            }
            return {};
        }
        if (id == "??" || id == "?:") {
            expression(0);
            return {};
        }
        if (lbp(t) > 0) { // the plain binary operators
            expression(lbp(t));
            return {};
        }
        throw SyntaxError{"syntax error at " + describe(t), t.position};
    }

    Node call(const Node &callee)
    {
        std::vector<Node> arguments;
        if (!isOp(m_node, ")")) {
            for (;;) {
                if (isOp(m_node, "?")) { // partial application
                    advance("?");
                    arguments.push_back({});
                } else {
                    arguments.push_back(expression(0));
                }
                if (!isOp(m_node, ","))
                    break;
                advance(",");
            }
        }
        advance(")", true);
        if (callee.kind == NodeKind::Name && (callee.value == "function" || callee.value == "\u03BB")) {
            for (std::size_t i = 0; i < arguments.size(); ++i)
                if (arguments[i].kind != NodeKind::Variable)
                    throw SyntaxError{"parameter " + std::to_string(i + 1) +
                                          " of a function definition must be a variable name (start with $)",
                                      m_node.position};
            if (isOp(m_node, "<")) { // signature: skipped, as it is not checked here
                int depth = 1;
                while (depth > 0 && !isOp(m_node, "{") && m_node.type != TokenType::End) {
                    advance(nullptr);
                    if (isOp(m_node, ">"))
                        --depth;
                    else if (isOp(m_node, "<"))
                        ++depth;
                }
                advance(">");
            }
            advance("{");
            expression(0);
            advance("}");
        }
        return {};
    }

    Lexer m_lexer;
    std::size_t m_length;
    Token m_node;
    int m_depth = 0;
};

} // namespace

std::optional<std::string> jsonataSyntaxError(std::string_view expression)
{
    try {
        Parser(expression).parse();
    } catch (const SyntaxError &e) {
        return e.message + " (at character " + std::to_string(e.position + 1) + ")";
    }
    return std::nullopt;
}

} // namespace egress::asl::detail

#include "sim/intrinsics.h"

#include "sim/hashes.h"

#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <vector>

namespace egress::sim {
namespace {

[[noreturn]] void failure(const std::string &function, const std::string &message)
{
    raise(errors::IntrinsicFailure, function + ": " + message);
}

/** A parsed argument: a value, or a literal string that still carries its \{ \} escapes (for Format). */
struct Arg
{
    Json value;
    std::string rawLiteral; ///< the string literal with \{ \} \\ kept, when the argument was one
    bool isLiteral = false;
};

std::string unescapeLiteral(std::string_view raw)
{
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size())
            ++i;
        out += raw[i];
    }
    return out;
}

class IntrinsicParser
{
public:
    IntrinsicParser(std::string_view text, const PathRoots &roots, Random &random)
        : m_s(text), m_roots(roots), m_random(random)
    {
    }

    Json run()
    {
        Json value = call();
        skipSpaces();
        if (m_i != m_s.size())
            failure(std::string(m_s),
                    "unexpected text after the call: '" + std::string(m_s.substr(m_i)) + "'");
        return value;
    }

private:
    void skipSpaces()
    {
        while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i])))
            ++m_i;
    }

    Json call()
    {
        // Nested calls recurse: a hostile definition must not exhaust the stack.
        if (++m_depth > 64)
            failure(std::string(m_s.substr(0, 40)), "calls nested deeper than 64 levels");
        skipSpaces();
        std::size_t start = m_i;
        while (m_i < m_s.size() && (std::isalnum(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '.'))
            ++m_i;
        const std::string name(m_s.substr(start, m_i - start));
        skipSpaces();
        if (m_i >= m_s.size() || m_s[m_i] != '(')
            failure(std::string(m_s), "expected '(' after " + name);
        ++m_i;
        std::vector<Arg> args;
        skipSpaces();
        if (m_i < m_s.size() && m_s[m_i] == ')') {
            ++m_i;
        } else {
            while (true) {
                args.push_back(argument(name));
                skipSpaces();
                if (m_i < m_s.size() && m_s[m_i] == ',') {
                    ++m_i;
                    continue;
                }
                if (m_i < m_s.size() && m_s[m_i] == ')') {
                    ++m_i;
                    break;
                }
                failure(name, "expected ',' or ')' in the arguments");
            }
        }
        --m_depth;
        return apply(name, args);
    }

    Arg argument(const std::string &function)
    {
        skipSpaces();
        Arg arg;
        if (m_i >= m_s.size())
            failure(function, "missing argument");
        const char c = m_s[m_i];
        if (c == '\'') {
            ++m_i;
            std::string raw;
            while (m_i < m_s.size() && m_s[m_i] != '\'') {
                if (m_s[m_i] == '\\' && m_i + 1 < m_s.size()) {
                    if (m_s[m_i + 1] == '\'') {
                        raw += '\'';
                        m_i += 2;
                        continue;
                    }
                    raw += m_s[m_i++];
                }
                raw += m_s[m_i++];
            }
            if (m_i >= m_s.size())
                failure(function, "an unterminated string argument");
            ++m_i;
            arg.isLiteral = true;
            arg.rawLiteral = raw;
            arg.value = unescapeLiteral(raw);
            return arg;
        }
        if (c == '$') {
            // A path runs to the next ',' or ')' outside brackets and quotes.
            std::size_t start = m_i;
            int depth = 0;
            char quote = 0;
            while (m_i < m_s.size()) {
                const char d = m_s[m_i];
                if (quote) {
                    if (d == quote)
                        quote = 0;
                } else if (d == '\'' || d == '"') {
                    quote = d;
                } else if (d == '[' || d == '(') {
                    ++depth;
                } else if (d == ']' || d == ')') {
                    if (depth == 0)
                        break;
                    --depth;
                } else if (d == ',' && depth == 0) {
                    break;
                }
                ++m_i;
            }
            std::string path(m_s.substr(start, m_i - start));
            while (!path.empty() && std::isspace(static_cast<unsigned char>(path.back())))
                path.pop_back();
            std::string error;
            auto value = evaluatePath(path, m_roots, error);
            if (!value)
                raise(errors::Runtime, function + ": " + error);
            arg.value = std::move(*value);
            return arg;
        }
        if (std::isalpha(static_cast<unsigned char>(c))) {
            std::size_t start = m_i;
            while (m_i < m_s.size() && std::isalpha(static_cast<unsigned char>(m_s[m_i])))
                ++m_i;
            const std::string_view word = m_s.substr(start, m_i - start);
            if (word == "true" || word == "false" || word == "null") {
                arg.value = Json::parse(word);
                return arg;
            }
            m_i = start;
            arg.value = call();
            return arg;
        }
        std::size_t start = m_i;
        while (m_i < m_s.size() && (std::isdigit(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '-' ||
                                    m_s[m_i] == '+' || m_s[m_i] == '.' || m_s[m_i] == 'e' || m_s[m_i] == 'E'))
            ++m_i;
        Json number = Json::parse(m_s.substr(start, m_i - start), nullptr, false);
        if (start == m_i || number.is_discarded() || !number.is_number())
            failure(function, "cannot read the argument at '" + std::string(m_s.substr(start)) + "'");
        arg.value = std::move(number);
        return arg;
    }

    static void arity(const std::string &name, const std::vector<Arg> &args, std::size_t min, std::size_t max)
    {
        if (args.size() < min || args.size() > max) {
            const std::string expected =
                min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
            failure(name, "takes " + expected + " argument(s), got " + std::to_string(args.size()));
        }
    }
    static const Json &typed(const std::string &name, const Arg &arg, Json::value_t type, const char *what)
    {
        const bool ok =
            type == Json::value_t::number_integer
                ? arg.value.is_number()
                : (arg.value.type() == type || (type == Json::value_t::array && arg.value.is_array()));
        if (!ok)
            failure(name, std::string("expects ") + what + ", got " + arg.value.dump());
        return arg.value;
    }
    static std::int64_t integer(const std::string &name, const Arg &arg)
    {
        const Json &v = typed(name, arg, Json::value_t::number_integer, "a number");
        return static_cast<std::int64_t>(std::llround(v.get<double>()));
    }
    static const std::string &text(const std::string &name, const Arg &arg)
    {
        return typed(name, arg, Json::value_t::string, "a string").get_ref<const std::string &>();
    }
    static std::string display(const Json &v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

    Json apply(const std::string &name, const std::vector<Arg> &args)
    {
        if (name == "States.Format") {
            arity(name, args, 1, 1000);
            if (!args[0].isLiteral && !args[0].value.is_string())
                failure(name, "the template must be a string");
            const std::string tmpl =
                args[0].isLiteral ? args[0].rawLiteral : args[0].value.get<std::string>();
            std::string out;
            std::size_t next = 1;
            for (std::size_t i = 0; i < tmpl.size(); ++i) {
                if (tmpl[i] == '\\' && i + 1 < tmpl.size()) {
                    out += tmpl[++i];
                } else if (tmpl[i] == '{' && i + 1 < tmpl.size() && tmpl[i + 1] == '}') {
                    if (next >= args.size())
                        failure(name, "the template has more {} than arguments");
                    if (args[next].value.is_structured())
                        failure(name, "arguments must be strings, numbers, booleans or null");
                    out += display(args[next++].value);
                    ++i;
                } else {
                    out += tmpl[i];
                }
            }
            if (next != args.size())
                failure(name, "the template has fewer {} than arguments");
            return out;
        }
        if (name == "States.StringToJson") {
            arity(name, args, 1, 1);
            Json parsed = Json::parse(text(name, args[0]), nullptr, false);
            if (parsed.is_discarded())
                failure(name, "the string is not JSON: " + args[0].value.get<std::string>());
            return parsed;
        }
        if (name == "States.JsonToString") {
            arity(name, args, 1, 1);
            return args[0].value.dump();
        }
        if (name == "States.Array") {
            Json out = Json::array();
            for (const auto &a : args)
                out.push_back(a.value);
            return out;
        }
        if (name == "States.ArrayPartition") {
            arity(name, args, 2, 2);
            const Json &array = typed(name, args[0], Json::value_t::array, "an array");
            const std::int64_t size = integer(name, args[1]);
            if (size <= 0)
                failure(name, "the chunk size must be positive");
            Json out = Json::array();
            for (std::size_t i = 0; i < array.size(); i += static_cast<std::size_t>(size)) {
                Json chunk = Json::array();
                for (std::size_t j = i; j < array.size() && j < i + static_cast<std::size_t>(size); ++j)
                    chunk.push_back(array[j]);
                out.push_back(std::move(chunk));
            }
            return out;
        }
        if (name == "States.ArrayContains") {
            arity(name, args, 2, 2);
            const Json &array = typed(name, args[0], Json::value_t::array, "an array");
            for (const auto &v : array)
                if (v == args[1].value)
                    return true;
            return false;
        }
        if (name == "States.ArrayRange") {
            arity(name, args, 3, 3);
            const std::int64_t first = integer(name, args[0]), last = integer(name, args[1]),
                               stepBy = integer(name, args[2]);
            if (stepBy == 0)
                failure(name, "the step must not be 0");
            Json out = Json::array();
            for (std::int64_t v = first; stepBy > 0 ? v <= last : v >= last; v += stepBy) {
                if (out.size() >= 1000)
                    failure(name, "the range has more than 1,000 items");
                out.push_back(v);
            }
            return out;
        }
        if (name == "States.ArrayGetItem") {
            arity(name, args, 2, 2);
            const Json &array = typed(name, args[0], Json::value_t::array, "an array");
            const std::int64_t index = integer(name, args[1]);
            if (index < 0 || index >= static_cast<std::int64_t>(array.size()))
                failure(name, "index " + std::to_string(index) + " is out of bounds");
            return array[static_cast<std::size_t>(index)];
        }
        if (name == "States.ArrayLength") {
            arity(name, args, 1, 1);
            return typed(name, args[0], Json::value_t::array, "an array").size();
        }
        if (name == "States.ArrayUnique") {
            arity(name, args, 1, 1);
            const Json &array = typed(name, args[0], Json::value_t::array, "an array");
            Json out = Json::array();
            for (const auto &v : array) {
                bool seen = false;
                for (const auto &w : out)
                    seen = seen || w == v;
                if (!seen)
                    out.push_back(v);
            }
            return out;
        }
        if (name == "States.Base64Encode" || name == "States.Base64Decode") {
            arity(name, args, 1, 1);
            const std::string &s = text(name, args[0]);
            if (s.size() > 10000)
                failure(name, "the input is longer than 10,000 characters");
            if (name == "States.Base64Encode")
                return base64Encode(s);
            auto decoded = base64Decode(s);
            if (!decoded)
                failure(name, "the input is not base64");
            return *decoded;
        }
        if (name == "States.Hash") {
            arity(name, args, 2, 2);
            const std::string data = display(args[0].value);
            if (data.size() > 10000)
                failure(name, "the input is longer than 10,000 characters");
            auto digest = hexDigest(text(name, args[1]), data);
            if (!digest)
                failure(name, "the algorithm must be MD5, SHA-1, SHA-256, SHA-384 or SHA-512");
            return *digest;
        }
        if (name == "States.JsonMerge") {
            arity(name, args, 3, 3);
            const Json &a = typed(name, args[0], Json::value_t::object, "an object");
            const Json &b = typed(name, args[1], Json::value_t::object, "an object");
            if (!args[2].value.is_boolean() || args[2].value.get<bool>())
                failure(name, "only a shallow merge (false) is supported");
            Json out = a;
            for (auto it = b.begin(); it != b.end(); ++it)
                out[it.key()] = it.value();
            return out;
        }
        if (name == "States.MathRandom") {
            arity(name, args, 2, 3);
            const std::int64_t start = integer(name, args[0]), end = integer(name, args[1]);
            if (end <= start)
                failure(name, "the end must be greater than the start");
            const auto span = static_cast<std::uint64_t>(end - start);
            if (args.size() == 3) {
                Random seeded(static_cast<std::uint64_t>(integer(name, args[2])));
                return start + static_cast<std::int64_t>(seeded.next() % span);
            }
            return start + static_cast<std::int64_t>(m_random.next() % span);
        }
        if (name == "States.MathAdd") {
            arity(name, args, 2, 2);
            return integer(name, args[0]) + integer(name, args[1]);
        }
        if (name == "States.StringSplit") {
            arity(name, args, 2, 2);
            const std::string &s = text(name, args[0]);
            const std::string &delimiters = text(name, args[1]);
            Json out = Json::array();
            std::string token;
            for (char c : s) {
                if (delimiters.find(c) != std::string::npos) {
                    if (!token.empty())
                        out.push_back(token);
                    token.clear();
                } else {
                    token += c;
                }
            }
            if (!token.empty())
                out.push_back(token);
            return out;
        }
        if (name == "States.UUID") {
            arity(name, args, 0, 0);
            return m_random.uuid();
        }
        failure(name, "unknown intrinsic function");
    }

    std::string_view m_s;
    std::size_t m_i = 0;
    int m_depth = 0;
    const PathRoots &m_roots;
    Random &m_random;
};

} // namespace

std::string Random::uuid()
{
    const std::uint64_t hi = next(), lo = next();
    unsigned char b[16];
    for (int i = 0; i < 8; ++i) {
        b[i] = static_cast<unsigned char>(hi >> (8 * i));
        b[8 + i] = static_cast<unsigned char>(lo >> (8 * i));
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80); // RFC 4122 variant
    static const char *digits = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += digits[b[i] >> 4];
        out += digits[b[i] & 15];
    }
    return out;
}

bool isIntrinsicCall(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    return text.starts_with("States.");
}

Json evaluateIntrinsic(std::string_view text, const PathRoots &roots, Random &random)
{
    return IntrinsicParser(text, roots, random).run();
}

} // namespace egress::sim

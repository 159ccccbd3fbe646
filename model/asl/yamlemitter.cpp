#include "asl/yamlemitter.h"

#include "asl/workflow.h"
#include "asl/writer.h"

namespace egress::asl {

std::optional<YamlTagged> cloudFormationShortForm(const Json &object)
{
    if (!isIntrinsic(object))
        return std::nullopt;
    const std::string &function = object.begin().key();
    const Json &argument = object.begin().value();
    if (function == "Fn::GetAtt" && argument.is_array() && argument.size() == 2 && argument[0].is_string() &&
        argument[1].is_string() && argument[0].get<std::string>().find('.') == std::string::npos)
        return YamlTagged{"GetAtt", nullptr,
                          argument[0].get<std::string>() + "." + argument[1].get<std::string>()};
    return YamlTagged{function == "Ref" ? "Ref" : function.substr(4), &argument, {}};
}

namespace {

/** yaml-cpp writes keys longer than this as explicit "? key" entries (YAML's implicit-key limit). */
constexpr std::size_t kMaxImplicitKey = 1024;

/**
 * yaml-cpp writes literal blocks with "clip" chomping (exactly one final newline) and cannot choose
 * another, so only strings of that shape go there; other multi-line strings are double-quoted.
 */
char32_t nextCodePoint(const std::string &s, std::size_t &i);

/**
 * Whether `s` is valid UTF-8 of printable characters only (newlines too when `newlines`), so it may be
 * written unescaped. Not: C0 and C1 controls, DEL, U+2028 / U+2029 (line breaks to a YAML 1.1 reader), byte
 * order marks, and invalid UTF-8 (which the double-quoted form writes as U+FFFD, like the JSON writer).
 */
bool printableUtf8(const std::string &s, bool newlines)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f) {
            ++i;
            continue;
        }
        if (c == '\n' && newlines) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        const char32_t cp = nextCodePoint(s, i);
        if (cp < 0xa0 || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
            return false;
        if (cp == 0xfffd && s.compare(start, 3, "\xef\xbf\xbd") != 0)
            return false; // malformed, not a written U+FFFD
    }
    return true;
}

bool fitsLiteralBlock(const std::string &s)
{
    if (s.size() < 2 || s.back() != '\n' || s[s.size() - 2] == '\n' || s.front() == ' ' || s.front() == '\n')
        return false;
    return s.find('\r') == std::string::npos && s.find(" \n") == std::string::npos &&
           s.find('\t') == std::string::npos && printableUtf8(s, true);
}

/**
 * Whether a plain scalar can hold `s` at all (yaml-cpp's IsValidPlainScalar for block context): no
 * line breaks, tabs, non-printable characters or byte order marks, no flow indicator at the start.
 * The rest (indicators, ": ", " #", type look-alikes) is yamlScalarNeedsQuotes.
 */
bool plainCanHold(const std::string &s)
{
    const char first = s.front();
    if (first == ',' || first == ']' || first == '}')
        return false;
    return printableUtf8(s, false);
}

/**
 * Decodes one UTF-8 code point at `i` (advancing it). A malformed sequence becomes one U+FFFD for its
 * maximal valid prefix, and the byte that broke it is read again (Unicode's "maximal subpart" practice):
 * exactly what nlohmann::json's replace handler does, so the YAML and the JSON writers agree on such text.
 */
char32_t nextCodePoint(const std::string &s, std::size_t &i)
{
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(s[at]); };
    const unsigned char lead = byte(i++);
    if (lead < 0x80)
        return lead;
    int extra = 0;
    char32_t cp = 0;
    unsigned char low = 0x80, high = 0xbf; // the range of the second byte
    if (lead >= 0xc2 && lead <= 0xdf) {
        extra = 1;
        cp = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        extra = 2;
        cp = lead & 0x0f;
        low = lead == 0xe0 ? 0xa0 : 0x80;  // no overlong forms
        high = lead == 0xed ? 0x9f : 0xbf; // no surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        extra = 3;
        cp = lead & 0x07;
        low = lead == 0xf0 ? 0x90 : 0x80;  // no overlong forms
        high = lead == 0xf4 ? 0x8f : 0xbf; // nothing beyond U+10FFFF
    } else {
        return 0xfffd; // a continuation byte, C0/C1 (overlong) or F5..FF: never a lead
    }
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || byte(i) < low || byte(i) > high)
            return 0xfffd; // s[i] is read again as the start of the next one
        cp = (cp << 6) | (byte(i++) & 0x3f);
        low = 0x80;
        high = 0xbf;
    }
    return cp;
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

void appendDoubleQuoted(std::string &out, const std::string &s)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        // The common case, printable ASCII, a byte at a time.
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        const char32_t cp = nextCodePoint(s, i);
        switch (cp) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0xfeff || cp == 0x2028 || cp == 0x2029) {
                const int digits = cp < 0xff ? 2 : cp < 0xffff ? 4 : 8;
                out += '\\';
                out += digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
                for (int d = digits; d > 0; --d)
                    out += hex[(cp >> (4 * (d - 1))) & 0xf];
            } else {
                appendUtf8(out, cp);
            }
        }
    }
    out += '"';
}

class Emitter
{
public:
    explicit Emitter(const YamlEmitOptions &options) : m_options(options) {}

    std::string run(const Json &value)
    {
        m_out.reserve(4096);
        node(value, 0, Position::Top);
        // A literal block at the very end leaves one newline too many (there is no next entry).
        if (m_out.size() >= 2 && m_out.compare(m_out.size() - 2, 2, "\n\n") == 0)
            m_out.pop_back();
        if (m_out.empty() || m_out.back() != '\n')
            m_out += '\n';
        return std::move(m_out);
    }

private:
    /** Where a node starts: the document's start, after "key:", or after "-". */
    enum class Position { Top, MapValue, SeqItem };

    const YamlEmitOptions &m_options;
    std::string m_out;

    void spaces(int n) { m_out.append(static_cast<std::size_t>(n), ' '); }

    void scalarString(const std::string &s, int indent)
    {
        if (m_options.literalBlocks && fitsLiteralBlock(s)) {
            // As yaml-cpp: empty lines carry no indentation, and the block's own final newline plus the
            // one that ends every entry leave an empty line after it.
            m_out += '|';
            std::size_t start = 0;
            while (start < s.size()) {
                const std::size_t end = s.find('\n', start);
                m_out += '\n';
                if (end > start)
                    spaces(indent + 2);
                m_out.append(s, start, end - start);
                start = end + 1;
            }
            m_out += '\n';
            return;
        }
        if (!s.empty() && !yamlScalarNeedsQuotes(s) && plainCanHold(s))
            m_out += s;
        else
            appendDoubleQuoted(m_out, s);
    }

    void key(const std::string &k)
    {
        if (k.empty() || yamlScalarNeedsQuotes(k) || !plainCanHold(k))
            appendDoubleQuoted(m_out, k);
        else
            m_out += k;
    }

    /** Writes a node whose owner (key or dash, or the document) is at column `indent`. */
    void node(const Json &value, int indent, Position at)
    {
        const char *lead = at == Position::Top ? "" : " ";
        switch (value.type()) {
        case Json::value_t::object: {
            if (m_options.tagOf)
                if (const auto tagged = m_options.tagOf(value)) {
                    m_out += lead;
                    m_out += '!';
                    m_out += tagged->tag;
                    if (!tagged->value) {
                        m_out += ' ';
                        scalarString(tagged->text, indent);
                        if (at != Position::Top)
                            m_out += '\n';
                        return;
                    }
                    taggedNode(*tagged->value, indent, at);
                    return;
                }
            if (value.empty()) {
                m_out += lead;
                m_out += "{}";
                if (at != Position::Top)
                    m_out += '\n';
                return;
            }
            const int childIndent = at == Position::Top ? 0 : indent + 2;
            bool first = true;
            if (at == Position::MapValue)
                m_out += '\n';
            for (const auto &[k, child] : value.items()) {
                if (at == Position::SeqItem && first)
                    m_out += ' ';
                else
                    spaces(childIndent);
                first = false;
                if (k.size() > kMaxImplicitKey) {
                    m_out += "? ";
                    key(k);
                    m_out += '\n';
                    spaces(childIndent);
                    m_out += ':';
                } else {
                    key(k);
                    m_out += ':';
                }
                node(child, childIndent, Position::MapValue);
            }
            return;
        }
        case Json::value_t::array: {
            if (value.empty()) {
                m_out += lead;
                m_out += "[]";
                if (at != Position::Top)
                    m_out += '\n';
                return;
            }
            // Unlike a map, a sequence in a sequence starts on the next line ("-\n  - a").
            const int childIndent = at == Position::Top ? 0 : indent + 2;
            if (at != Position::Top)
                m_out += '\n';
            for (const auto &child : value) {
                spaces(childIndent);
                m_out += '-';
                node(child, childIndent, Position::SeqItem);
            }
            return;
        }
        case Json::value_t::string:
            m_out += lead;
            scalarString(value.get_ref<const std::string &>(), indent);
            break;
        case Json::value_t::null:
            m_out += lead;
            m_out += '~';
            break;
        case Json::value_t::boolean:
            m_out += lead;
            m_out += value.get<bool>() ? "true" : "false";
            break;
        default:
            m_out += lead;
            m_out += numberText(value, m_options.numberTexts); // the kept form, or the JSON text (2.0)
            break;
        }
        if (at != Position::Top)
            m_out += '\n';
    }

    /** The node after a "!Tag": scalars on the same line, collections on the next lines. */
    void taggedNode(const Json &value, int indent, Position at)
    {
        const bool collection = (value.is_object() || value.is_array()) && !value.empty() &&
                                !(value.is_object() && m_options.tagOf && m_options.tagOf(value));
        if (!collection) {
            node(value, indent, at == Position::Top ? Position::MapValue : at);
            return;
        }
        // A tagged collection starts on the next line, indented as under a key.
        node(value, at == Position::Top ? -2 : indent, Position::MapValue);
    }
};

} // namespace

std::string emitYaml(const Json &value, const YamlEmitOptions &options)
{
    return Emitter(options).run(value);
}

} // namespace egress::asl

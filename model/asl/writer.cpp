#include "asl/writer.h"

#include "asl/yamlemitter.h"

#include <algorithm>
#include <string_view>

namespace egress::asl {

namespace {

std::string scalarJson(const Json &value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/** nlohmann::json's dump(indent) layout, with kept number forms in place of its number texts. */
void writeJsonWithForms(const Json &value, int indent, int depth, const NumberTexts &texts, std::string &out)
{
    const bool pretty = indent >= 0;
    const auto newline = [&](int level) {
        if (pretty) {
            out += '\n';
            out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(level), ' ');
        }
    };
    if (value.is_object()) {
        if (value.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (const auto &[key, child] : value.items()) {
            if (!first)
                out += ',';
            first = false;
            newline(depth + 1);
            out += scalarJson(Json(key));
            out += pretty ? ": " : ":";
            writeJsonWithForms(child, indent, depth + 1, texts, out);
        }
        newline(depth);
        out += '}';
    } else if (value.is_array()) {
        if (value.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        bool first = true;
        for (const auto &child : value) {
            if (!first)
                out += ',';
            first = false;
            newline(depth + 1);
            writeJsonWithForms(child, indent, depth + 1, texts, out);
        }
        newline(depth);
        out += ']';
    } else if (value.is_number()) {
        out += numberText(value, &texts);
    } else {
        out += scalarJson(value);
    }
}

} // namespace

std::string writeJson(const Json &value, int indent, const NumberTexts *numberTexts)
{
    if (!numberTexts || numberTexts->empty())
        return value.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
    std::string out;
    writeJsonWithForms(value, indent, 0, *numberTexts, out);
    return out + "\n";
}

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/** A plain scalar YAML 1.1 or 1.2 would read as null or a boolean. */
bool isSpecialWord(std::string_view s)
{
    static constexpr std::string_view words[] = {
        "~",  "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES",
        "no", "No",   "NO",   "on",   "On",   "ON",   "off",  "Off",   "OFF",   "y",     "Y",   "n",   "N"};
    if (s.size() > 5)
        return false;
    for (const std::string_view w : words)
        if (s == w)
            return true;
    return false;
}

/**
 * A plain scalar a YAML 1.1/1.2 loader would read as a number or a timestamp: decimal (with 1.1's '_' and
 * sexagesimal ':' digits, a fraction, an exponent), 0x/0o/0b integers, .inf/.nan, and anything that starts
 * with a date (YYYY-MM-DD). Hand-written: a std::regex per scalar made the YAML export of 1,000 states
 * miss its 50 ms goal.
 */
bool looksLikeNumberOrDate(std::string_view s)
{
    const std::size_t n = s.size();
    if (n >= 10 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]) && s[4] == '-' &&
        isDigit(s[5]) && isDigit(s[6]) && s[7] == '-' && isDigit(s[8]) && isDigit(s[9]))
        return true;
    if (n >= 3 && s[0] == '0' && std::string_view("xXoObB").find(s[1]) != std::string_view::npos &&
        std::all_of(s.begin() + 2, s.end(), isHexDigit))
        return true;
    std::size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        ++i;
    if (i < n && s[i] == '.') {
        const std::string_view rest = s.substr(i + 1);
        for (const std::string_view special : {"inf", "Inf", "INF", "nan", "NaN", "NAN"})
            if (rest == special)
                return true;
        ++i;
        if (i == n || !isDigit(s[i]))
            return false;
        while (i < n && isDigit(s[i]))
            ++i;
    } else if (i < n && isDigit(s[i])) {
        while (i < n && (isDigit(s[i]) || s[i] == '_' || s[i] == ':'))
            ++i;
        if (i < n && s[i] == '.') {
            ++i;
            while (i < n && isDigit(s[i]))
                ++i;
        }
    } else {
        return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (i == n || !isDigit(s[i]))
            return false;
        while (i < n && isDigit(s[i]))
            ++i;
    }
    return i == n;
}

} // namespace

bool yamlScalarNeedsQuotes(const std::string &s)
{
    if (s.empty())
        return true;
    // "<<" is YAML 1.1's merge key and "=" its value key: a 1.1 reader would merge or drop them.
    if (isSpecialWord(s) || looksLikeNumberOrDate(s) || s == "<<" || s == "=")
        return true;
    const char first = s.front();
    return first == ' ' || s.back() == ' ' || first == '!' || first == '&' || first == '*' || first == '%' ||
           first == '@' || first == '`' || first == '|' || first == '>' || first == '\'' || first == '"' ||
           first == '{' || first == '[' || first == '#' || first == '?' || first == '-' || first == ':' ||
           s.find(": ") != std::string::npos || s.find(" #") != std::string::npos || s.back() == ':';
}

std::string writeYaml(const Json &value, const NumberTexts *numberTexts)
{
    // Intrinsics in a definition (inline in a SAM/CloudFormation template) keep the short form a YAML
    // template writes them in: {"Fn::Sub": x} comes back as !Sub x, which parseYaml reads as the same object.
    return emitYaml(value,
                    {.literalBlocks = true, .tagOf = cloudFormationShortForm, .numberTexts = numberTexts});
}

std::string writeText(const Json &value, TextFormat format, const NumberTexts *numberTexts)
{
    return format == TextFormat::YamlText ? writeYaml(value, numberTexts) : writeJson(value, 2, numberTexts);
}

} // namespace egress::asl

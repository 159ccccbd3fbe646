#include "asl/writer.h"

#include <regex>
#include <yaml-cpp/yaml.h>

namespace egress::asl {

std::string writeJson(const Json &value, int indent)
{
    return value.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

bool yamlScalarNeedsQuotes(const std::string &s)
{
    if (s.empty())
        return true;
    static const std::regex special(
        R"(^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$)");
    static const std::regex number(
        R"(^[-+]?(\.[0-9]+|[0-9][0-9_:]*(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^0[xXoObB][0-9a-fA-F]+$|^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$|^[0-9]{4}-[0-9]{2}-[0-9]{2})");
    if (std::regex_match(s, special) || std::regex_search(s, number))
        return true;
    const char first = s.front();
    return first == ' ' || s.back() == ' ' || first == '!' || first == '&' || first == '*' || first == '%' ||
           first == '@' || first == '`' || first == '|' || first == '>' || first == '\'' || first == '"' ||
           first == '{' || first == '[' || first == '#' || first == '?' || first == '-' || first == ':' ||
           s.find(": ") != std::string::npos || s.find(" #") != std::string::npos || s.back() == ':';
}

namespace {

/**
 * yaml-cpp writes literal blocks with "clip" chomping (exactly one final newline) and cannot choose
 * another, so only strings of that shape go there; other multi-line strings are double-quoted.
 */
bool fitsLiteralBlock(const std::string &s)
{
    if (s.size() < 2 || s.back() != '\n' || s[s.size() - 2] == '\n' || s.front() == ' ' || s.front() == '\n')
        return false;
    return s.find('\r') == std::string::npos && s.find(" \n") == std::string::npos &&
           s.find('\t') == std::string::npos;
}

void emit(YAML::Emitter &out, const Json &value)
{
    switch (value.type()) {
    case Json::value_t::object:
        if (value.empty()) {
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
            break;
        }
        out << YAML::BeginMap;
        for (const auto &[key, child] : value.items()) {
            out << YAML::Key;
            if (yamlScalarNeedsQuotes(key))
                out << YAML::DoubleQuoted;
            out << key << YAML::Value;
            emit(out, child);
        }
        out << YAML::EndMap;
        break;
    case Json::value_t::array:
        if (value.empty()) {
            out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
            break;
        }
        out << YAML::BeginSeq;
        for (const auto &child : value)
            emit(out, child);
        out << YAML::EndSeq;
        break;
    case Json::value_t::string: {
        const auto &s = value.get_ref<const std::string &>();
        if (fitsLiteralBlock(s))
            out << YAML::Literal << s;
        else if (s.find('\n') != std::string::npos)
            out << YAML::DoubleQuoted << s;
        else if (yamlScalarNeedsQuotes(s))
            out << YAML::DoubleQuoted << s;
        else
            out << s;
        break;
    }
    case Json::value_t::null:
        out << YAML::Null;
        break;
    case Json::value_t::boolean:
        out << (value.get<bool>() ? "true" : "false");
        break;
    default:
        // Numbers: nlohmann's text keeps "2.0" for a float that was written 2.0.
        out << value.dump();
        break;
    }
}

} // namespace

std::string writeYaml(const Json &value)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetMapFormat(YAML::Block);
    out.SetSeqFormat(YAML::Block);
    emit(out, value);
    std::string text = out.c_str();
    if (text.empty() || text.back() != '\n')
        text += '\n';
    return text;
}

std::string writeText(const Json &value, TextFormat format)
{
    return format == TextFormat::YamlText ? writeYaml(value) : writeJson(value);
}

} // namespace egress::asl

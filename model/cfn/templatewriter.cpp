#include "cfn/templatewriter.h"

#include "asl/workflow.h"
#include "asl/writer.h"

#include <regex>
#include <yaml-cpp/yaml.h>

namespace egress::cfn {

using asl::Json;

namespace {

/** True when a plain YAML scalar with this text would not read back as this string. */
bool needsQuotes(const std::string &s)
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

void emit(YAML::Emitter &out, const Json &value);

/** Writes an intrinsic function as a short-form tag; GetAtt of "Resource.Attribute" as one scalar. */
void emitIntrinsic(YAML::Emitter &out, const std::string &function, const Json &argument)
{
    const std::string tag = function == "Ref" ? "Ref" : function.substr(4);
    if (function == "Fn::GetAtt" && argument.is_array() && argument.size() == 2 && argument[0].is_string() &&
        argument[1].is_string() && argument[0].get<std::string>().find('.') == std::string::npos) {
        out << YAML::LocalTag("GetAtt")
            << (argument[0].get<std::string>() + "." + argument[1].get<std::string>());
        return;
    }
    out << YAML::LocalTag(tag);
    emit(out, argument);
}

void emitString(YAML::Emitter &out, const std::string &s)
{
    if (s.find('\n') != std::string::npos || needsQuotes(s))
        out << YAML::DoubleQuoted << s;
    else
        out << s;
}

void emit(YAML::Emitter &out, const Json &value)
{
    switch (value.type()) {
    case Json::value_t::object:
        if (asl::isIntrinsic(value)) {
            emitIntrinsic(out, value.begin().key(), value.begin().value());
            break;
        }
        if (value.empty()) {
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
            break;
        }
        out << YAML::BeginMap;
        for (const auto &[key, child] : value.items()) {
            out << YAML::Key;
            emitString(out, key);
            out << YAML::Value;
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
    case Json::value_t::string:
        emitString(out, value.get_ref<const std::string &>());
        break;
    case Json::value_t::null:
        out << YAML::Null;
        break;
    case Json::value_t::boolean:
        out << (value.get<bool>() ? "true" : "false");
        break;
    default:
        out << value.dump(); // numbers keep their JSON text
        break;
    }
}

} // namespace

std::string writeTemplateYaml(const Json &templateJson)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetMapFormat(YAML::Block);
    out.SetSeqFormat(YAML::Block);
    emit(out, templateJson);
    std::string text = out.c_str();
    if (text.empty() || text.back() != '\n')
        text += '\n';
    return text;
}

std::string writeTemplateJson(const Json &templateJson)
{
    return asl::writeJson(templateJson);
}

std::string writeTemplate(const Json &templateJson, asl::TextFormat format)
{
    return format == asl::TextFormat::YamlText ? writeTemplateYaml(templateJson)
                                               : writeTemplateJson(templateJson);
}

} // namespace egress::cfn

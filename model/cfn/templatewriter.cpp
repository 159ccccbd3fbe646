#include "cfn/templatewriter.h"

#include "asl/workflow.h"
#include "asl/writer.h"

#include <yaml-cpp/yaml.h>

namespace egress::cfn {

using asl::Json;

namespace {

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
    if (s.find('\n') != std::string::npos || asl::yamlScalarNeedsQuotes(s))
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

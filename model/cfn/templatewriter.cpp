#include "cfn/templatewriter.h"

#include "asl/workflow.h"
#include "asl/writer.h"
#include "asl/yamlemitter.h"

namespace egress::cfn {

using asl::Json;

namespace {

/** An intrinsic function as a short-form tag; GetAtt of "Resource.Attribute" as one scalar. */
std::optional<asl::YamlTagged> shortForm(const Json &object)
{
    if (!asl::isIntrinsic(object))
        return std::nullopt;
    const std::string &function = object.begin().key();
    const Json &argument = object.begin().value();
    if (function == "Fn::GetAtt" && argument.is_array() && argument.size() == 2 && argument[0].is_string() &&
        argument[1].is_string() && argument[0].get<std::string>().find('.') == std::string::npos)
        return asl::YamlTagged{"GetAtt", nullptr,
                               argument[0].get<std::string>() + "." + argument[1].get<std::string>()};
    return asl::YamlTagged{function == "Ref" ? "Ref" : function.substr(4), &argument, {}};
}

} // namespace

std::string writeTemplateYaml(const Json &templateJson)
{
    return asl::emitYaml(templateJson, {.literalBlocks = false, .tagOf = shortForm});
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

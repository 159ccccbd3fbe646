#include "cfn/samexport.h"

#include <utility>

namespace egress::cfn {

SamTemplate toSam(const ExportResult &result, const std::string &definitionUri)
{
    SamTemplate out;
    // Transform goes right after the format version, where SAM templates have it.
    for (const auto &[key, value] : result.templateJson.items()) {
        out.templateJson[key] = value;
        if (key == "AWSTemplateFormatVersion")
            out.templateJson["Transform"] = "AWS::Serverless-2016-10-31";
    }
    if (!out.templateJson.contains("Transform"))
        out.templateJson["Transform"] = "AWS::Serverless-2016-10-31";

    Json &machine = out.templateJson["Resources"][result.stateMachine];
    const Json cfnProps = machine["Properties"];
    static const std::pair<const char *, const char *> renamed[] = {
        {"StateMachineName", "Name"},        {"StateMachineType", "Type"},        {"RoleArn", "Role"},
        {"LoggingConfiguration", "Logging"}, {"TracingConfiguration", "Tracing"},
    };
    Json props = Json::object();
    for (const auto &[key, value] : cfnProps.items()) {
        if (key == "Definition") {
            out.definition = value;
            props["DefinitionUri"] = definitionUri;
            continue;
        }
        std::string name = key;
        for (const auto &[from, to] : renamed)
            if (key == from)
                name = to;
        props[name] = value;
    }
    machine["Type"] = "AWS::Serverless::StateMachine";
    machine["Properties"] = props;
    return out;
}

} // namespace egress::cfn

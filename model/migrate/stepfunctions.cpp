#include "migrate/stepfunctions.h"

#include "asl/workflow.h"

namespace egress::migrate {

bool isFunctionType(const std::string &type)
{
    return type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function";
}

namespace {

class Resolver
{
public:
    Resolver(const Json &templateJson, const Json &substitutions)
        : m_resources(templateJson.value("Resources", Json::object())), m_substitutions(substitutions)
    {
    }

    /** The function a value names, or "" — a placeholder, an ARN-valued intrinsic, or a logical id. */
    std::string functionOf(const Json &value, int depth = 0) const
    {
        if (depth > 8)
            return {};
        if (value.is_string()) {
            const std::string text = value.get<std::string>();
            if (text.size() > 3 && text.rfind("${", 0) == 0 && text.back() == '}' &&
                text.find("${", 2) == std::string::npos) {
                const std::string name = text.substr(2, text.size() - 3);
                if (m_substitutions.is_object() && m_substitutions.contains(name))
                    return functionOf(m_substitutions[name], depth + 1);
                return function(name.substr(0, name.find('.')));
            }
            return {};
        }
        if (!value.is_object() || value.size() != 1)
            return {};
        const auto first = value.begin();
        const std::string &key = first.key();
        const Json &argument = first.value();
        if (key == "Ref" && argument.is_string())
            return function(argument.get<std::string>());
        if (key == "Fn::GetAtt") {
            if (argument.is_array() && !argument.empty() && argument[0].is_string())
                return function(argument[0].get<std::string>());
            if (argument.is_string())
                return function(argument.get<std::string>().substr(0, argument.get<std::string>().find('.')));
        }
        if (key == "Fn::Sub" && argument.is_string())
            return functionOf(Json(argument.get<std::string>()), depth + 1);
        return {};
    }

private:
    std::string function(const std::string &logicalId) const
    {
        const auto it = m_resources.find(logicalId);
        if (it == m_resources.end() || !it->is_object())
            return {};
        return isFunctionType(it->value("Type", std::string())) ? logicalId : std::string();
    }

    Json m_resources;
    const Json &m_substitutions;
};

const Json *functionNameOf(const Json &state)
{
    for (const char *arguments : {"Parameters", "Arguments"}) {
        const auto it = state.find(arguments);
        if (it == state.end() || !it->is_object())
            continue;
        if (const auto name = it->find("FunctionName"); name != it->end())
            return &*name; // "FunctionName.$" picks the function at run time: nothing to resolve
    }
    return nullptr;
}

} // namespace

StepFunctions resolveStepFunctions(const design::Project &project, const Json &templateJson,
                                   const std::string &stateMachineId)
{
    StepFunctions out;
    const Json *props = asl::resolvePointer(
        templateJson, "/Resources/" + asl::escapePointerToken(stateMachineId) + "/Properties");
    Json substitutions = props && props->is_object() ? props->value("DefinitionSubstitutions", Json::object())
                                                     : Json::object();
    // A DefinitionString's Fn::Sub variables name functions the same way.
    if (const Json *variables = props ? asl::resolvePointer(*props, "/DefinitionString/Fn::Sub/1") : nullptr;
        variables && variables->is_object())
        for (const auto &[key, value] : variables->items())
            substitutions[key] = value;
    const Resolver resolver(templateJson, substitutions);
    const auto index = asl::WorkflowIndex::build(project.definition);
    for (const auto &state : index.states()) {
        const Json *json = asl::stateJson(project.definition, state);
        // A Resource that is a whole ${X} (older SAM examples) may name a function too.
        const asl::TaskKind kind = json ? asl::classifyTask(*json) : asl::TaskKind::NotATask;
        if (kind != asl::TaskKind::Lambda && kind != asl::TaskKind::Placeholder)
            continue;
        const auto step = project.steps.find(state.name);
        if (step != project.steps.end()) {
            // The function `import` recorded for the step (steps.<state>.function).
            const std::string &named = step->second.function;
            if (!named.empty()) {
                const std::string id = resolver.functionOf(Json{{"Ref", named}});
                if (!id.empty()) {
                    out.functionOfStep[state.name] = id;
                    continue;
                }
                out.notes.push_back("step \"" + state.name + "\" names function \"" + named +
                                    "\", which is no function resource of the template");
                continue;
            }
        }
        std::string id;
        if (const Json *name = functionNameOf(*json))
            id = resolver.functionOf(*name);
        if (id.empty() && json->contains("Resource"))
            id = resolver.functionOf((*json)["Resource"]);
        if (!id.empty())
            out.functionOfStep[state.name] = id;
        else if (kind == asl::TaskKind::Lambda)
            out.notes.push_back("step \"" + state.name +
                                "\": its function is not a resource of the template (left as it is)");
    }
    return out;
}

} // namespace egress::migrate

#include "cfn/definitionwiring.h"

#include "asl/workflow.h"
#include "cfn/intrinsics.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace egress::cfn {

namespace {

bool isAlnumName(const std::string &s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/** Placeholders that name the deployment's partition, region or account map to pseudo parameters. */
std::optional<std::string> pseudoParameterFor(const std::string &name)
{
    std::string key = lower(name);
    for (const char *prefix : {"aws::", "aws_", "aws"})
        if (key.rfind(prefix, 0) == 0 && key.size() > std::string(prefix).size()) {
            key = key.substr(std::string(prefix).size());
            break;
        }
    if (key == "partition")
        return "AWS::Partition";
    if (key == "region")
        return "AWS::Region";
    if (key == "accountid" || key == "account" || key == "account_id")
        return "AWS::AccountId";
    if (key == "urlsuffix")
        return "AWS::URLSuffix";
    if (key == "stackname")
        return "AWS::StackName";
    return std::nullopt;
}

void forEachString(Json &value, const std::function<void(std::string &)> &visit)
{
    if (value.is_string()) {
        visit(value.get_ref<std::string &>());
    } else if (value.is_structured()) {
        for (auto &child : value)
            forEachString(child, visit);
    }
}

void replaceAll(std::string &text, const std::string &from, const std::string &to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

bool usesJsonata(const Json &definition, const Json &state)
{
    return state.value("QueryLanguage", definition.value("QueryLanguage", std::string())) == "JSONata";
}

/** Shared state of one wiring pass. */
class Wiring
{
public:
    Wiring(const design::Project &project, TemplateDoc &doc) : m_project(project), m_doc(doc)
    {
        m_out.definition = project.definition;
        forEachString(m_out.definition, [this](std::string &s) {
            for (auto &name : placeholdersIn(s))
                m_seenPlaceholders.insert(name);
        });
    }

    WiredDefinition run()
    {
        const auto index = asl::WorkflowIndex::build(m_out.definition);
        for (const auto &state : index.states()) {
            Json *json = asl::resolvePointer(m_out.definition, state.pointer);
            if (!json)
                continue;
            switch (asl::classifyTask(*json)) {
            case asl::TaskKind::Lambda:
                wireLambda(state.name, *json);
                break;
            case asl::TaskKind::Http:
                wireHttp(state.name, *json);
                break;
            default:
                break;
            }
        }
        replaceIntrinsics(m_out.definition);
        wireRemainingPlaceholders();
        return std::move(m_out);
    }

private:
    /** A placeholder name no string of the definition uses yet. */
    std::string freshPlaceholder(const std::string &base)
    {
        std::string name = logicalIdFrom(base, "Value");
        for (int n = 2; m_seenPlaceholders.count(name); ++n)
            name = logicalIdFrom(base, "Value") + std::to_string(n);
        m_seenPlaceholders.insert(name);
        return name;
    }

    Json &argumentsOf(Json &state)
    {
        if (state.contains("Arguments"))
            return state["Arguments"];
        if (state.contains("Parameters") || !usesJsonata(m_project.definition, state))
            return state["Parameters"];
        return state["Arguments"];
    }

    void wireLambda(const std::string &stateName, Json &state)
    {
        WiredFunction fn;
        fn.stateName = stateName;
        // "Invoke function" (the palette's default name) becomes InvokeFunction, not InvokeFunctionFunction.
        const std::string base = logicalIdFrom(stateName);
        const bool named = base.size() >= 8 && base.compare(base.size() - 8, 8, "Function") == 0;
        fn.logicalId = m_doc.names().claim(named ? base : base + "Function");
        const Json &resourceJson = state["Resource"];
        const std::string resource =
            resourceJson.is_string() ? resourceJson.get<std::string>() : resourceJson.dump();
        const std::string where = "step \"" + stateName + "\": ";
        const std::string wholeName = resourceJson.is_string() && asl::isWholePlaceholder(resource)
                                          ? resource.substr(2, resource.size() - 3)
                                          : std::string();
        if (!wholeName.empty() && isAlnumName(wholeName) && m_functionPlaceholders.insert(wholeName).second) {
            // ${HelloFunctionArn}: a Lambda step by its name; the template's function stands for it.
            fn.placeholder = wholeName;
            m_out.notes.push_back(where + "Resource " + resource +
                                  " is taken for a Lambda function ARN (by its name): the function this "
                                  "template creates stands for it");
        } else if (resource.find("states:::lambda:invoke") == std::string::npos) {
            // A function ARN as the Resource: the template's own function takes its place.
            fn.placeholder = freshPlaceholder(fn.logicalId + "Arn");
            m_out.notes.push_back(where + "Resource \"" + resource +
                                  "\" is replaced by the function this template creates");
            state["Resource"] = "${" + fn.placeholder + "}";
        } else {
            Json &args = argumentsOf(state);
            if (args.is_null())
                args = Json::object();
            if (!args.is_object()) {
                m_out.notes.push_back(where + "the function is chosen by an expression at run time; the "
                                              "state machine may invoke only this template's functions");
            } else if (args.contains("FunctionName.$")) {
                m_out.notes.push_back(where + "FunctionName.$ chooses the function at run time; the state "
                                              "machine may invoke only this template's functions");
            } else {
                const Json current = args.value("FunctionName", Json());
                const bool keep = current.is_string() && asl::isWholePlaceholder(current.get<std::string>());
                std::string name =
                    keep ? current.get<std::string>().substr(2, current.get<std::string>().size() - 3) : "";
                if (keep && isAlnumName(name) && m_functionPlaceholders.insert(name).second) {
                    fn.placeholder = name;
                } else if (current.is_string() &&
                           current.get<std::string>().find("{%") != std::string::npos) {
                    m_out.notes.push_back(where + "FunctionName is a JSONata expression; the state machine "
                                                  "may invoke only this template's functions");
                } else {
                    fn.placeholder = freshPlaceholder(fn.logicalId + "Arn");
                    m_functionPlaceholders.insert(fn.placeholder);
                    if (!current.is_null())
                        m_out.notes.push_back(where + "FunctionName " + current.dump() +
                                              " is replaced by ${" + fn.placeholder +
                                              "}, the function this template creates");
                    args["FunctionName"] = "${" + fn.placeholder + "}";
                }
            }
        }
        if (!fn.placeholder.empty())
            m_out.substitutions[fn.placeholder] = getAtt(fn.logicalId, "Arn");
        m_out.functions.push_back(std::move(fn));
    }

    void wireHttp(const std::string &stateName, Json &state)
    {
        Json &args = argumentsOf(state);
        if (args.is_null())
            args = Json::object();
        if (!args.is_object())
            return;
        // A connection the definition names (Authentication.ConnectionArn, or InvocationConfig.ConnectionArn
        // for a private API) is an existing EventBridge connection: it is kept, and none is created.
        std::vector<std::string> named;
        for (const char *holder : {"Authentication", "InvocationConfig"}) {
            const auto it = args.find(holder);
            if (it == args.end() || !it->is_object())
                continue;
            const auto arn = it->find("ConnectionArn");
            if (arn != it->end() && ((arn->is_string() && !arn->get_ref<const std::string &>().empty()) ||
                                     asl::isIntrinsic(*arn)))
                named.push_back(std::string(holder) + ".ConnectionArn " +
                                (arn->is_string() ? arn->get<std::string>() : arn->dump()));
        }
        if (!named.empty()) {
            std::string list;
            for (const auto &n : named)
                list += (list.empty() ? "" : " and ") + n;
            m_out.notes.push_back("step \"" + stateName + "\": uses the connection its definition names (" +
                                  list + "); no AWS::Events::Connection is created for it");
            return;
        }
        Json &auth = args["Authentication"];
        if (!auth.is_object())
            auth = Json::object();
        if (auth.contains("ConnectionArn.$")) {
            m_out.notes.push_back("step \"" + stateName +
                                  "\": ConnectionArn.$ chooses the connection at run time; the state machine "
                                  "may use only this template's connections");
            return;
        }
        const std::string key = auth.value("ConnectionArn", Json()).dump();
        auto it = m_connectionByValue.find(key);
        if (it == m_connectionByValue.end()) {
            WiredConnection connection;
            connection.logicalId = m_doc.names().claim(logicalIdFrom(stateName) + "Connection");
            const std::string placeholder = freshPlaceholder(connection.logicalId + "Arn");
            m_out.substitutions[placeholder] = getAtt(connection.logicalId, "Arn");
            m_out.connections.push_back(connection);
            it = m_connectionByValue.emplace(key, std::make_pair(m_out.connections.size() - 1, placeholder))
                     .first;
        }
        m_out.connections[it->second.first].stateNames.push_back(stateName);
        auth["ConnectionArn"] = "${" + it->second.second + "}";
    }

    /** Intrinsics from inline SAM definitions name resources of another template: they become placeholders.
     */
    void replaceIntrinsics(Json &value)
    {
        if (asl::isIntrinsic(value)) {
            const std::string &fn = value.begin().key();
            const Json &arg = value.begin().value();
            std::string base = "Value";
            if (fn == "Ref" && arg.is_string())
                base = arg.get<std::string>();
            else if (fn == "Fn::GetAtt" && arg.is_array() && arg.size() == 2 && arg[0].is_string() &&
                     arg[1].is_string())
                base = arg[0].get<std::string>() + arg[1].get<std::string>();
            else if (fn == "Fn::GetAtt" && arg.is_string())
                base = arg.get<std::string>();
            std::string name;
            if (auto pseudo = pseudoParameterFor(base); pseudo && fn == "Ref") {
                name = freshPlaceholder(base);
                m_out.substitutions[name] = refOf(*pseudo);
            } else {
                name = freshPlaceholder(base);
                const std::string param =
                    m_doc.addParameter(name, {{"Type", "String"},
                                              {"Description", "Stood for " + value.dump() +
                                                                  " in the definition's original template"}});
                m_out.substitutions[name] = refOf(param);
            }
            value = "${" + name + "}";
            return;
        }
        if (value.is_structured())
            for (auto &child : value)
                replaceIntrinsics(child);
    }

    void wireRemainingPlaceholders()
    {
        std::vector<std::pair<std::string, std::string>> renames;
        forEachString(m_out.definition, [&](std::string &s) {
            for (const auto &name : placeholdersIn(s)) {
                if (m_out.substitutions.contains(name) || m_handled.count(name))
                    continue;
                m_handled.insert(name);
                std::string key = name;
                if (!isAlnumName(name)) {
                    key = freshPlaceholder(name);
                    renames.emplace_back("${" + name + "}", "${" + key + "}");
                }
                if (auto pseudo = pseudoParameterFor(name)) {
                    m_out.substitutions[key] = refOf(*pseudo);
                } else {
                    const std::string param = m_doc.addParameter(
                        key,
                        {{"Type", "String"},
                         {"Description", "Substituted for ${" + name + "} in the state machine definition"}});
                    m_out.substitutions[key] = refOf(param);
                }
            }
        });
        if (!renames.empty())
            forEachString(m_out.definition, [&](std::string &s) {
                for (const auto &[from, to] : renames)
                    replaceAll(s, from, to);
            });
    }

    const design::Project &m_project;
    TemplateDoc &m_doc;
    WiredDefinition m_out;
    std::set<std::string> m_seenPlaceholders;
    std::set<std::string> m_functionPlaceholders;
    std::set<std::string> m_handled;
    std::map<std::string, std::pair<std::size_t, std::string>> m_connectionByValue;
};

} // namespace

std::vector<std::string> placeholdersIn(const std::string &text)
{
    std::vector<std::string> names;
    for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
        const std::size_t end = text.find('}', at + 2);
        if (end == std::string::npos)
            break;
        if (end > at + 2)
            names.push_back(text.substr(at + 2, end - at - 2));
    }
    return names;
}

Json WiredDefinition::expressionFor(const std::string &text) const
{
    const auto names = placeholdersIn(text);
    if (names.empty())
        return text;
    if (names.size() == 1 && text == "${" + names[0] + "}" && substitutions.contains(names[0]))
        return substitutions[names[0]];
    Json variables = Json::object();
    for (const auto &name : names)
        if (substitutions.contains(name))
            variables[name] = substitutions[name];
    return sub(text, variables);
}

WiredDefinition wireDefinition(const design::Project &project, TemplateDoc &doc)
{
    return Wiring(project, doc).run();
}

} // namespace egress::cfn

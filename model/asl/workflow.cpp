#include "asl/workflow.h"

#include <array>
#include <string_view>

namespace egress::asl {

namespace {
// string_views, not char pointers: stateTypeFromString runs for every state of every recompute, and comparing
// with a char pointer measured its length each time.
using namespace std::string_view_literals;
constexpr std::array<std::pair<StateType, std::string_view>, 8> kTypeNames{{
    {StateType::Task, "Task"sv},
    {StateType::Pass, "Pass"sv},
    {StateType::Choice, "Choice"sv},
    {StateType::Wait, "Wait"sv},
    {StateType::Succeed, "Succeed"sv},
    {StateType::Fail, "Fail"sv},
    {StateType::Parallel, "Parallel"sv},
    {StateType::Map, "Map"sv},
}};

// Nesting deeper than this is refused by the index (and reported by the validator) so that a
// hostile file cannot exhaust the stack.
constexpr int kMaxDepth = 64;
} // namespace

StateType stateTypeFromString(std::string_view type)
{
    for (const auto &[value, name] : kTypeNames)
        if (type == name)
            return value;
    return StateType::Unknown;
}

const char *toString(StateType type)
{
    for (const auto &[value, name] : kTypeNames)
        if (type == value)
            return name.data(); // the literals are NUL-terminated
    return "Unknown";
}

bool isWholePlaceholder(std::string_view s)
{
    return s.size() > 3 && s.substr(0, 2) == "${" && s.back() == '}' && s.find('}') == s.size() - 1;
}

bool isIntrinsic(const Json &value)
{
    if (!value.is_object() || value.size() != 1)
        return false;
    const std::string &key = value.begin().key();
    return key == "Ref" || key.rfind("Fn::", 0) == 0;
}

bool namesLambdaFunction(std::string_view name)
{
    std::string lowered(name);
    for (char &c : lowered)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return lowered.find("function") != std::string::npos || lowered.find("lambda") != std::string::npos;
}

TaskKind classifyTask(const Json &state)
{
    if (!state.is_object() || state.value("Type", std::string()) != "Task")
        return TaskKind::NotATask;
    const auto it = state.find("Resource");
    return it == state.end() ? TaskKind::Unknown : classifyResource(*it);
}

TaskKind classifyResource(const Json &value)
{
    // A Resource known only once deployed is a Lambda function when its name says so (${HelloFunctionArn},
    // !GetAtt HelloFunction.Arn): SAM and CDK samples name them that way, and every part of the program (VPC
    // placement, pictures, pricing, the CloudFormation export) must take the same view of the step.
    if (isIntrinsic(value))
        return namesLambdaFunction(value.dump()) ? TaskKind::Lambda : TaskKind::Placeholder;
    if (!value.is_string())
        return TaskKind::Unknown;
    const std::string &resource = value.get_ref<const std::string &>();
    if (isWholePlaceholder(resource))
        return namesLambdaFunction(resource) ? TaskKind::Lambda : TaskKind::Placeholder;
    // The partition may itself be a placeholder: arn:${AWS::Partition}:states:::lambda:invoke.
    std::string_view rest = resource;
    if (rest.rfind("arn:", 0) != 0)
        return TaskKind::Unknown;
    rest.remove_prefix(4);
    const auto partitionEnd = rest.rfind("${", 0) == 0 ? rest.find("}:") + 1 : rest.find(':');
    if (partitionEnd == std::string_view::npos || partitionEnd == 0)
        return TaskKind::Unknown;
    rest.remove_prefix(partitionEnd + 1);
    if (rest.rfind("states:::lambda:invoke", 0) == 0 || rest.rfind("lambda:", 0) == 0)
        return TaskKind::Lambda;
    if (rest.rfind("states:::http:invoke", 0) == 0)
        return TaskKind::Http;
    if (rest.rfind("states:::", 0) == 0)
        return TaskKind::AwsService;
    if (rest.rfind("states:", 0) == 0 && rest.find(":activity:") != std::string_view::npos)
        return TaskKind::Activity;
    return TaskKind::Unknown;
}

const char *toString(TaskKind kind)
{
    switch (kind) {
    case TaskKind::NotATask:
        return "not-a-task";
    case TaskKind::Lambda:
        return "lambda";
    case TaskKind::Http:
        return "http";
    case TaskKind::AwsService:
        return "aws-service";
    case TaskKind::Activity:
        return "activity";
    case TaskKind::Placeholder:
        return "placeholder";
    case TaskKind::Unknown:
        return "unknown";
    }
    return "unknown";
}

WorkflowIndex WorkflowIndex::build(const Json &definition)
{
    WorkflowIndex index;
    if (definition.is_object())
        index.indexScope(definition, definition, "", -1, -1, 0, {});
    // Resolve edge targets within the scope of their source state: one hash map per scope, so this stays
    // linear in the number of edges (it runs on every edit of a 1,000-state workflow).
    std::vector<std::unordered_map<std::string_view, int>> byScope(index.m_scopes.size());
    for (std::size_t i = 0; i < index.m_states.size(); ++i)
        byScope[static_cast<std::size_t>(index.m_states[i].scope)].emplace(index.m_states[i].name,
                                                                           static_cast<int>(i));
    for (Edge &edge : index.m_edges) {
        const auto &names = byScope[static_cast<std::size_t>(index.m_states[edge.from].scope)];
        if (const auto it = names.find(edge.target); it != names.end())
            edge.to = it->second;
    }
    return index;
}

void WorkflowIndex::indexScope(const Json &definition, const Json &scopeJson, const std::string &pointer,
                               int owner, int branch, int depth, const std::vector<std::uint32_t> &hints)
{
    const int scopeIndex = static_cast<int>(m_scopes.size());
    ScopeEntry scope;
    scope.pointer = pointer;
    scope.ownerState = owner;
    scope.branch = branch;
    scope.hints = hints;
    if (auto it = scopeJson.find("StartAt"); it != scopeJson.end() && it->is_string())
        scope.startAt = it->get<std::string>();
    m_scopes.push_back(scope);
    if (owner >= 0)
        m_states[owner].childScopes.push_back(scopeIndex);

    const auto statesIt = scopeJson.find("States");
    if (statesIt == scopeJson.end() || !statesIt->is_object() || depth > kMaxDepth)
        return;
    std::vector<std::uint32_t> stateHints = hints;
    stateHints.push_back(memberPosition(scopeJson, "States"));
    stateHints.push_back(0);
    std::uint32_t position = 0;
    for (const auto &[name, state] : statesIt->items()) {
        const int stateIndex = static_cast<int>(m_states.size());
        StateEntry entry;
        entry.name = name;
        entry.pointer = pointer + "/States/" + escapePointerToken(name);
        stateHints.back() = position++;
        entry.hints = stateHints;
        entry.scope = scopeIndex;
        if (state.is_object()) {
            if (auto t = state.find("Type"); t != state.end() && t->is_string())
                entry.type = stateTypeFromString(t->get_ref<const std::string &>());
        }
        m_states.push_back(entry);
        m_scopes[scopeIndex].states.push_back(stateIndex);
        if (auto [it, inserted] = m_byName.emplace(name, stateIndex); !inserted)
            m_duplicates.push_back(name);
        if (!state.is_object())
            continue;
        indexEdges(state, stateIndex);

        const std::string statePointer = m_states[stateIndex].pointer;
        const std::vector<std::uint32_t> hintsHere =
            m_states[stateIndex].hints;  // a copy: m_states grows below
        const Json &stateObject = state; // clang 14 cannot capture a structured binding
        auto childHints = [&](const char *key) {
            std::vector<std::uint32_t> h = hintsHere;
            h.push_back(memberPosition(stateObject, key));
            return h;
        };
        if (entry.type == StateType::Parallel) {
            if (auto b = state.find("Branches"); b != state.end() && b->is_array()) {
                for (std::size_t i = 0; i < b->size(); ++i) {
                    if ((*b)[i].is_object())
                        indexScope(definition, (*b)[i], statePointer + "/Branches/" + std::to_string(i),
                                   stateIndex, static_cast<int>(i), depth + 1, childHints("Branches"));
                }
            }
        } else if (entry.type == StateType::Map) {
            for (const char *key : {"ItemProcessor", "Iterator"}) {
                if (auto p = state.find(key); p != state.end() && p->is_object()) {
                    indexScope(definition, *p, statePointer + "/" + key, stateIndex, -1, depth + 1,
                               childHints(key));
                    break;
                }
            }
        }
    }
}

void WorkflowIndex::indexEdges(const Json &state, int stateIndex)
{
    const std::string &pointer = m_states[stateIndex].pointer;
    auto addEdge = [&](const Json &target, EdgeKind kind, int index, std::string fieldPointer) {
        if (!target.is_string())
            return;
        Edge edge;
        edge.from = stateIndex;
        edge.target = target.get<std::string>();
        edge.kind = kind;
        edge.index = index;
        edge.pointer = std::move(fieldPointer);
        m_edges.push_back(std::move(edge));
    };
    if (auto next = state.find("Next"); next != state.end())
        addEdge(*next, EdgeKind::Next, 0, pointer + "/Next");
    if (auto choices = state.find("Choices"); choices != state.end() && choices->is_array()) {
        for (std::size_t i = 0; i < choices->size(); ++i) {
            const Json &rule = (*choices)[i];
            if (rule.is_object())
                if (auto next = rule.find("Next"); next != rule.end())
                    addEdge(*next, EdgeKind::ChoiceRule, static_cast<int>(i),
                            pointer + "/Choices/" + std::to_string(i) + "/Next");
        }
    }
    if (auto def = state.find("Default"); def != state.end())
        addEdge(*def, EdgeKind::ChoiceDefault, 0, pointer + "/Default");
    if (auto catches = state.find("Catch"); catches != state.end() && catches->is_array()) {
        for (std::size_t i = 0; i < catches->size(); ++i) {
            const Json &catcher = (*catches)[i];
            if (catcher.is_object())
                if (auto next = catcher.find("Next"); next != catcher.end())
                    addEdge(*next, EdgeKind::Catch, static_cast<int>(i),
                            pointer + "/Catch/" + std::to_string(i) + "/Next");
        }
    }
}

int WorkflowIndex::indexOf(std::string_view name) const
{
    const auto it = m_byName.find(std::string(name));
    return it == m_byName.end() ? -1 : it->second;
}

const StateEntry *WorkflowIndex::find(std::string_view name) const
{
    const int i = indexOf(name);
    return i < 0 ? nullptr : &m_states[static_cast<std::size_t>(i)];
}

std::vector<const Edge *> WorkflowIndex::edgesFrom(int state) const
{
    std::vector<const Edge *> out;
    for (const Edge &edge : m_edges)
        if (edge.from == state)
            out.push_back(&edge);
    return out;
}

const Json *stateJson(const Json &definition, const StateEntry &state)
{
    return resolvePointer(definition, state.pointer, state.hints);
}

} // namespace egress::asl

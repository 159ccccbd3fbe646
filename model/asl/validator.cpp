#include "asl/validator.h"

#include "asl/workflow.h"

namespace egress::asl {

std::vector<Diagnostic> validateDefinition(const Json &definition, const std::string &file,
                                           const ValidationOptions &options)
{
    (void)options;
    std::vector<Diagnostic> out;
    auto report = [&](std::string pointer, std::string state, std::string message) {
        Diagnostic d;
        d.file = file;
        d.pointer = std::move(pointer);
        d.state = std::move(state);
        d.message = std::move(message);
        out.push_back(std::move(d));
    };
    if (!definition.is_object()) {
        report("", "", "a state machine definition must be a JSON object");
        return out;
    }
    const WorkflowIndex index = WorkflowIndex::build(definition);
    for (const ScopeEntry &scope : index.scopes()) {
        const Json *scopeJson = resolvePointer(definition, scope.pointer);
        if (!scopeJson || !scopeJson->contains("States") || !(*scopeJson)["States"].is_object()) {
            report(scope.pointer + "/States", "", "\"States\" is missing or not an object");
            continue;
        }
        bool found = false;
        for (int s : scope.states)
            found = found || index.states()[s].name == scope.startAt;
        if (!found)
            report(scope.pointer + "/StartAt", "",
                   scope.startAt.empty() ? "\"StartAt\" is missing" : "StartAt names no state: \"" + scope.startAt + "\"");
    }
    for (const StateEntry &state : index.states()) {
        if (state.type == StateType::Unknown)
            report(state.pointer + "/Type", state.name, "unknown or missing state Type");
    }
    for (const Edge &edge : index.edges()) {
        if (edge.to < 0)
            report(edge.pointer, index.states()[edge.from].name,
                   "\"" + edge.target + "\" is not a state in this scope");
    }
    for (const std::string &name : index.duplicateNames()) {
        const StateEntry *state = index.find(name);
        report(state ? state->pointer : "", name, "state name \"" + name + "\" is used more than once");
    }
    return out;
}

} // namespace egress::asl

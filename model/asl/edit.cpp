#include "asl/edit.h"

#include <algorithm>
#include <functional>

namespace egress::asl {

namespace {

constexpr std::size_t kMaxNameLength = 80; // the ASL limit on state names

/** The state objects of a scope object ({"StartAt", "States"}), or nullptr. */
Json *statesOf(Json &scope)
{
    if (!scope.is_object())
        return nullptr;
    auto it = scope.find("States");
    return it != scope.end() && it->is_object() ? &*it : nullptr;
}

/** Calls `visit(field)` for every transition-naming string field of a state (Next, Default, rules, Catchers).
 */
void forEachTarget(Json &state, const std::function<void(Json &field)> &visit)
{
    if (!state.is_object())
        return;
    if (auto it = state.find("Next"); it != state.end() && it->is_string())
        visit(*it);
    if (auto it = state.find("Default"); it != state.end() && it->is_string())
        visit(*it);
    for (const char *list : {"Choices", "Catch"}) {
        auto it = state.find(list);
        if (it == state.end() || !it->is_array())
            continue;
        for (Json &entry : *it)
            if (entry.is_object())
                if (auto next = entry.find("Next"); next != entry.end() && next->is_string())
                    visit(*next);
    }
}

/** The scope objects directly inside a state (Parallel branches, Map processor). */
std::vector<Json *> childScopes(Json &state)
{
    std::vector<Json *> out;
    if (!state.is_object())
        return out;
    if (auto b = state.find("Branches"); b != state.end() && b->is_array())
        for (Json &branch : *b)
            if (branch.is_object())
                out.push_back(&branch);
    for (const char *key : {"ItemProcessor", "Iterator"})
        if (auto p = state.find(key); p != state.end() && p->is_object()) {
            out.push_back(&*p);
            break;
        }
    return out;
}

/** Replaces the key `from` by `to` in an ordered object, keeping its position. */
void renameKey(Json &object, const std::string &from, const std::string &to)
{
    Json renamed = Json::object();
    for (auto &[key, value] : object.items())
        renamed[key == from ? to : key] = std::move(value);
    object = std::move(renamed);
}

/** Drops a transition field that no longer has a target: Next → End, others removed. */
void dropTransitionsTo(Json &state, const std::set<std::string> &gone)
{
    auto isGone = [&](const Json &v) { return v.is_string() && gone.count(v.get<std::string>()) > 0; };
    if (auto it = state.find("Next"); it != state.end() && isGone(*it)) {
        state.erase("Next");
        state["End"] = true;
    }
    if (auto it = state.find("Default"); it != state.end() && isGone(*it))
        state.erase("Default");
    for (const char *list : {"Choices", "Catch"}) {
        auto it = state.find(list);
        if (it == state.end() || !it->is_array())
            continue;
        Json kept = Json::array();
        for (Json &entry : *it)
            if (!(entry.is_object() && entry.contains("Next") && isGone(entry["Next"])))
                kept.push_back(std::move(entry));
        if (kept.empty() && std::string(list) == "Catch")
            state.erase(list);
        else
            *it = std::move(kept);
    }
}

/** Every state name in a set of states, nested ones included. */
void collectNames(Json &states, std::vector<std::string> &out)
{
    for (auto &[name, state] : states.items()) {
        out.push_back(name);
        for (Json *scope : childScopes(state))
            if (Json *inner = statesOf(*scope))
                collectNames(*inner, out);
    }
}

/** Applies a rename map to a whole scope recursively: keys, StartAt and transitions. */
void renameEverywhere(Json &scope, const std::map<std::string, std::string> &renamed)
{
    auto mapped = [&](const std::string &name) {
        const auto it = renamed.find(name);
        return it == renamed.end() ? name : it->second;
    };
    if (auto it = scope.find("StartAt"); it != scope.end() && it->is_string())
        *it = mapped(it->get<std::string>());
    Json *states = statesOf(scope);
    if (!states)
        return;
    Json out = Json::object();
    for (auto &[name, state] : states->items()) {
        forEachTarget(state, [&](Json &field) { field = mapped(field.get<std::string>()); });
        for (Json *inner : childScopes(state))
            renameEverywhere(*inner, renamed);
        out[mapped(name)] = std::move(state);
    }
    *states = std::move(out);
}

} // namespace

std::string uniqueStateName(const WorkflowIndex &index, const std::string &base,
                            const std::set<std::string> &alsoTaken)
{
    auto taken = [&](const std::string &n) { return index.indexOf(n) >= 0 || alsoTaken.count(n) > 0; };
    const std::string stem = base.empty() ? std::string("State") : base.substr(0, kMaxNameLength - 6);
    if (!taken(stem))
        return stem;
    for (int i = 2;; ++i) {
        std::string candidate = stem + " " + std::to_string(i);
        if (!taken(candidate))
            return candidate;
    }
}

std::optional<std::string> scopeOf(const Json &definition, const std::string &state)
{
    const auto index = WorkflowIndex::build(definition);
    const StateEntry *entry = index.find(state);
    if (!entry)
        return std::nullopt;
    return index.scopes()[static_cast<std::size_t>(entry->scope)].pointer;
}

std::vector<std::string> nestedStates(const WorkflowIndex &index, int state)
{
    std::vector<std::string> out;
    std::vector<int> pending{state};
    while (!pending.empty()) {
        const int s = pending.back();
        pending.pop_back();
        for (int scope : index.states()[static_cast<std::size_t>(s)].childScopes)
            for (int child : index.scopes()[static_cast<std::size_t>(scope)].states) {
                out.push_back(index.states()[static_cast<std::size_t>(child)].name);
                pending.push_back(child);
            }
    }
    return out;
}

std::optional<std::string> renameState(Json &definition, const std::string &from, const std::string &to)
{
    if (from == to)
        return std::nullopt;
    const auto index = WorkflowIndex::build(definition);
    const StateEntry *entry = index.find(from);
    if (!entry)
        return "there is no state named \"" + from + "\"";
    if (to.empty())
        return std::string("a state name cannot be empty");
    if (to.size() > kMaxNameLength)
        return "a state name can have at most " + std::to_string(kMaxNameLength) + " characters";
    if (index.indexOf(to) >= 0)
        return "a state named \"" + to + "\" already exists";
    Json *scope = resolvePointer(definition, index.scopes()[static_cast<std::size_t>(entry->scope)].pointer);
    Json *states = scope ? statesOf(*scope) : nullptr;
    if (!states)
        return std::string("the state's scope has no States object");
    // Only this scope can refer to the state: transitions never cross a branch boundary.
    if (auto it = scope->find("StartAt"); it != scope->end() && *it == from)
        *it = to;
    for (auto &[name, state] : states->items())
        forEachTarget(state, [&](Json &field) {
            if (field == from)
                field = to;
        });
    renameKey(*states, from, to);
    return std::nullopt;
}

std::vector<std::string> removeStates(Json &definition, const std::set<std::string> &names)
{
    std::vector<std::string> messages;
    const auto index = WorkflowIndex::build(definition);
    std::set<std::string> gone = names;
    for (const auto &name : names)
        if (int i = index.indexOf(name); i >= 0)
            for (auto &nested : nestedStates(index, i))
                gone.insert(nested);

    for (const ScopeEntry &scopeEntry : index.scopes()) {
        if (scopeEntry.ownerState >= 0 &&
            gone.count(index.states()[static_cast<std::size_t>(scopeEntry.ownerState)].name))
            continue; // removed with its owner
        Json *scope = resolvePointer(definition, scopeEntry.pointer);
        Json *states = scope ? statesOf(*scope) : nullptr;
        if (!states)
            continue;
        // Where a transition into a removed state should go instead: its first surviving Next.
        auto successor = [&](std::string name) -> std::optional<std::string> {
            for (std::size_t guard = 0; guard <= states->size() && gone.count(name); ++guard) {
                auto it = states->find(name);
                if (it == states->end() || !it->is_object() || !it->contains("Next") ||
                    !(*it)["Next"].is_string())
                    return std::nullopt;
                name = (*it)["Next"].get<std::string>();
            }
            if (gone.count(name) || !states->contains(name))
                return std::nullopt;
            return name;
        };
        for (auto &[name, state] : states->items()) {
            if (gone.count(name) || !state.is_object())
                continue;
            forEachTarget(state, [&](Json &field) {
                if (!gone.count(field.get<std::string>()))
                    return;
                if (auto next = successor(field.get<std::string>()))
                    field = *next;
            });
            const Json before = state;
            dropTransitionsTo(state, gone);
            if (state != before)
                messages.push_back("\"" + name + "\" lost a transition to a removed state");
            if (state.value("Type", std::string()) == "Choice" && state.contains("Choices") &&
                state["Choices"].empty())
                messages.push_back("Choice \"" + name + "\" has no rules left");
        }
        if (auto it = scope->find("StartAt");
            it != scope->end() && it->is_string() && gone.count(it->get<std::string>())) {
            std::optional<std::string> start = successor(it->get<std::string>());
            if (!start)
                for (auto &[name, state] : states->items())
                    if (!gone.count(name)) {
                        start = name;
                        break;
                    }
            if (start) {
                *it = *start;
            } else {
                messages.push_back("the scope at \"" + scopeEntry.pointer + "\" has no states left");
            }
        }
        for (const auto &name : gone)
            states->erase(name);
    }
    return messages;
}

std::optional<std::string> addState(Json &definition, const std::string &scopePointer,
                                    const std::string &name, const Json &state)
{
    const auto index = WorkflowIndex::build(definition);
    if (name.empty() || name.size() > kMaxNameLength)
        return std::string("a state name must have 1 to 80 characters");
    if (index.indexOf(name) >= 0)
        return "a state named \"" + name + "\" already exists";
    if (!state.is_object())
        return std::string("a state must be a JSON object");
    Json *scope = resolvePointer(definition, scopePointer);
    if (!scope || !scope->is_object())
        return "there is no branch or processor at \"" + scopePointer + "\"";
    if (!scope->contains("States") || !(*scope)["States"].is_object())
        (*scope)["States"] = Json::object();
    Json &states = (*scope)["States"];
    const bool wasEmpty = states.empty();
    states[name] = state;
    if (wasEmpty || !scope->contains("StartAt") || !(*scope)["StartAt"].is_string())
        (*scope)["StartAt"] = name;
    return std::nullopt;
}

std::optional<std::string> connectStates(Json &definition, const std::string &from, const std::string &to)
{
    const auto index = WorkflowIndex::build(definition);
    const StateEntry *source = index.find(from);
    const StateEntry *target = index.find(to);
    if (!source || !target)
        return "there is no state named \"" + (source ? to : from) + "\"";
    if (source->scope != target->scope)
        return "\"" + from + "\" and \"" + to +
               "\" are in different branches; a transition stays in its branch";
    if (source->type == StateType::Succeed || source->type == StateType::Fail)
        return "a " + std::string(toString(source->type)) + " state ends the execution and has no Next";
    Json *state = resolvePointer(definition, source->pointer);
    if (!state || !state->is_object())
        return "\"" + from + "\" is not a JSON object";
    if (source->type == StateType::Choice) {
        if (!state->contains("Default")) {
            (*state)["Default"] = to;
        } else {
            if (!state->contains("Choices") || !(*state)["Choices"].is_array())
                (*state)["Choices"] = Json::array();
            // A rule that always matches, for the user to refine in the rule editor.
            (*state)["Choices"].push_back(Json{{"Variable", "$"}, {"IsPresent", true}, {"Next", to}});
        }
        return std::nullopt;
    }
    state->erase("End");
    (*state)["Next"] = to;
    return std::nullopt;
}

std::optional<std::string> retargetTransition(Json &definition, const std::string &fieldPointer,
                                              const std::string &to)
{
    const auto index = WorkflowIndex::build(definition);
    const auto edge = std::find_if(index.edges().begin(), index.edges().end(),
                                   [&](const Edge &e) { return e.pointer == fieldPointer; });
    if (edge == index.edges().end())
        return "there is no transition at \"" + fieldPointer + "\"";
    const StateEntry *target = index.find(to);
    if (!target)
        return "there is no state named \"" + to + "\"";
    if (target->scope != index.states()[static_cast<std::size_t>(edge->from)].scope)
        return "\"" + to + "\" is in another branch; a transition stays in its branch";
    *resolvePointer(definition, fieldPointer) = to;
    return std::nullopt;
}

std::optional<std::string> removeTransition(Json &definition, const Edge &edge)
{
    const auto index = WorkflowIndex::build(definition);
    if (edge.from < 0 || static_cast<std::size_t>(edge.from) >= index.states().size())
        return std::string("the transition's state does not exist");
    Json *state = resolvePointer(definition, index.states()[static_cast<std::size_t>(edge.from)].pointer);
    if (!state || !state->is_object())
        return std::string("the transition's state does not exist");
    auto eraseAt = [&](const char *list) -> std::optional<std::string> {
        auto it = state->find(list);
        if (it == state->end() || !it->is_array() || edge.index < 0 ||
            static_cast<std::size_t>(edge.index) >= it->size())
            return std::string("the transition no longer exists");
        it->erase(static_cast<std::size_t>(edge.index));
        if (it->empty() && std::string(list) == "Catch")
            state->erase(list);
        return std::nullopt;
    };
    switch (edge.kind) {
    case EdgeKind::Next:
        state->erase("Next");
        (*state)["End"] = true;
        return std::nullopt;
    case EdgeKind::ChoiceDefault:
        state->erase("Default");
        return std::nullopt;
    case EdgeKind::ChoiceRule:
        return eraseAt("Choices");
    case EdgeKind::Catch:
        return eraseAt("Catch");
    }
    return std::nullopt;
}

Json copyStates(const Json &definition, const std::set<std::string> &names)
{
    const auto index = WorkflowIndex::build(definition);
    std::set<std::string> covered; // nested in another copied state: comes along with it
    for (const auto &name : names)
        if (int i = index.indexOf(name); i >= 0)
            for (auto &nested : nestedStates(index, i))
                covered.insert(nested);
    Json out = Json::object();
    for (const StateEntry &entry : index.states())
        if (names.count(entry.name) && !covered.count(entry.name))
            if (const Json *state = stateJson(definition, entry))
                out[entry.name] = *state;
    return out;
}

PasteResult pasteStates(Json &definition, const std::string &scopePointer, const Json &states)
{
    PasteResult result;
    if (!states.is_object()) {
        result.error = "the pasted states are not a JSON object";
        return result;
    }
    Json *scope = resolvePointer(definition, scopePointer);
    if (!scope || !scope->is_object()) {
        result.error = "there is no branch or processor at \"" + scopePointer + "\"";
        return result;
    }
    Json fragment = Json{{"States", states}};
    std::vector<std::string> all;
    collectNames(fragment["States"], all);
    const auto index = WorkflowIndex::build(definition);
    std::set<std::string> taken;
    for (const auto &name : all) {
        std::string fresh = uniqueStateName(index, name, taken);
        taken.insert(fresh);
        result.renamed[name] = fresh;
    }
    // Transitions out of the pasted set have nowhere to go in the new place.
    std::set<std::string> outside;
    for (auto &[name, state] : fragment["States"].items())
        forEachTarget(state, [&](Json &field) {
            if (!fragment["States"].contains(field.get<std::string>()))
                outside.insert(field.get<std::string>());
        });
    for (auto &[name, state] : fragment["States"].items())
        if (state.is_object())
            dropTransitionsTo(state, outside);
    renameEverywhere(fragment, result.renamed);

    if (!scope->contains("States") || !(*scope)["States"].is_object())
        (*scope)["States"] = Json::object();
    Json &target = (*scope)["States"];
    const bool wasEmpty = target.empty();
    for (auto &[name, state] : fragment["States"].items())
        target[name] = state;
    if ((wasEmpty || !scope->contains("StartAt")) && !fragment["States"].empty())
        (*scope)["StartAt"] = fragment["States"].begin().key();
    return result;
}

} // namespace egress::asl

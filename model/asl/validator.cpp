// The validator's driver: the machine's structure (top level, scopes, StartAt, state names),
// transitions within their scope, terminal reachability and unreachable states. Field-level checks
// live in validator_fields.cpp, validator_rules.cpp and validator_paths.cpp.
#include "asl/validator.h"

#include "asl/validator_internal.h"
#include "asl/workflow.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <unordered_map>

namespace egress::asl {

namespace detail {

void Context::add(Severity severity, std::string pointer, std::string state, std::string message)
{
    Diagnostic d;
    d.severity = severity;
    d.file = m_file;
    d.pointer = std::move(pointer);
    d.state = std::move(state);
    d.message = std::move(message);
    m_out.push_back(std::move(d));
}

std::string inQuotes(std::string_view s)
{
    return "\"" + std::string(s) + "\"";
}

std::string typeName(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return "a boolean (" + value.dump() + ")";
    case Json::value_t::string:
        return "a string (" + value.dump(-1, ' ', false, Json::error_handler_t::replace) + ")";
    case Json::value_t::array:
        return "a list";
    case Json::value_t::object:
        return "an object";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return "a number (" + value.dump() + ")";
    default:
        return "an unsupported value";
    }
}

bool isIntegral(const Json &value)
{
    if (value.is_number_integer())
        return true;
    if (!value.is_number_float())
        return false;
    // No cast to an integer type: a double beyond its range (1e300) would be undefined behaviour.
    const double d = value.get<double>();
    return std::isfinite(d) && std::trunc(d) == d;
}

bool isPlaceholderValue(const Json &value)
{
    return value.is_string() && isWholePlaceholder(value.get_ref<const std::string &>());
}

} // namespace detail

namespace {

using namespace detail;

std::size_t codePoints(std::string_view s)
{
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/** Depth of a scope: 0 for the top level, +1 per enclosing Parallel/Map. */
int scopeDepth(const WorkflowIndex &index, int scope)
{
    int depth = 0;
    for (int owner = index.scopes()[scope].ownerState; owner >= 0;
         owner = index.scopes()[index.states()[owner].scope].ownerState)
        ++depth;
    return depth;
}

/** "the state machine", "branch 2 of Parallel state "P"", "the item processor of Map state "M"". */
std::string describeScope(const WorkflowIndex &index, int scope)
{
    const ScopeEntry &s = index.scopes()[scope];
    if (s.ownerState < 0)
        return "the top level of the state machine";
    const StateEntry &owner = index.states()[s.ownerState];
    if (s.branch >= 0)
        return "branch " + std::to_string(s.branch + 1) + " of Parallel state " + inQuotes(owner.name);
    return "the item processor of Map state " + inQuotes(owner.name);
}

QueryLanguage languageOf(const Json &object, QueryLanguage fallback)
{
    if (auto it = object.find("QueryLanguage"); it != object.end() && it->is_string()) {
        if (*it == "JSONata")
            return QueryLanguage::Jsonata;
        if (*it == "JSONPath")
            return QueryLanguage::JsonPath;
    }
    return fallback;
}

void checkQueryLanguageField(Context &ctx, const Json &object, const std::string &pointer,
                             const std::string &state)
{
    if (auto it = object.find("QueryLanguage"); it != object.end() && *it != "JSONPath" && *it != "JSONata")
        ctx.error(pointer + "/QueryLanguage", state,
                  "\"QueryLanguage\" must be \"JSONPath\" or \"JSONata\" (it is " +
                      it->dump(-1, ' ', false, Json::error_handler_t::replace) + ")");
}

void checkTopLevel(Context &ctx, const Json &definition)
{
    for (const auto &[key, value] : definition.items()) {
        const std::string at = "/" + escapePointerToken(key);
        if (key == "Comment" || key == "Version") {
            if (!value.is_string())
                ctx.error(at, "", inQuotes(key) + " must be a string, not " + typeName(value));
        } else if (key == "TimeoutSeconds") {
            if (!isPlaceholderValue(value) &&
                (!isIntegral(value) || value.get<double>() < 0 || value.get<double>() > 99999999))
                ctx.error(at, "",
                          "\"TimeoutSeconds\" must be a whole number of seconds from 0 to 99999999, not " +
                              typeName(value));
        } else if (key != "StartAt" && key != "States" && key != "QueryLanguage") {
            ctx.error(at, "",
                      "unknown top-level field " + inQuotes(key) +
                          " (a state machine has StartAt, States, Comment, Version, TimeoutSeconds and "
                          "QueryLanguage)");
        }
    }
    checkQueryLanguageField(ctx, definition, "", "");
}

/** StartAt, States and the allowed fields of one scope (the top level, a branch or an item processor). */
bool checkScopeShape(Context &ctx, const WorkflowIndex &index, int scopeIndex, const Json &scope)
{
    const ScopeEntry &entry = index.scopes()[scopeIndex];
    const std::string owner = entry.ownerState >= 0 ? index.states()[entry.ownerState].name : std::string();
    if (entry.ownerState >= 0) {
        const bool processor = entry.branch < 0;
        for (const auto &[key, value] : scope.items()) {
            if (key == "StartAt" || key == "States" || key == "Comment" ||
                (processor && key == "ProcessorConfig"))
                continue;
            ctx.error(entry.pointer + "/" + escapePointerToken(key), owner,
                      "unknown field " + inQuotes(key) + " in " + describeScope(index, scopeIndex) +
                          " (it has StartAt, States and Comment" + (processor ? ", ProcessorConfig)" : ")"));
        }
    }
    bool ok = true;
    const auto startAt = scope.find("StartAt");
    if (startAt == scope.end()) {
        ctx.error(entry.pointer, owner, "\"StartAt\" is missing from " + describeScope(index, scopeIndex));
        ok = false;
    } else if (!startAt->is_string()) {
        ctx.error(entry.pointer + "/StartAt", owner,
                  "\"StartAt\" must be a state name, not " + typeName(*startAt));
        ok = false;
    }
    const auto states = scope.find("States");
    if (states == scope.end()) {
        ctx.error(entry.pointer, owner, "\"States\" is missing from " + describeScope(index, scopeIndex));
        return false;
    }
    if (!states->is_object()) {
        ctx.error(entry.pointer + "/States", owner,
                  "\"States\" must be an object of named states, not " + typeName(*states));
        return false;
    }
    if (states->empty()) {
        ctx.error(entry.pointer + "/States", owner,
                  "\"States\" is empty; " + describeScope(index, scopeIndex) + " needs at least one state");
        return false;
    }
    if (scopeDepth(index, scopeIndex) > kMaxScopeDepth) {
        ctx.error(entry.pointer, owner,
                  "Parallel/Map states are nested more than " + std::to_string(kMaxScopeDepth) +
                      " levels deep; the states below are not checked");
        return false;
    }
    if (ok && std::none_of(entry.states.begin(), entry.states.end(),
                           [&](int s) { return index.states()[s].name == entry.startAt; })) {
        const StateEntry *elsewhere = index.find(entry.startAt);
        ctx.error(
            entry.pointer + "/StartAt", owner,
            elsewhere
                ? "\"StartAt\" names " + inQuotes(entry.startAt) + ", which is in " +
                      describeScope(index, elsewhere->scope) + ", not in " + describeScope(index, scopeIndex)
                : "\"StartAt\" names " + inQuotes(entry.startAt) + ", but there is no state of that name");
        ok = false;
    }
    return ok;
}

void checkState(Context &ctx, const StateEntry &entry, QueryLanguage topLanguage)
{
    const Json *json = stateJson(ctx.root(), entry);
    if (codePoints(entry.name) > 80)
        ctx.error(entry.pointer, entry.name,
                  "state names can have at most 80 characters (this one has " +
                      std::to_string(codePoints(entry.name)) + ")");
    if (entry.name.empty())
        ctx.error(entry.pointer, entry.name, "a state name cannot be empty");
    if (!json || !json->is_object()) {
        ctx.error(entry.pointer, entry.name,
                  "a state must be an object with a \"Type\", not " +
                      (json ? typeName(*json) : std::string("missing")) +
                      (entry.name == "QueryLanguage" || entry.name == "Comment" || entry.name == "StartAt"
                           ? " (" + inQuotes(entry.name) + " belongs at the top level, outside \"States\")"
                           : std::string()));
        return;
    }
    const auto type = json->find("Type");
    if (type == json->end()) {
        ctx.error(entry.pointer, entry.name,
                  "the state has no \"Type\" (Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map)");
        return;
    }
    if (entry.type == StateType::Unknown) {
        ctx.error(entry.pointer + "/Type", entry.name,
                  "unknown state type " + type->dump(-1, ' ', false, Json::error_handler_t::replace) +
                      " (Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map)");
        return;
    }
    checkQueryLanguageField(ctx, *json, entry.pointer, entry.name);
    const StateRef state{*json, entry.name, entry.pointer, entry.type, languageOf(*json, topLanguage)};
    checkStateFields(ctx, state);
}

void checkTransitions(Context &ctx, const WorkflowIndex &index)
{
    for (const Edge &edge : index.edges()) {
        if (edge.to >= 0)
            continue;
        const StateEntry &from = index.states()[edge.from];
        const char *field = edge.kind == EdgeKind::ChoiceDefault ? "Default" : "Next";
        const StateEntry *elsewhere = index.find(edge.target);
        if (elsewhere)
            ctx.error(edge.pointer, from.name,
                      inQuotes(field) + " names " + inQuotes(edge.target) + ", which is in " +
                          describeScope(index, elsewhere->scope) + "; a state in " +
                          describeScope(index, from.scope) +
                          " can only go to states of its own scope (no jumps into or out of a Parallel "
                          "branch or Map processor)");
        else
            ctx.error(edge.pointer, from.name,
                      inQuotes(field) + " names " + inQuotes(edge.target) +
                          ", but there is no state of that name");
    }
}

void checkDuplicateNames(Context &ctx, const WorkflowIndex &index)
{
    std::unordered_map<std::string, int> first;
    for (std::size_t i = 0; i < index.states().size(); ++i) {
        const StateEntry &state = index.states()[i];
        auto [it, inserted] = first.emplace(state.name, static_cast<int>(i));
        if (!inserted)
            ctx.error(state.pointer, state.name,
                      "the state name " + inQuotes(state.name) + " is already used at " +
                          index.states()[it->second].pointer +
                          "; names must be unique in the whole state machine");
    }
}

bool isTerminal(const Json &root, const StateEntry &state)
{
    if (state.type == StateType::Succeed || state.type == StateType::Fail)
        return true;
    const Json *json = stateJson(root, state);
    if (!json || !json->is_object())
        return false;
    const auto end = json->find("End");
    return end != json->end() && end->is_boolean() && end->get<bool>();
}

/** From StartAt: is a terminal state reachable, and which states are never reached. */
void checkReachability(Context &ctx, const WorkflowIndex &index, int scopeIndex)
{
    const ScopeEntry &scope = index.scopes()[scopeIndex];
    int start = -1;
    for (int s : scope.states)
        if (index.states()[s].name == scope.startAt)
            start = s;
    if (start < 0)
        return;
    std::unordered_map<int, std::vector<int>> next;
    for (const Edge &edge : index.edges())
        if (edge.to >= 0 && index.states()[edge.from].scope == scopeIndex)
            next[edge.from].push_back(edge.to);
    std::vector<bool> seen(index.states().size(), false);
    std::deque<int> queue{start};
    seen[static_cast<std::size_t>(start)] = true;
    bool terminal = false;
    while (!queue.empty()) {
        const int s = queue.front();
        queue.pop_front();
        terminal = terminal || isTerminal(ctx.root(), index.states()[s]);
        for (int t : next[s]) {
            if (!seen[static_cast<std::size_t>(t)]) {
                seen[static_cast<std::size_t>(t)] = true;
                queue.push_back(t);
            }
        }
    }
    const std::string owner = scope.ownerState >= 0 ? index.states()[scope.ownerState].name : std::string();
    if (!terminal)
        ctx.error(scope.pointer + "/StartAt", owner,
                  "no state that ends " + describeScope(index, scopeIndex) + " can be reached from " +
                      inQuotes(scope.startAt) +
                      ": the execution could never finish (add \"End\": true, a Succeed or a Fail state)");
    if (!ctx.options().reportUnreachable)
        return;
    for (int s : scope.states) {
        if (!seen[static_cast<std::size_t>(s)])
            // An error, as in Step Functions: CreateStateMachine refuses a definition with a state that no
            // transition reaches (asl-validator's invalid-unreachable-state fixture agrees).
            ctx.error(index.states()[s].pointer, index.states()[s].name,
                      "the state can never run: no transition from \"StartAt\" (" + inQuotes(scope.startAt) +
                          ") leads to it");
    }
}

/** The innermost state whose pointer contains `pointer`, or "". */
std::string stateAt(const WorkflowIndex &index, const std::string &pointer)
{
    std::string best;
    std::size_t bestLength = 0;
    for (const StateEntry &state : index.states()) {
        const std::string &p = state.pointer;
        if (p.size() >= bestLength && pointer.compare(0, p.size(), p) == 0 &&
            (pointer.size() == p.size() || pointer[p.size()] == '/')) {
            best = state.name;
            bestLength = p.size();
        }
    }
    return best;
}

} // namespace

std::vector<Diagnostic> validateDefinition(const Json &definition, const std::string &file,
                                           const ValidationOptions &options)
{
    Context ctx(definition, file, options);
    if (!definition.is_object()) {
        ctx.error("", "",
                  "a state machine definition must be a JSON object with \"StartAt\" and \"States\", not " +
                      typeName(definition));
        return ctx.take();
    }
    checkTopLevel(ctx, definition);
    const QueryLanguage topLanguage = languageOf(definition, QueryLanguage::JsonPath);
    const WorkflowIndex index = WorkflowIndex::build(definition);

    std::vector<bool> scopeOk(index.scopes().size(), false);
    for (std::size_t i = 0; i < index.scopes().size(); ++i) {
        const Json *scope = resolvePointer(definition, index.scopes()[i].pointer, index.scopes()[i].hints);
        scopeOk[i] = scope && checkScopeShape(ctx, index, static_cast<int>(i), *scope);
    }
    for (const StateEntry &state : index.states())
        checkState(ctx, state, topLanguage);
    checkTransitions(ctx, index);
    checkDuplicateNames(ctx, index);
    for (std::size_t i = 0; i < index.scopes().size(); ++i)
        if (scopeOk[i])
            checkReachability(ctx, index, static_cast<int>(i));
    return ctx.take();
}

std::vector<Diagnostic> duplicateKeyProblems(const ReadResult &read, const std::string &file)
{
    std::vector<Diagnostic> out;
    if (!read)
        return out;
    const WorkflowIndex index = WorkflowIndex::build(*read.value);
    for (const std::string &pointer : read.duplicateKeys) {
        Diagnostic d;
        d.file = file;
        d.pointer = pointer;
        d.state = stateAt(index, pointer);
        const std::size_t slash = pointer.rfind('/');
        std::string key = slash == std::string::npos ? pointer : pointer.substr(slash + 1);
        for (std::size_t at = key.find('~'); at != std::string::npos && at + 1 < key.size();
             at = key.find('~', at + 1))
            key.replace(at, 2, key[at + 1] == '1' ? "/" : "~");
        d.message = "the key \"" + key + "\" occurs more than once in its object (only the last one counts)";
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<Diagnostic> validateRead(const ReadResult &read, const std::string &file,
                                     const ValidationOptions &options)
{
    if (!read)
        return {read.error ? *read.error
                           : Diagnostic{Severity::Error, file, "", "", "the file could not be read", 0, 0}};
    std::vector<Diagnostic> out = duplicateKeyProblems(read, file);
    std::vector<Diagnostic> found = validateDefinition(*read.value, file, options);
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return out;
}

} // namespace egress::asl

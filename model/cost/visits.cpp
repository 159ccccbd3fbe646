#include "cost/visits.h"

#include <algorithm>
#include <cmath>

namespace egress::cost {

using asl::Json;
using asl::StateType;

namespace {

/** The members of a Retry or Catch rule the cost model reads, found in one pass over its keys (three lookups
 * by name, each a scan comparing C strings, were a twentieth of building the graph). */
struct RuleFields
{
    const Json *errorEquals = nullptr;
    const Json *maxAttempts = nullptr;
    const Json *intervalSeconds = nullptr;
    const Json *backoffRate = nullptr;
    const Json *next = nullptr;

    explicit RuleFields(const Json &rule)
    {
        for (const auto &[key, value] : rule.get_ref<const Json::object_t &>()) {
            const std::string_view k = key;
            if (k == "ErrorEquals")
                errorEquals = &value;
            else if (k == "MaxAttempts")
                maxAttempts = &value;
            else if (k == "IntervalSeconds")
                intervalSeconds = &value;
            else if (k == "BackoffRate")
                backoffRate = &value;
            else if (k == "Next")
                next = &value;
        }
    }

    /** The rule applies to a task failure when it lists States.ALL, States.TaskFailed or an error of the code
     * itself (any name outside the States.* family, e.g. Lambda.ServiceException or a custom error). */
    bool matchesTaskFailure() const
    {
        if (!errorEquals || !errorEquals->is_array())
            return false;
        for (const Json &e : *errorEquals) {
            if (!e.is_string())
                continue;
            const std::string_view name = e.get_ref<const std::string &>();
            if (name == "States.ALL" || name == "States.TaskFailed" || !name.starts_with("States."))
                return true;
        }
        return false;
    }
};

double numberOr(const Json &object, const char *key, double fallback)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

} // namespace

std::size_t minifiedSize(const Json &value)
{
    auto stringSize = [](const std::string &s) {
        std::size_t n = 2;
        for (unsigned char c : s)
            n += c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t' ? 2
                 : c < 0x20                                                                             ? 6
                                                                                                        : 1;
        return n;
    };
    switch (value.type()) {
    case Json::value_t::object: {
        std::size_t n = 2 + (value.empty() ? 0 : value.size() - 1);
        for (const auto &[key, child] : value.items())
            n += stringSize(key) + 1 + minifiedSize(child);
        return n;
    }
    case Json::value_t::array: {
        std::size_t n = 2 + (value.empty() ? 0 : value.size() - 1);
        for (const Json &child : value)
            n += minifiedSize(child);
        return n;
    }
    case Json::value_t::string:
        return stringSize(value.get_ref<const std::string &>());
    case Json::value_t::boolean:
        return value.get<bool>() ? 4 : 5;
    case Json::value_t::null:
        return 4;
    case Json::value_t::number_float:
        return value.dump().size();
    case Json::value_t::number_integer:
        return std::to_string(value.get<long long>()).size();
    case Json::value_t::number_unsigned:
        return std::to_string(value.get<unsigned long long>()).size();
    default:
        return value.dump().size();
    }
}

namespace {

/**
 * Iterative Tarjan over one scope, with buffers reused from scope to scope (a 1,000-state workflow has a
 * component per state: one vector each was a third of the graph's allocations). Components come out in
 * reverse topological order and are stored reversed.
 */
class Components
{
public:
    /** `succ` lists the successors (state indexes) of local node p at succ[succStart[p] .. succStart[p+1]).
     */
    void split(ScopeGraph &scope, const std::vector<int> &succStart, const std::vector<int> &succ,
               const std::vector<int> &localPos)
    {
        const std::vector<int> &scopeStates = scope.states;
        const std::size_t n = scopeStates.size();
        m_index.assign(n, -1);
        m_low.assign(n, 0);
        m_onStack.assign(n, 0);
        m_stack.clear();
        m_work.clear();
        m_found.clear();
        m_foundEnd.clear();
        m_foundCyclic.clear();
        int counter = 0;
        auto u = [](int v) { return static_cast<std::size_t>(v); };
        for (int root = 0; root < static_cast<int>(n); ++root) {
            if (m_index[u(root)] >= 0)
                continue;
            m_work.push_back({root, succStart[u(root)]});
            while (!m_work.empty()) {
                auto &[v, pos] = m_work.back();
                if (pos == succStart[u(v)] && m_index[u(v)] < 0) {
                    m_index[u(v)] = m_low[u(v)] = counter++;
                    m_stack.push_back(v);
                    m_onStack[u(v)] = 1;
                }
                if (pos < succStart[u(v) + 1]) {
                    const int w = localPos[u(succ[u(pos++)])];
                    if (m_index[u(w)] < 0)
                        m_work.push_back({w, succStart[u(w)]});
                    else if (m_onStack[u(w)])
                        m_low[u(v)] = std::min(m_low[u(v)], m_index[u(w)]);
                    continue;
                }
                const int done = v;
                m_work.pop_back();
                if (!m_work.empty())
                    m_low[u(m_work.back().first)] = std::min(m_low[u(m_work.back().first)], m_low[u(done)]);
                if (m_low[u(done)] == m_index[u(done)]) {
                    const std::size_t begin = m_found.size();
                    int w;
                    do {
                        w = m_stack.back();
                        m_stack.pop_back();
                        m_onStack[u(w)] = 0;
                        m_found.push_back(scopeStates[u(w)]);
                    } while (w != done);
                    bool cyclic = m_found.size() - begin > 1;
                    for (int p = succStart[u(done)]; !cyclic && p < succStart[u(done) + 1]; ++p)
                        cyclic = localPos[u(succ[u(p)])] == done;
                    std::sort(m_found.begin() + static_cast<std::ptrdiff_t>(begin), m_found.end());
                    m_foundEnd.push_back(static_cast<int>(m_found.size()));
                    m_foundCyclic.push_back(cyclic ? 1 : 0);
                }
            }
        }
        const std::size_t count = m_foundEnd.size();
        scope.componentStates.clear();
        scope.componentStates.reserve(m_found.size());
        scope.componentStart.assign(1, 0);
        scope.componentStart.reserve(count + 1);
        scope.cyclic.clear();
        scope.cyclic.reserve(count);
        for (std::size_t c = count; c-- > 0;) {
            const int begin = c == 0 ? 0 : m_foundEnd[c - 1];
            scope.componentStates.insert(scope.componentStates.end(), m_found.begin() + begin,
                                         m_found.begin() + m_foundEnd[c]);
            scope.componentStart.push_back(static_cast<int>(scope.componentStates.size()));
            scope.cyclic.push_back(m_foundCyclic[c]);
        }
    }

private:
    std::vector<int> m_index, m_low, m_stack, m_found, m_foundEnd;
    std::vector<char> m_onStack, m_foundCyclic;
    std::vector<std::pair<int, int>> m_work; // local node, next position in succ
};

} // namespace

namespace {

// Scopes nested deeper than this are not walked (asl::WorkflowIndex's limit; the validator reports it).
constexpr int kMaxDepth = 64;

} // namespace

// Named, not anonymous: WorkflowGraph::Builder (below) has a member of this type, which in a unity build
// (EGRESS_UNITY_BUILD) is a -Wsubobject-linkage error for an anonymous namespace's type.
namespace graphbuild {

/** The members of a state object the cost model reads, found in one pass over its keys (JSON objects here
 * have unique keys: the reader keeps the last of a duplicate). */
struct StateFields
{
    const Json *type = nullptr;
    const Json *next = nullptr;
    const Json *choices = nullptr;
    const Json *defaultTarget = nullptr;
    const Json *catches = nullptr;
    const Json *retry = nullptr;
    const Json *resource = nullptr;
    const Json *seconds = nullptr;
    const Json *maxConcurrency = nullptr;
    const Json *itemProcessor = nullptr;
    const Json *iterator = nullptr;
    const Json *itemBatcher = nullptr;
    const Json *branches = nullptr;

    void read(const Json &state)
    {
        for (const auto &[key, value] : state.get_ref<const Json::object_t &>())
            if (const Json **field = slot(key))
                *field = &value;
    }

private:
    const Json **slot(std::string_view key)
    {
        switch (key.size()) {
        case 4:
            return key == "Type" ? &type : key == "Next" ? &next : nullptr;
        case 5:
            return key == "Catch" ? &catches : key == "Retry" ? &retry : nullptr;
        case 7:
            return key == "Choices"   ? &choices
                   : key == "Default" ? &defaultTarget
                   : key == "Seconds" ? &seconds
                                      : nullptr;
        case 8:
            return key == "Resource"   ? &resource
                   : key == "Iterator" ? &iterator
                   : key == "Branches" ? &branches
                                       : nullptr;
        case 11:
            return key == "ItemBatcher" ? &itemBatcher : nullptr;
        case 13:
            return key == "ItemProcessor" ? &itemProcessor : nullptr;
        case 14:
            return key == "MaxConcurrency" ? &maxConcurrency : nullptr;
        default:
            return nullptr;
        }
    }
};

} // namespace graphbuild

namespace {

double numberOr(const Json *value, double fallback)
{
    return value && value->is_number() ? value->get<double>() : fallback;
}

} // namespace

/**
 * The walk over the definition. States and scopes are numbered exactly as asl::WorkflowIndex::build numbers
 * them (depth first: a Parallel's or Map's scopes right after the state), and transitions resolve the same
 * way (to a state of the source's own scope), without its JSON pointers and edge texts.
 */
struct WorkflowGraph::Builder
{
    WorkflowGraph &g;
    std::vector<graphbuild::StateFields> fields; ///< per state, beside g.m_states
    std::vector<std::pair<int, int>>
        choiceRanges; ///< per state: its rules in g.m_choiceTargets (begin, count)

    void scope(const Json &scopeJson, int owner, int depth)
    {
        const int sc = static_cast<int>(g.m_scopes.size());
        g.m_scopes.emplace_back().ownerState = owner;
        g.m_startStates.push_back(-1);
        // A missing StartAt reads as "" (as in the index): a state named "" would then be the start.
        const auto start = scopeJson.find("StartAt");
        const std::string_view startAt = start != scopeJson.end() && start->is_string()
                                             ? std::string_view(start->get_ref<const std::string &>())
                                             : std::string_view();
        const auto statesIt = scopeJson.find("States");
        if (statesIt == scopeJson.end() || !statesIt->is_object() || depth > kMaxDepth)
            return;
        const auto &objects = statesIt->get_ref<const Json::object_t &>();
        std::vector<int> indexes;
        indexes.reserve(objects.size());
        for (const auto &[name, state] : objects) {
            const int s = static_cast<int>(g.m_states.size());
            GraphState &gs = g.m_states.emplace_back();
            gs.name = name;
            gs.scope = sc;
            g.addName(s);
            indexes.push_back(s);
            graphbuild::StateFields &f = fields.emplace_back();
            choiceRanges.emplace_back(0, 0);
            if (!state.is_object())
                continue;
            f.read(state);
            if (f.type && f.type->is_string())
                gs.type = asl::stateTypeFromString(f.type->get_ref<const std::string &>());
            // Children are numbered right after their owner (gs and f are not used past this point: the
            // walk below grows m_states and fields).
            if (gs.type == StateType::Parallel) {
                if (const Json *branches = f.branches; branches && branches->is_array())
                    for (const Json &branch : *branches)
                        if (branch.is_object())
                            scope(branch, s, depth + 1);
            } else if (gs.type == StateType::Map) {
                for (const Json *processor : {f.itemProcessor, f.iterator})
                    if (processor && processor->is_object()) {
                        scope(*processor, s, depth + 1);
                        break;
                    }
            }
        }
        g.m_scopes[static_cast<std::size_t>(sc)].states = std::move(indexes);
        const std::vector<int> &members = g.m_scopes[static_cast<std::size_t>(sc)].states; // no more growth

        // A transition names a state of its own scope (names are unique within one States object).
        auto resolve = [&](std::string_view target) {
            for (int t = g.firstNamed(target); t >= 0; t = g.m_sameName[static_cast<std::size_t>(t)])
                if (g.m_states[static_cast<std::size_t>(t)].scope == sc)
                    return t;
            return -1;
        };
        auto target = [&](const Json *value, int &out) {
            if (!value || !value->is_string())
                return false;
            out = resolve(value->get_ref<const std::string &>());
            return true;
        };
        g.m_startStates[static_cast<std::size_t>(sc)] = resolve(startAt);
        auto json = objects.begin();
        for (std::size_t i = 0; i < members.size(); ++i, ++json)
            if (json->second.is_object()) {
                const auto u = static_cast<std::size_t>(members[i]);
                state(u, fields[u], target);
            }
    }

    template <typename Target>
    void state(std::size_t index, const graphbuild::StateFields &f, const Target &target)
    {
        GraphState &gs = g.m_states[index];
        target(f.next, gs.next);
        if (f.choices && f.choices->is_array()) {
            // The rules up to the last one with a Next (every rule for a Choice), -1 where unresolved.
            const auto &rules = f.choices->get_ref<const Json::array_t &>();
            std::vector<int> &targets = g.m_choiceTargets;
            const std::size_t begin = targets.size();
            for (std::size_t r = 0; r < rules.size(); ++r) {
                if (!rules[r].is_object())
                    continue;
                const auto next = rules[r].find("Next");
                if (next == rules[r].end() || !next->is_string())
                    continue;
                if (targets.size() <= begin + r)
                    targets.resize(begin + r + 1, -1);
                target(&*next, targets[begin + r]);
            }
            if (gs.type == StateType::Choice)
                targets.resize(begin + rules.size(), -1);
            choiceRanges[index] = {static_cast<int>(begin), static_cast<int>(targets.size() - begin)};
        }
        gs.hasDefault = target(f.defaultTarget, gs.choiceDefault);
        if (gs.type == StateType::Task)
            gs.task = f.resource ? asl::classifyResource(*f.resource) : asl::TaskKind::Unknown;
        // Read once here, not on every reprice: Express cannot run these (see Pricer::stepFunctions).
        if (gs.type == StateType::Task && f.resource && f.resource->is_string()) {
            const std::string &resource = f.resource->get_ref<const std::string &>();
            gs.waitsForCallback =
                resource.size() > 5 && (resource.ends_with(".sync") || resource.ends_with(".sync:2") ||
                                        resource.ends_with(".waitForTaskToken"));
        }
        if (gs.type == StateType::Parallel || gs.type == StateType::Map)
            ++g.m_parallelAndMap;
        if (f.retry && f.retry->is_array()) {
            for (const Json &r : *f.retry) {
                if (!r.is_object())
                    continue;
                const RuleFields rule(r);
                if (!rule.matchesTaskFailure())
                    continue;
                gs.maxRetries = static_cast<int>(std::clamp(numberOr(rule.maxAttempts, 3), 0.0, 99999999.0));
                gs.retryIntervalSeconds = std::max(0.0, numberOr(rule.intervalSeconds, 1));
                gs.retryBackoffRate = std::max(1.0, numberOr(rule.backoffRate, 2));
                break;
            }
        }
        if (f.catches && f.catches->is_array()) {
            // The first catcher that matches a task failure; its Next (when it is a string) is the target.
            for (const Json &catcher : *f.catches) {
                if (!catcher.is_object())
                    continue;
                const RuleFields rule(catcher);
                if (!rule.matchesTaskFailure())
                    continue;
                target(rule.next, gs.catchTarget);
                break;
            }
        }
        if (gs.type == StateType::Wait)
            gs.waitSeconds = std::max(0.0, numberOr(f.seconds, 0));
        if (gs.type == StateType::Map) {
            gs.maxConcurrency = std::max(0.0, numberOr(f.maxConcurrency, 0));
            const Json *processor = nullptr;
            for (const Json *p : {f.itemProcessor, f.iterator})
                if (!processor && p && p->is_object())
                    processor = p;
            if (processor) {
                if (auto config = processor->find("ProcessorConfig");
                    config != processor->end() && config->is_object()) {
                    if (config->value("Mode", std::string()) == "DISTRIBUTED") {
                        gs.mapMode = MapMode::Distributed;
                        gs.childExpress =
                            config->value("ExecutionType", std::string("STANDARD")) == "EXPRESS";
                    }
                }
            }
            if (f.itemBatcher && f.itemBatcher->is_object())
                gs.itemsPerBatch = std::max(1.0, numberOr(*f.itemBatcher, "MaxItemsPerBatch", 1));
        }
    }
};

WorkflowGraph WorkflowGraph::build(const Json &definition)
{
    WorkflowGraph g;
    if (definition.is_object()) {
        Builder builder{g, {}, {}};
        builder.scope(definition, -1, 0);
        g.linkStates(builder.choiceRanges);
    }
    g.ownNames();
    const std::size_t n = g.m_states.size();
    g.m_localPositions.assign(n, -1);
    for (const ScopeGraph &scope : g.m_scopes)
        for (std::size_t p = 0; p < scope.states.size(); ++p)
            g.m_localPositions[static_cast<std::size_t>(scope.states[p])] = static_cast<int>(p);
    Components components;
    std::vector<int> succStart, succ; // successors of a scope's states, flat (see Components::split)
    for (ScopeGraph &scope : g.m_scopes) {
        succStart.assign(1, 0);
        succ.clear();
        for (int member : scope.states) {
            const GraphState &gs = g.m_states[static_cast<std::size_t>(member)];
            auto add = [&](int target) {
                if (target >= 0)
                    succ.push_back(target);
            };
            add(gs.next);
            for (int t : gs.choiceRules)
                add(t);
            add(gs.choiceDefault);
            add(gs.catchTarget);
            succStart.push_back(static_cast<int>(succ.size()));
        }
        components.split(scope, succStart, succ, g.m_localPositions);
    }
    return g;
}

void WorkflowGraph::ownNames()
{
    // While building, names point at the definition's keys; a graph outlives that definition (the cost
    // engine keeps it across reprices of copies of the project), so it keeps its own copy.
    std::size_t total = 0;
    for (const GraphState &state : m_states)
        total += state.name.size();
    std::vector<char> names(total);
    std::size_t at = 0;
    for (GraphState &state : m_states) {
        std::copy(state.name.begin(), state.name.end(), names.begin() + static_cast<std::ptrdiff_t>(at));
        state.name = std::string_view(names.data() + at, state.name.size());
        at += state.name.size();
    }
    m_names = std::move(names);
}

void WorkflowGraph::linkStates(const std::vector<std::pair<int, int>> &choiceRanges)
{
    // A state's child scopes are the scopes it owns, in scope order (its branches in order): counted, then
    // laid out state by state.
    std::vector<int> start(m_states.size() + 1, 0);
    for (const ScopeGraph &scope : m_scopes)
        if (scope.ownerState >= 0)
            ++start[static_cast<std::size_t>(scope.ownerState) + 1];
    for (std::size_t s = 0; s < m_states.size(); ++s)
        start[s + 1] += start[s];
    m_childScopeList.assign(static_cast<std::size_t>(start.back()), -1);
    std::vector<int> fill(start.begin(), start.end() - 1);
    for (std::size_t sc = 0; sc < m_scopes.size(); ++sc)
        if (const int owner = m_scopes[sc].ownerState; owner >= 0)
            m_childScopeList[static_cast<std::size_t>(fill[static_cast<std::size_t>(owner)]++)] =
                static_cast<int>(sc);
    for (std::size_t s = 0; s < m_states.size(); ++s) {
        GraphState &gs = m_states[s];
        gs.childScopes = {m_childScopeList.data() + start[s],
                          static_cast<std::size_t>(start[s + 1] - start[s])};
        const auto [begin, count] = choiceRanges[s];
        gs.choiceRules = {m_choiceTargets.data() + begin, static_cast<std::size_t>(count)};
    }
}

WorkflowGraph::WorkflowGraph(const WorkflowGraph &other)
    : m_states(other.m_states), m_scopes(other.m_scopes), m_startStates(other.m_startStates),
      m_localPositions(other.m_localPositions), m_childScopeList(other.m_childScopeList),
      m_choiceTargets(other.m_choiceTargets), m_nameSlots(other.m_nameSlots), m_sameName(other.m_sameName),
      m_nameCount(other.m_nameCount), m_parallelAndMap(other.m_parallelAndMap)
{
    ownNames();
    // The copied states point into other's lists: the same positions in this graph's copies.
    auto rebase = [](std::span<const int> view, const std::vector<int> &from, const std::vector<int> &to) {
        return view.empty() ? std::span<const int>()
                            : std::span<const int>(to.data() + (view.data() - from.data()), view.size());
    };
    for (GraphState &gs : m_states) {
        gs.childScopes = rebase(gs.childScopes, other.m_childScopeList, m_childScopeList);
        gs.choiceRules = rebase(gs.choiceRules, other.m_choiceTargets, m_choiceTargets);
    }
}

WorkflowGraph &WorkflowGraph::operator=(const WorkflowGraph &other)
{
    if (this != &other)
        *this = WorkflowGraph(other);
    return *this;
}

void WorkflowGraph::addName(int state)
{
    const std::string_view name = m_states[static_cast<std::size_t>(state)].name;
    m_sameName.push_back(-1);
    if (2 * (m_nameCount + 1) > m_nameSlots.size()) {
        // Grow to keep the table at most half full; every name is re-inserted (the first of each name).
        std::vector<int> old(std::max<std::size_t>(64, 4 * m_nameSlots.size()), -1);
        old.swap(m_nameSlots);
        for (int s : old)
            if (s >= 0)
                m_nameSlots[freeSlot(m_states[static_cast<std::size_t>(s)].name)] = s;
    }
    // One probe (one hash of the name): it ends at the first state of that name, or at the free slot the
    // name goes into.
    const std::size_t mask = m_nameSlots.size() - 1;
    std::size_t slot = std::hash<std::string_view>()(name) & mask;
    for (; m_nameSlots[slot] >= 0; slot = (slot + 1) & mask) {
        if (m_states[static_cast<std::size_t>(m_nameSlots[slot])].name != name)
            continue;
        int last = m_nameSlots[slot];
        while (m_sameName[static_cast<std::size_t>(last)] >= 0)
            last = m_sameName[static_cast<std::size_t>(last)];
        m_sameName[static_cast<std::size_t>(last)] = state;
        return;
    }
    m_nameSlots[slot] = state;
    ++m_nameCount;
}

std::size_t WorkflowGraph::freeSlot(std::string_view name) const
{
    const std::size_t mask = m_nameSlots.size() - 1;
    std::size_t slot = std::hash<std::string_view>()(name) & mask;
    while (m_nameSlots[slot] >= 0)
        slot = (slot + 1) & mask;
    return slot;
}

int WorkflowGraph::firstNamed(std::string_view name) const
{
    if (m_nameSlots.empty())
        return -1;
    const std::size_t mask = m_nameSlots.size() - 1;
    for (std::size_t slot = std::hash<std::string_view>()(name) & mask; m_nameSlots[slot] >= 0;
         slot = (slot + 1) & mask)
        if (m_states[static_cast<std::size_t>(m_nameSlots[slot])].name == name)
            return m_nameSlots[slot];
    return -1;
}

int WorkflowGraph::indexOf(std::string_view name) const
{
    return firstNamed(name);
}

std::vector<const design::StepDesign *> WorkflowGraph::stepDesigns(const design::Project &project) const
{
    // One hash lookup per design entry (a tree search per state compared strings a dozen times each).
    std::vector<const design::StepDesign *> out(m_states.size(), nullptr);
    for (const auto &[name, design] : project.steps)
        for (int s = firstNamed(name); s >= 0; s = m_sameName[static_cast<std::size_t>(s)])
            out[static_cast<std::size_t>(s)] = &design;
    return out;
}

double VisitAnalysis::transitions(int group) const
{
    double sum = 0;
    for (std::size_t s = 0; s < visits.size(); ++s)
        if (stateGroup[s] == group)
            sum += visits[s] * attempts[s];
    return sum;
}

namespace {

struct Outgoing
{
    int target;
    double probability;
};

/** Where an entry into a state goes next, with probabilities; what is missing to 1 ends the scope run. */
void outgoing(const GraphState &gs, const design::StepDesign *design, std::string_view name,
              VisitAnalysis &va, std::size_t s, std::vector<Outgoing> &out)
{
    out.clear();
    switch (gs.type) {
    case StateType::Succeed:
    case StateType::Fail:
        return;
    case StateType::Choice: {
        const std::size_t rules = gs.choiceRules.size();
        std::vector<double> w(rules + 1, 0.0);
        const design::ChoiceWeights *cw = design && design->choiceWeights ? &*design->choiceWeights : nullptr;
        if (cw && cw->rules.size() != rules) {
            va.warnings.push_back("state \"" + std::string(name) + "\": choiceWeights has " +
                                  std::to_string(cw->rules.size()) + " rule weights but the Choice has " +
                                  std::to_string(rules) + " rules; using uniform weights");
            cw = nullptr;
        }
        if (cw) {
            double sum = 0;
            for (std::size_t r = 0; r < rules; ++r)
                sum += w[r] = cw->rules[r];
            if (gs.hasDefault)
                w[rules] = cw->defaultWeight ? *cw->defaultWeight : std::max(0.0, 1.0 - sum);
            else if (cw->defaultWeight && *cw->defaultWeight > 0)
                va.warnings.push_back("state \"" + std::string(name) +
                                      "\": a default weight is set but the Choice has no Default;"
                                      " ignored");
            double total = sum + w[rules];
            if (total <= 0) {
                va.warnings.push_back("state \"" + std::string(name) +
                                      "\": all choice weights are 0; using uniform weights");
                cw = nullptr;
            } else if (std::abs(total - 1.0) > 1e-9) {
                char buffer[64];
                std::snprintf(buffer, sizeof buffer, "%.6g", total);
                va.warnings.push_back("state \"" + std::string(name) + "\": choice weights sum to " + buffer +
                                      ", not 1; normalised");
                for (double &x : w)
                    x /= total;
            }
        }
        if (!cw) {
            const double n = static_cast<double>(rules + (gs.hasDefault ? 1 : 0));
            for (std::size_t r = 0; r < rules; ++r)
                w[r] = 1.0 / n;
            w[rules] = gs.hasDefault ? 1.0 / n : 0.0;
        }
        for (std::size_t r = 0; r < rules; ++r)
            if (gs.choiceRules[r] >= 0 && w[r] > 0)
                out.push_back({gs.choiceRules[r], w[r]});
        if (gs.hasDefault && gs.choiceDefault >= 0 && w[rules] > 0)
            out.push_back({gs.choiceDefault, w[rules]});
        return;
    }
    default:
        break;
    }
    const double fail = va.finalFailure[s];
    if (gs.next >= 0 && fail < 1)
        out.push_back({gs.next, 1 - fail});
    if (gs.catchTarget >= 0 && fail > 0)
        out.push_back({gs.catchTarget, fail});
}

std::string loopNames(const WorkflowGraph &graph, std::span<const int> component)
{
    std::string names;
    for (int s : component)
        names.append(names.empty() ? "\"" : ", \"")
            .append(graph.states()[static_cast<std::size_t>(s)].name) += '"';
    return names;
}

/** Solves A x = b in place (dense, partial pivoting). False when A is singular. */
bool solveDense(std::vector<double> &a, std::vector<double> &b, std::size_t n)
{
    for (std::size_t col = 0; col < n; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < n; ++r)
            if (std::abs(a[r * n + col]) > std::abs(a[pivot * n + col]))
                pivot = r;
        if (std::abs(a[pivot * n + col]) < 1e-13)
            return false;
        if (pivot != col) {
            for (std::size_t c = 0; c < n; ++c)
                std::swap(a[col * n + c], a[pivot * n + c]);
            std::swap(b[col], b[pivot]);
        }
        for (std::size_t r = col + 1; r < n; ++r) {
            const double f = a[r * n + col] / a[col * n + col];
            if (f == 0)
                continue;
            for (std::size_t c = col; c < n; ++c)
                a[r * n + c] -= f * a[col * n + c];
            b[r] -= f * b[col];
        }
    }
    for (std::size_t i = n; i-- > 0;) {
        double v = b[i];
        for (std::size_t c = i + 1; c < n; ++c)
            v -= a[i * n + c] * b[c];
        b[i] = v / a[i * n + i];
    }
    return true;
}

} // namespace

VisitAnalysis analyzeVisits(const WorkflowGraph &graph, const design::Project &project)
{
    return analyzeVisits(graph, graph.stepDesigns(project));
}

VisitAnalysis analyzeVisits(const WorkflowGraph &graph,
                            const std::vector<const design::StepDesign *> &designs)
{
    const std::size_t n = graph.states().size();
    VisitAnalysis va;
    va.localVisits.assign(n, 0);
    va.visits.assign(n, 0);
    va.attempts.assign(n, 1);
    va.retryWaitSeconds.assign(n, 0);
    va.finalFailure.assign(n, 0);
    va.mapItems.assign(n, 0);
    va.stateGroup.assign(n, 0);

    for (std::size_t s = 0; s < n; ++s) {
        const GraphState &gs = graph.states()[s];
        const bool canFail =
            gs.type == StateType::Task || gs.type == StateType::Parallel || gs.type == StateType::Map;
        const double f = canFail && designs[s] ? std::clamp(designs[s]->failureRate, 0.0, 1.0) : 0.0;
        // Attempts: 1 + f + f² + … + f^m (attempt k+1 happens when the first k failed); final failure
        // f^(m+1).
        double attempts = 1, power = 1, wait = 0, delay = gs.retryIntervalSeconds;
        for (int k = 1; k <= gs.maxRetries && power > 1e-17; ++k) {
            power *= f;
            attempts += power;
            wait += power * delay;
            delay *= gs.retryBackoffRate;
            if (k >= 1000000) { // f = 1 with a huge MaxAttempts: the rest in closed form
                attempts += (gs.maxRetries - k) * power;
                break;
            }
        }
        va.attempts[s] = attempts;
        va.retryWaitSeconds[s] = wait;
        va.finalFailure[s] = f > 0 ? std::pow(f, gs.maxRetries + 1) : 0.0;
        if (gs.type == StateType::Map)
            va.mapItems[s] =
                designs[s] && designs[s]->mapItems ? *designs[s]->mapItems : design::kDefaultMapItems;
    }

    const auto &scopes = graph.scopes();
    va.scopeRuns.assign(scopes.size(), 0);
    va.scopeGroup.assign(scopes.size(), 0);
    va.groups.push_back(ExecutionGroup{});
    std::vector<Outgoing> out;
    std::vector<double> inflow;
    std::vector<double> matrix, rhs;
    for (std::size_t sc = 0; sc < scopes.size(); ++sc) {
        // Scopes are indexed parent first, so the owner's visits are known here.
        const int owner = scopes[sc].ownerState;
        if (owner < 0) {
            va.scopeRuns[sc] = 1;
        } else {
            const auto o = static_cast<std::size_t>(owner);
            const GraphState &og = graph.states()[o];
            double runs = va.visits[o] * va.attempts[o];
            if (og.type == StateType::Map)
                runs *= va.mapItems[o] / og.itemsPerBatch;
            va.scopeRuns[sc] = runs;
            const int parentGroup = va.scopeGroup[static_cast<std::size_t>(og.scope)];
            if (og.type == StateType::Map && og.mapMode == MapMode::Distributed) {
                va.scopeGroup[sc] = static_cast<int>(va.groups.size());
                va.groups.push_back(ExecutionGroup{owner, static_cast<int>(sc), og.childExpress, runs});
            } else {
                va.scopeGroup[sc] = parentGroup;
            }
        }
        const std::vector<int> &members = scopes[sc].states;
        inflow.assign(members.size(), 0);
        const int start = graph.startState(static_cast<int>(sc));
        if (start >= 0)
            inflow[static_cast<std::size_t>(graph.localPosition(start))] = 1;
        const ScopeGraph &sg = graph.scopes()[sc];
        for (std::size_t c = 0; c < sg.componentCount(); ++c) {
            const std::span<const int> comp = sg.component(c);
            auto local = [&](int s) { return static_cast<std::size_t>(graph.localPosition(s)); };
            if (!sg.cyclic[c]) {
                const int s = comp.front();
                const double v = inflow[local(s)];
                va.localVisits[static_cast<std::size_t>(s)] = v;
                if (v == 0)
                    continue;
                outgoing(graph.states()[static_cast<std::size_t>(s)], designs[static_cast<std::size_t>(s)],
                         graph.states()[static_cast<std::size_t>(s)].name, va, static_cast<std::size_t>(s),
                         out);
                for (const Outgoing &o : out)
                    inflow[local(o.target)] += v * o.probability;
                continue;
            }
            // A loop: structural way out first (independent of the numbers), then solve (I − Pᵀ) v = inflow.
            const std::size_t k = comp.size();
            auto inComp = [&](int s) { return std::binary_search(comp.begin(), comp.end(), s); };
            bool structuralExit = false;
            for (int s : comp) {
                const GraphState &gs = graph.states()[static_cast<std::size_t>(s)];
                if (gs.type == StateType::Succeed || gs.type == StateType::Fail)
                    structuralExit = true;
                else if (gs.type == StateType::Choice)
                    structuralExit = structuralExit ||
                                     (gs.hasDefault && gs.choiceDefault >= 0 && !inComp(gs.choiceDefault));
                else if (gs.next < 0)
                    structuralExit = true; // End
                else if (!inComp(gs.next))
                    structuralExit = true;
                for (int t : gs.choiceRules)
                    structuralExit = structuralExit || (t >= 0 && !inComp(t));
                if (gs.catchTarget >= 0 && !inComp(gs.catchTarget))
                    structuralExit = true;
            }
            if (!structuralExit) {
                va.errors.push_back("a loop with no way out: " + loopNames(graph, comp));
                continue;
            }
            double compInflow = 0;
            for (int s : comp)
                compInflow += inflow[local(s)];
            if (compInflow == 0)
                continue;
            matrix.assign(k * k, 0);
            rhs.assign(k, 0);
            std::vector<std::vector<Outgoing>> outs(k);
            double exitMass = 0;
            for (std::size_t i = 0; i < k; ++i) {
                const auto s = static_cast<std::size_t>(comp[i]);
                matrix[i * k + i] += 1;
                rhs[i] = inflow[local(comp[i])];
                outgoing(graph.states()[s], designs[s], graph.states()[s].name, va, s, outs[i]);
                double inside = 0;
                for (const Outgoing &o : outs[i]) {
                    if (!inComp(o.target))
                        continue;
                    const auto j = static_cast<std::size_t>(
                        std::lower_bound(comp.begin(), comp.end(), o.target) - comp.begin());
                    matrix[j * k + i] -= o.probability;
                    inside += o.probability;
                }
                exitMass = std::max(exitMass, 1 - inside);
            }
            if (exitMass < 1e-12 || !solveDense(matrix, rhs, k)) {
                va.errors.push_back(
                    "a loop that never ends with these weights and failure rates (its ways out "
                    "have probability 0): " +
                    loopNames(graph, comp));
                continue;
            }
            for (std::size_t i = 0; i < k; ++i) {
                const double v = std::max(0.0, rhs[i]);
                va.localVisits[static_cast<std::size_t>(comp[i])] = v;
                for (const Outgoing &o : outs[i])
                    if (!inComp(o.target))
                        inflow[local(o.target)] += v * o.probability;
            }
        }
        for (int s : members) {
            const auto u = static_cast<std::size_t>(s);
            va.visits[u] = va.localVisits[u] * va.scopeRuns[sc];
            va.stateGroup[u] = va.scopeGroup[sc];
        }
    }
    return va;
}

} // namespace egress::cost

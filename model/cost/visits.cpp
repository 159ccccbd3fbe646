#include "cost/visits.h"

#include <algorithm>
#include <cmath>

namespace egress::cost {

using asl::Json;
using asl::StateType;

namespace {

/** A retrier or catcher applies to a task failure when it lists States.ALL, States.TaskFailed or an error of
 * the code itself (any name outside the States.* family, e.g. Lambda.ServiceException or a custom error). */
bool matchesTaskFailure(const Json &rule)
{
    const auto errors = rule.find("ErrorEquals");
    if (errors == rule.end() || !errors->is_array())
        return false;
    for (const Json &e : *errors) {
        if (!e.is_string())
            continue;
        const std::string &name = e.get_ref<const std::string &>();
        if (name == "States.ALL" || name == "States.TaskFailed" || name.rfind("States.", 0) != 0)
            return true;
    }
    return false;
}

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

/** Iterative Tarjan: components come out in reverse topological order. */
ScopeGraph components(const std::vector<int> &scopeStates, const std::vector<std::vector<int>> &successors,
                      const std::vector<int> &localPos)
{
    const int n = static_cast<int>(scopeStates.size());
    std::vector<int> index(static_cast<std::size_t>(n), -1), low(static_cast<std::size_t>(n), 0);
    std::vector<char> onStack(static_cast<std::size_t>(n), 0);
    std::vector<int> stack;
    std::vector<std::pair<int, std::size_t>> work; // local node, next successor position
    ScopeGraph out;
    int counter = 0;
    auto u = [](int v) { return static_cast<std::size_t>(v); };
    for (int root = 0; root < n; ++root) {
        if (index[u(root)] >= 0)
            continue;
        work.push_back({root, 0});
        while (!work.empty()) {
            auto &[v, pos] = work.back();
            if (pos == 0 && index[u(v)] < 0) {
                index[u(v)] = low[u(v)] = counter++;
                stack.push_back(v);
                onStack[u(v)] = 1;
            }
            const std::vector<int> &succ = successors[u(v)];
            if (pos < succ.size()) {
                const int w = localPos[u(succ[pos++])];
                if (index[u(w)] < 0)
                    work.push_back({w, 0});
                else if (onStack[u(w)])
                    low[u(v)] = std::min(low[u(v)], index[u(w)]);
                continue;
            }
            const int done = v;
            work.pop_back();
            if (!work.empty())
                low[u(work.back().first)] = std::min(low[u(work.back().first)], low[u(done)]);
            if (low[u(done)] == index[u(done)]) {
                std::vector<int> component;
                int w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[u(w)] = 0;
                    component.push_back(scopeStates[u(w)]);
                } while (w != done);
                bool cyclic = component.size() > 1;
                if (!cyclic)
                    for (int s : successors[u(done)])
                        cyclic = cyclic || localPos[u(s)] == done;
                std::sort(component.begin(), component.end());
                out.components.push_back(std::move(component));
                out.cyclic.push_back(cyclic ? 1 : 0);
            }
        }
    }
    std::reverse(out.components.begin(), out.components.end());
    std::reverse(out.cyclic.begin(), out.cyclic.end());
    return out;
}

} // namespace

WorkflowGraph WorkflowGraph::build(const Json &definition)
{
    WorkflowGraph g;
    g.m_index = asl::WorkflowIndex::build(definition);
    const auto &states = g.m_index.states();
    g.m_states.resize(states.size());
    g.m_localPositions.assign(states.size(), -1);
    std::vector<std::vector<const asl::Edge *>> catchEdges(states.size());
    for (const asl::Edge &edge : g.m_index.edges()) {
        GraphState &gs = g.m_states[static_cast<std::size_t>(edge.from)];
        switch (edge.kind) {
        case asl::EdgeKind::Next:
            gs.next = edge.to;
            break;
        case asl::EdgeKind::ChoiceRule:
            if (gs.choiceRules.size() <= static_cast<std::size_t>(edge.index))
                gs.choiceRules.resize(static_cast<std::size_t>(edge.index) + 1, -1);
            gs.choiceRules[static_cast<std::size_t>(edge.index)] = edge.to;
            break;
        case asl::EdgeKind::ChoiceDefault:
            gs.choiceDefault = edge.to;
            gs.hasDefault = true;
            break;
        case asl::EdgeKind::Catch:
            catchEdges[static_cast<std::size_t>(edge.from)].push_back(
                &edge); // the matching one is chosen below
            break;
        }
    }
    // State objects by index: one pointer resolution per scope, then its States in order (the index lists a
    // scope's states in the order of its States object).
    std::vector<const Json *> stateObjects(states.size(), nullptr);
    for (const asl::ScopeEntry &scope : g.m_index.scopes()) {
        const Json *scopeJson = asl::resolvePointer(definition, scope.pointer);
        if (!scopeJson || !scopeJson->is_object())
            continue;
        const auto it = scopeJson->find("States");
        if (it == scopeJson->end() || !it->is_object())
            continue;
        std::size_t p = 0;
        for (const auto &[name, value] : it->items()) {
            if (p < scope.states.size() && states[static_cast<std::size_t>(scope.states[p])].name == name)
                stateObjects[static_cast<std::size_t>(scope.states[p])] = &value;
            ++p;
        }
    }
    for (std::size_t i = 0; i < states.size(); ++i) {
        GraphState &gs = g.m_states[i];
        gs.type = states[i].type;
        const Json *json = stateObjects[i];
        if (!json || !json->is_object())
            continue;
        gs.task = asl::classifyTask(*json);
        // Read once here, not on every reprice: Express cannot run these (see Pricer::stepFunctions).
        if (const auto r = json->find("Resource");
            gs.type == StateType::Task && r != json->end() && r->is_string()) {
            const std::string &resource = r->get_ref<const std::string &>();
            gs.waitsForCallback =
                resource.size() > 5 && (resource.ends_with(".sync") || resource.ends_with(".sync:2") ||
                                        resource.ends_with(".waitForTaskToken"));
        }
        if (gs.type == StateType::Parallel || gs.type == StateType::Map)
            ++g.m_parallelAndMap;
        if (gs.type == StateType::Choice) {
            if (auto c = json->find("Choices"); c != json->end() && c->is_array())
                gs.choiceRules.resize(c->size(), -1);
        }
        if (auto retry = json->find("Retry"); retry != json->end() && retry->is_array()) {
            for (const Json &r : *retry) {
                if (!r.is_object() || !matchesTaskFailure(r))
                    continue;
                gs.maxRetries = static_cast<int>(std::clamp(numberOr(r, "MaxAttempts", 3), 0.0, 99999999.0));
                gs.retryIntervalSeconds = std::max(0.0, numberOr(r, "IntervalSeconds", 1));
                gs.retryBackoffRate = std::max(1.0, numberOr(r, "BackoffRate", 2));
                break;
            }
        }
        if (auto catches = json->find("Catch"); catches != json->end() && catches->is_array()) {
            for (std::size_t c = 0; c < catches->size(); ++c) {
                if (!(*catches)[c].is_object() || !matchesTaskFailure((*catches)[c]))
                    continue;
                for (const asl::Edge *edge : catchEdges[i])
                    if (edge->index == static_cast<int>(c))
                        gs.catchTarget = edge->to;
                break;
            }
        }
        if (gs.type == StateType::Wait)
            gs.waitSeconds = std::max(0.0, numberOr(*json, "Seconds", 0));
        if (gs.type == StateType::Map) {
            gs.maxConcurrency = std::max(0.0, numberOr(*json, "MaxConcurrency", 0));
            const Json *processor = nullptr;
            for (const char *key : {"ItemProcessor", "Iterator"})
                if (auto p = json->find(key); !processor && p != json->end() && p->is_object())
                    processor = &*p;
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
            if (auto batcher = json->find("ItemBatcher"); batcher != json->end() && batcher->is_object())
                gs.itemsPerBatch = std::max(1.0, numberOr(*batcher, "MaxItemsPerBatch", 1));
        }
    }
    const auto &scopes = g.m_index.scopes();
    g.m_scopes.resize(scopes.size());
    g.m_startStates.assign(scopes.size(), -1);
    for (std::size_t sc = 0; sc < scopes.size(); ++sc) {
        const std::vector<int> &members = scopes[sc].states;
        for (std::size_t p = 0; p < members.size(); ++p) {
            g.m_localPositions[static_cast<std::size_t>(members[p])] = static_cast<int>(p);
            if (states[static_cast<std::size_t>(members[p])].name == scopes[sc].startAt &&
                g.m_startStates[sc] < 0)
                g.m_startStates[sc] = members[p];
        }
        std::vector<std::vector<int>> successors(members.size());
        for (std::size_t p = 0; p < members.size(); ++p) {
            const GraphState &gs = g.m_states[static_cast<std::size_t>(members[p])];
            auto add = [&](int target) {
                if (target >= 0)
                    successors[p].push_back(target);
            };
            add(gs.next);
            for (int t : gs.choiceRules)
                add(t);
            add(gs.choiceDefault);
            add(gs.catchTarget);
        }
        g.m_scopes[sc] = components(members, successors, g.m_localPositions);
    }
    return g;
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
void outgoing(const GraphState &gs, const design::StepDesign *design, const std::string &name,
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
            va.warnings.push_back("state \"" + name + "\": choiceWeights has " +
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
                va.warnings.push_back("state \"" + name +
                                      "\": a default weight is set but the Choice has no Default;"
                                      " ignored");
            double total = sum + w[rules];
            if (total <= 0) {
                va.warnings.push_back("state \"" + name +
                                      "\": all choice weights are 0; using uniform weights");
                cw = nullptr;
            } else if (std::abs(total - 1.0) > 1e-9) {
                char buffer[64];
                std::snprintf(buffer, sizeof buffer, "%.6g", total);
                va.warnings.push_back("state \"" + name + "\": choice weights sum to " + buffer +
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

std::string loopNames(const asl::WorkflowIndex &index, const std::vector<int> &component)
{
    std::string names;
    for (int s : component)
        names += (names.empty() ? "\"" : ", \"") + index.states()[static_cast<std::size_t>(s)].name + "\"";
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
    const auto &index = graph.index();
    const std::size_t n = graph.states().size();
    VisitAnalysis va;
    va.localVisits.assign(n, 0);
    va.visits.assign(n, 0);
    va.attempts.assign(n, 1);
    va.retryWaitSeconds.assign(n, 0);
    va.finalFailure.assign(n, 0);
    va.mapItems.assign(n, 0);
    va.stateGroup.assign(n, 0);

    std::vector<const design::StepDesign *> designs(n, nullptr);
    for (std::size_t s = 0; s < n; ++s) {
        const auto it = project.steps.find(index.states()[s].name);
        designs[s] = it == project.steps.end() ? nullptr : &it->second;
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

    const auto &scopes = index.scopes();
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
            const int parentGroup = va.scopeGroup[static_cast<std::size_t>(index.states()[o].scope)];
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
        for (std::size_t c = 0; c < sg.components.size(); ++c) {
            const std::vector<int> &comp = sg.components[c];
            auto local = [&](int s) { return static_cast<std::size_t>(graph.localPosition(s)); };
            if (!sg.cyclic[c]) {
                const int s = comp.front();
                const double v = inflow[local(s)];
                va.localVisits[static_cast<std::size_t>(s)] = v;
                if (v == 0)
                    continue;
                outgoing(graph.states()[static_cast<std::size_t>(s)], designs[static_cast<std::size_t>(s)],
                         index.states()[static_cast<std::size_t>(s)].name, va, static_cast<std::size_t>(s),
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
                va.errors.push_back("a loop with no way out: " + loopNames(index, comp));
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
                outgoing(graph.states()[s], designs[s], index.states()[s].name, va, s, outs[i]);
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
                    loopNames(index, comp));
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

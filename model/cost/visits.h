#pragma once

#include "asl/json.h"
#include "asl/workflow.h"
#include "design/project.h"

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace egress::cost {

/** How a Map runs its items: inline (in the parent execution) or as child executions (DISTRIBUTED). */
enum class MapMode { Inline, Distributed };

/**
 * The structure of one state as far as costs go, read from the definition only: its name and scope, where it
 * can go next, its matching Retry and Catch, and Map/Wait parameters. States are numbered as
 * asl::WorkflowIndex numbers them (depth first, a Parallel's or Map's states right after it), so the two
 * indexes agree.
 */
struct GraphState
{
    std::string_view name; ///< into the graph's own name buffer (one allocation for every name)
    int scope = 0;         ///< index into WorkflowGraph::scopes()
    /** Parallel branches, or the Map's processor. This and choiceRules point into lists the graph owns (a
     * vector in each of 1,000 states was a tenth of a recompute: allocating, moving and freeing them). */
    std::span<const int> childScopes;
    asl::StateType type = asl::StateType::Unknown;
    asl::TaskKind task = asl::TaskKind::NotATask;
    bool waitsForCallback = false; ///< Task Resource ends in .sync, .sync:2 or .waitForTaskToken (no Express)
    int next = -1;                 ///< Next target, -1 when End or unresolved
    std::span<const int> choiceRules; ///< Choice rule targets in rule order (-1 when unresolved)
    int choiceDefault = -1;           ///< Default target
    bool hasDefault = false;
    int maxRetries = 0; ///< MaxAttempts of the retrier that matches a task failure (0: no retry)
    double retryIntervalSeconds = 1;
    double retryBackoffRate = 2;
    int catchTarget = -1;   ///< Next of the catcher that matches a task failure, -1: uncaught
    double waitSeconds = 0; ///< Wait with a literal Seconds
    MapMode mapMode = MapMode::Inline;
    bool childExpress = true;  ///< DISTRIBUTED map: ProcessorConfig.ExecutionType EXPRESS (else STANDARD)
    double maxConcurrency = 0; ///< 0 = unlimited
    double itemsPerBatch = 1;  ///< ItemBatcher.MaxItemsPerBatch
};

/**
 * A set of states with its own StartAt (the top level, one Parallel branch or one Map processor), its states
 * split into strongly connected components in an order where edges only go forward. Scopes are numbered
 * parent first, as asl::WorkflowIndex numbers them.
 */
struct ScopeGraph
{
    int ownerState = -1;     ///< the Parallel or Map state, -1 at the top level
    std::vector<int> states; ///< in the order of the scope's States object
    /** Component c is componentStates[componentStart[c] .. componentStart[c + 1]): state indexes, sorted
     * (one flat list rather than a vector per component: most components are a single state). */
    std::vector<int> componentStates;
    std::vector<int> componentStart;
    std::vector<char> cyclic; ///< per component: it has a cycle

    std::size_t componentCount() const { return cyclic.size(); }
    std::span<const int> component(std::size_t c) const
    {
        const auto begin = static_cast<std::size_t>(componentStart[c]);
        return {componentStates.data() + begin, static_cast<std::size_t>(componentStart[c + 1]) - begin};
    }
};

/**
 * Everything about the workflow that depends on the definition alone: built once per definition change,
 * reused while the user drags steps or edits weights (see docs/cost-model.md, "Performance").
 *
 * Built in one walk over the definition, without asl::WorkflowIndex: the index's JSON pointers and edge texts
 * (a string per state and per transition) were two thirds of a cost recompute from scratch.
 */
class WorkflowGraph
{
public:
    static WorkflowGraph build(const asl::Json &definition);

    WorkflowGraph() = default;
    WorkflowGraph(WorkflowGraph &&) noexcept = default;
    WorkflowGraph &operator=(WorkflowGraph &&) noexcept = default;
    /** A copy points its states' names into its own buffer. */
    WorkflowGraph(const WorkflowGraph &other);
    WorkflowGraph &operator=(const WorkflowGraph &other);

    const std::vector<GraphState> &states() const { return m_states; }
    const std::vector<ScopeGraph> &scopes() const { return m_scopes; }
    /** Number of Parallel and Map states (Express memory estimate). */
    int parallelAndMapCount() const { return m_parallelAndMap; }
    /** The state a scope starts at, -1 when StartAt names no state of the scope. */
    int startState(int scope) const { return m_startStates[static_cast<std::size_t>(scope)]; }
    /** Position of a state within its scope's state list. */
    int localPosition(int state) const { return m_localPositions[static_cast<std::size_t>(state)]; }
    /** First state of that name anywhere in the machine, or -1. */
    int indexOf(std::string_view name) const;
    /** The project's design of every state (nullptr where the project has none), by state index. */
    std::vector<const design::StepDesign *> stepDesigns(const design::Project &project) const;

private:
    struct Builder; // the walk over the definition (visits.cpp)
    std::vector<GraphState> m_states;
    std::vector<ScopeGraph> m_scopes;
    std::vector<int> m_startStates;
    std::vector<int> m_localPositions;
    std::vector<char>
        m_names;     ///< every state's name, back to back (a vector: moving it keeps the views valid)
    void ownNames(); ///< copies the names the states point at into m_names and points them there
    // The states' childScopes and choiceRules, back to back (pointed at by linkStates()).
    std::vector<int> m_childScopeList;
    std::vector<int> m_choiceTargets;
    /** Points every state's childScopes and choiceRules into the lists, from `ranges` (per state: where its
     * choice rules start in m_choiceTargets and how many) and the scopes' owners. */
    void linkStates(const std::vector<std::pair<int, int>> &choiceRanges);
    // States by name: an open-addressing table of the first state of each name (-1: free slot), and per
    // state the next one of the same name (names repeat only across scopes, in invalid definitions).
    std::vector<int> m_nameSlots;
    std::vector<int> m_sameName;
    std::size_t m_nameCount = 0;
    void addName(int state);
    std::size_t freeSlot(std::string_view name) const;
    int firstNamed(std::string_view name) const;
    int m_parallelAndMap = 0;
};

/** A set of executions billed together: the main execution, or a DISTRIBUTED Map's child executions. */
struct ExecutionGroup
{
    int ownerState = -1;  ///< the DISTRIBUTED Map, -1 for the main execution
    int topScope = 0;     ///< the scope that runs as one execution of this group
    bool express = false; ///< child executions of type EXPRESS (the main group's type is the strategy's)
    double executionsPerExecution = 1; ///< per main execution
};

/**
 * Expected visits per state for one execution of the workflow, from the absorbing Markov chain of each scope
 * (docs/cost-model.md). visits = entries into the state; attempts = tries per entry (retries included); every
 * attempt is a state transition.
 */
struct VisitAnalysis
{
    std::vector<double> localVisits;      ///< per state, per run of its scope
    std::vector<double> visits;           ///< per state, per main execution (scope multipliers applied)
    std::vector<double> attempts;         ///< per entry
    std::vector<double> retryWaitSeconds; ///< expected retry back-off per entry
    std::vector<double> finalFailure;     ///< probability that an entry fails after all retries
    std::vector<double> mapItems;         ///< per Map entry
    std::vector<double> scopeRuns;        ///< per scope, runs per main execution
    std::vector<int> scopeGroup;          ///< per scope, index into groups
    std::vector<int> stateGroup;          ///< per state, index into groups
    std::vector<ExecutionGroup> groups;
    std::vector<std::string> warnings; ///< e.g. weights normalised
    std::vector<std::string> errors;   ///< e.g. a loop with no way out; the numbers are unusable when set

    /** Σ visits × attempts over the states billed in `group`. */
    double transitions(int group) const;
};

/** Length of value.dump() without building the string. */
std::size_t minifiedSize(const asl::Json &value);

/** Solves the visits with the probabilities of the project's step design (choiceWeights, failureRate,
 * mapItems). */
VisitAnalysis analyzeVisits(const WorkflowGraph &graph, const design::Project &project);
/** The same with the project's designs by state index already looked up (graph.stepDesigns(project)). */
VisitAnalysis analyzeVisits(const WorkflowGraph &graph,
                            const std::vector<const design::StepDesign *> &designs);

} // namespace egress::cost

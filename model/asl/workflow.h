#pragma once

#include "asl/json.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace egress::asl {

enum class StateType { Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map, Unknown };

StateType stateTypeFromString(std::string_view type);
const char *toString(StateType type);

/** What a Task state calls, read from its Resource. Decides what can live in a VPC and how it is priced. */
enum class TaskKind {
    NotATask,
    Lambda, ///< arn:aws:states:::lambda:invoke*, a Lambda function ARN, or a whole ${Placeholder} / intrinsic
            ///< whose name says Lambda function (namesLambdaFunction): runs code, can be placed in a VPC.
    Http,   ///< arn:aws:states:::http:invoke — the Step Functions HTTP Task.
    AwsService,  ///< any other arn:aws:states::: integration (SNS, DynamoDB, aws-sdk:*, ...).
    Activity,    ///< arn:aws:states:...:activity:* — a worker polls for it.
    Placeholder, ///< the whole Resource is ${Name} or a CloudFormation intrinsic: unknown until deployed.
    Unknown,     ///< anything else (statelint's "foo:bar").
};

TaskKind classifyTask(const Json &state);
/** The same from a Task's Resource member, for a caller that has already found it. */
TaskKind classifyResource(const Json &resource);
/** True when a placeholder or logical id names a Lambda function: it contains "function" or "lambda" (any
 * case), as in ${HelloFunctionArn} or {"Fn::GetAtt": ["ProcessLambda", "Arn"]}. */
bool namesLambdaFunction(std::string_view name);
const char *toString(TaskKind kind);

enum class EdgeKind { Next, ChoiceRule, ChoiceDefault, Catch };

/** A transition between two states of one scope. */
struct Edge
{
    int from = -1;      ///< index into WorkflowIndex::states()
    std::string target; ///< the name as written; may name no state (the validator reports it)
    int to = -1;        ///< index of the target in the same scope, -1 when it does not resolve there
    EdgeKind kind = EdgeKind::Next;
    int index = 0;       ///< the Choice rule or Catcher index
    std::string pointer; ///< the JSON pointer of the field that names the target
};

/** A state found anywhere in the definition, nested branches and item processors included. */
struct StateEntry
{
    std::string name;
    StateType type = StateType::Unknown;
    std::string pointer;              ///< JSON pointer of the state object
    std::vector<std::uint32_t> hints; ///< member positions along `pointer` (resolvePointer's hints)
    int scope = 0;                    ///< index into WorkflowIndex::scopes()
    std::vector<int> childScopes;     ///< Parallel branches, or the Map's processor
};

/** A set of states with its own StartAt: the top level, one Parallel branch or one Map processor. */
struct ScopeEntry
{
    std::string pointer;              ///< JSON pointer of the object holding StartAt and States
    std::vector<std::uint32_t> hints; ///< member positions along `pointer`
    int ownerState = -1;              ///< the Parallel or Map state, -1 at the top level
    int branch = -1;                  ///< branch index for Parallel, -1 otherwise
    std::string startAt;
    std::vector<int> states;
};

/**
 * A read-only index over an ASL definition: every state with its scope and JSON pointer, and every
 * transition. The definition itself stays a Json value, so unknown fields survive edits; this index
 * is rebuilt after each change (cheap: one walk).
 */
class WorkflowIndex
{
public:
    static WorkflowIndex build(const Json &definition);

    const std::vector<StateEntry> &states() const { return m_states; }
    const std::vector<ScopeEntry> &scopes() const { return m_scopes; }
    const std::vector<Edge> &edges() const { return m_edges; }

    /** First state of that name anywhere in the machine, or -1. */
    int indexOf(std::string_view name) const;
    const StateEntry *find(std::string_view name) const;
    /** Names used by more than one state (ASL requires them unique across the whole machine). */
    const std::vector<std::string> &duplicateNames() const { return m_duplicates; }
    /** Edges leaving a state. */
    std::vector<const Edge *> edgesFrom(int state) const;

private:
    void indexScope(const Json &definition, const Json &scopeJson, const std::string &pointer, int owner,
                    int branch, int depth, const std::vector<std::uint32_t> &hints);
    void indexEdges(const Json &state, int stateIndex);

    std::vector<StateEntry> m_states;
    std::vector<ScopeEntry> m_scopes;
    std::vector<Edge> m_edges;
    std::unordered_map<std::string, int> m_byName;
    std::vector<std::string> m_duplicates;
};

/** The object of a state within the definition, or nullptr. */
const Json *stateJson(const Json &definition, const StateEntry &state);

/** True when a string is a whole ${Name} placeholder. */
bool isWholePlaceholder(std::string_view s);
/** True for a CloudFormation intrinsic object such as {"Ref": ...} or {"Fn::GetAtt": ...}. */
bool isIntrinsic(const Json &value);

} // namespace egress::asl

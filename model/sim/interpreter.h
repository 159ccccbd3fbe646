#pragma once

#include "sim/jsonata.h"
#include "sim/mocks.h"

#include <cstdint>
#include <string>
#include <vector>

namespace egress::sim {

/** One state entered during a run: the console's execution event list, one row per state. */
struct TraceEntry
{
    std::string state;
    std::string type;
    std::string path; ///< where it ran: "" at the top level, "Fan out[branch 1]", "Each order[item 3]",
                      ///< nested with "/"
    Json input;
    Json output;      ///< null when the state failed and nothing caught it
    int attempts = 1; ///< the first try and every retry
    std::string error;
    std::string cause;
    std::int64_t enteredMs = 0; ///< on the simulated clock, from the start of the run
    std::int64_t exitedMs = 0;
};

struct RunOptions
{
    Json input = Json::object();
    RunMocks mocks;
    bool echoUnmocked = false; ///< an unmocked Task returns its input instead of failing the run
    std::size_t maxTransitions = 25000;
    std::uint64_t seed = 0;
    JsonataEvaluator *jsonata = nullptr; ///< needed by JSONata states; without it they fail the run
    std::string stateMachineName = "StateMachine";
    std::string executionName = "simulated-run";
    /** The simulated clock's start (the context object's times): 2026-01-01T00:00:00Z by default. */
    std::int64_t startEpochMs = 1767225600000LL;
};

struct RunResult
{
    std::string status; ///< SUCCEEDED, FAILED or TIMED_OUT
    Json output;        ///< null unless SUCCEEDED
    std::string error;
    std::string cause;
    std::vector<TraceEntry> trace;
    std::size_t transitions = 0;
    std::int64_t durationMs = 0;
    std::size_t retries = 0; ///< retries in this execution: with `transitions`, the billed state transitions
    int lambdaInvocations = 0; ///< Task invocations of Lambda functions, retries included (for cost)
    int taskInvocations = 0;   ///< every Task invocation, retries included
};

/**
 * Runs an ASL definition offline (docs/simulator.md): JSONPath and JSONata states, Parallel and Map (inline
 * and distributed), Retry and Catch, Wait and timeouts on a simulated clock (nothing sleeps), Tasks answered
 * by mocks. Never throws: every problem ends the run FAILED with a States.* error and a cause that names the
 * state and the field.
 */
RunResult runStateMachine(const Json &definition, const RunOptions &options);

/**
 * Whether a run may need a JSONata evaluator: the definition names "JSONata" anywhere (a QueryLanguage).
 * Loading the evaluator costs ~65 ms, so callers load it only then.
 */
bool mayUseJsonata(const Json &definition);

/** The run as the `--format json` contract of `egress-cli run`. */
Json toJson(const RunResult &result);

} // namespace egress::sim

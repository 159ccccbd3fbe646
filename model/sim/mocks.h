#pragma once

#include "asl/json.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace egress::sim {

using Json = asl::Json;

/** One answer of a mocked response: what the Task returns, or the error it throws. */
struct MockAnswer
{
    bool isThrow = false;
    Json value;        ///< Return
    std::string error; ///< Throw.Error
    std::string cause; ///< Throw.Cause
    /** Egress Studio's extension: how long the call takes on the simulated clock (for TimeoutSeconds,
     * HeartbeatSeconds and Express duration); 0 when absent. */
    double durationSeconds = 0;
};

/** A named entry of MockedResponses: answers by attempt ranges "0", "1-2", ... */
struct MockedResponse
{
    struct Range
    {
        int from = 0, to = 0;
        MockAnswer answer;
    };
    std::vector<Range> ranges; ///< sorted by `from`
    /** The answer for a 0-based invocation number; past the last range, the last answer repeats. */
    const MockAnswer *answerFor(int invocation) const;
};

/** What the file says a test case should end with (Egress Studio's "ExpectedResults" section). */
struct Expectation
{
    std::optional<std::string> status; ///< SUCCEEDED, FAILED or TIMED_OUT
    std::optional<Json> output;
    std::optional<std::string> error;
    std::optional<Json> input; ///< the execution input for this test case (else the run's --input)
};

/** One test case: state name → the MockedResponse that answers it. */
struct TestCase
{
    std::string name;
    std::map<std::string, std::string> responses;
    std::optional<Expectation> expected;
};

/**
 * An AWS Step Functions Local mock configuration file (docs/simulator.md): StateMachines → NAME → TestCases
 * → CASE → {state: response}, and MockedResponses → response → {"0": {"Return": ...}, "1-2": {"Throw":
 * {"Error", "Cause"}}}. Plus an optional "ExpectedResults" → NAME → CASE → {Status, Output, Error}.
 */
class MockConfig
{
public:
    /** Reads a parsed mock file; on a problem returns nothing and sets `error` to "POINTER: message". */
    static std::optional<MockConfig> fromJson(const Json &document, std::string &error);

    std::vector<std::string> stateMachines() const;
    /** Test cases of a state machine in file order; nothing when the machine is not in the file. */
    const std::vector<TestCase> *testCases(const std::string &stateMachine) const;
    const TestCase *testCase(const std::string &stateMachine, const std::string &name) const;
    const MockedResponse *response(const std::string &name) const;

private:
    std::map<std::string, std::vector<TestCase>> m_machines;
    std::vector<std::string> m_machineOrder;
    std::map<std::string, MockedResponse> m_responses;
};

/** The responses one run uses: a test case resolved against its file. */
struct RunMocks
{
    const MockConfig *config = nullptr;
    const TestCase *testCase = nullptr;
    /** The response for a state, or nullptr when the test case does not mock it. */
    const MockedResponse *forState(const std::string &state) const;
};

} // namespace egress::sim

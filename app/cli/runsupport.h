#pragma once

// What `run` and `cost --from-runs` share: reading the file, the input and the mock file, and running
// one test case against its expected result.
#include "clisupport.h"
#include "sim/interpreter.h"
#include "sim/mocks.h"

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

namespace egress::cli {

struct RunSetupRequest
{
    std::string file;
    std::string input = "{}"; ///< JSON text or @FILE
    std::string mocks;        ///< may be empty
    std::string stateMachine; ///< the name in the mock file (and a template's logical id)
    bool needsTestCase = true;
};

struct RunSetup
{
    LoadedInput input;
    asl::Json executionInput;
    std::optional<sim::MockConfig> mockConfig;
    std::string machineName; ///< the mock file's state machine
    std::unique_ptr<sim::JsonataEvaluator> jsonata;

    sim::RunOptions runOptions(std::uint64_t seed, bool echoUnmocked) const;
};

/** Loads everything a run needs; prints located problems to `err` and returns nothing (exit 2) on any. */
std::optional<RunSetup> prepareRun(const RunSetupRequest &request, std::ostream &err);

struct TestCaseOutcome
{
    std::string name;
    sim::RunResult result;
    bool passed = false;
    std::string why; ///< what differed from the expectation
};

/**
 * Runs one test case: its input is the ExpectedResults entry's "Input" when there is one, else the run's.
 * It passes when it ends as expected (Status, Output, Error); without expectations, when it SUCCEEDED.
 */
TestCaseOutcome runTestCase(const RunSetup &setup, const sim::TestCase &testCase, std::uint64_t seed,
                            bool echoUnmocked);

/** The state machine's name for the mock file: the request's, the project's, or the file name up to its first
 * dot. */
std::string mockMachineName(const RunSetupRequest &request, const LoadedInput &input);

} // namespace egress::cli

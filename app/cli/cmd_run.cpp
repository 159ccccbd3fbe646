// egress-cli run FILE --input JSON|@FILE [--mocks FILE --test-case NAME | --all-test-cases] — run the
// workflow offline on the simulator (docs/simulator.md).
#include "asl/reader.h"
#include "clisupport.h"
#include "runsupport.h"
#include "sim/interpreter.h"
#include "subcommands.h"

#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace egress::cli {
namespace {

struct RunCliOptions
{
    std::string file;
    std::string input = "{}";
    std::string mocks;
    std::string testCase;
    std::string stateMachine;
    std::string format = "text";
    bool echoUnmocked = false;
    bool allTestCases = false;
    std::uint64_t seed = 0;
};

std::string seconds(std::int64_t ms)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << double(ms) / 1000.0 << " s";
    return out.str();
}

/** Like the console's execution event list: one line per state entered, then the result. */
void printText(const sim::RunResult &run, std::ostream &out)
{
    for (const auto &t : run.trace) {
        out << "[+" << seconds(t.enteredMs) << "] " << (t.path.empty() ? "" : t.path + "/") << t.state << " ("
            << t.type << ")";
        if (t.attempts > 1)
            out << ", " << t.attempts << " attempts";
        if (!t.error.empty())
            out << ": " << t.error << (t.cause.empty() ? "" : " — " + t.cause)
                << (t.output.is_null() ? "" : " (caught)");
        out << '\n';
    }
    out << "Status: " << run.status << " after " << run.transitions << " transitions, "
        << seconds(run.durationMs) << " simulated\n";
    if (run.status == "SUCCEEDED")
        out << "Output: " << run.output.dump() << '\n';
    else
        out << "Error: " << run.error << (run.cause.empty() ? "" : "\nCause: " + run.cause) << '\n';
}

int runOne(const RunCliOptions &options, const RunSetup &setup, const sim::TestCase *testCase)
{
    sim::RunOptions run = setup.runOptions(options.seed, options.echoUnmocked);
    run.mocks.testCase = testCase;
    const sim::RunResult result = sim::runStateMachine(setup.input.project.definition, run);
    if (options.format == "json")
        std::cout << sim::toJson(result).dump(2) << '\n';
    else
        printText(result, std::cout);
    return result.status == "SUCCEEDED" ? kOk : kProblems;
}

int runAll(const RunCliOptions &options, const RunSetup &setup)
{
    const auto *cases = setup.mockConfig->testCases(setup.machineName);
    std::vector<TestCaseOutcome> outcomes;
    for (const auto &testCase : *cases)
        outcomes.push_back(runTestCase(setup, testCase, options.seed, options.echoUnmocked));
    int failed = 0;
    for (const auto &o : outcomes)
        failed += o.passed ? 0 : 1;
    if (options.format == "json") {
        asl::Json list = asl::Json::array();
        for (const auto &o : outcomes)
            list.push_back(
                {{"testCase", o.name}, {"passed", o.passed}, {"why", o.why}, {"run", sim::toJson(o.result)}});
        std::cout
            << asl::Json{{"stateMachine", setup.machineName}, {"testCases", list}, {"failed", failed}}.dump(2)
            << '\n';
    } else {
        std::size_t width = 9;
        for (const auto &o : outcomes)
            width = std::max(width, o.name.size());
        std::cout << std::left << std::setw(int(width) + 2) << "Test case" << std::setw(11) << "Status"
                  << "Result\n";
        for (const auto &o : outcomes)
            std::cout << std::left << std::setw(int(width) + 2) << o.name << std::setw(11) << o.result.status
                      << (o.passed ? "pass" : "FAIL: " + o.why) << '\n';
        std::cout << outcomes.size() - std::size_t(failed) << " of " << outcomes.size()
                  << " test cases passed\n";
    }
    return failed ? kProblems : kOk;
}

int runRun(const RunCliOptions &options)
{
    RunSetupRequest request;
    request.file = options.file;
    request.input = options.input;
    request.mocks = options.mocks;
    request.stateMachine = options.stateMachine;
    request.needsTestCase = !options.allTestCases;
    auto setup = prepareRun(request, std::cerr);
    if (!setup)
        return kUsage;
    if (options.allTestCases)
        return runAll(options, *setup);
    const sim::TestCase *testCase = nullptr;
    if (setup->mockConfig) {
        testCase = setup->mockConfig->testCase(setup->machineName, options.testCase);
        if (!testCase) {
            std::cerr << options.mocks << ": /StateMachines/" << asl::escapePointerToken(setup->machineName)
                      << "/TestCases: no test case \"" << options.testCase << "\"\n";
            return kUsage;
        }
    }
    return runOne(options, *setup, testCase);
}

const bool runRegistered = registerCommand(
    {45, [](CLI::App &app, int &exitCode) {
         auto options = std::make_shared<RunCliOptions>();
         CLI::App *cmd = app.add_subcommand(
             "run",
             "Run the workflow offline with sample input, Tasks answered by a Step Functions Local mock "
             "file");
         cmd->add_option("FILE", options->file,
                         "A project (*.egress.json), an ASL definition or a SAM / CloudFormation template")
             ->required();
         cmd->add_option("--input", options->input, "The execution input: JSON text, or @FILE (default: {})");
         auto *mocks =
             cmd->add_option("--mocks", options->mocks,
                             "A Step Functions Local mock configuration file (MockConfigFile.json)");
         auto *testCase = cmd->add_option("--test-case", options->testCase, "The test case of the mock file");
         auto *all = cmd->add_flag("--all-test-cases", options->allTestCases,
                                   "Run every test case of the mock file and print a pass/fail table");
         testCase->needs(mocks);
         all->needs(mocks);
         all->excludes(testCase);
         cmd->add_option("--state-machine", options->stateMachine,
                         "The state machine's name in the mock file (default: the project's name, else the "
                         "file's name up to its first dot); in a template also its logical id");
         cmd->add_option("--format", options->format, "text (default) or json")
             ->check(CLI::IsMember({"text", "json"}));
         cmd->add_flag("--echo-unmocked", options->echoUnmocked,
                       "A Task the test case does not mock returns its input instead of failing the run");
         cmd->add_option("--seed", options->seed,
                         "Seed of States.MathRandom, States.UUID and retry jitter (default 0: runs repeat)");
         cmd->callback([options, &exitCode] {
             if (!options->mocks.empty() && options->testCase.empty() && !options->allTestCases) {
                 std::cerr << "run: --mocks needs --test-case NAME or --all-test-cases\n";
                 exitCode = kUsage;
                 return;
             }
             exitCode = runRun(*options);
         });
     }});

} // namespace
} // namespace egress::cli

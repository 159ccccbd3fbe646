#include "runsupport.h"

#include "asl/reader.h"

#include <filesystem>
#include <ostream>

#ifdef EGRESS_CLI_HAS_JSONATA
#include "jsonata/qjsjsonata.h"
#endif

namespace egress::cli {

std::string mockMachineName(const RunSetupRequest &request, const LoadedInput &input)
{
    if (!request.stateMachine.empty())
        return request.stateMachine;
    if (input.wasProject)
        return input.project.name;
    const std::string file = std::filesystem::path(request.file).filename().string();
    return file.substr(0, file.find('.'));
}

sim::RunOptions RunSetup::runOptions(std::uint64_t seed, bool echoUnmocked) const
{
    sim::RunOptions options;
    options.input = executionInput;
    options.seed = seed;
    options.echoUnmocked = echoUnmocked;
    options.stateMachineName = machineName.empty() ? "StateMachine" : machineName;
    options.jsonata = jsonata.get();
    options.mocks.config = mockConfig ? &*mockConfig : nullptr;
    return options;
}

std::optional<RunSetup> prepareRun(const RunSetupRequest &request, std::ostream &err)
{
    RunSetup setup;
    auto loaded = loadProjectOrDefinition(request.file, err, {request.stateMachine, {}});
    if (!loaded)
        return std::nullopt;
    setup.input = std::move(*loaded);

    // --input: JSON text or @FILE; a parse error names the file (or --input) with line and column.
    std::string text = request.input;
    std::string source = "--input";
    if (text.starts_with("@")) {
        source = text.substr(1);
        if (auto problem = asl::readWholeFile(source, text)) {
            err << *problem << '\n';
            return std::nullopt;
        }
    }
    asl::ReadResult parsed = asl::parseJson(text, source);
    if (!parsed) {
        err << parsed.error->toString() << '\n';
        return std::nullopt;
    }
    setup.executionInput = std::move(*parsed.value);

    setup.machineName = mockMachineName(request, setup.input);
    if (!request.mocks.empty()) {
        asl::ReadResult mocks = asl::readFile(request.mocks);
        if (!mocks) {
            err << mocks.error->toString() << '\n';
            return std::nullopt;
        }
        std::string problem;
        setup.mockConfig = sim::MockConfig::fromJson(*mocks.value, problem);
        if (!setup.mockConfig) {
            err << request.mocks << ": " << problem << '\n';
            return std::nullopt;
        }
        if (!setup.mockConfig->testCases(setup.machineName)) {
            err << request.mocks << ": /StateMachines: no state machine \"" << setup.machineName
                << "\" (name it with --state-machine";
            const auto names = setup.mockConfig->stateMachines();
            if (!names.empty()) {
                err << "; the file has";
                for (const auto &n : names)
                    err << " \"" << n << "\"";
            }
            err << ")\n";
            return std::nullopt;
        }
    }
#ifdef EGRESS_CLI_HAS_JSONATA
    if (sim::mayUseJsonata(setup.input.project.definition))
        setup.jsonata = jsonata::makeEvaluator();
#endif
    return setup;
}

TestCaseOutcome runTestCase(const RunSetup &setup, const sim::TestCase &testCase, std::uint64_t seed,
                            bool echoUnmocked)
{
    TestCaseOutcome outcome;
    outcome.name = testCase.name;
    sim::RunOptions options = setup.runOptions(seed, echoUnmocked);
    options.mocks.testCase = &testCase;
    if (testCase.expected && testCase.expected->input)
        options.input = *testCase.expected->input;
    outcome.result = sim::runStateMachine(setup.input.project.definition, options);
    const auto &r = outcome.result;
    if (!testCase.expected) {
        outcome.passed = r.status == "SUCCEEDED";
        if (!outcome.passed)
            outcome.why = r.error + (r.cause.empty() ? "" : ": " + r.cause);
        return outcome;
    }
    const sim::Expectation &e = *testCase.expected;
    if (e.status && *e.status != r.status)
        outcome.why = "status " + r.status + ", expected " + *e.status;
    else if (!e.status && !e.error && r.status != "SUCCEEDED")
        outcome.why = "status " + r.status + " (" + r.error + "), expected SUCCEEDED";
    else if (e.error && *e.error != r.error)
        outcome.why = "error \"" + r.error + "\", expected \"" + *e.error + "\"";
    else if (e.output && *e.output != r.output)
        outcome.why = "output " + r.output.dump() + ", expected " + e.output->dump();
    outcome.passed = outcome.why.empty();
    return outcome;
}

} // namespace egress::cli

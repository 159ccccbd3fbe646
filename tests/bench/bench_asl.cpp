// ASL read, validate and export on generated workflows (100, 1,000 states, 1 MB), our fixtures (tests/data)
// and the whole shared corpus when there is one (EGRESS_CORPUS_DIR, as in the test suites);
// npm asl-validator timed on the same 1 MB file in the same run.
#include "asl/reader.h"
#include "asl/validator.h"
#include "asl/workflow.h"
#include "asl/writer.h"
#include "benchsupport.h"
#include "cfn/templatebuilder.h"
#include "cfn/templatewriter.h"
#include "generator.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

namespace asl = egress::asl;
namespace bench = egress::bench;
namespace fs = std::filesystem;

namespace {

/** The shared corpus, as tests/support/corpus.h finds it: EGRESS_CORPUS_DIR in the environment wins (empty:
 * none), else the folder configured at build time; nothing when the folder does not exist. */
std::optional<fs::path> corpusDir()
{
    const char *env = std::getenv("EGRESS_CORPUS_DIR");
    const fs::path dir = env ? fs::path(env) : fs::path(EGRESS_CORPUS_DIR);
    if (dir.empty() || !fs::is_directory(dir))
        return std::nullopt;
    return dir;
}

fs::path writeGenerated(const fs::path &dir, const std::string &name, const asl::GeneratorOptions &options)
{
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << asl::writeJson(asl::generateWorkflow(options));
    return path;
}

/** Read + parse + validate + index, as `egress-cli validate` does; aborts on an unexpected failure. */
void readAndValidate(const fs::path &path)
{
    const asl::ReadResult read = asl::readFile(path.string());
    if (!read.value) {
        std::cerr << read.error->toString() << "\n";
        std::exit(1);
    }
    const auto diagnostics = asl::validateDefinition(*read.value, path.string());
    const auto index = asl::WorkflowIndex::build(*read.value);
    if (asl::hasErrors(diagnostics) || index.states().empty()) {
        std::cerr << path << ": the generated definition does not validate\n";
        std::exit(1);
    }
}

/** Runs a shell command, returns its first output line, or nothing when it fails. */
std::optional<std::string> capture(const std::string &command)
{
    FILE *pipe = popen(command.c_str(), "r");
    if (!pipe)
        return std::nullopt;
    char buffer[256] = {};
    const bool got = std::fgets(buffer, sizeof buffer, pipe) != nullptr;
    if (pclose(pipe) != 0 || !got)
        return std::nullopt;
    return std::string(buffer);
}

double commandMs(const std::string &command)
{
    return bench::medianMs(3, [&] {
        if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
            std::cerr << "failed: " << command << "\n";
            std::exit(1);
        }
    });
}

} // namespace

int main()
{
    const fs::path dir = fs::temp_directory_path() / ("egress-bench-asl-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path small = writeGenerated(dir, "generated-100.asl.json", {.states = 100, .seed = 1});
    const fs::path large = writeGenerated(dir, "generated-1000.asl.json", {.states = 1000, .seed = 1});
    const fs::path mega =
        writeGenerated(dir, "generated-1mb.asl.json", {.seed = 1, .targetBytes = 1'000'000});
    const auto megaStates = asl::WorkflowIndex::build(*asl::readFile(mega.string()).value).states().size();
    std::cerr << "1 MB definition: " << fs::file_size(mega) << " bytes, " << megaStates << " states\n";

    bench::report("read+validate, 100 states", bench::medianMs(50, [&] { readAndValidate(small); }), "ms");
    bench::report("read+validate, 1,000 states", bench::medianMs(20, [&] { readAndValidate(large); }), "ms");
    const double oursMega = bench::medianMs(10, [&] { readAndValidate(mega); });
    bench::report("read+validate, 1 MB (" + std::to_string(megaStates) + " states)", oursMega, "ms");

    // npm asl-validator on the same file, in-process (node start-up excluded) and as a command.
    const std::string source = EGRESS_SOURCE_DIR;
    const std::string script = source + "/tests/bench/asl-validator-time.js";
    const std::string npmBin = source + "/tests/conformance/node_modules/.bin/asl-validator";
    if (const auto npmMs = capture("node '" + script + "' '" + mega.string() + "' 5 2>&1")) {
        const double theirs = std::atof(npmMs->c_str());
        bench::report("npm asl-validator in-process, 1 MB", theirs, "ms");
        bench::reportAtLeast("validate speed-up vs npm (in-process), 1 MB", theirs / oursMega, "x", 10);
        const double cliOurs =
            commandMs("'" EGRESS_BINARY_DIR "/app/cli/egress-cli' validate '" + mega.string() + "'");
        const double cliTheirs = commandMs("'" + npmBin + "' --silent --json-path '" + mega.string() + "'");
        bench::report("egress-cli validate, 1 MB (process)", cliOurs, "ms");
        bench::report("npm asl-validator CLI, 1 MB (process)", cliTheirs, "ms");
        bench::reportAtLeast("validate speed-up vs npm (command line), 1 MB", cliTheirs / cliOurs, "x", 10);
    } else {
        std::cerr
            << "npm asl-validator not available (run npm ci in tests/conformance): comparison skipped\n";
    }

    // Export: the definition as JSON and YAML text (what export-asl writes).
    const asl::Json definition1000 = *asl::readFile(large.string()).value;
    const double exportJson = bench::medianMs(20, [&] { (void)asl::writeJson(definition1000); });
    const double exportYaml = bench::medianMs(20, [&] { (void)asl::writeYaml(definition1000); });
    bench::reportAtMost("ASL export JSON, 1,000 states", exportJson, "ms", 50);
    bench::reportAtMost("ASL export YAML, 1,000 states", exportYaml, "ms", 50);

    // CloudFormation export of a generated 1,000-state project (the designed variant: a function per
    // Lambda step, the state machine, roles): building the template, and writing it as YAML and JSON.
    const egress::design::Project project1000 = asl::generateProject({.states = 1000, .seed = 1});
    egress::cfn::ExportResult built;
    const double cfnBuild = bench::medianMs(10, [&] { built = egress::cfn::buildTemplate(project1000, {}); });
    const double cfnYaml =
        bench::medianMs(10, [&] { (void)egress::cfn::writeTemplateYaml(built.templateJson); });
    const double cfnJson =
        bench::medianMs(10, [&] { (void)egress::cfn::writeTemplateJson(built.templateJson); });
    bench::report("CloudFormation template build, 1,000 states", cfnBuild, "ms");
    bench::reportAtMost("CloudFormation export YAML (build + write), 1,000 states", cfnBuild + cfnYaml, "ms",
                        50);
    bench::reportAtMost("CloudFormation export JSON (build + write), 1,000 states", cfnBuild + cfnJson, "ms",
                        50);

    // Our fixtures, and the whole corpus when there is one: every definition read and validated once.
    const auto timeFolders = [&](const std::string &label, const fs::path &root) {
        std::vector<fs::path> files;
        for (const char *sub : {"asl", "asl-yaml", "asl-embedded", "asl-invalid"}) {
            const fs::path d = root / sub;
            if (fs::is_directory(d))
                for (const auto &entry : fs::directory_iterator(d))
                    if (entry.is_regular_file() && entry.path().extension() != ".md" &&
                        entry.path().filename().string().rfind("REASONS", 0) != 0)
                        files.push_back(entry.path());
        }
        const double ms = bench::medianMs(3, [&] {
            for (const fs::path &path : files)
                if (const auto read = asl::readFile(path.string()); read.value)
                    (void)asl::validateDefinition(*read.value, path.string());
        });
        bench::report("read+validate " + label + " (" + std::to_string(files.size()) + " files)", ms, "ms");
    };
    timeFolders("tests/data fixtures", fs::path(EGRESS_TEST_DATA));
    if (const std::optional<fs::path> corpus = corpusDir())
        timeFolders("whole corpus", *corpus);
    else
        bench::skipped("read+validate whole corpus", "(no corpus)");

    fs::remove_all(dir);
    return 0;
}

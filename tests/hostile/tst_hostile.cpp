// Hostile input (issue #18): every reader refuses what would crash or hang what comes after it, with a
// located message; writers stay proportional to their input; prices stay finite. Inputs that are reader
// inputs are also kept as fuzz regressions (tests/fuzz/regressions/), which tst_fuzz_replay_* replays.
// No test here times itself: a hang is caught by the CTest timeout, and speed is the benchmarks' business
// (the sanitizer pass runs these several times slower on a shared machine).
#include "asl/reader.h"
#include "asl/validator.h"
#include "asl/writer.h"
#include "cfn/templatebuilder.h"
#include "clirun.h"
#include "cost/costengine.h"
#include "cost/offerimport.h"
#include "cost/pricebounds.h"
#include "cost/pricetable.h"
#include "design/projectio.h"
#include "design/resourcepaths.h"
#include "design/safewrite.h"
#include "layout/layout.h"
#include "report/pictures.h"
#include "report/report.h"
#include "template/templatereader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace egress;
using asl::Json;

namespace {

std::string repeat(const std::string &s, std::size_t n)
{
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

/** A Pass state whose Result is `depth` nested arrays: the document nests depth + 4 levels. */
std::string deepResult(std::size_t depth)
{
    return "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"Result\":" +
           repeat("[", depth) + repeat("]", depth) + "}}}";
}

/** `levels` Parallel states, each the only branch of the one around it. */
Json nestedParallel(int levels)
{
    Json scope = {{"StartAt", "X"}, {"States", {{"X", {{"Type", "Succeed"}}}}}};
    for (int i = 0; i < levels; ++i)
        scope = {
            {"StartAt", "P"},
            {"States", {{"P", {{"Type", "Parallel"}, {"Branches", Json::array({scope})}, {"End", true}}}}}};
    return scope;
}

void writeFile(const std::string &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::string readFileText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string bundledTableText()
{
    return readFileText((design::resourceDirectory() / "pricing" / "us-east-1.json").string());
}

design::Project exampleProject()
{
    auto load =
        design::loadProject((design::resourceDirectory() / "examples" / "partner-api.egress.json").string());
    if (!load.project)
        qFatal("the bundled example project does not load");
    return *load.project;
}

bool mentions(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

/** QCOMPARE for JSON values, with both in the message. */
#define JSON_EQUAL(actual, expected)                                                                         \
    QVERIFY2((actual) == (expected), (Json(actual).dump() + " != " + Json(expected).dump()).c_str())

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT

private slots:
    // ---- 1. YAML aliases -------------------------------------------------------------------------------

    void yamlAliasCycleIsALocatedError_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("line");
        QTest::newRow("map refers to itself")
            << "StartAt: A\nStates:\n  A: &x {Type: Pass, Result: *x, End: true}\n"
            << 3;
        QTest::newRow("sequence holds itself")
            << "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: &s [1, *s]\n"
               "    End: true\n"
            << 5;
        QTest::newRow("under a CloudFormation tag")
            << "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Parameters: &p !Sub\n"
               "      a: *p\n    End: true\n"
            << 5;
    }
    void yamlAliasCycleIsALocatedError()
    {
        QFETCH(QString, yaml);
        QFETCH(int, line);
        const asl::ReadResult read = asl::parseYaml(yaml.toStdString(), "cycle.asl.yaml");
        QVERIFY(!read);
        QVERIFY2(mentions(read.error->message, "refers to the node itself"), read.error->toString().c_str());
        QCOMPARE(read.error->line, line);
    }

    void yamlAliasBombIsRefused()
    {
        std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (int i = 1; i <= 8; ++i) {
            const std::string prev = "*a" + std::to_string(i - 1);
            yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + repeat(prev + ", ", 9) +
                    prev + "]\n";
        }
        const asl::ReadResult read = asl::parseYaml(yaml, "bomb.yaml");
        QVERIFY(!read);
        QVERIFY2(mentions(read.error->message, "through its aliases"), read.error->toString().c_str());
    }

    void yamlDuplicateKeysAreReported()
    {
        const asl::ReadResult read = asl::parseYaml(
            "StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n  A: {Type: Succeed}\n", "dup.yaml");
        QVERIFY(read);
        QVERIFY(read.duplicateKeys == std::vector<std::string>{"/States/A"});
        const auto problems = asl::validateRead(read, "dup.yaml");
        QVERIFY(asl::hasErrors(problems));
        QVERIFY(mentions(problems.front().message, "occurs more than once"));
    }

    // ---- 2. one depth limit, enforced first by every reader ----------------------------------------------

    void jsonDepthLimitIsExactAndLocated()
    {
        const std::size_t fits = asl::kMaxNestingDepth - 3; // the root, States and A hold Result's arrays
        QVERIFY(asl::parseJson(deepResult(fits), "ok.json"));
        const asl::ReadResult deep = asl::parseJson("\n" + deepResult(fits + 1), "deep.json");
        QVERIFY(!deep);
        QCOMPARE(deep.error->line, 2);
        QCOMPARE(deep.error->column,
                 int(std::string("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":"
                                 "true,\"Result\":")
                         .size() +
                     fits + 1));
        QVERIFY2(mentions(deep.error->message, asl::nestingTooDeepMessage()), deep.error->toString().c_str());
        // Braces inside strings and ${placeholders} do not count.
        QVERIFY(asl::parseJson("{\"a\":\"" + repeat("[{", 1000) + "\",\"b\":${X}}", "strings.json"));
    }

    void everyReaderEnforcesTheDepthLimit()
    {
        const std::string tooDeep = repeat("[", 30000) + repeat("]", 30000);
        const std::string limit = asl::nestingTooDeepMessage();
        const auto json = asl::parseJson(deepResult(30000), "d.json");
        QVERIFY(!json && mentions(json.error->message, limit));
        const auto yaml = asl::parseYaml("a: " + repeat("[", 1000) + repeat("]", 1000), "d.yaml");
        QVERIFY(!yaml);
        const auto yamlBlock = asl::parseYaml(repeat("- ", 200) + "x\n", "d.yaml");
        QVERIFY2(!yamlBlock && mentions(yamlBlock.error->message, limit), "block sequences nest too");
        const auto project = design::parseProject(
            "{\"format\":\"egress-studio-project\",\"version\":1,\"x\":" + tooDeep + "}", "d.egress.json");
        QVERIFY(!project.project);
        QVERIFY(mentions(project.problems.front().message, limit));
        const auto templ = tmpl::parseTemplate("{\"Resources\":" + tooDeep + "}", "d.template.json", false);
        QVERIFY(!templ.value);
        QVERIFY(mentions(templ.problems.front().message, limit));
        const auto prices = cost::parsePriceTable("{\"x\":" + tooDeep + "}", "d.prices.json", "");
        QVERIFY(!prices.table);
        QVERIFY2(mentions(prices.error, limit), prices.error.c_str());

        QTemporaryDir dir;
        const std::string offer = dir.filePath("offer.json").toStdString();
        writeFile(offer, "{\"products\":{\"SKU\":" + tooDeep + "}}");
        cost::OfferImport imported;
        cost::importOfferFile(offer, "us-east-1", imported);
        QVERIFY2(mentions(imported.error, limit), imported.error.c_str());
    }

    void writersStayShallowAndProportionalAtTheLimit()
    {
        // As deep as a reader lets a definition be: nested Parallel states (4 levels each).
        const int levels = static_cast<int>(asl::kMaxNestingDepth / 4) - 2;
        design::Project project = design::projectFromDefinition(nestedParallel(levels), "deep", {});
        const std::string compact = project.definition.dump();
        QVERIFY(asl::parseJson(compact, "deep.json"));
        layout::autoLayout(project);
        const std::string json = asl::writeJson(project.definition);
        const std::string yaml = asl::writeYaml(project.definition);
        QVERIFY(asl::parseYaml(yaml, "deep.yaml"));
        const std::string saved = design::serializeProject(project);
        QVERIFY(design::parseProject(saved, "deep.egress.json").project);
        const auto exported = cfn::buildTemplate(project, {});
        const std::string templ = exported.templateJson.dump(2);
        // Pretty-printed output is indented at most 2 spaces a level: a bounded factor of the input.
        const double factor = 2.0 * static_cast<double>(asl::kMaxNestingDepth);
        QVERIFY(static_cast<double>(json.size()) < factor * static_cast<double>(compact.size()));
        QVERIFY(static_cast<double>(yaml.size()) < factor * static_cast<double>(compact.size()));
        QVERIFY(static_cast<double>(templ.size()) < 4 * factor * static_cast<double>(compact.size()));
    }

    void cliRefusesDeepAndCyclicInputsWithExit2()
    {
        QTemporaryDir dir;
        const QString cycle = dir.filePath("cycle.asl.yaml");
        writeFile(cycle.toStdString(), "StartAt: A\nStates:\n  A: &x {Type: Pass, Result: *x, End: true}\n");
        const QString deep = dir.filePath("deep.asl.json");
        writeFile(deep.toStdString(), deepResult(30000));
        for (const QString &input : {cycle, deep}) {
            const QString out = dir.filePath("out.egress.json");
            const auto validate = test::runCli({"validate", input});
            QVERIFY2(validate.exitCode == 1 || validate.exitCode == 2, qPrintable(test::describe(validate)));
            QVERIFY2(validate.err.contains("nested more than") || validate.out.contains("nested more than") ||
                         validate.err.contains("refers to the node itself") ||
                         validate.out.contains("refers to the node itself"),
                     qPrintable(test::describe(validate)));
            const auto import = test::runCli({"import", input, "-o", out});
            QCOMPARE(import.exitCode, 2);
            QVERIFY(!QFile::exists(out));
        }
    }

    // ---- 4. prices: finite and sane at load, the chart always ends ----------------------------------------

    void absurdPricesAreRefusedWhereTheyAre()
    {
        std::string text = bundledTableText();
        const std::string usd = "\"usd\": 0.045";
        QVERIFY(mentions(text, usd));
        std::string huge = text;
        huge.replace(huge.find(usd), usd.size(), "\"usd\": 1e308");
        auto load = cost::parsePriceTable(huge, "huge.json", "");
        QVERIFY(!load.table);
        QVERIFY2(mentions(load.error, "/prices/nat-gateway-hour/usd: the price is $1e+308 a unit"),
                 load.error.c_str());
        std::string tiny = text;
        tiny.replace(tiny.find(usd), usd.size(), usd + ", \"per\": 1e-300");
        load = cost::parsePriceTable(tiny, "tiny.json", "");
        QVERIFY2(!load.table && mentions(load.error, "/prices/nat-gateway-hour/usd"), load.error.c_str());
        std::string dup = text;
        dup.replace(dup.find(usd), usd.size(), usd + ", \"usd\": 99");
        load = cost::parsePriceTable(dup, "dup.json", "");
        QVERIFY2(!load.table && mentions(load.error, "/nat-gateway-hour/usd: the key occurs more than once"),
                 load.error.c_str());

        for (const char *refused : {"0x10", "inf", "nan", " 1", "1 ", "1e400", "", ".", "1e", "--1"})
            QVERIFY2(!cost::parseDecimalPrice(refused), refused);
        QVERIFY(cost::parseDecimalPrice("0.0450000000") == 0.045);
        QVERIFY(cost::parseDecimalPrice("4.5E-2") == 0.045);
        QVERIFY(cost::parseDecimalPrice("+3") == 3.0);
        QVERIFY(cost::unitPriceProblem(cost::kMaxUsdPerUnit * 2).has_value());
        QVERIFY(!cost::unitPriceProblem(cost::kMaxUsdPerUnit).has_value());
    }

    void projectPriceOverrideIsCheckedAtLoad()
    {
        Json doc = design::projectToJson(exampleProject());
        doc["priceOverrides"] = {{"nat-gateway-hour", 1e308}};
        const auto load = design::parseProject(doc.dump(), "p.egress.json");
        QVERIFY(!load.project);
        QCOMPARE(load.problems.front().pointer, std::string("/priceOverrides/nat-gateway-hour"));
        QVERIFY(mentions(load.problems.front().message, "more than the $1,000,000"));
    }

    void priceListOffersWithHexOrHugePricesAreSkipped()
    {
        QTemporaryDir dir;
        const std::string csv = dir.filePath("offer.csv").toStdString();
        writeFile(
            csv,
            "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"x\"\n\"Publication "
            "Date\",\"2026-11-01T00:00:00Z\"\n"
            "\"Version\",\"1\"\n\"OfferCode\",\"AmazonVPC\"\n"
            "\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\","
            "\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"usageType\"\n"
            "\"S1\",\"T\",\"R\",\"OnDemand\",\"d\",\"2026-11-01\",\"0\",\"Inf\",\"Hrs\",\"0x10\",\"USD\","
            "\"NatGateway-Hours\"\n"
            "\"S2\",\"T\",\"R\",\"OnDemand\",\"d\",\"2026-11-01\",\"0\",\"Inf\",\"GB\",\"1e308\",\"USD\","
            "\"NatGateway-Bytes\"\n");
        cost::OfferImport imported;
        cost::importOfferFile(csv, "us-east-1", imported);
        QVERIFY2(imported.prices.empty(), imported.error.c_str());
        QCOMPARE(int(std::count_if(imported.warnings.begin(), imported.warnings.end(),
                                   [](const std::string &w) { return mentions(w, "unreadable price row"); })),
                 2);
    }

    void breakEvenChartEndsAtTheHighestPrices()
    {
        std::string text = bundledTableText();
        for (const std::string id : {"nat-gateway-hour", "sfn-state-transition", "lambda-request"}) {
            const std::size_t at = text.find("\"usd\":", text.find("\"" + id + "\""));
            const std::size_t end = text.find_first_of(",}", at);
            text.replace(at, end - at, "\"usd\": 1000000");
        }
        const auto load = cost::parsePriceTable(text, "max.json", "");
        QVERIFY2(load.table, load.error.c_str());
        const auto chart = report::breakEvenChart(cost::computeCosts(exampleProject(), *load.table));
        QVERIFY(chart.svg.size() < 1'000'000);
    }

    // ---- 5. size: past the Graphviz threshold, a column layout
    // ---------------------------------------------

    void hugeChainIsLaidOutWithoutGraphviz()
    {
        const int states = static_cast<int>(layout::kMaxGraphvizBoxes) + 1;
        Json definition = {{"StartAt", "S0"}, {"States", Json::object()}};
        for (int i = 0; i < states; ++i) {
            Json state = {{"Type", "Pass"}};
            if (i + 1 < states)
                state["Next"] = "S" + std::to_string(i + 1);
            else
                state["End"] = true;
            definition["States"]["S" + std::to_string(i)] = state;
        }
        design::Project project = design::projectFromDefinition(definition, "chain", {});
        const auto laid = layout::computeLayout(project);
        QCOMPARE(laid.steps.size(), std::size_t(states));
        QVERIFY2(mentions(laid.warning, "a simple column layout was used"), laid.warning.c_str());
    }

    // ---- 6. inputs that are no files
    // -----------------------------------------------------------------------

    void fifoAndDirectoryInputsAreRefusedAtOnce()
    {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("pipe.asl.json").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        std::string text;
        const auto problem = asl::readWholeFile(fifo, text);
        QVERIFY(problem && mentions(*problem, "is not a regular file"));
        const auto dirProblem = asl::readWholeFile(dir.path().toStdString(), text);
        QVERIFY(dirProblem && mentions(*dirProblem, "is a directory"));
        QVERIFY(!mentions(*dirProblem, "bytes"));
        const auto run = test::runCli({"validate", QString::fromStdString(fifo)}, 20000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2((run.out + run.err).contains("is not a regular file"), qPrintable(test::describe(run)));
    }

    // ---- 7. duplicate keys are never silent
    // ----------------------------------------------------------------

    void importReportsDuplicateStates()
    {
        QTemporaryDir dir;
        for (const char *name : {"dup.asl.json", "dup.asl.yaml"}) {
            const QString input = dir.filePath(name);
            writeFile(input.toStdString(),
                      QString(name).endsWith("json")
                          ? "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true},\"A\":{"
                            "\"Type\":\"Succeed\"}}}"
                          : "StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n  A: {Type: Succeed}\n");
            const auto run = test::runCli({"import", input, "-o", dir.filePath("out.egress.json")});
            QVERIFY2(run.exitCode == 1, qPrintable(test::describe(run)));
            QVERIFY2(run.err.contains("/States/A") && run.err.contains("occurs more than once"),
                     qPrintable(test::describe(run)));
        }
    }

    // ---- 10. devices, FIFOs and symlinks are written through / followed ----------------------------------

    void devicesAreWrittenThroughNotReplaced()
    {
        QTemporaryDir dir;
        const std::string null = dir.filePath("null").toStdString();
        // Our own /dev/null (char 1:3) in a temporary folder: a regression must not replace the system's.
        if (::mknod(null.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0)
            QSKIP("mknod needs root");
        QVERIFY(!design::writeFileAtomically(null, "discarded\n"));
        struct stat st
        {
        };
        QCOMPARE(::stat(null.c_str(), &st), 0);
        QVERIFY(S_ISCHR(st.st_mode));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::System | QDir::Hidden).size(), 1);
    }

    void aFifoIsWrittenThrough()
    {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("out.fifo").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        std::string got;
        const pid_t reader = ::fork();
        if (reader == 0) {
            std::ifstream in(fifo, std::ios::binary);
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            ::_exit(text == "through\n" ? 0 : 1);
        }
        QVERIFY(!design::writeFileAtomically(fifo, "through\n"));
        int status = 0;
        QCOMPARE(::waitpid(reader, &status, 0), reader);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        struct stat st
        {
        };
        QCOMPARE(::lstat(fifo.c_str(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode));
    }

    void symlinksAreFollowedAndKept()
    {
        QTemporaryDir dir;
        const std::string target = dir.filePath("real.json").toStdString();
        const std::string link = dir.filePath("link.json").toStdString();
        writeFile(target, "old\n");
        QCOMPARE(::symlink("real.json", link.c_str()), 0); // relative, as users make them
        QVERIFY(!design::writeFileAtomically(link, "new\n"));
        QVERIFY(std::filesystem::is_symlink(link));
        QCOMPARE(readFileText(target), std::string("new\n"));
        // A dangling link makes its target.
        const std::string dangling = dir.filePath("dangling.json").toStdString();
        QCOMPARE(::symlink("made.json", dangling.c_str()), 0);
        QVERIFY(!design::writeFileAtomically(dangling, "made\n"));
        QCOMPARE(readFileText(dir.filePath("made.json").toStdString()), std::string("made\n"));
        QVERIFY(std::filesystem::is_symlink(dangling));
    }

    // ---- 11. temporary files: short names, removed on signals and failures, all or nothing --------------

    void longestLegalNamesCanBeWritten()
    {
        QTemporaryDir dir;
        const std::string name = std::string(255 - std::string(".egress.json").size(), 'n') + ".egress.json";
        QCOMPARE(name.size(), std::size_t(255));
        const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
        const auto problem = design::writeFileAtomically(path, "{}\n");
        QVERIFY2(!problem, problem ? problem->c_str() : "");
        QCOMPARE(readFileText(path), std::string("{}\n"));
    }

    void temporaryFilesGoOnSigterm()
    {
        QTemporaryDir dir;
        const std::string regular = dir.filePath("a.json").toStdString();
        const std::string fifo = dir.filePath("blocks.fifo").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        const pid_t child = ::fork();
        if (child == 0) {
            // a.json's temporary file is written first; opening the FIFO then blocks (nobody reads it).
            // The default action, as in egress-cli (Qt Test handles SIGTERM itself in this process).
            ::signal(SIGTERM, SIG_DFL);
            (void)design::writeFilesAtomically({{regular, "pending\n"}, {fifo, "never\n"}});
            ::_exit(3);
        }
        auto temporaries = [&] {
            return QDir(dir.path()).entryList({".egress-*"}, QDir::Files | QDir::Hidden);
        };
        QElapsedTimer timer;
        timer.start();
        while (temporaries().isEmpty() && timer.elapsed() < 20000)
            QTest::qWait(20);
        QCOMPARE(temporaries().size(), 1);
        QCOMPARE(::kill(child, SIGTERM), 0);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
        QVERIFY2(temporaries().isEmpty(), qPrintable(temporaries().join(", ")));
        QVERIFY(!QFile::exists(QString::fromStdString(regular)));
    }

    void severalFilesAreAllOrNothing()
    {
        QTemporaryDir dir;
        const std::string a = dir.filePath("a.svg").toStdString(), b = dir.filePath("b.svg").toStdString();
        writeFile(a, "old a");
        const auto problem = design::writeFilesAtomically(
            {{a, "new a"}, {b, "new b"}, {dir.filePath("missing/c.svg").toStdString(), "c"}});
        QVERIFY(problem && mentions(*problem, "missing/c.svg"));
        QCOMPARE(readFileText(a), std::string("old a"));
        QVERIFY(!QFile::exists(QString::fromStdString(b)));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
        QVERIFY(!design::writeFilesAtomically({{a, "new a"}, {b, "new b"}}));
        QCOMPARE(readFileText(b), std::string("new b"));
    }

    void aCommandNeverReplacesItsInputWithAnotherFormat()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.egress.json");
        QVERIFY(
            QFile::copy(QString::fromStdString(
                            (design::resourceDirectory() / "examples" / "partner-api.egress.json").string()),
                        project));
        const std::string before = readFileText(project.toStdString());
        const auto run = test::runCli({"export-asl", project, "-o", project});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("is the input"), qPrintable(test::describe(run)));
        QCOMPARE(readFileText(project.toStdString()), before);
        // Bare ASL rewritten in its own format is allowed.
        const QString asl = dir.filePath("d.asl.json");
        QCOMPARE(test::runCli({"export-asl", project, "-o", asl}).exitCode, 0);
        QCOMPARE(test::runCli({"export-asl", asl, "-o", asl}).exitCode, 0);
        const auto import = test::runCli({"import", asl, "-o", asl});
        QCOMPARE(import.exitCode, 2);
        // -o /dev/stdout: written through to the pipe QProcess reads.
        const auto out = test::runCli({"export-asl", project, "-o", "/dev/stdout"});
        QCOMPARE(out.exitCode, 0);
        QVERIFY(out.out.contains("\"StartAt\""));
    }

    // ---- 8. YAML the writer produces reads back the same
    // ---------------------------------------------------

    void yamlWriterQuotesWhatReadersWouldChange()
    {
        Json value = Json::object();
        value["<<"] = "merge key";
        value["="] = "value key";
        value["del\x7f"] = "del\x7f";
        value["ls\u2028"] = "ps\u2029";
        value["bad\xff"] = "bad\xc3\x28 and \xed\xa0\x80";
        value["block"] = "two\nlines \x7f\n";
        const std::string yaml = asl::writeYaml(value);
        QVERIFY2(mentions(yaml, "\"<<\":") && mentions(yaml, "\"=\":"), yaml.c_str());
        QVERIFY2(!mentions(yaml, "\x7f") && !mentions(yaml, "\u2028") && !mentions(yaml, "\u2029"),
                 yaml.c_str());
        QVERIFY(mentions(yaml, "\\x7f") && mentions(yaml, "\\u2028"));
        const asl::ReadResult back = asl::parseYaml(yaml, "back.yaml");
        QVERIFY2(back, yaml.c_str());
        // Invalid UTF-8 becomes U+FFFD exactly as in the JSON writer's output.
        const Json viaJson = Json::parse(asl::writeJson(value));
        QVERIFY2(*back.value == viaJson, (back.value->dump() + "\n" + viaJson.dump()).c_str());
    }

    // ---- 13-16. IAM: no more than intended ---------------------------------------------------------------

    void exportedPolicyGrantsNoMoreThanIntended()
    {
        const Json definition = Json::parse(
            "{"
            "\"StartAt\": \"Http\","
            "\"States\": {"
            "\"Http\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::http:invoke\", \"Next\": "
            "\"Secret\","
            "\"Parameters\": {\"ApiEndpoint\": \"https://api.partner.com\", \"Method\": \"GET\","
            "\"Authentication\": {\"ConnectionArn\": "
            "\"arn:aws:events:us-east-1:123456789012:connection/p/abc\"}}},"
            "\"Secret\": {\"Type\": \"Task\", \"Resource\": "
            "\"arn:aws:states:::aws-sdk:secretsmanager:getSecretValue\","
            "\"Parameters\": {\"SecretId\": \"prod\"}, \"Next\": \"Topic\"},"
            "\"Topic\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sns:publish\","
            "\"Parameters\": {\"TopicArn\": \"*\", \"Message\": \"m\"}, \"Next\": \"Anything\"},"
            "\"Anything\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::aws-sdk:*:*\", \"Next\": "
            "\"Role\"},"
            "\"Role\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::aws-sdk:iam:getRole\","
            "\"Parameters\": {\"RoleName\": \"r\"}, \"Next\": \"Crawler\"},"
            "\"Crawler\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::aws-sdk:glue:startCrawler\","
            "\"Parameters\": {\"Name\": \"nightly\"}, \"Next\": \"Query\"},"
            "\"Query\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::athena:startQueryExecution\","
            "\"Parameters\": {\"QueryString\": \"SELECT 1\", \"WorkGroup\": \"reports\"}, \"End\": true}"
            "}}");
        const auto result = cfn::buildTemplate(design::projectFromDefinition(definition, "iam", {}), {});
        std::vector<Json> statements;
        std::vector<const Json *> todo{&result.templateJson};
        while (!todo.empty()) { // every {"Effect", "Action", ...} in the template
            const Json *node = todo.back();
            todo.pop_back();
            if (node->is_object() && node->contains("Effect") && node->contains("Action"))
                statements.push_back(*node);
            if (node->is_structured())
                for (const auto &child : *node)
                    todo.push_back(&child);
        }
        auto grant = [&](const std::string &action) {
            for (const Json &st : statements)
                for (const Json &a : st["Action"].is_array() ? st["Action"] : Json::array({st["Action"]}))
                    if (a == action)
                        return st;
            return Json();
        };
        auto grantText = [&](const std::string &action) { return grant(action).dump(); };
        // 13. The endpoint and its paths, nothing that merely starts alike.
        JSON_EQUAL(grant("states:InvokeHTTPEndpoint")["Condition"]["StringLike"]["states:HTTPEndpoint"],
                   Json::array({"https://api.partner.com", "https://api.partner.com/*"}));
        // 14. The secret's random suffix, not any name that starts with "prod-".
        QVERIFY2(mentions(grantText("secretsmanager:GetSecretValue"), "secret:${Name}-??????"),
                 grantText("secretsmanager:GetSecretValue").c_str());
        // 15. Said in the notes.
        std::string notes;
        for (const auto &n : result.notes)
            notes += n + "\n";
        QVERIFY2(mentions(notes, "step \"Topic\": its target is \"*\""), notes.c_str());
        QVERIFY2(mentions(notes, "step \"Anything\": \"arn:aws:states:::aws-sdk:*:*\" is a wildcard"),
                 notes.c_str());
        // 16. A global service gets "*" with a note; literal names scope the statement.
        JSON_EQUAL(grant("iam:GetRole")["Resource"], Json::array({"*"}));
        QVERIFY(mentions(notes, "iam:GetRole is an action of a global service"));
        QVERIFY2(mentions(grantText("glue:StartCrawler"), "crawler/${Name}") &&
                     mentions(grantText("glue:StartCrawler"), "nightly"),
                 grantText("glue:StartCrawler").c_str());
        QVERIFY2(mentions(grantText("athena:StartQueryExecution"), "workgroup/${Name}"),
                 grantText("athena:StartQueryExecution").c_str());

        // 15. validate warns about both.
        const auto problems = asl::validateDefinition(definition, "iam.asl.json");
        auto warned = [&](const std::string &pointer) {
            return std::any_of(problems.begin(), problems.end(), [&](const asl::Diagnostic &d) {
                return d.pointer == pointer && d.severity == asl::Severity::Warning;
            });
        };
        QVERIFY(warned("/States/Topic/Parameters/TopicArn"));
        QVERIFY(warned("/States/Anything/Resource"));
    }

    // ---- 17. the Markdown report shows HTML, never renders it ------------------------------------------

    void markdownReportEscapesHtmlFromNames()
    {
        design::Project project = exampleProject();
        project.name = "<script>alert(1)</script>";
        const auto table = cost::bundledPriceTable("us-east-1");
        QVERIFY(table.table);
        const auto cost = cost::computeCosts(project, *table.table);
        const auto data = report::buildReport(project, cost, {"2026-11-30", "x.egress.json"});
        const std::string md = report::reportMarkdown(data, "r").markdown;
        QVERIFY2(!mentions(md, "<script"), md.substr(0, 400).c_str());
        QVERIFY(mentions(md, "&lt;script&gt;"));
    }

    // ---- 9. the project's priceTable key
    // -------------------------------------------------------------------

    void priceTableKeyIsNotedAsUnused()
    {
        Json doc = design::projectToJson(exampleProject());
        doc["priceTable"] = "my-table";
        const auto load = design::parseProject(doc.dump(), "p.egress.json");
        QVERIFY(load.project);
        QVERIFY(std::any_of(load.problems.begin(), load.problems.end(), [](const asl::Diagnostic &d) {
            return d.pointer == "/priceTable" && mentions(d.message, "kept but not used");
        }));
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"

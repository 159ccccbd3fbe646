// egress-cli as a user runs it (QProcess on the built binary): exit codes 0/1/2, the
// `FILE: POINTER (state NAME): message` lines, --help/--version, and the golden round trip: every
// definition of tests/data (and of the corpus, when there is one) imported and exported again is the same
// JSON (and the YAML export reads back equal).
#include "asl/reader.h"
#include "clirun.h"
#include "definitionrows.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace asl = egress::asl;

namespace {

using Run = egress::test::CliRun;
using egress::test::describe;
using egress::test::runCli;

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
/** A definition with a missing comma: the parser stops at line 10, column 38. */
const QString kMalformed = egress::test::fixtureDir("asl-invalid/malformed-missing-comma.asl.json");

/** `FILE: POINTER (state NAME): message`, pointer and state optional as in Diagnostic::toString(). */
const QRegularExpression kProblemLine(QStringLiteral(R"(^(.+?): (/[^ ]*|) ?(\(state (.+?)\): )?(.+)$)"));

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(EGRESS_BINARY_DIR "/app/cli/egress-cli")),
                 "egress-cli is not built");
    }

    void versionAndHelp()
    {
        const Run version = runCli({"--version"});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out.trimmed(), QStringLiteral("egress-cli " EGRESS_VERSION));

        const Run help = runCli({"--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char *command : {"validate", "import", "export-asl"})
            QVERIFY2(help.out.contains(QLatin1String(command)), qPrintable(help.out));
        QVERIFY(help.out.contains("Exit status"));
        for (const char *command : {"validate", "import", "export-asl"}) {
            const Run sub = runCli({command, "--help"});
            QCOMPARE(sub.exitCode, 0);
            QVERIFY(sub.out.contains("-h,--help"));
        }
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("unknown command") << QStringList{"frobnicate"};
        QTest::newRow("unknown option") << QStringList{"validate", "--frob", kExample};
        QTest::newRow("validate without files") << QStringList{"validate"};
        QTest::newRow("import without output") << QStringList{"import", kExample};
        QTest::newRow("export-asl bad format")
            << QStringList{"export-asl", kExample, "-o", "-", "--format", "xml"};
    }
    void badUsage()
    {
        QFETCH(QStringList, arguments);
        const Run run = runCli(arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY(!run.err.isEmpty());
    }

    void validateExitCodesAndLines()
    {
        QTemporaryDir dir;
        const QString good = dir.filePath("good.asl.json");
        const QString bad = dir.filePath("bad.asl.json");
        QVERIFY(writeText(good, R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})"));
        QVERIFY(writeText(
            bad,
            R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "C": {"Type": "Succeed"}}})"));

        const Run ok = runCli({"validate", good});
        QVERIFY2(ok.exitCode == 0, qPrintable(describe(ok)));
        QVERIFY(ok.out.isEmpty());

        const Run problems = runCli({"validate", good, bad});
        QVERIFY2(problems.exitCode == 1, qPrintable(describe(problems)));
        const QStringList lines = problems.out.split('\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        for (const QString &line : lines) {
            const auto match = kProblemLine.match(line);
            QVERIFY2(match.hasMatch(), qPrintable(line));
            QCOMPARE(match.captured(1), bad);
        }
        QVERIFY2(lines.filter(QRegularExpression("^" + QRegularExpression::escape(bad) +
                                                 R"(: /States/A/Next \(state A\): .*"B")"))
                         .size() == 1,
                 qPrintable(problems.out));
        QVERIFY(problems.err.contains("2 files checked"));

        // -q: errors only, no summary; --strict: warnings count.
        const Run quiet = runCli({"validate", "-q", bad});
        QCOMPARE(quiet.exitCode, 1);
        QVERIFY(quiet.err.isEmpty());
        QTemporaryDir dir2;
        // An unreachable state is an error (Step Functions refuses the definition), not a warning.
        const QString unreachable = dir2.filePath("unreachable.asl.json");
        QVERIFY(
            writeText(unreachable,
                      R"({"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "C": {"Type": "Succeed"}}})"));
        const Run unreachableRun = runCli({"validate", unreachable});
        QCOMPARE(unreachableRun.exitCode, 1);
        QVERIFY2(unreachableRun.out.contains(unreachable + ": /States/C (state C): the state can never run"),
                 qPrintable(unreachableRun.out));
        // Credentials without RoleArn is only a warning: exit 0, unless --strict.
        const QString warned = dir2.filePath("warned.asl.json");
        QVERIFY(writeText(
            warned,
            R"({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": {}, "End": true}}})"));
        QCOMPARE(runCli({"validate", warned}).exitCode, 0);
        const Run strict = runCli({"validate", "--strict", warned});
        QCOMPARE(strict.exitCode, 1);
        QVERIFY2(strict.out.contains(warned + ": /States/A/Credentials (state A): "), qPrintable(strict.out));
    }

    void validateProjects()
    {
        QCOMPARE(runCli({"validate", kExample}).exitCode, 0);
        QTemporaryDir dir;
        QFile example(kExample);
        QVERIFY(example.open(QIODevice::ReadOnly));
        QByteArray text = example.readAll();
        text.replace("\"memoryMb\": 256", "\"memoryMb\": 64");
        const QString bad = dir.filePath("bad.egress.json");
        QVERIFY(writeText(bad, text));
        const Run run = runCli({"validate", bad});
        QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(bad + ": /steps/Call partner API/memoryMb (state Call partner API): "),
                 qPrintable(run.out));
    }

    /** tests/data/projects (every placement, egress kind and trigger between them): valid, and `cost` prices
     * all nine strategies. */
    void fixtureProjectsValidateAndPrice_data()
    {
        QTest::addColumn<QString>("path");
        const QDir d(egress::test::fixtureDir("projects"));
        for (const QString &f : d.entryList({"*.egress.json"}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(f)) << d.filePath(f);
    }
    void fixtureProjectsValidateAndPrice()
    {
        QFETCH(QString, path);
        const Run validate = runCli({"validate", path});
        QVERIFY2(validate.exitCode == 0, qPrintable(describe(validate)));
        const Run cost = runCli({"cost", path, "--format", "json"});
        QVERIFY2(cost.exitCode == 0, qPrintable(describe(cost)));
        const asl::ReadResult report = asl::parseJson(cost.out.toStdString(), "cost.json");
        QVERIFY2(report.value.has_value(), qPrintable(cost.out));
        QCOMPARE((*report.value)["strategies"].size(), std::size_t(9));
        QVERIFY2(!report.value->contains("errors"), qPrintable(cost.out));
    }

    void unreadableInputs_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        for (const char *command : {"validate", "import", "export-asl"}) {
            QTest::newRow(qPrintable(QString(command) + ", missing")) << command << "/nonexistent/x.asl.json"
                                                                      << "/nonexistent/x.asl.json: ";
            QTest::newRow(qPrintable(QString(command) + ", malformed"))
                << command << kMalformed << kMalformed + ":10:38: ";
            QTest::newRow(qPrintable(QString(command) + ", a directory"))
                << command << egress::test::fixtureDir() << egress::test::fixtureDir() + ": ";
        }
    }
    void unreadableInputs()
    {
        QFETCH(QString, command);
        QFETCH(QString, file);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QStringList arguments{command, file};
        if (command != "validate")
            arguments << "-o" << dir.filePath(command == "import" ? "out.egress.json" : "out.asl.json");
        const Run run = runCli(arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY2((run.out + run.err).contains(message), qPrintable(describe(run)));
        QVERIFY(QDir(dir.path()).isEmpty()); // nothing written
    }

    // A syntax error is unreadable input: exit 2, and the summary counts it apart from the problems found in
    // readable files (which alone make exit 1).
    void syntaxErrorIsUnreadableInSummaryAndStatus()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.asl.json");
        const QString bad = dir.filePath("bad.asl.json");
        QVERIFY(writeText(broken, "{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}\n"));
        QVERIFY(writeText(
            bad,
            R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "B": {"Type": "Succeed"}}})"));
        const Run one = runCli({"validate", broken});
        QVERIFY2(one.exitCode == 2, qPrintable(describe(one)));
        QVERIFY2(one.out.startsWith(broken + ":3:"), qPrintable(describe(one)));
        QVERIFY2(one.err.contains("1 file checked, 0 problems, 1 unreadable"), qPrintable(describe(one)));
        const Run both = runCli({"validate", broken, bad});
        QVERIFY2(both.exitCode == 2, qPrintable(describe(both)));
        QVERIFY2(both.err.contains("2 files checked, 1 problem, 1 unreadable"), qPrintable(describe(both)));
        const Run problemsOnly = runCli({"validate", bad});
        QVERIFY2(problemsOnly.exitCode == 1, qPrintable(describe(problemsOnly)));
        QVERIFY2(problemsOnly.err.contains("1 file checked, 1 problem\n"),
                 qPrintable(describe(problemsOnly)));
    }

    // import writes the project of an invalid definition (the designer is where it gets fixed), and every
    // later command says the definition has errors; export-cfn writes no template unless --force.
    void invalidDefinitionStaysVisiblyInvalid()
    {
        QTemporaryDir dir;
        const QString definition = dir.filePath("unreachable.asl.json");
        QVERIFY(writeText(
            definition,
            R"({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}, "Lost": {"Type": "Succeed"}}})"));
        const QString project = dir.filePath("p.egress.json");
        const Run imported = runCli({"import", definition, "-o", project});
        QVERIFY2(imported.exitCode == 1, qPrintable(describe(imported)));
        QVERIFY(imported.err.contains(definition + ": the definition has 1 error; egress-cli validate"));
        QVERIFY(QFile::exists(project));
        const QString said = project + ": the definition has 1 error; egress-cli validate " + project;

        const Run cost = runCli({"cost", project});
        QVERIFY2(cost.exitCode == 0 && cost.err.contains(said), qPrintable(describe(cost)));
        const Run asl = runCli({"export-asl", project, "-o", dir.filePath("out.asl.json")});
        QVERIFY2(asl.exitCode == 0 && asl.err.contains(said), qPrintable(describe(asl)));
        const QString cfnOut = dir.filePath("out.yaml");
        const Run refused = runCli({"export-cfn", project, "-o", cfnOut});
        QVERIFY2(refused.exitCode == 1 && refused.err.contains(said), qPrintable(describe(refused)));
        QVERIFY(refused.err.contains("no template written (--force writes it anyway)"));
        QVERIFY(!QFile::exists(cfnOut));
        const Run forced = runCli({"export-cfn", project, "-o", cfnOut, "--force"});
        QVERIFY2(forced.exitCode == 0 && forced.err.contains(said), qPrintable(describe(forced)));
        QVERIFY(QFile::exists(cfnOut));
        // The same definition file given directly, not through a project.
        const Run direct = runCli({"export-cfn", definition, "-o", "-"});
        QVERIFY2(direct.exitCode == 1 && direct.out.isEmpty(), qPrintable(describe(direct)));
        // A valid project says nothing of the kind.
        const Run valid = runCli({"export-asl", kExample, "-o", "-"});
        QVERIFY2(!valid.err.contains("the definition has"), qPrintable(describe(valid)));
    }

    // import → project file → export-asl (JSON and YAML) and export-cfn: numbers exactly as written.
    void numbersExactlyAsWrittenThroughEveryCommand()
    {
        QTemporaryDir dir;
        const QString definition = dir.filePath("numbers.asl.json");
        QVERIFY(writeText(
            definition,
            R"({"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"Payload": {"price": 1.50, "tiny": 1.0E-7, "id": 123456789012345678901234567890}}, "End": true}}})"));
        const QString project = dir.filePath("numbers.egress.json");
        const Run imported = runCli({"import", definition, "-o", project});
        QVERIFY2(imported.exitCode == 0, qPrintable(describe(imported)));
        QFile projectFile(project);
        QVERIFY(projectFile.open(QIODevice::ReadOnly));
        const QString projectText = QString::fromUtf8(projectFile.readAll());
        for (const char *out : {"out.asl.json", "out.asl.yaml", "out.yaml", "out.json"}) {
            const bool cfn = !QString(out).contains(".asl.");
            const QString path = dir.filePath(out);
            QStringList arguments{cfn ? "export-cfn" : "export-asl", project, "-o", path};
            if (cfn)
                arguments << "-q";
            const Run exported = runCli(arguments);
            QVERIFY2(exported.exitCode == 0, qPrintable(describe(exported)));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(file.readAll());
            for (const QString &written : {QStringLiteral("1.50"), QStringLiteral("1.0E-7"),
                                           QStringLiteral("123456789012345678901234567890")}) {
                QVERIFY2(text.contains(written), qPrintable(QString(out) + ": " + written + "\n" + text));
                QVERIFY2(projectText.contains(written), qPrintable(projectText));
            }
        }
    }

    void outputIntoAMissingDirectoryTouchesNothing_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("import") << "import";
        QTest::newRow("export-asl") << "export-asl";
    }
    void outputIntoAMissingDirectoryTouchesNothing()
    {
        QFETCH(QString, command);
        QTemporaryDir dir;
        const QString output = dir.filePath("missing/out.json");
        QString input = kExample;
        if (command == "import") {
            input = dir.filePath("in.asl.json");
            QVERIFY(writeText(input, R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})"));
        }
        const Run run = runCli({command, input, "-o", output});
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(output + ": "), qPrintable(run.err));
        QVERIFY(!QFile::exists(dir.filePath("missing")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(),
                 command == "import" ? 1 : 0);
    }

    void exportToStandardOutput()
    {
        const Run run = runCli({"export-asl", kExample, "-o", "-"});
        QCOMPARE(run.exitCode, 0);
        const asl::ReadResult exported = asl::parseJson(run.out.toStdString(), "stdout");
        QVERIFY(exported.value.has_value());
        QCOMPARE(QString::fromStdString(exported.value->value("StartAt", "")),
                 QStringLiteral("Prepare order"));
    }

    void goldenRoundTrip_data() { egress::test::addDefinitionRows({"asl", "asl-yaml", "asl-embedded"}); }
    void goldenRoundTrip()
    {
        QFETCH(QString, path);
        EGRESS_SKIP_CORPUS_ROW(path, "the import/export round trip of the corpus's definitions");
        const asl::ReadResult source = asl::readFile(path.toStdString());
        QVERIFY(source.value.has_value());
        QTemporaryDir dir;
        const QString project = dir.filePath("p.egress.json");
        const Run imported = runCli({"import", path, "-o", project});
        QVERIFY2(imported.exitCode == 0 || imported.exitCode == 1,
                 qPrintable(describe(imported))); // 1: problems reported
        QVERIFY(QFile::exists(project));

        for (const char *name : {"out.asl.json", "out.asl.yaml"}) {
            const QString out = dir.filePath(name);
            const Run exported = runCli({"export-asl", project, "-o", out});
            QVERIFY2(exported.exitCode == 0, qPrintable(describe(exported)));
            const asl::ReadResult back = asl::readFile(out.toStdString());
            QVERIFY2(back.value.has_value(), back.error ? back.error->toString().c_str() : "");
            QCOMPARE(back.value->dump(), source.value->dump());
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

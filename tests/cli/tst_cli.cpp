// egress-cli as a user runs it (QProcess on the built binary): exit codes 0/1/2, the
// `FILE: POINTER (state NAME): message` lines, --help/--version, and the golden round trip: every
// definition of tests/data (and of the corpus, when there is one) imported and exported again is the same
// JSON (and the YAML export reads back equal).
#include "asl/reader.h"
#include "definitionrows.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace asl = egress::asl;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(EGRESS_BINARY_DIR "/app/cli/egress-cli"), arguments);
    Run run;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString describe(const Run &run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(run.exitCode).arg(run.out, run.err);
}

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

        // -q: errors only, no summary; --strict: warnings (C is unreachable) count.
        const Run quiet = runCli({"validate", "-q", bad});
        QCOMPARE(quiet.exitCode, 1);
        QVERIFY(quiet.err.isEmpty());
        QVERIFY(!quiet.out.contains("state C"));
        QTemporaryDir dir2;
        const QString unreachable = dir2.filePath("unreachable.asl.json");
        QVERIFY(
            writeText(unreachable,
                      R"({"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "C": {"Type": "Succeed"}}})"));
        QCOMPARE(runCli({"validate", unreachable}).exitCode, 0);
        const Run strict = runCli({"validate", "--strict", unreachable});
        QCOMPARE(strict.exitCode, 1);
        QVERIFY2(strict.out.contains(unreachable + ": /States/C (state C): "), qPrintable(strict.out));
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
     * all seven strategies. */
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
        QCOMPARE((*report.value)["strategies"].size(), std::size_t(7));
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

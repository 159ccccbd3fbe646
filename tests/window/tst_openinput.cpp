// One loader (model/input/inputload.h) for the designer and egress-cli: every kind of file opens the same way
// (a project, a bare definition by each suffix, a template), and a file that cannot be opened gets the same
// message, naming the file and the place, from File ▸ Open and from `egress-cli cost`.
#include "clirun.h"
#include "design/projectio.h"
#include "document.h"
#include "input/inputload.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace egress;
using egress::studio::Document;

namespace {

const QString kTemplateData = QStringLiteral(EGRESS_SOURCE_DIR "/tests/template/data/");

const char *const kDefinitionJson = R"({"StartAt":"Call","States":{
  "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"orders"},"Next":"Done"},
  "Done":{"Type":"Succeed"}}})";
const char *const kDefinitionYaml = "StartAt: Call\n"
                                    "States:\n"
                                    "  Call:\n"
                                    "    Type: Task\n"
                                    "    Resource: arn:aws:states:::lambda:invoke\n"
                                    "    Parameters: {FunctionName: orders}\n"
                                    "    Next: Done\n"
                                    "  Done: {Type: Succeed}\n";

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(text), text.size());
}

/** What `egress-cli cost FILE` says on standard error, without the final newline. */
QString cliMessage(const QString &path, int expectedExit)
{
    const test::CliRun run = test::runCli({QStringLiteral("cost"), path}, 60000);
    if (run.exitCode != expectedExit)
        return QStringLiteral("unexpected: ") + test::describe(run);
    return run.err.trimmed();
}

} // namespace

class TestOpenInput : public QObject
{
    Q_OBJECT

private slots:
    void definitionsOpenByEverySuffix_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("name");
        QTest::newRow(".asl.json") << "orders.asl.json" << QByteArray(kDefinitionJson) << "orders";
        QTest::newRow(".json") << "orders.json" << QByteArray(kDefinitionJson) << "orders";
        QTest::newRow(".asl.yaml") << "orders.asl.yaml" << QByteArray(kDefinitionYaml) << "orders";
        QTest::newRow(".yaml") << "orders.yaml" << QByteArray(kDefinitionYaml) << "orders";
        QTest::newRow(".yml, upper case") << "ORDERS.YML" << QByteArray(kDefinitionYaml) << "ORDERS";
        QTest::newRow(".asl.yml") << "orders.asl.yml" << QByteArray(kDefinitionYaml) << "orders";
        // An unknown suffix is read as JSON, and the name keeps it.
        QTest::newRow("unknown suffix") << "orders.txt" << QByteArray(kDefinitionJson) << "orders.txt";
    }

    void definitionsOpenByEverySuffix()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        writeFile(path, text);

        const input::InputLoad load = input::loadInput(path.toStdString());
        QVERIFY2(load, load.failure().c_str());
        QCOMPARE(load.kind, input::InputKind::Definition);
        QCOMPARE(QString::fromStdString(load.project->name), name);
        QVERIFY(load.project->step("Call").position); // laid out
        QCOMPARE(load.project->step("Call").placement, design::Placement::InsideVpc);
        QVERIFY(load.problems.empty());

        const Document::Loaded loaded = Document::load(path);
        QVERIFY2(loaded.project, qPrintable(loaded.error));
        QVERIFY(!loaded.wasProject && !loaded.wasTemplate);
        QVERIFY(*loaded.project == *load.project);

        const test::CliRun run =
            test::runCli({QStringLiteral("export-asl"), path, QStringLiteral("-o"), "-"});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QLatin1String("\"StartAt\": \"Call\"")),
                 qPrintable(test::describe(run)));
    }

    void projectsAndTemplatesOpenTheSameWay()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("orders.egress.json"));
        const input::InputLoad made = input::loadInput(
            [&] {
                const QString definition = dir.filePath(QStringLiteral("orders.asl.json"));
                writeFile(definition, kDefinitionJson);
                return definition.toStdString();
            }(),
            {{}, {}, "Orders project"});
        QVERIFY(made);
        QCOMPARE(made.project->name, std::string("Orders project")); // the name given wins over the file's
        writeFile(project, QByteArray::fromStdString(design::serializeProject(*made.project)));

        const input::InputLoad load = input::loadInput(project.toStdString());
        QVERIFY2(load, load.failure().c_str());
        QCOMPARE(load.kind, input::InputKind::Project);
        QVERIFY(*load.project == *made.project);
        const Document::Loaded loaded = Document::load(project);
        QVERIFY(loaded.project && loaded.wasProject);

        const QString sam = kTemplateData + QStringLiteral("sam-shorttags.yaml");
        const input::InputLoad fromTemplate = input::loadInput(sam.toStdString());
        QVERIFY2(fromTemplate, fromTemplate.failure().c_str());
        QCOMPARE(fromTemplate.kind, input::InputKind::Template);
        const Document::Loaded templateLoaded = Document::load(sam);
        QVERIFY(templateLoaded.project && templateLoaded.wasTemplate);
        QCOMPARE(templateLoaded.notes.size(), static_cast<qsizetype>(fromTemplate.notes.size()));

        // Several state machines and none chosen: the choices, and a message naming the file.
        const QString several = kTemplateData + QStringLiteral("several.yaml");
        const input::InputLoad unchosen = input::loadInput(several.toStdString());
        QVERIFY(!unchosen);
        QVERIFY(unchosen.stateMachines.size() >= 2);
        QVERIFY2(unchosen.failure().rfind(several.toStdString() + ": the template has ", 0) == 0,
                 unchosen.failure().c_str());
        QCOMPARE(QString::fromStdString(unchosen.failure()), cliMessage(several, 2));
    }

    void unusableFilesGetTheSameMessageEverywhere_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");  ///< empty: the file is not created
        QTest::addColumn<QString>("expected"); ///< after "FILE"
        QTest::newRow("missing file")
            << "missing.asl.json" << QByteArray() << ": /: cannot open: No such file or directory";
        QTest::newRow("malformed YAML")
            << "orders.yaml" << QByteArray("StartAt: Call\nStates:\n  Call: [1,\n") << ":4:1: ";
        QTest::newRow("malformed JSON")
            << "orders.asl.json" << QByteArray("{\n  \"StartAt\": \"Call\",\n  \"States\" }") << ":3:";
        QTest::newRow("YAML in an unknown suffix") << "orders.txt" << QByteArray(kDefinitionYaml) << ":1:1: ";
        QTest::newRow("neither")
            << "other.json" << QByteArray("{\"Comment\": \"no States\"}")
            << ": /: neither an Egress Studio project, an ASL definition (no \"States\") "
               "nor a SAM / CloudFormation template (no \"Resources\")";
        QTest::newRow("broken project")
            << "broken.egress.json"
            << QByteArray("{\"format\": \"egress-studio-project\", \"version\": 1, "
                          "\"definition\": 7}")
            << ": /definition";
    }

    void unusableFilesGetTheSameMessageEverywhere()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        if (!text.isEmpty())
            writeFile(path, text);

        const input::InputLoad load = input::loadInput(path.toStdString());
        QVERIFY(!load);
        const QString message = QString::fromStdString(load.failure());
        QVERIFY2(message.startsWith(path + expected), qPrintable(message));
        // The designer shows it as it is; egress-cli prints it (and exits 2, unreadable input).
        QCOMPARE(Document::load(path).error, message);
        QCOMPARE(cliMessage(path, 2), message);
    }

    void keysGivenTwiceAreSaidEverywhere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("twice.asl.json"));
        writeFile(path,
                  R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"A":{"Type":"Succeed"}}})");
        const input::InputLoad load = input::loadInput(path.toStdString());
        QVERIFY(load);
        QCOMPARE(load.problems.size(), std::size_t(1));
        const std::string said = load.problems.front().toString();
        QVERIFY2(said.find("/States/A") != std::string::npos, said.c_str());
        // In the project's import notes (the designer's Problems list) and on egress-cli's standard error.
        QCOMPARE(load.project->importNotes, std::vector<std::string>{said});
        QVERIFY(Document::load(path).project->importNotes == load.project->importNotes);
        const test::CliRun run =
            test::runCli({QStringLiteral("export-asl"), path, QStringLiteral("-o"), "-"});
        QVERIFY2(run.err.contains(QString::fromStdString(said)), qPrintable(test::describe(run)));
    }
};

QTEST_GUILESS_MAIN(TestOpenInput)
#include "tst_openinput.moc"

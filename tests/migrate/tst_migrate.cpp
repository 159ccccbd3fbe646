// The migration back out: `egress-cli export-cfn P --into TEMPLATE -o NEW` edits the user's own template
// (golden files: exactly the expected diff, everything else byte for byte), `--format sam`, the text
// locators the edits rely on, and bad inputs (exit 2, nothing written).
// Regenerate the golden files with: EGRESS_REGENERATE_GOLDEN=1 ./build/tests/migrate/tst_migrate
#include "asl/reader.h"
#include "clirun.h"
#include "migrate/located.h"
#include "migrate/textedits.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace asl = egress::asl;
namespace migrate = egress::migrate;
using Json = asl::Json;

namespace {

const QString kData = QStringLiteral(EGRESS_SOURCE_DIR "/tests/migrate/data");
const QString kGolden = QStringLiteral(EGRESS_SOURCE_DIR "/tests/migrate/golden");

using Run = egress::test::CliRun;
using egress::test::describe;
using egress::test::runCli;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Json parseFile(const QString &path)
{
    const asl::ReadResult read = asl::readFile(path.toStdString());
    return read ? *read.value : Json();
}

/** QCOMPARE for JSON values: both printed when they differ. */
#define JSON_COMPARE(actual, expected)                                                                       \
    do {                                                                                                     \
        const Json a_ = (actual), e_ = (expected);                                                           \
        QVERIFY2(a_ == e_, qPrintable(QStringLiteral("actual:   %1\nexpected: %2")                           \
                                          .arg(QString::fromStdString(a_.dump().substr(0, 2000)),            \
                                               QString::fromStdString(e_.dump().substr(0, 2000)))));         \
    } while (false)

/** Compares with the golden file, or rewrites it when EGRESS_REGENERATE_GOLDEN is set. */
void compareGolden(const QByteArray &actual, const QString &name)
{
    const QString path = kGolden + QLatin1Char('/') + name;
    if (qEnvironmentVariableIsSet("EGRESS_REGENERATE_GOLDEN")) {
        QDir().mkpath(kGolden);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(actual);
        return;
    }
    QVERIFY2(QFile::exists(path),
             qPrintable(QStringLiteral("missing golden file %1 (EGRESS_REGENERATE_GOLDEN=1 "
                                       "writes it)")
                            .arg(path)));
    QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(readAll(path)));
}

} // namespace

class TestMigrate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(EGRESS_BINARY_DIR "/app/cli/egress-cli")),
                 "egress-cli is not built");
    }

    // ---- the locators and edits -------------------------------------------------------------

    void yamlBlockExtents()
    {
        const std::string text =
            "A:\n  B: 1\n  C:\n    - x   # kept with C\n    - y\n\n  # about D\n  D: {e: 1}\nF: 2\n";
        const auto located = migrate::locateYaml(text);
        QVERIFY(located.root);
        const migrate::Located *a = located.root->find("A");
        QVERIFY(a && a->kind == migrate::Located::Kind::Map);
        const migrate::LocatedEntry *c = a->entry("C");
        QVERIFY(c);
        QCOMPARE(c->line, 3);
        QCOMPARE(text.substr(c->keyBegin, c->entryEnd - c->keyBegin),
                 std::string("C:\n    - x   # kept with C\n    - y\n"));
        QCOMPARE(c->value.items.size(), std::size_t(2));
        QCOMPARE(c->value.items[1].dashColumn, 4);
        const migrate::LocatedEntry *d = a->entry("D");
        QVERIFY(d && d->value.flow);
        QCOMPARE(text.substr(d->value.begin, d->value.end - d->value.begin), std::string("{e: 1}"));
        // Items of a flow sequence end before the comma or the closing bracket.
        const std::string flow = "E: [a , !Ref b]\n";
        const auto e = migrate::locateYaml(flow);
        QVERIFY(e.root);
        const auto &items = e.root->find("E")->items;
        QCOMPARE(items.size(), std::size_t(2));
        QCOMPARE(flow.substr(items[0].begin, items[0].end - items[0].begin), std::string("a"));
        QCOMPARE(flow.substr(items[1].end, 1), std::string("]"));
        // A sequence written at its key's indentation still belongs to the key.
        const std::string compact = "K:\n- a\n- b\nL: 1\n";
        const auto k = migrate::locateYaml(compact);
        QVERIFY(k.root);
        QCOMPARE(k.root->entry("K")->entryEnd, compact.find("L:"));
    }

    void jsonMemberRemoval_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("first") << "a"
                               << "{\n \"b\": [1, 2],\n \"c\": {\"d\": \"}\"}\n}";
        QTest::newRow("middle") << "b"
                                << "{\n \"a\": 1,\n \"c\": {\"d\": \"}\"}\n}";
        QTest::newRow("last") << "c"
                              << "{\n \"a\": 1,\n \"b\": [1, 2]\n}";
    }

    void jsonMemberRemoval()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const std::string text = "{\n \"a\": 1,\n \"b\": [1, 2],\n \"c\": {\"d\": \"}\"}\n}";
        const auto located = migrate::locateJson(text);
        QVERIFY(located.root);
        const auto &entries = located.root->entries;
        QCOMPARE(entries.size(), std::size_t(3));
        QCOMPARE(entries[2].line, 4);
        QCOMPARE(entries[2].column, 2);
        // The same rule as the migrator's removeEntry for JSON members.
        std::size_t i = 0;
        while (entries[i].key != key.toStdString())
            ++i;
        migrate::TextEdit edit;
        if (i + 1 < entries.size())
            edit = {entries[i].keyBegin, entries[i + 1].keyBegin, {}};
        else
            edit = {entries[i - 1].value.end, entries[i].value.end, {}};
        const auto edited = migrate::applyEdits(text, {edit});
        QVERIFY(edited);
        QCOMPARE(QString::fromStdString(*edited), expected);
        QVERIFY(asl::parseJson(*edited, "edited.json"));
    }

    void jsonErrorsHaveLines()
    {
        const auto located = migrate::locateJson("{\n  \"a\": 1,\n  b: 2\n}");
        QVERIFY(!located.root);
        QVERIFY(located.error);
        QCOMPARE(located.error->line, 3);
    }

    void overlappingEditsAreRefused()
    {
        QVERIFY(!migrate::applyEdits("abcdef", {{1, 4, "x"}, {3, 5, "y"}}));
        QCOMPARE(*migrate::applyEdits("abcdef", {{4, 4, "+"}, {1, 2, ""}}), std::string("acd+ef"));
    }

    // ---- --into on the fixtures ---------------------------------------------------------------

    /** The seed article's move on a SAM template: the partner call leaves the VPC. */
    void seedSamTemplate()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("migrated.yaml"));
        const Run run =
            runCli({QStringLiteral("export-cfn"), kData + "/seed/project.egress.json",
                    QStringLiteral("--into"), kData + "/seed/template.yaml", QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QByteArray original = readAll(kData + "/seed/template.yaml");
        const QByteArray migrated = readAll(out);
        compareGolden(migrated, QStringLiteral("seed.migrated.yaml"));

        // Exactly two changes: CallPartnerApiFunction's VpcConfig is gone, the Definition is replaced.
        const QByteArray vpcConfig = "      VpcConfig:\n        SubnetIds:\n          - !Ref PrivateSubnetA\n"
                                     "          - !Ref PrivateSubnetB\n        SecurityGroupIds:\n"
                                     "          - !Ref FunctionSecurityGroup\n      Environment:";
        const qsizetype callFunction = original.indexOf("  CallPartnerApiFunction:");
        const qsizetype removedAt = original.indexOf(vpcConfig, callFunction);
        QVERIFY(removedAt > 0);
        QVERIFY(migrated.startsWith(original.left(removedAt) + "      Environment:"));
        const qsizetype definitionAt = original.indexOf("      Definition:\n");
        const qsizetype definitionEnd = original.indexOf("      DefinitionSubstitutions:");
        const QByteArray between =
            original.mid(removedAt + vpcConfig.size() - 18, definitionAt - removedAt - vpcConfig.size() + 18);
        QVERIFY(migrated.contains(between));
        QVERIFY(migrated.endsWith(original.mid(definitionEnd)));
        QVERIFY(migrated.contains("# reads the orders database")); // comments and short tags stay
        QVERIFY(migrated.contains("!Sub 'https://partner.example.com/${Stage}/orders'"));

        // What CloudFormation reads: the definition is the project's, the function is out of the VPC.
        const Json project = parseFile(kData + "/seed/project.egress.json");
        const Json templateJson = parseFile(out);
        JSON_COMPARE(templateJson["Resources"]["OrderStateMachine"]["Properties"]["Definition"],
                     project["definition"]);
        QVERIFY(!templateJson["Resources"]["CallPartnerApiFunction"]["Properties"].contains("VpcConfig"));
        QVERIFY(templateJson["Resources"]["RecordResultFunction"]["Properties"].contains("VpcConfig"));

        QVERIFY2(run.out.contains(QStringLiteral("CallPartnerApiFunction (step \"Call partner API\", ")) &&
                     run.out.contains(QStringLiteral("VpcConfig removed, now outside the VPC")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("NatGatewayA (AWS::EC2::NatGateway, ")) &&
                     run.out.contains(QStringLiteral("NatEipB (AWS::EC2::EIP")) &&
                     run.out.contains(QStringLiteral("PrivateRouteA (AWS::EC2::Route")) &&
                     run.out.contains(QStringLiteral("/month")),
                 qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("definition updated (inline Definition")));
    }

    /** cdk synth's JSON: 1-space indentation, Fn::Join definition, plain Lambda functions and roles. */
    void cdkJsonTemplate()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("migrated.json"));
        const Run run =
            runCli({QStringLiteral("export-cfn"), kData + "/cdk/project.egress.json",
                    QStringLiteral("--into"), kData + "/cdk/template.json", QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        compareGolden(readAll(out), QStringLiteral("cdk.migrated.json"));

        Json original = parseFile(kData + "/cdk/template.json");
        Json migrated = parseFile(out);
        Json &resources = migrated["Resources"];
        const std::string call = "CallPartnerApiFunction9F8E7D6C";
        const std::string failure = "RecordFailureFunction9F8E7D6C";
        QVERIFY(!resources[call]["Properties"].contains("VpcConfig"));
        JSON_COMPARE(resources[failure]["Properties"]["VpcConfig"],
                     original["Resources"]["PrepareOrderFunction9F8E7D6C"]["Properties"]["VpcConfig"]);
        const Json &managed = resources[failure + "ServiceRole1A2B3C4D"]["Properties"]["ManagedPolicyArns"];
        QCOMPARE(managed.size(), std::size_t(2));
        QVERIFY(managed[1].dump().find("AWSLambdaVPCAccessExecutionRole") != std::string::npos);
        const Json &definition = resources["Orders4F3E2D1C"]["Properties"]["DefinitionString"];
        QVERIFY(definition.contains("Fn::Sub"));
        const Json project = parseFile(kData + "/cdk/project.egress.json");
        JSON_COMPARE(Json::parse(definition["Fn::Sub"].get<std::string>()), project["definition"]);

        // Everything else is as it was.
        Json &originalResources = original["Resources"];
        originalResources[call]["Properties"].erase("VpcConfig");
        originalResources[failure]["Properties"]["VpcConfig"] = resources[failure]["Properties"]["VpcConfig"];
        originalResources[failure + "ServiceRole1A2B3C4D"]["Properties"]["ManagedPolicyArns"] = managed;
        originalResources["Orders4F3E2D1C"]["Properties"]["DefinitionString"] = definition;
        JSON_COMPARE(migrated, original);
        QVERIFY2(run.out.contains(
                     QStringLiteral("VpcConfig added (copied from function PrepareOrderFunction9F8E7D6C)")),
                 qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("Fn::Join, written back as Fn::Sub")));
    }

    /** DefinitionUri: the new definition goes to a file beside the output; an HTTP Task brings its IAM. */
    void samDefinitionUriWithHttpTask()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("migrated.yaml"));
        const Run run =
            runCli({QStringLiteral("export-cfn"), kData + "/sam-uri/project.egress.json",
                    QStringLiteral("--into"), kData + "/sam-uri/template.yaml", QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(describe(run)));
        compareGolden(readAll(out), QStringLiteral("sam-uri.migrated.yaml"));
        const QString definitionFile = dir.filePath(QStringLiteral("migrated.OrderStateMachine.asl.json"));
        QVERIFY2(QFile::exists(definitionFile), qPrintable(describe(run)));
        const Json project = parseFile(kData + "/sam-uri/project.egress.json");
        JSON_COMPARE(parseFile(definitionFile), project["definition"]);

        const Json migrated = parseFile(out);
        const Json &props = migrated["Resources"]["OrderStateMachine"]["Properties"];
        JSON_COMPARE(props["DefinitionUri"], Json("migrated.OrderStateMachine.asl.json"));
        JSON_COMPARE(props["DefinitionSubstitutions"]["PartnerConnectionArn"],
                     Json({{"Fn::GetAtt", Json::array({"PartnerConnection", "Arn"})}}));
        QCOMPARE(props["Policies"].size(), std::size_t(4));
        const std::string added = props["Policies"][3].dump();
        QVERIFY2(added.find("states:InvokeHTTPEndpoint") != std::string::npos &&
                     added.find("events:RetrieveConnectionCredentials") != std::string::npos,
                 added.c_str());
        QVERIFY(run.out.contains(QStringLiteral("NatGateway (AWS::EC2::NatGateway")));
        // The user's own definition file is left alone.
        QVERIFY(readAll(kData + "/sam-uri/statemachine/orders.asl.json")
                    .contains("${CallPartnerApiFunctionArn}"));
    }

    /** A plain DefinitionString stays a plain string; the other state machine is untouched. */
    void definitionStringKeepsItsForm()
    {
        QTemporaryDir dir;
        const QString definition = dir.filePath(QStringLiteral("new.asl.json"));
        QFile file(definition);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 5, "End": true}}})");
        file.close();
        const QString out = dir.filePath(QStringLiteral("several.out.yaml"));
        const Run run = runCli({QStringLiteral("export-cfn"), definition, QStringLiteral("--into"),
                                kData + "/bad/several.yaml", QStringLiteral("--state-machine"),
                                QStringLiteral("Second"), QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const Json migrated = parseFile(out);
        const Json &text = migrated["Resources"]["Second"]["Properties"]["DefinitionString"];
        QVERIFY(text.is_string());
        JSON_COMPARE(Json::parse(text.get<std::string>()), parseFile(definition));
        const QByteArray original = readAll(kData + "/bad/several.yaml");
        QVERIFY(readAll(out).startsWith(original.left(original.indexOf("  Second:"))));
    }

    /** DefinitionString: !Sub [text, variables] keeps its variables; a function named there is resolved. */
    void definitionStringSubWithVariables()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("sub.out.yaml"));
        const Run run =
            runCli({QStringLiteral("export-cfn"), kData + "/sub/definition.asl.json",
                    QStringLiteral("--into"), kData + "/sub/template.yaml", QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        compareGolden(readAll(out), QStringLiteral("sub.migrated.yaml"));
        const Json migrated = parseFile(out);
        const Json &sub = migrated["Resources"]["M"]["Properties"]["DefinitionString"]["Fn::Sub"];
        QVERIFY(sub.is_array() && sub.size() == 2);
        JSON_COMPARE(Json::parse(sub[0].get<std::string>()), parseFile(kData + "/sub/definition.asl.json"));
        JSON_COMPARE(sub[1], Json({{"FnArn", {{"Fn::GetAtt", Json::array({"Fn", "Arn"})}}}}));
        QVERIFY(readAll(out).endsWith("  # trailing comment\n"));
        QVERIFY2(run.out.contains(QStringLiteral("function Fn (step \"A\"")), qPrintable(run.out));
    }

    /** An imported project's "source" names its state machine: no --state-machine needed. */
    void stateMachineFromTheProjectsSource()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("p.egress.json"));
        QFile file(project);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "egress-studio-project", "version": 1, "name": "p",
            "definition": {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}},
            "source": {"template": "several.yaml", "stateMachine": "Second", "format": "yaml"}})");
        file.close();
        const QString out = dir.filePath(QStringLiteral("out.yaml"));
        const Run run = runCli({QStringLiteral("export-cfn"), project, QStringLiteral("--into"),
                                kData + "/bad/several.yaml", QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("State machine Second (")), qPrintable(run.out));
    }

    void badInputs_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString project = kData + "/seed/project.egress.json";
        const QString bad = kData + "/bad/";
        QTest::newRow("missing template")
            << QStringList{project, "--into", bad + "nothing.yaml"} << "nothing.yaml";
        QTest::newRow("malformed YAML")
            << QStringList{project, "--into", bad + "malformed.yaml"} << "malformed.yaml:";
        QTest::newRow("truncated JSON")
            << QStringList{project, "--into", bad + "truncated.json"} << "truncated.json:";
        QTest::newRow("no state machine") << QStringList{project, "--into", bad + "no-state-machine.yaml"}
                                          << "no-state-machine.yaml:2: the template has no state machine";
        QTest::newRow("several, none named")
            << QStringList{project, "--into", bad + "several.yaml"}
            << "2 state machines (\"First\", \"Second\"); pick one with --state-machine";
        QTest::newRow("unknown --state-machine")
            << QStringList{project, "--into", bad + "several.yaml", "--state-machine", "Third"}
            << "no state machine \"Third\"; the template has \"First\", \"Second\"";
        QTest::newRow("--variant with --into")
            << QStringList{project, "--into", kData + "/seed/template.yaml", "--variant", "nat-gateway"}
            << "do not apply";
        QTest::newRow("missing project")
            << QStringList{bad + "none.egress.json", "--into", kData + "/seed/template.yaml"}
            << "none.egress.json";
    }

    void badInputs()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.yaml"));
        const Run run =
            runCli(QStringList{QStringLiteral("export-cfn")} + arguments + QStringList{"-o", out});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(describe(run)));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());
    }

    void refusesToOverwriteTheTemplate()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("template.yaml"));
        QVERIFY(QFile::copy(kData + "/seed/template.yaml", copy));
        const Run run = runCli({QStringLiteral("export-cfn"), kData + "/seed/project.egress.json",
                                QStringLiteral("--into"), copy, QStringLiteral("-o"), copy});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(readAll(copy), readAll(kData + "/seed/template.yaml"));
    }

    // ---- --format sam ---------------------------------------------------------------------------

    void samExport()
    {
        QTemporaryDir dir;
        const QString example =
            QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
        const QString out = dir.filePath(QStringLiteral("partner-api.yaml"));
        const Run run = runCli({QStringLiteral("export-cfn"), example, QStringLiteral("--format"),
                                QStringLiteral("sam"), QStringLiteral("-o"), out, QStringLiteral("-q")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        compareGolden(readAll(out), QStringLiteral("partner-api.sam.yaml"));
        const QString asl = dir.filePath(QStringLiteral("partner-api.asl.json"));
        compareGolden(readAll(asl), QStringLiteral("partner-api.sam.asl.json"));

        const Json sam = parseFile(out);
        JSON_COMPARE(sam["Transform"], Json("AWS::Serverless-2016-10-31"));
        const Json &machine = sam["Resources"]["StateMachine"];
        JSON_COMPARE(machine["Type"], Json("AWS::Serverless::StateMachine"));
        JSON_COMPARE(machine["Properties"]["DefinitionUri"], Json("partner-api.asl.json"));
        for (const char *key : {"Name", "Type", "Role", "Logging", "Tracing", "DefinitionSubstitutions"})
            QVERIFY2(machine["Properties"].contains(key), key);

        // The same template as the CloudFormation export, but for the state machine's layout.
        const QString cfnOut = dir.filePath(QStringLiteral("cfn.json"));
        QCOMPARE(runCli({QStringLiteral("export-cfn"), example, QStringLiteral("-o"), cfnOut,
                         QStringLiteral("-q")})
                     .exitCode,
                 0);
        Json cfn = parseFile(cfnOut);
        JSON_COMPARE(parseFile(asl), cfn["Resources"]["StateMachine"]["Properties"]["Definition"]);
        Json rest = sam;
        rest.erase("Transform");
        rest["Resources"].erase("StateMachine");
        cfn["Resources"].erase("StateMachine");
        JSON_COMPARE(rest, cfn);

        const Run toStdout = runCli({QStringLiteral("export-cfn"), example, QStringLiteral("--format"),
                                     QStringLiteral("sam"), QStringLiteral("-o"), QStringLiteral("-")});
        QCOMPARE(toStdout.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestMigrate)
#include "tst_migrate.moc"

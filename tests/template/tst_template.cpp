// SAM / CloudFormation / cdk-synth templates in (docs/templates.md): the reader (short tags, lines), the
// state machines and their definitions (inline, DefinitionString with Fn::Sub / Fn::Join, DefinitionUri),
// the derived design (functions, Globals, VPC zones, trigger and schedule volume), bad templates with
// errors at file and line, and egress-cli import / validate / cost on templates.
#include "asl/validator.h"
#include "clirun.h"
#include "design/projectio.h"
#include "template/derive.h"
#include "template/schedule.h"
#include "template/templateload.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace egress;
using asl::Json;

namespace {

const std::string kData = EGRESS_TEMPLATE_DATA;

std::string data(const std::string &name)
{
    return kData + "/" + name;
}

tmpl::Template mustRead(const std::string &name)
{
    tmpl::TemplateRead read = tmpl::readTemplate(data(name));
    std::string problems;
    for (const auto &p : read.problems)
        problems += p.toString() + "\n";
    if (!read)
        qFatal("%s does not read: %s", name.c_str(), problems.c_str());
    return *read.value;
}

tmpl::TemplateImport mustImport(const std::string &name, const std::string &stateMachine = {})
{
    const tmpl::Template t = mustRead(name);
    std::string error;
    bool ambiguous = false;
    const auto id = tmpl::chooseStateMachine(t, stateMachine, error, ambiguous);
    if (!id)
        qFatal("%s", error.c_str());
    tmpl::TemplateImport imported = tmpl::importStateMachine(t, *id, name);
    if (!imported)
        qFatal("%s does not import: %s", name.c_str(),
               imported.problems.empty() ? "?" : imported.problems.front().toString().c_str());
    return imported;
}

std::string allNotes(const tmpl::TemplateImport &imported)
{
    std::string out;
    for (const auto &note : imported.notes)
        out += note.toString() + "\n";
    return out;
}

/** The first error of reading a bad template; nothing when it reads. */
std::optional<asl::Diagnostic> firstError(const std::string &name)
{
    tmpl::TemplateRead read = tmpl::readTemplate(data(name));
    if (read || read.problems.empty())
        return std::nullopt;
    return read.problems.front();
}

using Run = egress::test::CliRun;
using egress::test::describe;

/** The CLI runs of this suite read small templates: a minute is plenty. */
Run runCli(const QStringList &arguments)
{
    return egress::test::runCli(arguments, 60000);
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

class TestTemplate : public QObject
{
    Q_OBJECT

private slots:
    void samShortTagsAndGlobals()
    {
        const tmpl::TemplateImport imported = mustImport("sam-shorttags.yaml");
        const design::Project &p = *imported.project;
        QCOMPARE(q(p.name), QStringLiteral("OrderStateMachine"));
        QCOMPARE(p.workflowType, design::WorkflowType::Express);
        // Inline intrinsics became placeholders, their values kept in source.substitutions.
        QCOMPARE(q(p.definition["States"]["Validate"]["Parameters"]["FunctionName"].get<std::string>()),
                 QStringLiteral("${ValidateFunctionArn}"));
        QCOMPARE(q(p.definition["States"]["Charge"]["Resource"].get<std::string>()),
                 QStringLiteral("${ChargeFunctionArn}"));
        QCOMPARE(q(p.definition["States"]["Save"]["Parameters"]["TableName"].get<std::string>()),
                 QStringLiteral("${OrderTable}"));
        QVERIFY(p.source);
        QCOMPARE(q(p.source->stateMachine), QStringLiteral("OrderStateMachine"));
        QCOMPARE(q(p.source->format), QStringLiteral("yaml"));
        QVERIFY(p.source->substitutions.value("ValidateFunctionArn", Json()) ==
                Json::parse(R"({"Fn::GetAtt": ["ValidateFunction", "Arn"]})"));
        QVERIFY(p.source->substitutions.value("ValidateFunction", Json()) ==
                Json::parse(R"({"Ref": "ValidateFunction"})"));
        // Globals apply under each function's own properties; one function serves two steps.
        const auto validate = p.step("Validate");
        QCOMPARE(q(validate.function), QStringLiteral("ValidateFunction"));
        QCOMPARE(validate.placement, design::Placement::InsideVpc);
        QCOMPARE(validate.memoryMb, 512);
        QCOMPARE(validate.architecture, design::Architecture::Arm64);
        QCOMPARE(validate.extra.value("timeoutSeconds", 0), 30);
        const auto revalidate = p.step("Revalidate");
        QCOMPARE(q(revalidate.function), QStringLiteral("ValidateFunction"));
        QCOMPARE(revalidate.placement, design::Placement::InsideVpc);
        const auto charge = p.step("Charge");
        QCOMPARE(q(charge.function), QStringLiteral("ChargeFunction"));
        QCOMPARE(charge.placement, design::Placement::OutsideVpc);
        QCOMPARE(charge.memoryMb, 1024);
        QCOMPARE(charge.architecture, design::Architecture::X86_64);
        QVERIFY(p.step("Save").function.empty());
        // Three subnets in three zones of the region; the VPC is named after its resource.
        QCOMPARE(p.vpc.availabilityZones, 3);
        QCOMPARE(q(p.vpc.name), QStringLiteral("Vpc"));
        // rate(5 minutes) over a 31-day month.
        QCOMPARE(p.usage.trigger, design::Trigger::EventBridge);
        QCOMPARE(p.usage.executionsPerMonth, 8928.0);
        const std::string notes = allNotes(imported);
        QVERIFY2(notes.find("2 NAT gateways: NatGatewayA, NatGatewayB") != std::string::npos, notes.c_str());
        QVERIFY2(notes.find("gateway VPC endpoint: s3 (S3Endpoint)") != std::string::npos, notes.c_str());
        QVERIFY2(notes.find("interface VPC endpoint: secretsmanager") != std::string::npos, notes.c_str());
        QVERIFY2(notes.find("sam-shorttags.yaml:50") != std::string::npos,
                 notes.c_str()); // NatGatewayA's line
    }

    void cdkJoinDefinitionString()
    {
        const tmpl::TemplateImport imported = mustImport("cdk-synth.json");
        const design::Project &p = *imported.project;
        QCOMPARE(p.workflowType, design::WorkflowType::Standard);
        QCOMPARE(q(p.definition["States"]["Work"]["Resource"].get<std::string>()),
                 QStringLiteral("arn:${AWSPartition}:states:::lambda:invoke"));
        QVERIFY(p.source->substitutions.value("AWSPartition", Json()) ==
                Json::parse(R"({"Ref": "AWS::Partition"})"));
        QCOMPARE(q(p.source->format), QStringLiteral("json"));
        const auto work = p.step("Work");
        QCOMPARE(q(work.function), QStringLiteral("WorkerFunction1A2B3C"));
        QCOMPARE(work.placement, design::Placement::InsideVpc);
        QCOMPARE(work.memoryMb, 256);
        // A literal ARN resolves through the function's FunctionName.
        const auto notify = p.step("Notify");
        QCOMPARE(q(notify.function), QStringLiteral("NotifyFunction9F8E7D"));
        QCOMPARE(notify.placement, design::Placement::OutsideVpc);
        QCOMPARE(notify.architecture, design::Architecture::Arm64);
        QCOMPARE(p.vpc.availabilityZones, 2); // eu-west-1a and eu-west-1b
        // An AWS::Events::Rule targets it at noon every day: 31 runs a month.
        QCOMPARE(p.usage.trigger, design::Trigger::EventBridge);
        QCOMPARE(p.usage.executionsPerMonth, 31.0);
    }

    void definitionUriWithSubstitutions()
    {
        const tmpl::TemplateImport imported = mustImport("sam-uri.yaml");
        const design::Project &p = *imported.project;
        QVERIFY(imported.definition.definitionFile.find("statemachine/flow.asl.json") != std::string::npos);
        QCOMPARE(q(p.definition["States"]["Fetch"]["Parameters"]["FunctionName"].get<std::string>()),
                 QStringLiteral("${FetchFunctionArn}"));
        QVERIFY(p.source->substitutions.value("ResultTopic", Json()) ==
                Json::parse(R"({"Ref": "ResultTopic"})"));
        const auto fetch = p.step("Fetch");
        QCOMPARE(q(fetch.function), QStringLiteral("FetchFunction"));
        QCOMPARE(fetch.placement, design::Placement::OutsideVpc);
        QCOMPARE(fetch.memoryMb, 2048);
        QCOMPARE(p.usage.trigger, design::Trigger::ApiGatewayHttp);
        // An API says nothing about volume: the default is kept, and said so.
        QCOMPARE(p.usage.executionsPerMonth, 1'000'000.0);
        QVERIFY(allNotes(imported).find("does not say how often") != std::string::npos);
        QVERIFY(!p.importNotes.empty());
    }

    void severalStateMachines()
    {
        const tmpl::Template t = mustRead("several.yaml");
        QCOMPARE(tmpl::listStateMachines(t).size(), std::size_t(2));
        std::string error;
        bool ambiguous = false;
        QVERIFY(!tmpl::chooseStateMachine(t, "", error, ambiguous));
        QVERIFY(ambiguous);
        QVERIFY2(error.find("Greeter") != std::string::npos && error.find("Waiter") != std::string::npos,
                 error.c_str());
        QVERIFY(!tmpl::chooseStateMachine(t, "Nope", error, ambiguous));
        QVERIFY(!ambiguous);

        const tmpl::TemplateImport greeter = mustImport("several.yaml", "Greeter");
        const design::Project &p = *greeter.project;
        QCOMPARE(p.workflowType, design::WorkflowType::Express);
        // Fn::Sub with a variables map: the map's value and the parameter both become placeholders.
        QCOMPARE(q(p.definition["States"]["Hello"]["Resource"].get<std::string>()),
                 QStringLiteral("${HelloArn}"));
        QCOMPARE(q(p.definition["States"]["Hello"]["Comment"].get<std::string>()),
                 QStringLiteral("stage ${Stage}"));
        QVERIFY(p.source->substitutions.value("Stage", Json()) == Json::parse(R"({"Ref": "Stage"})"));
        QCOMPARE(q(p.step("Hello").function), QStringLiteral("HelloFunction"));
        const tmpl::TemplateImport waiter = mustImport("several.yaml", "Waiter");
        QVERIFY(waiter.project->definition["States"]["Wait"]["Seconds"] == Json(5));
    }

    void projectKeepsSourceAndFunctions()
    {
        design::Project p = *mustImport("sam-shorttags.yaml").project;
        const std::string text = design::serializeProject(p);
        const Json json = Json::parse(text);
        QCOMPARE(q(json["source"]["template"].get<std::string>()), QStringLiteral("sam-shorttags.yaml"));
        QCOMPARE(q(json["source"]["stateMachine"].get<std::string>()), QStringLiteral("OrderStateMachine"));
        QCOMPARE(q(json["steps"]["Validate"]["function"].get<std::string>()),
                 QStringLiteral("ValidateFunction"));
        QVERIFY(json["importNotes"].is_array() && !json["importNotes"].empty());
        design::ProjectLoad load = design::parseProject(text, "p.egress.json");
        QVERIFY(load);
        QVERIFY(*load.project == p);
        // Wrong types are problems at their pointer, as for every other key.
        Json bad = json;
        bad["source"]["format"] = "toml";
        bad["steps"]["Validate"]["function"] = 3;
        load = design::parseProject(bad.dump(), "p.egress.json");
        QVERIFY(!load);
        QCOMPARE(load.problems.size(), std::size_t(2));
    }

    void templatePathRelativeToProject()
    {
        QCOMPARE(q(tmpl::templatePathFor("/a/b/template.yaml", "/a/c/p.egress.json")),
                 QStringLiteral("../b/template.yaml"));
        QCOMPARE(q(tmpl::templatePathFor("/a/template.yaml", "/a/p.egress.json")),
                 QStringLiteral("template.yaml"));
        QCOMPARE(q(tmpl::templatePathFor("t.yaml", "-")), QStringLiteral("t.yaml"));
    }

    void schedules_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<double>("executions");
        QTest::newRow("rate 5 minutes") << "rate(5 minutes)" << 8928.0;
        QTest::newRow("rate 1 minute") << "rate(1 minute)" << 44640.0;
        QTest::newRow("rate 1 hour") << "rate(1 hour)" << 744.0;
        QTest::newRow("rate 2 days") << "rate(2 days)" << 15.5;
        QTest::newRow("cron noon") << "cron(0 12 * * ? *)" << 31.0;
        QTest::newRow("cron every 15 minutes") << "cron(0/15 * * * ? *)" << 2976.0;
        QTest::newRow("cron weekdays 9-17") << "cron(0 9-17 ? * MON-FRI *)" << 9 * 5 * 31 / 7.0;
        QTest::newRow("cron first of month") << "cron(0 0 1 * ? *)" << 1.0;
        QTest::newRow("cron january only") << "cron(0 0 1 JAN ? *)" << 1 / 12.0;
        QTest::newRow("at") << "at(2026-12-01T10:00:00)" << 1.0;
        QTest::newRow("bad unit") << "rate(5 weeks)" << -1.0;
        QTest::newRow("bad cron") << "cron(0 12 * *)" << -1.0;
        QTest::newRow("not a schedule") << "every day" << -1.0;
    }

    void schedules()
    {
        QFETCH(QString, expression);
        QFETCH(double, executions);
        std::string why;
        const auto value = tmpl::executionsPerMonth(expression.toStdString(), why);
        if (executions < 0) {
            QVERIFY(!value);
            QVERIFY(!why.empty());
        } else {
            QVERIFY2(value, why.c_str());
            QVERIFY(qAbs(*value - executions) < 1e-9);
        }
    }

    void badTemplates_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown tag") << "bad/unknown-tag.yaml" << 6 << "unknown tag !GetAttr";
        QTest::newRow("ref to nothing")
            << "bad/ref-to-nothing.yaml" << 7 << "\"Worker.Arn\", which is neither";
        QTest::newRow("cycle") << "bad/cycle.yaml" << 3 << "circular dependency between resources";
        QTest::newRow("malformed") << "bad/malformed.yaml" << 6 << "invalid YAML";
    }

    void badTemplates()
    {
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, message);
        const auto error = firstError(file.toStdString());
        QVERIFY2(error, "the template reads, but should not");
        const asl::Diagnostic &d = *error;
        QVERIFY2(d.file == data(file.toStdString()), d.toString().c_str());
        QVERIFY2(q(d.message).contains(message), d.toString().c_str());
        QCOMPARE(d.line, line);
    }

    void missingDefinitionUri()
    {
        const tmpl::Template t = mustRead("bad/missing-uri.yaml");
        const tmpl::TemplateImport imported = tmpl::importStateMachine(t, "Flow", "missing-uri.yaml");
        QVERIFY(!imported);
        QCOMPARE(imported.problems.size(), std::size_t(1));
        const asl::Diagnostic &d = imported.problems.front();
        QCOMPARE(d.line, 7);
        QVERIFY2(d.message.find("statemachine/missing.asl.json") != std::string::npos, d.toString().c_str());
        QVERIFY2(d.message.find("cannot open") != std::string::npos, d.toString().c_str());
    }

    void hugeTemplateRefusedQuickly()
    {
        std::string text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";
        for (int i = 0; text.size() < 5u * 1024 * 1024; ++i)
            text += "  Topic" + std::to_string(i) + ":\n    Type: AWS::SNS::Topic\n";
        QElapsedTimer timer;
        timer.start();
        const tmpl::TemplateRead read = tmpl::parseTemplate(text, "huge.yaml", true);
        QVERIFY(!read);
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(read.problems.front().line, 1);
        QVERIFY(read.problems.front().message.find("at most 1 MB") != std::string::npos);
    }

    void definitionProblemsAtTemplateLines()
    {
        const tmpl::Template t = mustRead("bad/bad-definition.yaml");
        const tmpl::ExtractedDefinition d = tmpl::extractDefinition(t, "Flow");
        QVERIFY(d.ok());
        const auto problems = asl::validateDefinition(d.definition, d.definitionFile);
        QVERIFY(asl::hasErrors(problems));
        const asl::Diagnostic located = tmpl::locateInTemplate(t, d, problems.front());
        QCOMPARE(located.file, t.path);
        QCOMPARE(q(located.pointer),
                 QStringLiteral("/Resources/Flow/Properties/Definition/States/First/Next"));
        QCOMPARE(located.line, 12);
    }

    void reimportKeepsTheCanvas()
    {
        tmpl::TemplateLoad first = tmpl::loadTemplateProject(data("sam-shorttags.yaml"), "", "");
        QVERIFY(first);
        QVERIFY(first.project->step("Validate").position); // laid out
        design::Project current = *first.project;
        current.steps["Validate"].position = std::array<double, 2>{1234, 567};
        current.vpc.rect = {10, 20, 900, 700};
        current.name = "Renamed by the user";
        // The template changed: the fresh import lays out from scratch; the merge keeps the user's canvas.
        design::Project fresh = *tmpl::loadTemplateProject(data("sam-shorttags.yaml"), "", "").project;
        fresh.steps["Charge"].memoryMb = 4096;
        fresh.steps.erase("Save");
        const design::Project merged = tmpl::mergeReimport(current, fresh);
        QCOMPARE((*merged.step("Validate").position)[0], 1234.0);
        QCOMPARE(merged.vpc.rect[2], 900.0);
        QCOMPARE(q(merged.name), QStringLiteral("Renamed by the user"));
        QCOMPARE(merged.step("Charge").memoryMb, 4096);
        QVERIFY(!merged.steps.count("Save"));
        QVERIFY(first.definitionProblems.empty());
    }

    // egress-cli on templates.

    void cliImport()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("orders.egress.json"));
        const Run run =
            runCli({QStringLiteral("import"), q(data("sam-shorttags.yaml")), QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QStringLiteral("2 NAT gateways")), qPrintable(describe(run)));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Json project = Json::parse(file.readAll().toStdString());
        // source.template is relative to the project's folder.
        const std::string expected = tmpl::templatePathFor(data("sam-shorttags.yaml"), out.toStdString());
        QCOMPARE(q(project["source"]["template"].get<std::string>()), q(expected));
        QVERIFY(project["steps"]["Validate"].contains("position"));
        QVERIFY(project["usage"]["executionsPerMonth"] == Json(8928.0));
    }

    void cliImportSeveralNeedsAName()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("p.egress.json"));
        Run run = runCli({QStringLiteral("import"), q(data("several.yaml")), QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY(run.err.contains(QStringLiteral("Greeter")) && run.err.contains(QStringLiteral("Waiter")));
        QVERIFY(!QFile::exists(out));
        run = runCli({QStringLiteral("import"), q(data("several.yaml")), QStringLiteral("--state-machine"),
                      QStringLiteral("Waiter"), QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(QFile::exists(out));
    }

    void cliBadTemplatesWriteNothing()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("p.egress.json"));
        for (const char *bad : {"bad/unknown-tag.yaml", "bad/missing-uri.yaml", "bad/ref-to-nothing.yaml",
                                "bad/cycle.yaml", "bad/malformed.yaml"}) {
            const Run run = runCli({QStringLiteral("import"), q(data(bad)), QStringLiteral("-o"), out});
            QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
            QVERIFY2(run.err.contains(q(data(bad)) + QLatin1Char(':')), qPrintable(describe(run)));
            QVERIFY(!QFile::exists(out));
        }
    }

    void cliValidate()
    {
        Run run = runCli({QStringLiteral("validate"), q(data("sam-uri.yaml")), q(data("cdk-synth.json")),
                          q(data("several.yaml"))});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        run = runCli({QStringLiteral("validate"), q(data("bad/bad-definition.yaml"))});
        QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(q(data("bad/bad-definition.yaml")) + QStringLiteral(":12: ")),
                 qPrintable(describe(run)));
        run = runCli({QStringLiteral("validate"), q(data("bad/unknown-tag.yaml"))});
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(q(data("bad/unknown-tag.yaml")) + QStringLiteral(":6:")),
                 qPrintable(describe(run)));
        // Not "unknown top-level field AWSTemplateFormatVersion" any more.
        QVERIFY(!run.out.contains(QStringLiteral("AWSTemplateFormatVersion")));
    }

    void cliCostAndExportAsl()
    {
        Run run = runCli({QStringLiteral("cost"), q(data("cdk-synth.json")), QStringLiteral("--format"),
                          QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(Json::parse(run.out.toStdString()).is_object());
        run = runCli({QStringLiteral("cost"), q(data("several.yaml"))});
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        run = runCli({QStringLiteral("export-asl"), q(data("several.yaml")),
                      QStringLiteral("--state-machine"), QStringLiteral("Greeter"), QStringLiteral("-o"),
                      QStringLiteral("-"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(q(Json::parse(run.out.toStdString())["States"]["Hello"]["Resource"].get<std::string>()),
                 QStringLiteral("${HelloArn}"));
    }
};

QTEST_GUILESS_MAIN(TestTemplate)
#include "tst_template.moc"

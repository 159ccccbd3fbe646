// Calibration from real usage (docs/usage.md): `egress-cli usage import` over CloudWatch get-metric-data
// output, `cost P --usage`. The fixtures in tests/data/usage/ cover 3 days (2026-11-01 … 11-04) of a made-up
// "orders" state machine; every expected figure below is computed by hand from them:
//  - executions: 1,000 + 2,000 + 3,000 = 6,000 in 3 days → 6,000 × 730 h / 72 h = 60,833.3333 per month
//  - ExecutionTime Average weighted by the day's executions: (1000×1000 + 900×2000 + 1200×3000) / 6000 =
//  1066.6667
//  - PrepareOrderFunction: Duration Sum 900,000 ms / 6,000 invocations = 150 ms
//  - CallPartnerApiFunction: Average (300×1100 + 400×2200 + 500×3300) / 6600 = 433.3333 ms
//  - RecordResultFunction: 292,000 ms / 5,840 = 50 ms
//  - NAT: 6,144,000 bytes out / 6,000 = 1,024 B (1 KB); 61,440,000 in / 6,000 = 10,240 B (10 KB) per
//  execution
#include "clirun.h"
#include "corpus.h"
#include "cost/pricing.h"
#include "design/projectio.h"
#include "usage/applyusage.h"
#include "usage/billcompare.h"
#include "usage/metricimport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace usage = egress::usage;
using egress::test::describe;
using egress::test::fixtureDir;
using egress::test::runCli;

namespace {

QString fixture(const QString &name)
{
    return fixtureDir(QStringLiteral("usage")) + QLatin1Char('/') + name;
}

std::string fixturePath(const char *name)
{
    return fixture(QString::fromUtf8(name)).toStdString();
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

QByteArray readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** One get-metric-data result as the aws CLI prints it. */
QByteArray result(const QByteArray &label, const QByteArray &timestamps, const QByteArray &values,
                  const QByteArray &status = "Complete")
{
    return "{\"Id\": \"m\", \"Label\": \"" + label + "\", \"Timestamps\": [" + timestamps +
           "], \"Values\": [" + values + "], \"StatusCode\": \"" + status + "\"}";
}

QByteArray document(const QByteArray &results)
{
    return "{\"MetricDataResults\": [" + results + "], \"Messages\": []}";
}

const QByteArray kThreeDays = "\"2026-11-01T00:00:00+00:00\", \"2026-11-02T00:00:00+00:00\", "
                              "\"2026-11-03T00:00:00+00:00\"";
const QByteArray kStarted =
    "AWS/States ExecutionsStarted Sum StateMachineArn=arn:aws:states:us-east-1:1:stateMachine:orders";

constexpr double kExecutionsPerMonth = 6000.0 * 730 / 72;

} // namespace

class TestUsage : public QObject
{
    Q_OBJECT

private slots:
    void isoTimes()
    {
        QCOMPARE(*usage::parseIsoTime("1970-01-02T00:00:00Z"), 86400.0);
        QCOMPARE(*usage::parseIsoTime("2026-11-01T00:00:00+00:00"), 1793491200.0);
        QCOMPARE(*usage::parseIsoTime("2026-11-01T02:00:00+02:00"), 1793491200.0);
        QCOMPARE(*usage::parseIsoTime("2026-11-01T00:00:00.000Z"), 1793491200.0);
        QCOMPARE(usage::formatIsoTime(1793491200.0), std::string("2026-11-01T00:00:00Z"));
        QVERIFY(!usage::parseIsoTime("yesterday"));
        QVERIFY(!usage::parseIsoTime("2026-13-01T00:00:00Z"));
        QVERIFY(!usage::parseIsoTime("2026-11-01T00:00:00 CET"));
    }

    void importComputesTheHandFigures()
    {
        const usage::MetricImport import = usage::importMetrics(
            {fixturePath("states.json"), fixturePath("lambda.json"), fixturePath("nat.json")});
        QVERIFY2(import.usage, import.errors.empty() ? "" : import.errors.front().c_str());
        const usage::UsageProfile &u = *import.usage;
        QCOMPARE(u.start, std::string("2026-11-01T00:00:00Z"));
        QCOMPARE(u.end, std::string("2026-11-04T00:00:00Z"));
        QCOMPARE(u.days, 3.0);
        QCOMPARE(u.stateMachine, std::string("arn:aws:states:us-east-1:123456789012:stateMachine:orders"));
        QCOMPARE(u.executions, 6000.0);
        QVERIFY(qFuzzyCompare(u.executionsPerMonth, kExecutionsPerMonth));
        QVERIFY(qFuzzyCompare(*u.executionTimeMs, 6400000.0 / 6000));
        QCOMPARE(u.functions.size(), std::size_t(4));
        QCOMPARE(*u.functions.at("orders-PrepareOrderFunction-AbC123").durationMs, 150.0);
        QCOMPARE(*u.functions.at("orders-PrepareOrderFunction-AbC123").invocations, 6000.0);
        QVERIFY(qFuzzyCompare(*u.functions.at("orders-CallPartnerApiFunction-XyZ789").durationMs,
                              2860000.0 / 6600));
        QCOMPARE(*u.functions.at("orders-RecordResultFunction-Q1").durationMs, 50.0);
        QVERIFY(!u.functions.at("billing-exporter").durationMs);
        QCOMPARE(*u.bytesOutPerExecution(), 1024.0);
        QCOMPARE(*u.bytesInPerExecution(), 10240.0);

        // The file round-trips (figures rounded to 4 decimals).
        const usage::UsageLoad again = usage::parseUsage(usage::usageToJson(u), "mem.json");
        QVERIFY2(again.usage, again.error.c_str());
        QCOMPARE(again.usage->executions, 6000.0);
        QCOMPARE(again.usage->executionsPerMonth, 60833.3333);
        QCOMPARE(*again.usage->natBytesIn, 61440000.0);
    }

    void applyMatchesFunctionsToSteps()
    {
        const auto project = egress::design::loadProject(fixturePath("orders.egress.json"));
        QVERIFY(project);
        const usage::MetricImport import = usage::importMetrics(
            {fixturePath("states.json"), fixturePath("lambda.json"), fixturePath("nat.json")});
        QVERIFY(import.usage);
        const usage::UsageApplication a = usage::applyUsage(*project.project, *import.usage);
        const egress::design::Project &p = a.project;
        QVERIFY(qFuzzyCompare(p.usage.executionsPerMonth, kExecutionsPerMonth));
        // ${PrepareOrderFunctionArn} → PrepareOrderFunction, a part of orders-PrepareOrderFunction-AbC123.
        QCOMPARE(p.step("Prepare order").durationMs, 150.0);
        QVERIFY(qFuzzyCompare(p.step("Call partner API").durationMs, 2860000.0 / 6600));
        QCOMPARE(p.step("Record result").durationMs, 50.0);
        QCOMPARE(p.step("Record failure").durationMs, 60.0); // no function in the usage: unchanged
        // The only internet step: 1 + 0.02 + 0.02² + 0.02³ attempts per execution (failureRate 0.02,
        // MaxAttempts 3 retries); its 4 KB / 16 KB scale so one execution moves exactly 1 KB out and 10 KB
        // in.
        const double attempts = 1.020408;
        QVERIFY(qFuzzyCompare(p.step("Call partner API").requestKb * attempts, 1.0));
        QVERIFY(qFuzzyCompare(p.step("Call partner API").responseKb * attempts, 10.0));
        QCOMPARE(p.step("Prepare order").requestKb, 0.0);

        auto has = [](const std::vector<std::string> &lines, const std::string &text) {
            for (const std::string &l : lines)
                if (l.find(text) != std::string::npos)
                    return true;
            return false;
        };
        QVERIFY(has(a.applied, "executions per month: 200,000 → 60,833"));
        QVERIFY(has(a.applied, "step \"Prepare order\": duration 120 → 150 ms (function "
                               "orders-PrepareOrderFunction-AbC123)"));
        QVERIFY(has(a.applied, "request KB per execution: 1 "));
        QVERIFY(has(a.notApplied, "step \"Record failure\": no function in the usage matches it"));
        QVERIFY(has(a.notApplied, "function billing-exporter: no step of the workflow calls it"));
        QCOMPARE(a.notApplied.size(), std::size_t(2));
        // ExecutionTime: 1,066.6667 ms on average (see the top of the file).
        QVERIFY(p.usage.executionSeconds && std::abs(*p.usage.executionSeconds - 1.0666667) < 1e-6);
        QVERIFY(has(a.applied, "execution time: 1.067 s per execution"));
    }

    /** A measured execution time replaces the steps' sum as the duration Express bills (100 ms steps). */
    void measuredExecutionTimeBillsExpressDuration()
    {
        auto loaded = egress::design::loadProject(fixturePath("orders.egress.json"));
        QVERIFY(loaded);
        egress::design::Project project = *loaded.project;
        auto expressSeconds = [](const egress::design::Project &p) {
            const egress::cost::PricedDesign priced = egress::cost::priceDesign(p, {});
            const egress::cost::StrategyCost *express = nullptr;
            for (const auto &s : priced.report.strategies)
                if (s.id == "step-functions-express")
                    express = &s;
            const egress::cost::LineItem *duration =
                express ? express->item("sfn-express-duration") : nullptr;
            return std::pair{duration ? duration->meters.at(0).perExecution : -1.0,
                             duration ? duration->label : std::string()};
        };
        const auto [estimatedGbS, estimatedFormula] = expressSeconds(project);
        QVERIFY(estimatedGbS > 0);
        QVERIFY2(estimatedFormula.find("measured") == std::string::npos, estimatedFormula.c_str());

        project.usage.executionSeconds = 1.0666667; // billed as 1.1 s
        const auto [oneGbS, oneFormula] = expressSeconds(project);
        project.usage.executionSeconds = 2.15; // billed as 2.2 s: exactly twice the GB-seconds
        const auto [twoGbS, twoFormula] = expressSeconds(project);
        QVERIFY(qFuzzyCompare(twoGbS, 2 * oneGbS));
        QVERIFY2(oneFormula.find(" × 1.1 s (measured)") != std::string::npos, oneFormula.c_str());
        QVERIFY2(twoFormula.find(" × 2.2 s (measured)") != std::string::npos, twoFormula.c_str());

        // It is saved with the project and read back; a negative one is an error at its place.
        const std::string saved = egress::design::serializeProject(project);
        const auto reread = egress::design::parseProject(saved, "orders.egress.json");
        QVERIFY(reread && reread.project->usage.executionSeconds == 2.15);
        std::string bad = saved;
        bad.replace(bad.find("\"executionSeconds\": 2.15"), 24, "\"executionSeconds\": -1.0");
        const auto rejected = egress::design::parseProject(bad, "orders.egress.json");
        QVERIFY(!rejected);
        QVERIFY(!rejected.problems.empty());
        const std::string message = rejected.problems.front().toString();
        QVERIFY2(message.find("orders.egress.json: /usage/executionSeconds") != std::string::npos,
                 message.c_str());
    }

    void matchingRules()
    {
        using usage::functionMatches;
        QVERIFY(functionMatches("orders-Fetch-1A2B", {"Fetch"}, "Get it"));
        QVERIFY(!functionMatches("orders-FetchAll-1A2B", {"Fetch"}, "Get it"));
        QVERIFY(functionMatches("fetch-orders", {}, "Fetch orders"));
        QVERIFY(!functionMatches("fetch-orders-v2", {}, "Fetch orders"));
        const egress::design::StepDesign none;
        const auto keys = usage::functionKeys(
            nlohmann::ordered_json::parse(R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                "Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:1:function:orders-fetch:live"}})"),
            none);
        QCOMPARE(keys, std::vector<std::string>{"orders-fetch"});
        const auto direct = usage::functionKeys(
            nlohmann::ordered_json::parse(R"({"Type":"Task","Resource":{"Fn::GetAtt":["FetchFn","Arn"]}})"),
            none);
        QCOMPARE(direct, std::vector<std::string>{"FetchFn"});
    }

    void cliImportWritesTheUsageFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("usage.json"));
        const auto run = runCli({QStringLiteral("usage"), QStringLiteral("import"), fixture("states.json"),
                                 fixture("lambda.json"), fixture("nat.json"), QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QStringLiteral("6,000 executions, 60,833 per month")), qPrintable(run.err));
        const auto json = nlohmann::json::parse(readText(out).toStdString());
        QCOMPARE(json["format"].get<std::string>(), std::string("egress-usage"));
        QCOMPARE(json["version"].get<int>(), 1);
        QCOMPARE(json["period"]["days"].get<double>(), 3.0);
        QCOMPARE(json["executionsPerMonth"].get<double>(), 60833.3333);
        QCOMPARE(json["executionTimeMs"].get<double>(), 1066.6667);
        QCOMPARE(json["functions"]["orders-CallPartnerApiFunction-XyZ789"]["durationMs"].get<double>(),
                 433.3333);
        QCOMPARE(json["functions"]["orders-CallPartnerApiFunction-XyZ789"]["invocationsPerExecution"]
                     .get<double>(),
                 1.1);
        QCOMPARE(json["nat"]["bytesOutPerExecution"].get<double>(), 1024.0);
        QCOMPARE(json["nat"]["bytesInPerExecution"].get<double>(), 10240.0);

        // cost --usage: priced at the measured volume, and says what it applied and what it could not.
        const auto cost =
            runCli({QStringLiteral("cost"), fixture("orders.egress.json"), QStringLiteral("--usage"), out,
                    QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(cost.exitCode == 0, qPrintable(describe(cost)));
        const auto report = nlohmann::json::parse(cost.out.toStdString());
        QCOMPARE(report["executionsPerMonth"].get<double>(), 60833.3333);
        QCOMPARE(report["usage"]["applied"].size(),
                 std::size_t(7)); // volume, execution time, 3 durations, request, response
        QCOMPARE(report["usage"]["notApplied"].size(), std::size_t(2));
        const auto text =
            runCli({QStringLiteral("cost"), fixture("orders.egress.json"), QStringLiteral("--usage"), out});
        QVERIFY2(text.exitCode == 0, qPrintable(describe(text)));
        QVERIFY2(text.out.startsWith(QStringLiteral("Usage from ")), qPrintable(text.out));
        QVERIFY(text.out.contains(
            QStringLiteral("not applied: function billing-exporter: no step of the workflow calls it")));

        // A broken usage file: exit 2, located.
        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        QVERIFY(writeText(broken, R"({"format": "egress-usage", "version": 1, "period": {"start": "a",
            "end": "b", "days": "three"}})"));
        const auto bad = runCli(
            {QStringLiteral("cost"), fixture("orders.egress.json"), QStringLiteral("--usage"), broken});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(broken + QStringLiteral(": /period/days: expected a number")),
                 qPrintable(bad.err));
    }

    void optionsForGapsAndSingleValues()
    {
        QTemporaryDir dir;
        const QString gap = dir.filePath(QStringLiteral("gap.json"));
        QVERIFY(writeText(gap, document(result(kStarted,
                                               "\"2026-11-01T00:00:00Z\", \"2026-11-03T00:00:00Z\", "
                                               "\"2026-11-04T00:00:00Z\"",
                                               "10, 30, 40"))));
        usage::MetricImportOptions options;
        options.gapsAsZero = true;
        const auto filled = usage::importMetrics({gap.toStdString()}, options);
        QVERIFY(filled.usage);
        QCOMPARE(filled.usage->executions, 80.0);
        QCOMPARE(filled.usage->days, 4.0);

        const QString single = dir.filePath(QStringLiteral("single.json"));
        QVERIFY(writeText(single, document(result(kStarted, "\"2026-11-01T00:00:00Z\"", "3000"))));
        QVERIFY(!usage::importMetrics({single.toStdString()}).usage);
        options = {};
        options.periodSeconds = 30 * 86400.0;
        const auto month = usage::importMetrics({single.toStdString()}, options);
        QVERIFY(month.usage);
        QCOMPARE(month.usage->days, 30.0);
        QVERIFY(qFuzzyCompare(month.usage->executionsPerMonth, 3000 * 730 / 720.0));
    }

    void malformedInputsAreLocatedAndWriteNothing_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        const QByteArray ok = result(kStarted, kThreeDays, "1, 2, 3");
        QTest::newRow("malformed JSON")
            << QByteArray("{\"MetricDataResults\": [\n  {\"Id\": }") << "bad.json:2:";
        QTest::newRow("not get-metric-data")
            << QByteArray("{\"Datapoints\": []}") << "bad.json: /: not what `aws cloudwatch get-metric-data";
        QTest::newRow("empty results") << document("") << "bad.json: /MetricDataResults: no results";
        QTest::newRow("no data points")
            << document(result(kStarted, "", "")) << "bad.json: /MetricDataResults/0/Values: no data points";
        QTest::newRow("partial data") << document(result(kStarted, kThreeDays, "1, 2, 3", "PartialData"))
                                      << "bad.json: /MetricDataResults/0/StatusCode: PartialData";
        QTest::newRow("wrong unit") << document(ok + "," +
                                                result("AWS/Lambda Duration Sum FunctionName=f Unit=Seconds",
                                                       kThreeDays, "1, 2, 3"))
                                    << "/MetricDataResults/1/Label: wrong unit: AWS/Lambda Duration is "
                                       "published in Milliseconds, the "
                                       "label says Seconds";
        QTest::newRow("other metric")
            << document(ok + "," + result("AWS/Lambda Errors Sum FunctionName=f", kThreeDays, "1, 2, 3"))
            << "/MetricDataResults/1/Label: AWS/Lambda Errors is not a metric usage import reads";
        QTest::newRow("other namespace")
            << document(result("AWS/EC2 CPUUtilization Average InstanceId=i-1", kThreeDays, "1, 2, 3"))
            << "/MetricDataResults/0/Label: AWS/EC2 is not a namespace usage import reads";
        QTest::newRow("default label")
            << document(result("ExecutionsStarted", kThreeDays, "1, 2, 3"))
            << "/MetricDataResults/0/Label: the label \"ExecutionsStarted\" does not say";
        QTest::newRow("other statistic")
            << document(
                   result("AWS/States ExecutionsStarted Maximum StateMachineArn=a", kThreeDays, "1, 2, 3"))
            << "the statistic must be Sum, not \"Maximum\"";
        QTest::newRow("gap") << document(result(kStarted,
                                                "\"2026-11-01T00:00:00Z\", \"2026-11-02T00:00:00Z\", "
                                                "\"2026-11-04T00:00:00Z\"",
                                                "1, 2, 3"))
                             << "has no value for 2026-11-03T00:00:00Z (1 of 4 periods";
        QTest::newRow("negative value") << document(result(kStarted, kThreeDays, "1, -2, 3"))
                                        << "/MetricDataResults/0/Values/1: expected a number ≥ 0";
        QTest::newRow("text value") << document(result(kStarted, kThreeDays, "1, \"2\", 3"))
                                    << "/MetricDataResults/0/Values/1: expected a number ≥ 0";
        QTest::newRow("bad timestamp") << document(result(kStarted, "\"yesterday\"", "1"))
                                       << "/MetricDataResults/0/Timestamps/0: expected an ISO 8601 time";
        QTest::newRow("lengths differ") << document(result(kStarted, kThreeDays, "1, 2"))
                                        << "/MetricDataResults/0/Values: 2 values for 3 timestamps";
        QTest::newRow("next page") << QByteArray("{\"MetricDataResults\": [" + ok +
                                                 "], \"NextToken\": \"abc\"}")
                                   << "bad.json: /NextToken: this is one page of several";
        QTest::newRow("no executions metric")
            << document(result("AWS/Lambda Invocations Sum FunctionName=f", kThreeDays, "1, 2, 3"))
            << "no AWS/States ExecutionsStarted result";
        QTest::newRow("no executions")
            << document(result(kStarted, kThreeDays, "0, 0, 0"))
            << "no execution started from 2026-11-01T00:00:00Z to 2026-11-04T00:00:00Z";
        QTest::newRow("single values")
            << document(result(kStarted, "\"2026-11-01T00:00:00Z\"", "1")) << "pass --period SECONDS";
        QTest::newRow("duration sum alone")
            << document(ok + "," + result("AWS/Lambda Duration Sum FunctionName=f", kThreeDays, "1, 2, 3"))
            << "the Sum of f's Duration needs its Invocations";
        QTest::newRow("two state machines")
            << document(
                   ok + "," +
                   result("AWS/States ExecutionsStarted Sum StateMachineArn=other", kThreeDays, "1, 2, 3"))
            << "a second state machine (other besides";
        QTest::newRow("the same metric twice")
            << document(ok + "," + ok)
            << "/MetricDataResults/1: \"" + QString::fromUtf8(kStarted) + "\" is the same metric as";
        QTest::newRow("uneven periods")
            << document(result(kStarted,
                               "\"2026-11-01T00:00:00Z\", \"2026-11-02T00:00:00Z\", \"2026-11-02T12:00:00Z\"",
                               "1, 2, 3"))
            << "has no value for";
    }

    void malformedInputsAreLocatedAndWriteNothing()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QVERIFY(writeText(bad, text));
        const QString out = dir.filePath(QStringLiteral("usage.json"));
        QVERIFY(writeText(out, "previous"));
        const auto run =
            runCli({QStringLiteral("usage"), QStringLiteral("import"), bad, QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("nothing written")), qPrintable(run.err));
        QCOMPARE(readText(out), QByteArray("previous"));
    }

    void usageTypesMapToLineItems()
    {
        using usage::lineItemForUsageType;
        QCOMPARE(lineItemForUsageType("USE1-NatGateway-Hours", ""), std::string("nat-gateway-hours"));
        QCOMPARE(lineItemForUsageType("NatGateway-Bytes", ""), std::string("nat-data-processing"));
        QCOMPARE(lineItemForUsageType("EUW1-StepFunctions-StateTransition", ""),
                 std::string("sfn-state-transitions"));
        QCOMPARE(lineItemForUsageType("Lambda-GB-Second", "AWS Lambda"), std::string("lambda-duration"));
        QCOMPARE(lineItemForUsageType("APN1-Lambda-GB-Second-ARM", ""), std::string("lambda-duration"));
        QCOMPARE(lineItemForUsageType("Request", "AWS Lambda"), std::string("lambda-requests"));
        QCOMPARE(lineItemForUsageType("USE1-ApiGatewayRequest", "Amazon API Gateway"),
                 std::string("trigger-requests"));
        QCOMPARE(lineItemForUsageType("USE1-PublicIPv4:InUseAddress", ""), std::string("nat-public-ipv4"));
        QCOMPARE(lineItemForUsageType("USE1-DataTransfer-Regional-Bytes", ""),
                 std::string("inter-az-transfer"));
        QCOMPARE(lineItemForUsageType("USE1-EUW1-AWS-Out-Bytes", ""), std::string()); // between regions
        QCOMPARE(lineItemForUsageType("TimedStorage-ByteHrs", "Amazon S3"), std::string());
    }

    void billParsesTheCostAndUsageReport()
    {
        const usage::BillLoad load = usage::loadBill(fixturePath("bill-cur.csv"));
        QVERIFY2(load.bill, load.error.c_str());
        const usage::Bill &bill = *load.bill;
        QCOMPARE(bill.rows, 10);
        QCOMPARE(bill.usages.size(), std::size_t(7)); // the two StateTransition rows are one usage type
        QVERIFY(qFuzzyCompare(bill.skippedUsd, -0.77));
        QCOMPARE(bill.start, std::string("2026-11-01T00:00:00Z"));
        QCOMPARE(bill.end, std::string("2026-12-01T00:00:00Z"));
        QCOMPARE(bill.usages.front().usd, 4.9);
        QCOMPARE(bill.usages.front().amount, 196000.0);
        QCOMPARE(bill.usages.back().product, std::string("AmazonCloudWatch, metrics \"API\"")); // quoted CSV

        const usage::BillLoad cur2 = usage::loadBill(fixturePath("bill-cur2.csv"));
        QVERIFY2(cur2.bill, cur2.error.c_str());
        QCOMPARE(cur2.bill->usages.size(), std::size_t(2));
        QCOMPARE(cur2.bill->usages[1].lineItem, std::string("nat-data-processing"));
    }

    /** Cost Explorer's JSON (aws ce get-cost-and-usage, grouped by SERVICE and USAGE_TYPE, two half-months)
     * holds the same usage as bill-cur.csv: the same usage types, sums and line items. */
    void billParsesCostExplorerJson()
    {
        const usage::BillLoad ce = usage::loadBill(fixturePath("bill-ce.json"));
        QVERIFY2(ce.bill, ce.error.c_str());
        const usage::BillLoad cur = usage::loadBill(fixturePath("bill-cur.csv"));
        QVERIFY2(cur.bill, cur.error.c_str());
        QCOMPARE(ce.bill->rows, 10);
        QCOMPARE(ce.bill->start, std::string("2026-11-01"));
        QCOMPARE(ce.bill->end, std::string("2026-12-01"));
        QCOMPARE(ce.bill->skippedUsd, 0.0);
        QCOMPARE(ce.bill->usages.size(), cur.bill->usages.size());
        std::map<std::string, const usage::BilledUsage *> byType;
        for (const usage::BilledUsage &u : cur.bill->usages)
            byType[u.usageType] = &u;
        for (const usage::BilledUsage &u : ce.bill->usages) {
            const usage::BilledUsage *c = byType[u.usageType];
            QVERIFY2(c, u.usageType.c_str());
            QVERIFY2(qFuzzyCompare(u.usd, c->usd), u.usageType.c_str());
            QVERIFY2(qFuzzyCompare(u.amount, c->amount), u.usageType.c_str());
            QCOMPARE(u.lineItem, c->lineItem);
        }
        QCOMPARE(ce.bill->usages.front().product, std::string("AWS Step Functions"));

        const auto run =
            runCli({QStringLiteral("cost"), fixture("orders.egress.json"), QStringLiteral("--bill"),
                    fixture("bill-ce.json"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const auto json = nlohmann::json::parse(run.out.toStdString());
        QVERIFY(qFuzzyCompare(json["bill"]["billedUsd"].get<double>(), 72.68));
    }

    void costBillShowsEstimateBesideBilled()
    {
        const auto run =
            runCli({QStringLiteral("cost"), fixture("orders.egress.json"), QStringLiteral("--bill"),
                    fixture("bill-cur.csv"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const auto json = nlohmann::json::parse(run.out.toStdString());
        const auto &bill = json["bill"];
        QCOMPARE(bill["strategy"].get<std::string>(), std::string("step-functions-standard"));
        QVERIFY(qFuzzyCompare(bill["billedUsd"].get<double>(), 72.68));
        QVERIFY(qFuzzyCompare(bill["skippedUsd"].get<double>(), -0.77));
        // The estimate is the designed strategy's, item by item, as the report prices it.
        double designedUsd = 0;
        std::map<std::string, double> estimate;
        for (const auto &s : json["strategies"])
            if (s["designed"].get<bool>()) {
                designedUsd = s["monthlyUsd"].get<double>();
                for (const auto &item : s["items"])
                    estimate[item["id"].get<std::string>()] = item["usd"].get<double>();
            }
        QVERIFY(std::abs(bill["estimateUsd"].get<double>() - designedUsd) <
                1e-5); // the report rounds to 6 decimals
        std::map<std::string, nlohmann::json> lines;
        for (const auto &l : bill["lines"])
            lines[l["id"].is_null() ? std::string("other") : l["id"].get<std::string>()] = l;
        QCOMPARE(lines["sfn-state-transitions"]["billedUsd"].get<double>(), 4.9);
        QVERIFY(std::abs(lines["sfn-state-transitions"]["estimateUsd"].get<double>() -
                         estimate["sfn-state-transitions"]) < 1e-5);
        QVERIFY(estimate["sfn-state-transitions"] >
                14); // 200,000 × 3.0204 − 4,000 free transitions × $0.025/1,000
        QCOMPARE(lines["lambda-duration"]["billedUsd"].get<double>(), 0.8);
        QCOMPARE(lines["lambda-requests"]["billedUsd"].get<double>(), 0.12);
        QCOMPARE(lines["trigger-requests"]["billedUsd"].get<double>(), 0.7);
        // Billed, but not part of the design: shown with no estimate.
        QCOMPARE(lines["nat-gateway-hours"]["billedUsd"].get<double>(), 65.7);
        QCOMPARE(lines["nat-gateway-hours"]["estimateUsd"].get<double>(), 0.0);
        QCOMPARE(lines["nat-gateway-hours"]["label"].get<std::string>(),
                 std::string("not in step-functions-standard"));
        QCOMPARE(lines["other"]["billedUsd"].get<double>(), 0.01);
        QCOMPARE(lines["other"]["usageTypes"][0].get<std::string>(), std::string("USE1-CW:Requests"));

        const auto text = runCli({QStringLiteral("cost"), fixture("orders.egress.json"),
                                  QStringLiteral("--bill"), fixture("bill-cur.csv")});
        QVERIFY2(text.exitCode == 0, qPrintable(describe(text)));
        QVERIFY2(text.out.contains(
                     QStringLiteral("nat-gateway-hours                  $0.00      $65.70       $65.70  "
                                    "USE1-NatGateway-Hours")),
                 qPrintable(text.out));
        QVERIFY(text.out.contains(QStringLiteral("Not compared: -$0.77 of tax, credits, refunds and fees.")));
        const auto md =
            runCli({QStringLiteral("cost"), fixture("orders.egress.json"), QStringLiteral("--bill"),
                    fixture("bill-cur.csv"), QStringLiteral("--format"), QStringLiteral("markdown")});
        QCOMPARE(md.exitCode, 0);
        QVERIFY2(md.out.contains(QStringLiteral(
                     "| nat-gateway-hours | $0.00 | $65.70 | $65.70 | USE1-NatGateway-Hours |")),
                 qPrintable(md.out));
        const auto other =
            runCli({QStringLiteral("cost"), fixture("orders.egress.json"), QStringLiteral("--bill"),
                    fixture("bill-cur.csv"), QStringLiteral("--bill-strategy"), QStringLiteral("nat-gateway"),
                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(other.exitCode, 0);
        QCOMPARE(nlohmann::json::parse(other.out.toStdString())["bill"]["strategy"].get<std::string>(),
                 std::string("nat-gateway"));
    }

    void reportShowsTheBill()
    {
        QTemporaryDir dir;
        const QString md = dir.filePath(QStringLiteral("orders.md")),
                      html = dir.filePath(QStringLiteral("o.html"));
        const QString usageFile = dir.filePath(QStringLiteral("usage.json"));
        QCOMPARE(runCli({QStringLiteral("usage"), QStringLiteral("import"), fixture("states.json"),
                         fixture("lambda.json"), QStringLiteral("-o"), usageFile})
                     .exitCode,
                 0);
        const auto run =
            runCli({QStringLiteral("report"), fixture("orders.egress.json"), QStringLiteral("--bill"),
                    fixture("bill-cur.csv"), QStringLiteral("--usage"), usageFile, QStringLiteral("-o"), md,
                    QStringLiteral("--date"), QStringLiteral("2026-12-01")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QStringLiteral("applied: executions per month: 200,000 → 60,833")),
                 qPrintable(run.err));
        const QString text = QString::fromUtf8(readText(md));
        QVERIFY2(text.contains(QStringLiteral("## Against the bill")), qPrintable(text));
        QVERIFY(text.contains(
            QStringLiteral("| nat-gateway-hours | $0.00 | $65.70 | $65.70 | USE1-NatGateway-Hours |")));
        QVERIFY(text.contains(QStringLiteral("60.8k executions/month"))); // priced at the measured volume
        const auto page =
            runCli({QStringLiteral("report"), fixture("orders.egress.json"), QStringLiteral("--bill"),
                    fixture("bill-cur.csv"), QStringLiteral("-o"), html});
        QVERIFY2(page.exitCode == 0, qPrintable(describe(page)));
        QVERIFY(QString::fromUtf8(readText(html)).contains(QStringLiteral("<h2>Against the bill</h2>")));
        const QString bad = dir.filePath(QStringLiteral("bad.csv"));
        QVERIFY(writeText(bad, "nothing,here\n"));
        const QString untouched = dir.filePath(QStringLiteral("untouched.html"));
        const auto refused = runCli({QStringLiteral("report"), fixture("orders.egress.json"),
                                     QStringLiteral("--bill"), bad, QStringLiteral("-o"), untouched});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(!QFile::exists(untouched));
    }

    void malformedBills_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        const QByteArray header = "lineItem/UsageType,lineItem/UnblendedCost,lineItem/CurrencyCode\n";
        QTest::newRow("empty") << QByteArray() << "bill.csv: empty";
        QTest::newRow("header only") << header << "bill.csv: no line items after the header";
        QTest::newRow("not a CUR")
            << QByteArray("Service,Cost\nLambda,1\n")
            << "bill.csv:1: not a Cost and Usage Report: the header has no lineItem/UsageType";
        QTest::newRow("no cost column")
            << QByteArray("lineItem/UsageType,x\nRequest,1\n") << "the header has no lineItem/UnblendedCost";
        QTest::newRow("cost not a number") << header + "Request,abc,USD\n"
                                           << "bill.csv:2: lineItem/UnblendedCost: \"abc\" is not a number";
        QTest::newRow("field count") << header + "Request,1,USD\nRequest,2\n"
                                     << "bill.csv:3: 2 fields, the header has 3";
        QTest::newRow("unclosed quote") << header + "\"Request,1,USD\n"
                                        << "bill.csv:2: a quoted field is never closed";
        QTest::newRow("other currency")
            << header + "Request,1,EUR\n"
            << "bill.csv:2: lineItem/CurrencyCode: EUR: the cost model prices in USD";
        // Cost Explorer JSON (aws ce get-cost-and-usage), told apart from a CSV by its "{".
        auto group = [](const QByteArray &metrics) {
            return "{\"GroupDefinitions\": [{\"Type\": \"DIMENSION\", \"Key\": \"USAGE_TYPE\"}], "
                   "\"ResultsByTime\": [{\"Groups\": [{\"Keys\": [\"USE1-Request\"], \"Metrics\": " +
                   metrics + "}]}]}";
        };
        QTest::newRow("CE broken JSON") << QByteArray("{\"ResultsByTime\": [") << "bill.csv:1:";
        QTest::newRow("CE other JSON")
            << QByteArray("{\"a\": 1}") << "bill.csv: JSON without \"ResultsByTime\"";
        QTest::newRow("CE not grouped")
            << QByteArray("{\"ResultsByTime\": [{\"Total\": {}}]}")
            << "bill.csv: /GroupDefinitions: the costs are not grouped by USAGE_TYPE; group the costs by "
               "usage "
               "type: aws ce get-cost-and-usage --group-by Type=DIMENSION,Key=USAGE_TYPE";
        QTest::newRow("CE amount")
            << group("{\"UnblendedCost\": {\"Amount\": \"1,5\", \"Unit\": \"USD\"}}")
            << "bill.csv: /ResultsByTime/0/Groups/0/Metrics/UnblendedCost/Amount: not a "
               "number: \"1,5\"";
        QTest::newRow("CE currency") << group("{\"UnblendedCost\": {\"Amount\": \"1.5\", \"Unit\": \"EUR\"}}")
                                     << "bill.csv: /ResultsByTime/0/Groups/0/Metrics/UnblendedCost/Unit: "
                                        "EUR: the cost model prices in USD";
        QTest::newRow("CE no cost metric")
            << group("{\"UsageQuantity\": {\"Amount\": \"3\", \"Unit\": \"N/A\"}}")
            << "bill.csv: /ResultsByTime/0/Groups/0/Metrics: no cost metric";
        QTest::newRow("CE no groups")
            << QByteArray("{\"GroupDefinitions\": [{\"Key\": \"USAGE_TYPE\"}], \"ResultsByTime\": "
                          "[{\"Groups\": []}]}")
            << "bill.csv: /ResultsByTime: no groups in any period";
    }

    void malformedBills()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString bill = dir.filePath(QStringLiteral("bill.csv"));
        QVERIFY(writeText(bill, text));
        const auto run =
            runCli({QStringLiteral("cost"), fixture("orders.egress.json"), QStringLiteral("--bill"), bill});
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void billOptionsThatDoNotCombine()
    {
        const QString project = fixture("orders.egress.json"), bill = fixture("bill-cur.csv");
        QCOMPARE(runCli({QStringLiteral("cost"), project, QStringLiteral("--bill"), bill,
                         QStringLiteral("--sweep")})
                     .exitCode,
                 2);
        QCOMPARE(runCli({QStringLiteral("cost"), QStringLiteral("--compare"), project, project,
                         QStringLiteral("--bill"), bill})
                     .exitCode,
                 2);
        QCOMPARE(runCli({QStringLiteral("cost"), project, QStringLiteral("--bill"), bill,
                         QStringLiteral("--bill-strategy"), QStringLiteral("carrier-pigeon")})
                     .exitCode,
                 2);
        QCOMPARE(runCli({QStringLiteral("cost"), project, QStringLiteral("--bill"),
                         QStringLiteral("/nonexistent.csv")})
                     .exitCode,
                 2);
    }

    void missingFileAndBadUsage()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("usage.json"));
        const QString missing = dir.filePath(QStringLiteral("missing.json"));
        const auto run = runCli({QStringLiteral("usage"), QStringLiteral("import"), fixture("states.json"),
                                 missing, QStringLiteral("-o"), out});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(missing), qPrintable(run.err));
        QVERIFY(!QFile::exists(out));
        const auto noOutput =
            runCli({QStringLiteral("usage"), QStringLiteral("import"), fixture("states.json")});
        QCOMPARE(noOutput.exitCode, 2);
        // Writing over an input is refused: the metric file would be lost.
        const QString copy = dir.filePath(QStringLiteral("states.json"));
        QVERIFY(QFile::copy(fixture("states.json"), copy));
        const auto over =
            runCli({QStringLiteral("usage"), QStringLiteral("import"), copy, QStringLiteral("-o"), copy});
        QCOMPARE(over.exitCode, 2);
        QCOMPARE(readText(copy), readText(fixture("states.json")));
    }
};

QTEST_GUILESS_MAIN(TestUsage)
#include "tst_usage.moc"

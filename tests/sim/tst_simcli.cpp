// egress-cli run as a user runs it: the --format json contract, the text event list, --all-test-cases with
// ExpectedResults, exit codes 0 (SUCCEEDED) / 1 (FAILED, TIMED_OUT, a test case failing) / 2 (bad usage or
// input), and located messages for malformed input and mock files.
#include "clirun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

using egress::test::describe;
using egress::test::runCli;

const QString kData = QStringLiteral(EGRESS_SOURCE_DIR "/tests/sim/data/");
const QString kOrders = kData + "orders.asl.json";
const QString kMocks = kData + "orders.mocks.json";
const QString kInput = "@" + kData + "order.json";

QJsonObject jsonOf(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

class TestSimCli : public QObject
{
    Q_OBJECT

private slots:
    void jsonContract()
    {
        const auto run = runCli({"run", kOrders, "--input", kInput, "--mocks", kMocks, "--test-case",
                                 "RetryPath", "--format", "json"});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject result = jsonOf(run.out);
        QCOMPARE(result.keys(),
                 QStringList({"cause", "durationMs", "error", "output", "status", "trace", "transitions"}));
        QCOMPARE(result["status"].toString(), QStringLiteral("SUCCEEDED"));
        QVERIFY(result["error"].isNull());
        QCOMPARE(result["transitions"].toInt(), 3);
        QCOMPARE(result["durationMs"].toInt(), 2000 + 4000); // two retries: 2 s, then 4 s
        const QJsonArray trace = result["trace"].toArray();
        QCOMPARE(trace.size(), 3);
        const QJsonObject charge = trace[1].toObject();
        QCOMPARE(charge.keys(), QStringList({"attempts", "cause", "enteredMs", "error", "exitedMs", "input",
                                             "output", "path", "state", "type"}));
        QCOMPARE(charge["state"].toString(), QStringLiteral("Charge"));
        QCOMPARE(charge["type"].toString(), QStringLiteral("Task"));
        QCOMPARE(charge["attempts"].toInt(), 3);
        QCOMPARE(charge["exitedMs"].toInt(), 6000);
        QCOMPARE(result["output"].toObject()["charge"].toObject()["status"].toString(),
                 QStringLiteral("charged"));
    }

    void bundledExampleTestCases()
    {
        // The example project's mock file (.ci/example runs it): the mock file's machine is the project's
        // name.
        const auto run =
            runCli({"run", QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json"),
                    "--mocks", QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.mocks.json"),
                    "--all-test-cases", "--format", "json"});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject result = jsonOf(run.out);
        QCOMPARE(result["stateMachine"].toString(), QStringLiteral("Partner API order flow"));
        QCOMPARE(result["failed"].toInt(), 0);
        const QJsonArray cases = result["testCases"].toArray();
        QCOMPARE(cases.size(), 3);
        // PartnerDown: four tries of the partner call (three retries), then the catcher's path to the Fail
        // state.
        const QJsonArray trace = cases[2].toObject()["run"].toObject()["trace"].toArray();
        QCOMPARE(trace[1].toObject()["attempts"].toInt(), 4);
        QCOMPARE(trace.last().toObject()["state"].toString(), QStringLiteral("Partner unavailable"));
    }

    void failedRunExitsOne()
    {
        const auto run =
            runCli({"run", kOrders, "--input", kInput, "--mocks", kMocks, "--test-case", "Declined"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("Status: FAILED"), qPrintable(run.out));
        QVERIFY2(run.out.contains("Error: Order.Declined"), qPrintable(run.out));
        QVERIFY2(run.out.contains("Cause: card expired"), qPrintable(run.out));
        QVERIFY2(run.out.contains("Charge (Task): Payment.Declined — card expired (caught)"),
                 qPrintable(run.out));
    }

    void allTestCases()
    {
        auto run = runCli({"run", kOrders, "--input", kInput, "--mocks", kMocks, "--all-test-cases"});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains("3 of 3 test cases passed"), qPrintable(run.out));
        run = runCli({"run", kOrders, "--input", kInput, "--mocks",
                      kData + "orders-wrong-expectation.mocks.json", "--all-test-cases"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("HappyPath") && run.out.contains("FAIL: status SUCCEEDED, expected FAILED"),
                 qPrintable(run.out));
    }

    void costFromRuns()
    {
        // HappyPath and Declined enter 3 states; RetryPath 3 plus 2 retries: 11/3 billed transitions on
        // average.
        auto run = runCli({"cost", kOrders, "--from-runs", kMocks, "--format", "json"});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject fromRuns = jsonOf(run.out)["fromRuns"].toObject();
        const QJsonObject measured = fromRuns["perExecution"].toObject()["fromRuns"].toObject();
        QCOMPARE(measured["transitions"].toDouble(), 11.0 / 3.0);
        QCOMPARE(measured["lambdaInvocations"].toDouble(), 5.0 / 3.0);
        QCOMPARE(fromRuns["runs"].toArray().size(), 3);
        QVERIFY(fromRuns["perExecution"].toObject()["estimate"].toObject()["transitions"].toDouble() > 0);

        run = runCli(
            {"cost", kOrders, "--from-runs", kMocks, "--weights", "HappyPath=3,RetryPath=0,Declined=1"});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.out.contains("From simulated runs"), qPrintable(run.out));
        QVERIFY2(run.out.contains(QRegularExpression("state transitions\\s+\\S+\\s+3\\.00")),
                 qPrintable(run.out));

        run = runCli({"cost", kOrders, "--from-runs", kMocks, "--weights", "Nope=1"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("no test case \"Nope\""), qPrintable(run.err));
    }

    void unmockedTask()
    {
        const auto run = runCli({"run", kOrders, "--input", kInput, "--format", "json"});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject result = jsonOf(run.out);
        QCOMPARE(result["error"].toString(), QStringLiteral("Simulator.MissingMock"));
        QVERIFY2(result["cause"].toString().contains("state 'Charge'"), qPrintable(run.out));
        // Echoed, Charge returns its Parameters, which have no Payload.status for its ResultSelector.
        const auto echo = runCli({"run", kOrders, "--input", kInput, "--echo-unmocked", "--format", "json"});
        QCOMPARE(echo.exitCode, 1);
        const QJsonObject echoed = jsonOf(echo.out);
        QCOMPARE(echoed["error"].toString(), QStringLiteral("States.Runtime"));
        QVERIFY2(echoed["cause"].toString().contains("state 'Charge', ResultSelector.status"),
                 qPrintable(echo.out));
    }

    void jsonataDefinition()
    {
#ifndef EGRESS_CLI_HAS_JSONATA
        QSKIP("egress-cli is built without the JSONata evaluator (app/jsonata: Qt Qml or npm ci missing)");
#endif
        const auto run =
            runCli({"run", kData + "discount.asl.json", "--format", "json", "--input",
                    R"({"items":[{"sku":"a","price":80},{"sku":"b","price":40},{"sku":"c","price":1}]})"});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject output = jsonOf(run.out)["output"].toObject();
        QCOMPARE(output["total"].toDouble(), 121 * 0.9);
        QCOMPARE(output["batches"].toArray().size(), 2);
        QCOMPARE(jsonOf(run.out)["trace"].toArray()[2].toObject()["state"].toString(),
                 QStringLiteral("Discount"));
    }

    void badInputIsLocated()
    {
        auto run = runCli({"run", kOrders, "--input", "{\"a\": 1,,}"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("--input:1:"), qPrintable(run.err));
        run = runCli({"run", kOrders, "--input", "@" + kData + "no-such-file.json"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("no-such-file.json"), qPrintable(run.err));
        run = runCli({"run", kOrders, "--mocks", kMocks, "--test-case", "Nope"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("no test case \"Nope\""), qPrintable(run.err));
        run = runCli(
            {"run", kOrders, "--mocks", kMocks, "--test-case", "HappyPath", "--state-machine", "Other"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("no state machine \"Other\"") && run.err.contains("\"orders\""),
                 qPrintable(run.err));
        run = runCli({"run", kOrders, "--mocks", kMocks});
        QCOMPARE(run.exitCode, 2);

        QTemporaryDir dir;
        const QString badMocks = dir.filePath("bad.mocks.json");
        QVERIFY(writeText(badMocks, R"({"MockedResponses":{"R":{"1-x":{"Return":1}}}})"));
        run = runCli({"run", kOrders, "--mocks", badMocks, "--test-case", "T"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("bad.mocks.json: /MockedResponses/R/1-x: an attempt key"),
                 qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestSimCli)
#include "tst_simcli.moc"

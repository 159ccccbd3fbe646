// The CI cost gates: `egress-cli cost P --budget USD` and `cost --compare OLD NEW --max-increase USD|N%`.
// Every exit code (0 within, 1 over, 2 bad usage), the sentence that says by how much, and the gate's result
// in the Markdown, text and JSON outputs. The examples' figures are in the README: the designed Standard
// workflow costs $15.70/month with the partner call outside the VPC and $88.88 with it inside (+$73.18).
#include "clirun.h"
#include "cost/budgetgate.h"

#include <QTest>
#include <nlohmann/json.hpp>

namespace cost = egress::cost;
using egress::test::describe;
using egress::test::runCli;

namespace {

const QString kOutside = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
const QString kInside = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api-nat.egress.json");

cost::CostReport reportWithDesigned(double usd, const std::string &id = "step-functions-standard")
{
    cost::CostReport r;
    cost::StrategyCost nat;
    nat.id = "nat-gateway";
    nat.monthlyUsd = 1000;
    cost::StrategyCost designed;
    designed.id = id;
    designed.designed = true;
    designed.monthlyUsd = usd;
    r.strategies = {nat, designed};
    return r;
}

} // namespace

class TestGate : public QObject
{
    Q_OBJECT

private slots:
    // ---- the model's gates --------------------------------------------------------------------------------
    void budgetJudgesTheDesignedStrategy()
    {
        // nat-gateway costs $1,000 but is not the design: only the designed $40 counts.
        const cost::GateResult under = cost::budgetGate(reportWithDesigned(40), 50);
        QVERIFY(under.passed);
        QCOMPARE(under.strategy, std::string("step-functions-standard"));
        QVERIFY2(under.summary.find("$10.00 under the budget of $50.00/month") != std::string::npos,
                 under.summary.c_str());
        QVERIFY(cost::budgetGate(reportWithDesigned(50), 50).passed); // equal passes
        const cost::GateResult over = cost::budgetGate(reportWithDesigned(62.5), 50);
        QVERIFY(!over.passed);
        QVERIFY2(over.summary.find("$12.50 over the budget of $50.00/month") != std::string::npos,
                 over.summary.c_str());
        QCOMPARE(cost::formatGateMarkdown(over).substr(0, 23), std::string("**Budget gate: failed**"));
    }

    void increaseInDollarsAndPercent()
    {
        const cost::CostReport before = reportWithDesigned(80), after = reportWithDesigned(100);
        std::string error;
        const auto usd = cost::parseIncreaseLimit("$25", error);
        QVERIFY(usd && !usd->percent && usd->value == 25);
        QVERIFY(cost::increaseGate(before, after, *usd).passed); // +$20 ≤ $25
        const auto pct = cost::parseIncreaseLimit("10%", error);
        QVERIFY(pct && pct->percent);
        const cost::GateResult g = cost::increaseGate(before, after, *pct); // +25% > 10% ($8)
        QVERIFY(!g.passed);
        QCOMPARE(g.limitUsd, 8.0);
        QVERIFY2(g.summary.find("+$20.00 (+25%), over the allowed increase of 10% ($8.00)") !=
                     std::string::npos,
                 g.summary.c_str());
        // A cheaper version always passes, even with no increase allowed.
        QVERIFY(cost::increaseGate(after, before, *cost::parseIncreaseLimit("0", error)).passed);
        // From $0 no percentage lets an increase through.
        QVERIFY(!cost::increaseGate(reportWithDesigned(0), after, *cost::parseIncreaseLimit("500%", error))
                     .passed);
        for (const char *bad : {"", "%", "ten", "-5", "5%%", "inf", "nan", "$"}) {
            error.clear();
            QVERIFY2(!cost::parseIncreaseLimit(bad, error), bad);
            QVERIFY(error.find("--max-increase") != std::string::npos);
        }
    }

    // ---- egress-cli cost --budget ------------------------------------------------------------------------
    void budgetExitCodes()
    {
        const auto under = runCli({"cost", kOutside, "--budget", "20"});
        QVERIFY2(under.exitCode == 0, qPrintable(describe(under)));
        QVERIFY2(under.out.contains("Budget gate: passed") && under.out.contains("$4.30 under the budget of "
                                                                                 "$20.00/month"),
                 qPrintable(under.out));

        const auto over = runCli({"cost", kInside, "--budget", "50"});
        QVERIFY2(over.exitCode == 1, qPrintable(describe(over)));
        QVERIFY2(over.out.contains("Budget gate: FAILED") &&
                     over.out.contains("$38.88 over the budget of $50.00/month"),
                 qPrintable(over.out));

        const auto markdown = runCli({"cost", kInside, "--budget", "50", "--format", "markdown"});
        QCOMPARE(markdown.exitCode, 1);
        QVERIFY2(
            markdown.out.contains("**Budget gate: failed** — step-functions-standard (as designed) costs "
                                  "$88.88/month, $38.88 over"),
            qPrintable(markdown.out));

        const auto json = runCli({"cost", kOutside, "--budget", "15", "--format", "json"});
        QCOMPARE(json.exitCode, 1);
        const auto j = nlohmann::json::parse(json.out.toStdString());
        QCOMPARE(j["gates"][0]["passed"].get<bool>(), false);
        QCOMPARE(j["gates"][0]["limitUsd"].get<double>(), 15.0);

        // CSV stays machine-readable: the gate's sentence goes to stderr.
        const auto csv = runCli({"cost", kOutside, "--budget", "15", "--format", "csv"});
        QCOMPARE(csv.exitCode, 1);
        QVERIFY(!csv.out.contains("Budget gate"));
        QVERIFY(csv.err.contains("Budget gate: FAILED"));
    }

    void budgetBadUsage()
    {
        for (const char *bad : {"-1", "abc", "nan"}) {
            const auto run = runCli({"cost", kOutside, "--budget", bad});
            QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
            QVERIFY(run.out.isEmpty());
        }
        const auto missing = runCli({"cost", "/nonexistent.egress.json", "--budget", "10"});
        QCOMPARE(missing.exitCode, 2);
    }

    // ---- egress-cli cost --compare OLD NEW --max-increase -------------------------------------------------
    void maxIncreaseExitCodes()
    {
        // $15.70 → $88.88: +$73.18 (+466%).
        const auto pct = runCli({"cost", "--compare", kOutside, kInside, "--max-increase", "10%"});
        QVERIFY2(pct.exitCode == 1, qPrintable(describe(pct)));
        QVERIFY2(pct.out.contains("Cost increase gate: FAILED") && pct.out.contains("+$73.18 (+466"),
                 qPrintable(pct.out));

        const auto dollars = runCli({"cost", "--compare", kOutside, kInside, "--max-increase", "80"});
        QVERIFY2(dollars.exitCode == 0, qPrintable(describe(dollars)));
        QVERIFY(dollars.out.contains("within the allowed increase of $80.00"));

        const auto markdown =
            runCli({"cost", "--compare", kOutside, kInside, "--max-increase", "$50", "--format", "markdown"});
        QCOMPARE(markdown.exitCode, 1);
        QVERIFY2(markdown.out.contains("### Egress cost change") &&
                     markdown.out.contains("**Cost increase gate: failed**"),
                 qPrintable(markdown.out));

        // Going back (inside → outside) is a decrease: passes with no increase allowed.
        const auto back = runCli({"cost", "--compare", kInside, kOutside, "--max-increase", "0"});
        QVERIFY2(back.exitCode == 0, qPrintable(describe(back)));

        // Both gates at once: the budget judges the new version.
        const auto both = runCli({"cost", "--compare", kOutside, kInside, "--max-increase", "100", "--budget",
                                  "50", "--format", "json"});
        QCOMPARE(both.exitCode, 1);
        const auto j = nlohmann::json::parse(both.out.toStdString());
        QCOMPARE(j["gates"].size(), std::size_t(2));
        QCOMPARE(j["gates"][0]["kind"].get<std::string>(), std::string("budget"));
        QCOMPARE(j["gates"][0]["passed"].get<bool>(), false);
        QCOMPARE(j["gates"][1]["passed"].get<bool>(), true);
    }

    void maxIncreaseBadUsage()
    {
        const auto noCompare = runCli({"cost", kInside, "--max-increase", "10%"});
        QCOMPARE(noCompare.exitCode, 2);
        QVERIFY(noCompare.err.contains("--max-increase needs --compare"));
        const auto bad = runCli({"cost", "--compare", kOutside, kInside, "--max-increase", "ten"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("--max-increase \"ten\""));
        QVERIFY(bad.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGate)
#include "tst_gate.moc"

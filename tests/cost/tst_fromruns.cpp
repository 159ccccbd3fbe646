// The estimate beside what simulated runs imply (cost::compareWithRuns): hand-computed figures for the
// designed strategy's state transitions, Lambda requests and Express duration, weights, and bad weights.
#include "cost/costengine.h"
#include "cost/fromruns.h"
#include "cost/pricetable.h"
#include "pricesupport.h"

#include <QTest>
#include <cmath>

using egress::asl::Json;
namespace cost = egress::cost;
namespace design = egress::design;

namespace {

cost::PriceTable usEast1()
{
    return test::bundledPrices("us-east-1");
}

/** A → B → C: two Lambda Tasks of 100 and 200 ms, then a Pass; 1,000,000 executions, free tiers off. */
design::Project threeSteps(design::WorkflowType type)
{
    design::Project p;
    p.name = "three";
    p.workflowType = type;
    p.definition = Json::parse(R"({"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C"},
        "C": {"Type": "Pass", "End": true}}})");
    p.steps["A"].durationMs = 100;
    p.steps["B"].durationMs = 200;
    p.usage.executionsPerMonth = 1'000'000;
    p.usage.freeTier = false;
    p.usage.trigger = design::Trigger::None;
    return p;
}

const cost::ItemFromRuns *findItem(const cost::FromRuns &r, const std::string &id)
{
    for (const auto &item : r.items)
        if (item.id == id)
            return &item;
    return nullptr;
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

} // namespace

class TestFromRuns : public QObject
{
    Q_OBJECT

private slots:
    void standardTransitionsAndLambdaRequests()
    {
        const cost::PriceTable prices = usEast1();
        const design::Project p = threeSteps(design::WorkflowType::Standard);
        const cost::CostReport report = cost::computeCosts(p, prices);
        QVERIFY(report.errors.empty());
        QCOMPARE(report.transitionsPerExecution, 3.0);
        QCOMPARE(report.secondsPerExecution, 0.3);
        // Weights 1 and 3: (3 + 3 × 5) / 4 = 4.5 transitions, (2 + 3 × 4) / 4 = 3.5 Lambda invocations.
        const cost::FromRuns r = cost::compareWithRuns(
            p.definition, report, {{"Happy", 1, "SUCCEEDED", 3, 2, 300}, {"Retry", 3, "FAILED", 5, 4, 2300}});
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.transitions, 4.5);
        QCOMPARE(r.lambdaInvocations, 3.5);
        QCOMPARE(r.estimatedLambdaInvocations, 2.0);
        QCOMPARE(r.failedShare, 0.75);
        QCOMPARE(r.seconds, (0.3 + 3 * 2.3) / 4);
        const double perTransition = prices.price("sfn-state-transition").usd();
        const double perRequest = prices.price("lambda-request").usd();
        const cost::ItemFromRuns *transitions = findItem(r, "sfn-state-transitions");
        QVERIFY(transitions);
        QVERIFY(near(transitions->estimateUsd, 3 * 1e6 * perTransition));
        QVERIFY(near(transitions->fromRunsUsd, 4.5 * 1e6 * perTransition)); // $112.50 at $0.000025
        const cost::ItemFromRuns *requests = findItem(r, "lambda-requests");
        QVERIFY(requests);
        QVERIFY(near(requests->fromRunsUsd, 3.5 * 1e6 * perRequest));
        QVERIFY(!findItem(r, "sfn-express-duration")); // a Standard design has none
        QVERIFY(
            near(r.fromRunsUsd - r.estimateUsd, (4.5 - 3) * 1e6 * perTransition + 1.5 * 1e6 * perRequest));
        const std::string text = cost::formatFromRunsText(r, "m.json", "three");
        QVERIFY2(text.find("+50.0%") != std::string::npos, text.c_str()); // 4.5 against 3 transitions
    }

    void expressDurationIsBilledPerRun()
    {
        const design::Project p = threeSteps(design::WorkflowType::Express);
        const cost::CostReport report = cost::computeCosts(p, usEast1());
        QVERIFY(report.errors.empty());
        // 450 ms bills 0.5 s and 1,000 ms bills 1.0 s: 0.75 s on average against the estimate's 0.3 s, the
        // first price tier throughout (46,875 GB-s a month), so the item scales by 2.5.
        const cost::FromRuns r = cost::compareWithRuns(
            p.definition, report, {{"A", 1, "SUCCEEDED", 3, 2, 450}, {"B", 1, "SUCCEEDED", 3, 2, 1000}});
        const cost::ItemFromRuns *duration = findItem(r, "sfn-express-duration");
        QVERIFY(duration);
        QVERIFY(duration->estimateUsd > 0);
        QVERIFY(near(duration->fromRunsUsd, duration->estimateUsd * 2.5));
    }

    void freeTierStillApplies()
    {
        design::Project p = threeSteps(design::WorkflowType::Standard);
        p.usage.freeTier = true;
        p.usage.executionsPerMonth = 1000; // 3,000 estimated transitions: inside the 4,000 free
        const cost::CostReport report = cost::computeCosts(p, usEast1());
        const cost::FromRuns r =
            cost::compareWithRuns(p.definition, report, {{"Loop", 1, "SUCCEEDED", 6, 2, 300}});
        const cost::ItemFromRuns *transitions = findItem(r, "sfn-state-transitions");
        QVERIFY(transitions);
        QCOMPARE(transitions->estimateUsd, 0.0);
        // 6,000 transitions from the runs: 2,000 over the allowance.
        QVERIFY(near(transitions->fromRunsUsd, 2000 * usEast1().price("sfn-state-transition").usd()));
    }

    void badWeightsAreRefused()
    {
        const design::Project p = threeSteps(design::WorkflowType::Standard);
        const cost::CostReport report = cost::computeCosts(p, usEast1());
        QVERIFY(cost::compareWithRuns(p.definition, report, {}).error.find("no test case") == 0);
        QVERIFY(cost::compareWithRuns(p.definition, report, {{"A", 0, "SUCCEEDED", 3, 2, 0}})
                    .error.find("every weight is 0") != std::string::npos);
        QVERIFY(cost::compareWithRuns(p.definition, report, {{"A", -1, "SUCCEEDED", 3, 2, 0}})
                    .error.find("\"A\"") != std::string::npos);
        QVERIFY(cost::compareWithRuns(p.definition, report, {{"A", NAN, "SUCCEEDED", 3, 2, 0}})
                    .error.find("≥ 0") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestFromRuns)
#include "tst_fromruns.moc"

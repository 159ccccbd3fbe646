// The cheapest-strategy map over executions per month × KB per execution: the grid, the KB scaling with
// hand-computed cells, the CSV of `egress-cli cost --sweep`, and its refusals.
#include "clirun.h"
#include "cost/sweep.h"

#include <QTest>
#include <cmath>

namespace cost = egress::cost;
namespace design = egress::design;
using egress::asl::Json;
using egress::test::describe;
using egress::test::runCli;

namespace {

/** A → B → C (Pass), Standard, us-east-1, 2 AZs, no trigger, free tiers off. A: inside, vpc-private, 512 MB,
 * 100 ms. B: inside, internet, 128 MB, 200 ms, 10 KB out / 90 KB in (100 KB per execution). */
design::Project smallProject()
{
    design::Project p;
    p.name = "small";
    p.definition = Json::parse(R"({"StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C"},
        "C": {"Type": "Pass", "End": true}}})");
    design::StepDesign a, b;
    a.placement = b.placement = design::Placement::InsideVpc;
    a.egress = design::Egress::VpcPrivate;
    a.memoryMb = 512;
    a.durationMs = 100;
    b.egress = design::Egress::Internet;
    b.memoryMb = 128;
    b.durationMs = 200;
    b.requestKb = 10;
    b.responseKb = 90;
    p.steps["A"] = a;
    p.steps["B"] = b;
    p.usage.executionsPerMonth = 1'000'000;
    p.usage.freeTier = false;
    p.usage.trigger = design::Trigger::None;
    p.vpc.availabilityZones = 2;
    return p;
}

bool near(double a, double b, double relative = 1e-9)
{
    return std::abs(a - b) <= relative * std::max({1.0, std::abs(a), std::abs(b)});
}

std::size_t column(const cost::CheapestMap &m, const std::string &id)
{
    for (std::size_t i = 0; i < m.strategies.size(); ++i)
        if (m.strategies[i] == id)
            return i;
    return m.strategies.size();
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT

private slots:
    void gridIsFourPointsPerDecade()
    {
        const std::vector<double> v = cost::SweepAxis{1e3, 1e9}.values();
        QCOMPARE(v.size(), std::size_t(25)); // 6 decades × 4 + 1
        QCOMPARE(v.front(), 1e3);
        QCOMPARE(v.back(), 1e9);
        QVERIFY(near(v[1], 1e3 * std::pow(10, 0.25)));
        QVERIFY(near(v[4], 1e4));
        // A range that is not whole quarter decades ends exactly at its end.
        const std::vector<double> odd = cost::SweepAxis{1, 50}.values();
        QCOMPARE(odd.back(), 50.0);
        QCOMPARE(odd.size(), std::size_t(8)); // ⌈1.699 × 4⌉ = 7 steps
    }

    void axesParseOrSayWhy()
    {
        std::string name, error;
        cost::SweepAxis axis;
        QVERIFY(cost::parseSweepAxis("executions=1e3..1e9", name, axis, error));
        QCOMPARE(name, std::string("executions"));
        QCOMPARE(axis.to, 1e9);
        QVERIFY(cost::parseSweepAxis("kb=1..1e4", name, axis, error));
        QCOMPARE(name, std::string("kb"));
        for (const char *bad : {"kb=0..10", "kb=10..1", "kb=1..", "kb=..5", "kb=1-10", "rps=1..10",
                                "kb=1..1e30", "kb=nan..5", "kb"}) {
            error.clear();
            QVERIFY2(!cost::parseSweepAxis(bad, name, axis, error), bad);
            QVERIFY2(error.find("--sweep \"") == 0, error.c_str());
        }
    }

    void cellsByHand()
    {
        const cost::PriceTable prices = *cost::bundledPriceTable("us-east-1").table;
        const cost::CheapestMap m = cost::cheapestMap(smallProject(), prices, {1e4, 1e6}, {10, 1000});
        QVERIFY(m.errors.empty());
        QCOMPARE(m.currentKb, 100.0); // B: 10 + 90 KB, once per execution
        QCOMPARE(m.executions.size(), std::size_t(9));
        QCOMPARE(m.kb.size(), std::size_t(9));
        // nat-gateway at 1,000,000 executions × 1,000 KB (B: 100 KB out, 900 KB in):
        //   Lambda $0.20 + 150,000 GB-s × $0.0000166667, NAT 2 × 730 h × ($0.045 + $0.005),
        //   NAT data 1e9 KB = 953.67431640625 GB × $0.045, data out 1e8 KB = 95.367431640625 GB × $0.09
        const std::size_t row = m.kb.size() - 1, col = m.executions.size() - 1;
        const std::size_t cell = row * m.executions.size() + col;
        const double nat =
            0.20 + 150000 * 0.0000166667 + 73.0 + 953.67431640625 * 0.045 + 95.367431640625 * 0.09;
        QVERIFY(near(m.usd[cell][column(m, "nat-gateway")], nat));
        // the shared NAT gateway: one hour and one address, plus half the traffic crossing both ways at $0.01
        const double single = 0.20 + 150000 * 0.0000166667 + 36.5 + 953.67431640625 * 0.045 * 1 +
                              953.67431640625 * 0.01 + 95.367431640625 * 0.09;
        QVERIFY(near(m.usd[cell][column(m, "nat-gateway-single")], single));
        // outside-vpc is unavailable (A is vpc-private): no figure
        QVERIFY(std::isnan(m.usd[cell][column(m, "outside-vpc")]));
        // every cell's cheapest is the smallest available compliant figure of its row
        for (std::size_t c = 0; c < m.cheapest.size(); ++c) {
            const double best = m.usd[c][column(m, m.cheapest[c])];
            QCOMPARE(best, m.cheapestUsd[c]);
            for (std::size_t s = 0; s < m.strategies.size(); ++s)
                if (!std::isnan(m.usd[c][s]) && m.strategies[s] != "outside-vpc")
                    QVERIFY(best <= m.usd[c][s]);
        }
        // A NAT instance has no per-GB processing: the cheapest compliant choice at the corner, at
        // $0.20 + 150,000 GB-s + 2 × 730 h × ($0.0042 + $0.005) + 2 × 8 GB × $0.08 + data out.
        QCOMPARE(m.cheapestAt(row, col), std::string("nat-instance"));
        QVERIFY(near(m.cheapestUsd[cell], 0.20 + 150000 * 0.0000166667 + 2 * 730 * (0.0042 + 0.005) +
                                              2 * 8 * 0.08 + 95.367431640625 * 0.09));
    }

    void noInternetStepWarns()
    {
        design::Project p = smallProject();
        p.steps["B"].egress = design::Egress::None;
        const cost::CheapestMap m =
            cost::cheapestMap(p, *cost::bundledPriceTable("us-east-1").table, {1e3, 1e4}, {1, 10});
        QVERIFY(m.errors.empty());
        QCOMPARE(m.warnings.size(), std::size_t(1));
        for (std::size_t c = 0; c < m.executions.size(); ++c) // the rows are all alike
            QCOMPARE(m.cheapestAt(0, c), m.cheapestAt(m.kb.size() - 1, c));
    }

    void cliCsv()
    {
        const auto run = runCli({"cost", EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json",
                                 "--sweep", "executions=1e3..1e5", "kb=1..10", "--format", "csv"});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QStringList lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 9 * 5); // 9 volumes × 5 KB values
        QVERIFY2(lines[0].startsWith("executionsPerMonth,kbPerExecution,cheapest,cheapestUsd,nat-gateway,"
                                     "nat-gateway-single,regional-nat-gateway,step-functions-standard"),
                 qPrintable(lines[0]));
        const QStringList first = lines[1].split(',');
        QCOMPARE(first[0], QString("1000"));
        QCOMPARE(first[1], QString("1"));
        QVERIFY(!first[2].isEmpty());
        QCOMPARE(lines.last().split(',')[0], QString("100000"));
        QCOMPARE(lines.last().split(',')[1], QString("10"));
        // The same map with the default axes: 25 × 17 cells.
        const auto defaults = runCli({"cost", EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json",
                                      "--sweep", "--format", "csv"});
        QVERIFY2(defaults.exitCode == 0, qPrintable(describe(defaults)));
        QCOMPARE(defaults.out.trimmed().split('\n').size(), 1 + 25 * 17);
    }

    void cliRefusesBadAxes()
    {
        const auto bad = runCli({"cost", EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json",
                                 "--sweep", "kb=5..1", "--format", "csv"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.out.isEmpty());
        QVERIFY(bad.err.contains("--sweep \"kb=5..1\""));
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"

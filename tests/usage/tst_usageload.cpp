// The designer's File ▸ Load usage…: a usage file applied to the open project as ONE undoable command, with a
// summary of what changed and what could not be matched; a bad file changes nothing. Fixtures and their
// hand-computed figures: tests/usage/tst_usage.cpp.
#include "billview.h"
#include "corpus.h"
#include "cost/pricetable.h"
#include "costpanel.h"
#include "design/projectio.h"
#include "document.h"
#include "studiotest.h"
#include "usage/metricimport.h"
#include "usageactions.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace egress;

namespace {

std::string fixturePath(const char *name)
{
    return (test::fixtureDir(QStringLiteral("usage")) + QLatin1Char('/') + QString::fromUtf8(name))
        .toStdString();
}

} // namespace

class TestUsageLoad : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        studio::test::isolateSuite(m_tmp, QStringLiteral("tst_usageload"));
        const usage::MetricImport import = usage::importMetrics(
            {fixturePath("states.json"), fixturePath("lambda.json"), fixturePath("nat.json")});
        QVERIFY(import.usage);
        m_usage = m_tmp.filePath(QStringLiteral("orders.usage.json"));
        QVERIFY(!design::writeFileAtomically(m_usage.toStdString(), usage::serializeUsage(*import.usage)));
    }

    void loadUsageIsOneUndoableCommand()
    {
        const auto loaded = design::loadProject(fixturePath("orders.egress.json"));
        QVERIFY(loaded);
        studio::Document doc;
        doc.resetProject(*loaded.project, {});
        const design::Project original = doc.project();
        int usageSignals = 0;
        connect(&doc, &studio::Document::usageChanged, this, [&usageSignals] { ++usageSignals; });

        const studio::UsageLoadOutcome outcome = studio::loadUsageInto(doc, m_usage);
        QVERIFY2(outcome.applied, qPrintable(outcome.summary));
        QCOMPARE(doc.undoStack()->count(), 1);
        QVERIFY(usageSignals > 0);
        QVERIFY(outcome.summary.contains(QStringLiteral("applied: executions per month: 200,000 → 60,833")));
        QVERIFY(outcome.summary.contains(
            QStringLiteral("not applied: step \"Record failure\": no function in the usage matches it")));
        QCOMPARE(doc.project().usage.executionsPerMonth, 60833.3333);
        QCOMPARE(doc.project().step("Prepare order").durationMs, 150.0);
        QCOMPARE(doc.project().step("Record result").durationMs, 50.0);
        QVERIFY(doc.project().usage.executionSeconds && *doc.project().usage.executionSeconds > 1.06);
        QVERIFY(doc.isModified());

        doc.undoStack()->undo(); // everything at once
        QVERIFY(doc.project() == original);
        doc.undoStack()->redo();
        QCOMPARE(doc.project().step("Prepare order").durationMs, 150.0);
        QCOMPARE(doc.project().usage.executionsPerMonth, 60833.3333);
    }

    void aBadFileChangesNothing()
    {
        const auto loaded = design::loadProject(fixturePath("orders.egress.json"));
        QVERIFY(loaded);
        studio::Document doc;
        doc.resetProject(*loaded.project, {});
        const QString bad = m_tmp.filePath(QStringLiteral("bad.usage.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "egress-usage", "version": 7})");
        f.close();
        const studio::UsageLoadOutcome outcome = studio::loadUsageInto(doc, bad);
        QVERIFY(!outcome.applied);
        QVERIFY2(outcome.summary.contains(bad + QStringLiteral(": /version: version 7 is newer")),
                 qPrintable(outcome.summary));
        QCOMPARE(doc.undoStack()->count(), 0);
        QVERIFY(doc.project() == *loaded.project);
        QVERIFY(!studio::loadUsageInto(doc, m_tmp.filePath(QStringLiteral("missing.json"))).applied);
        QCOMPARE(doc.undoStack()->count(), 0);
    }

    void billTabShowsEstimateBesideBilled()
    {
        const auto loaded = design::loadProject(fixturePath("orders.egress.json"));
        QVERIFY(loaded);
        const auto prices = cost::bundledPriceTable(loaded.project->usage.region);
        QVERIFY(prices);
        const cost::CostReport report = cost::computeCosts(*loaded.project, *prices.table);
        studio::BillView view;
        view.setReport(report);
        QCOMPARE(view.table()->topLevelItemCount(), 0);
        const QString bad = m_tmp.filePath(QStringLiteral("bad.csv"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("lineItem/UsageType,lineItem/UnblendedCost\nRequest,lots\n");
        f.close();
        const auto error = view.loadBill(bad);
        QVERIFY(error);
        QVERIFY2(error->contains(bad + QStringLiteral(":2: lineItem/UnblendedCost")), qPrintable(*error));
        QCOMPARE(view.table()->topLevelItemCount(), 0);

        QVERIFY(!view.loadBill(QString::fromStdString(fixturePath("bill-cur.csv"))));
        // 6 billed line items + "not in the cost model" + the total (figures: tests/usage/tst_usage.cpp).
        QCOMPARE(view.table()->topLevelItemCount(), 8);
        const QList<QTreeWidgetItem *> nat =
            view.table()->findItems(QStringLiteral("nat-gateway-hours"), Qt::MatchExactly);
        QCOMPARE(nat.size(), 1);
        QCOMPARE(nat.front()->text(1), QStringLiteral("$0.00"));
        QCOMPARE(nat.front()->text(2), QStringLiteral("$65.70"));
        QCOMPARE(view.table()->topLevelItem(7)->text(2), QStringLiteral("$72.68"));
        // A new estimate (the volume changed) re-compares with the same bill.
        cost::CostOptions less;
        less.executionsPerMonth = 1000;
        view.setReport(cost::computeCosts(*loaded.project, *prices.table, less));
        QVERIFY(view.comparison()->estimateUsd < report.strategy("step-functions-standard")->monthlyUsd);
        QCOMPARE(view.table()->topLevelItem(7)->text(2), QStringLiteral("$72.68"));
    }

    void theCostPanelHasTheBillTab()
    {
        auto w = studio::test::makeWindow();
        QVERIFY(w);
        auto *panel = w->findChild<studio::CostPanel *>(QStringLiteral("costPanel"));
        QVERIFY(panel);
        auto *bill = w->findChild<studio::BillView *>(QStringLiteral("billView"));
        QVERIFY(bill);
        QVERIFY(panel->views()->indexOf(bill) >= 0);
        // A measured execution time (Load usage…) is said in the panel's status line, and goes with undo.
        auto *status = panel->findChild<QLabel *>(QStringLiteral("costStatus"));
        QVERIFY(status);
        QVERIFY(!status->text().contains(QStringLiteral("measured")));
        QVERIFY(studio::loadUsageInto(*w->document(), m_usage).applied);
        QTRY_VERIFY2(status->text().contains(QStringLiteral("Execution time: 1.067 s measured")),
                     qPrintable(status->text()));
        w->document()->undoStack()->undo();
        QTRY_VERIFY(!status->text().contains(QStringLiteral("measured")));
    }

    void theFileMenuHasTheAction()
    {
        auto w = studio::test::makeWindow();
        QVERIFY(w);
        QAction *action = w->findChild<QAction *>(QStringLiteral("loadUsage"));
        QVERIFY(action);
        QVERIFY(action->text().contains(QStringLiteral("usage")));
    }

    // File ▸ Forget measured execution time takes back the measured time alone, as one undoable command,
    // and is enabled exactly while the project has one.
    void forgetMeasuredExecutionTimeIsUndoable()
    {
        auto w = studio::test::makeWindow();
        QVERIFY(w);
        studio::Document &doc = *w->document();
        const auto loaded = design::loadProject(fixturePath("orders.egress.json"));
        QVERIFY(loaded);
        doc.resetProject(*loaded.project, {});
        QAction *forget = w->findChild<QAction *>(QStringLiteral("forgetExecutionTime"));
        QVERIFY(forget);
        QVERIFY(!forget->isEnabled());
        QVERIFY(!studio::forgetMeasuredExecutionTime(doc)); // nothing to forget: nothing pushed
        QCOMPARE(doc.undoStack()->count(), 0);

        QVERIFY(studio::loadUsageInto(doc, m_usage).applied);
        QVERIFY(forget->isEnabled());
        const design::Project measured = doc.project();
        QVERIFY(measured.usage.executionSeconds);

        forget->trigger();
        QCOMPARE(doc.undoStack()->count(), 2);
        QVERIFY(!doc.project().usage.executionSeconds);
        QVERIFY(!forget->isEnabled());
        // The rest of what the usage file set stays.
        QCOMPARE(doc.project().usage.executionsPerMonth, 60833.3333);
        QCOMPARE(doc.project().step("Prepare order").durationMs, 150.0);

        doc.undoStack()->undo();
        QVERIFY(doc.project() == measured);
        QVERIFY(forget->isEnabled());
        doc.undoStack()->redo();
        QVERIFY(!doc.project().usage.executionSeconds);
    }

private:
    QTemporaryDir m_tmp;
    QString m_usage;
};

QTEST_MAIN(TestUsageLoad)
#include "tst_usageload.moc"

// The designer's File ▸ Load usage…: a usage file applied to the open project as ONE undoable command, with a
// summary of what changed and what could not be matched; a bad file changes nothing. Fixtures and their
// hand-computed figures: tests/usage/tst_usage.cpp.
#include "corpus.h"
#include "design/projectio.h"
#include "document.h"
#include "studiotest.h"
#include "usage/metricimport.h"
#include "usageactions.h"

#include <QAction>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
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

    void theFileMenuHasTheAction()
    {
        auto w = studio::test::makeWindow();
        QVERIFY(w);
        QAction *action = w->findChild<QAction *>(QStringLiteral("loadUsage"));
        QVERIFY(action);
        QVERIFY(action->text().contains(QStringLiteral("usage")));
    }

private:
    QTemporaryDir m_tmp;
    QString m_usage;
};

QTEST_MAIN(TestUsageLoad)
#include "tst_usageload.moc"

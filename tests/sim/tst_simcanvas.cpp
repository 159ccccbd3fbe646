// The simulated run in the designer window (QT_QPA_PLATFORM=offscreen): the Run dock reads the mock file
// kept beside the project, Run lights up the path on the canvas (green rings, red for a failed state, a
// "×N" badge for retries), the trace row and the canvas selection follow each other, and any change of the
// definition clears the marks of a run that no longer describes it.
#include "costpanel.h"
#include "diagramscene.h"
#include "document.h"
#include "edits.h"
#include "mainwindow.h"
#include "panels.h"
#include "runoverlay.h"
#include "runpanel.h"
#include "studiotest.h"

#include <QComboBox>
#include <QDockWidget>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace egress::studio;

namespace {
const QString kExample = QStringLiteral(EGRESS_SOURCE_DIR "/resources/examples/partner-api.egress.json");
}

class TestSimCanvas : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        test::isolateSuite(m_tmp, QStringLiteral("tst_simcanvas"));
    }

    void runLightsUpThePath()
    {
        auto w = test::makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        RunPanel *panel = panelsOf(*w).run;
        auto *overlay = w->findChild<RunOverlay *>(QStringLiteral("runOverlay"));
        QVERIFY(panel && overlay);
        // partner-api.mocks.json beside the project was read when it opened.
        QCOMPARE(panel->testCaseBox()->count(), 3);
        panel->testCaseBox()->setCurrentText(QStringLiteral("PartnerDown"));
        panel->run();
        QTRY_VERIFY(!panel->isRunning() && panel->lastRun());
        const auto &marks = overlay->marks();
        QVERIFY2(marks.contains(QStringLiteral("Call partner API")),
                 qPrintable(QStringList(marks.keys()).join(", ")));
        QVERIFY(marks.value(QStringLiteral("Call partner API")).attempts > 1); // retried before the catch
        QVERIFY(marks.contains(QStringLiteral("Record failure")));
        QVERIFY(!marks.contains(QStringLiteral("Record result")));
        QVERIFY(marks.value(QStringLiteral("Partner unavailable")).failed);

        // The trace row selects the step; the step selects its trace row.
        panel->traceList()->setCurrentRow(0);
        QCOMPARE(w->scene()->selectedStepNames(), QStringList{QStringLiteral("Prepare order")});
        w->scene()->selectSteps({QStringLiteral("Record failure")});
        QVERIFY2(panel->traceList()->currentItem()->text().contains(QLatin1String("Record failure")),
                 qPrintable(panel->traceList()->currentItem()->text()));
        panel->stepForward();
        QCOMPARE(w->scene()->selectedStepNames(), QStringList{QStringLiteral("Partner unavailable")});
        // EGRESS_SCREENSHOT_DIR=folder writes the window with the run shown, to look at.
        if (const QString dir = qEnvironmentVariable("EGRESS_SCREENSHOT_DIR"); !dir.isEmpty()) {
            if (auto *dock = w->findChild<QDockWidget *>(QStringLiteral("runDock")))
                dock->raise();
            QTest::qWait(50);
            w->saveScreenshot(dir + QStringLiteral("/run-on-canvas.png"));
        }

        // A change of the definition clears the marks: they described the workflow before it.
        QVERIFY(!Edits::renameStep(*w->document(), QStringLiteral("Record result"),
                                   QStringLiteral("Record outcome")));
        QVERIFY(overlay->marks().isEmpty());
    }

    void costPanelShowsWhatTheRunsImply()
    {
        auto w = test::makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(kExample));
        const Panels p = panelsOf(*w);
        // The three test cases of partner-api.mocks.json run in the background once the project opens: 5
        // billed transitions and 14/3 Lambda invocations per execution on average (PartnerDown retries),
        // one of three fails — what `egress-cli cost --from-runs` prints for the example.
        QTRY_COMPARE(p.run->testCaseFigures().size(), std::size_t(3));
        p.cost->flush();
        const egress::cost::FromRuns &runs = p.cost->fromRuns();
        QVERIFY2(runs.error.empty(), runs.error.c_str());
        QCOMPARE(runs.transitions, 5.0);
        QCOMPARE(runs.lambdaInvocations, 14.0 / 3.0);
        QCOMPARE(runs.failedShare, 1.0 / 3.0);
        QVERIFY(runs.fromRunsUsd > runs.estimateUsd);
        // The column shows on the designed row, beside the estimate, and only there.
        QVERIFY(!p.cost->tree()->isColumnHidden(2));
        QCOMPARE(p.cost->model()->headerData(2, Qt::Horizontal).toString(), QStringLiteral("From runs"));
        int designedRows = 0;
        for (int r = 0; r < p.cost->model()->rowCount(); ++r) {
            const QString fromRuns = p.cost->model()->item(r, 2)->text();
            if (p.cost->model()->item(r, 3)->text() == QLatin1String("design")) {
                ++designedRows;
                QVERIFY2(fromRuns.contains(QString::number(std::floor(runs.fromRunsUsd))),
                         qPrintable(fromRuns));
            } else {
                QVERIFY2(fromRuns.isEmpty(), qPrintable(fromRuns));
            }
        }
        QCOMPARE(designedRows, 1);

        // The runs follow the definition: a renamed mocked state is no longer mocked, every run fails; undo
        // brings the figures back.
        QVERIFY(!Edits::renameStep(*w->document(), QStringLiteral("Call partner API"),
                                   QStringLiteral("Call partner")));
        QTRY_COMPARE(p.cost->fromRuns().failedShare, 1.0);
        w->document()->undoStack()->undo();
        QTRY_COMPARE(p.cost->fromRuns().failedShare, 1.0 / 3.0);

        // Another project: no mock file beside it, no column.
        QVERIFY(w->openFile(QStringLiteral(EGRESS_SOURCE_DIR "/tests/sim/data/discount.asl.json")));
        p.cost->flush();
        QVERIFY(p.run->testCaseFigures().empty());
        QVERIFY(p.cost->tree()->isColumnHidden(2));
    }

    void jsonataRunsInTheDesigner()
    {
#ifndef EGRESS_STUDIO_HAS_JSONATA
        QSKIP("the designer is built without the JSONata evaluator (app/jsonata: Qt Qml or npm ci missing)");
#endif
        auto w = test::makeWindow();
        QVERIFY(w);
        QVERIFY(w->openFile(QStringLiteral(EGRESS_SOURCE_DIR "/tests/sim/data/discount.asl.json")));
        RunPanel *panel = panelsOf(*w).run;
        panel->inputEditor()->setPlainText(QStringLiteral(
            R"({"items":[{"sku":"a","price":80},{"sku":"b","price":40},{"sku":"c","price":1}]})"));
        panel->run();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning() && panel->lastRun(), 20000);
        QVERIFY2(panel->lastRun()->status == "SUCCEEDED",
                 (panel->lastRun()->error + ": " + panel->lastRun()->cause).c_str());
        QCOMPARE(panel->lastRun()->output["total"].get<double>(), 121 * 0.9);
        auto *overlay = w->findChild<RunOverlay *>(QStringLiteral("runOverlay"));
        QVERIFY(overlay->marks().contains(QStringLiteral("Discount")));
        QVERIFY(!overlay->marks().contains(QStringLiteral("Done")));
    }
};

QTEST_MAIN(TestSimCanvas)
#include "tst_simcanvas.moc"

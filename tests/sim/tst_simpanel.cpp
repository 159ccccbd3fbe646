// The designer's Run panel: a mock file's test cases in the picker, a run on a worker thread (the window
// keeps processing events), the trace rows, step forward / back announcing the state to highlight, and a
// located message for malformed input.
#include "asl/reader.h"
#include "document.h"
#include "runpanel.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace egress;

class TestSimPanel : public QObject
{
    Q_OBJECT

private slots:
    void runAndStep()
    {
        studio::Document doc;
        design::Project project;
        project.name = "orders";
        project.definition = *asl::readFile(EGRESS_SOURCE_DIR "/tests/sim/data/orders.asl.json").value;
        doc.resetProject(project, QString());
        studio::RunPanel panel(&doc);
        QVERIFY(!panel.loadMocks(QStringLiteral(EGRESS_SOURCE_DIR "/tests/sim/data/orders.mocks.json")));
        QCOMPARE(panel.testCaseBox()->count(), 3);
        panel.testCaseBox()->setCurrentText(QStringLiteral("RetryPath"));
        panel.inputEditor()->setPlainText(QStringLiteral(R"({"orderId": 7, "amount": 20})"));

        QSignalSpy steps(&panel, &studio::RunPanel::stepChanged);
        panel.run();
        QVERIFY(panel.isRunning() || panel.lastRun()); // started; the event loop delivers the result
        QTRY_VERIFY(!panel.isRunning() && panel.lastRun());
        QCOMPARE(QString::fromStdString(panel.lastRun()->status), QStringLiteral("SUCCEEDED"));
        QCOMPARE(panel.traceList()->count(), 3);
        QVERIFY2(panel.statusLabel()->text().startsWith("SUCCEEDED after 3 transitions"),
                 qPrintable(panel.statusLabel()->text()));

        panel.stepForward();
        QCOMPARE(steps.last().at(0).toString(), QStringLiteral("Charge"));
        QCOMPARE(steps.last().at(2).toInt(), 3);
        QVERIFY(panel.detailView()->toPlainText().contains("\"charged\""));
        panel.stepBack();
        QCOMPARE(steps.last().at(0).toString(), QStringLiteral("Validate"));
    }

    void badInputAndMocks()
    {
        studio::Document doc;
        studio::RunPanel panel(&doc);
        QVERIFY(panel.loadMocks(QStringLiteral(EGRESS_SOURCE_DIR "/tests/sim/data/orders.mocks.json"))
                    ->contains("no state machine"));
        panel.inputEditor()->setPlainText(QStringLiteral("{\"a\": }"));
        panel.run();
        QVERIFY(!panel.isRunning());
        QVERIFY2(panel.statusLabel()->text().startsWith("input:1:"), qPrintable(panel.statusLabel()->text()));
    }
};

QTEST_MAIN(TestSimPanel)
#include "tst_simpanel.moc"

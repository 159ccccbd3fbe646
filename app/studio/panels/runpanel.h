#pragma once

#include "cost/fromruns.h"
#include "sim/interpreter.h"
#include "sim/mocks.h"

#include <QTimer>
#include <QWidget>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace egress::studio {

class Document;

/**
 * The Run panel (docs/simulator.md): an input editor, a test case picker over a Step Functions Local mock
 * file, Run — the simulator runs on a worker thread, so the window never blocks — then the trace, one row per
 * state entered, with step forward / back. The state of the current step is announced (stepChanged) for the
 * canvas to highlight; selecting a row shows that state's input and output.
 *
 * With a mock file loaded, every test case also runs in the background (Run all, and again a moment after
 * each change of the definition): their figures are what the cost panel prices beside the estimate
 * (cost::compareWithRuns).
 */
class RunPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RunPanel(Document *doc, QWidget *parent = nullptr);
    ~RunPanel() override;

    /** Reads a mock file and lists the project's test cases; returns the problem (located) when it cannot. */
    std::optional<QString> loadMocks(const QString &path);

    QPlainTextEdit *inputEditor() const { return m_input; }
    QComboBox *testCaseBox() const { return m_testCase; }
    QPushButton *runButton() const { return m_run; }
    QListWidget *traceList() const { return m_trace; }
    QPlainTextEdit *detailView() const { return m_detail; }
    QLabel *statusLabel() const { return m_status; }
    /** The last finished run, or nullptr. */
    const sim::RunResult *lastRun() const { return m_result.get(); }
    bool isRunning() const { return m_running; }
    QPushButton *runAllButton() const { return m_runAll; }
    /** Every test case's figures from the last Run all (empty without a mock file or before it finished). */
    const std::vector<cost::RunFigures> &testCaseFigures() const { return m_figures; }
    /** The mock file the figures come from (its file name), empty without one. */
    QString mocksName() const { return m_mocksName; }
    bool isRunningAll() const { return m_runningAll; }

public slots:
    /** Starts a run of the current definition; ignored while one is running. */
    void run();
    void stepForward();
    void stepBack();
    /** Shows the first trace row of a state (a step selected on the canvas); false when it was not entered.
     */
    bool selectState(const QString &state);
    /** Runs every test case of the mock file on a worker thread; ignored without one. A run already going
     * finishes first, then this one starts (the definition it ran may be stale). */
    void runAllTestCases();

signals:
    void runFinished();
    /** The trace row now selected: its state, whether it failed (red on the canvas) and its attempts. */
    void stepChanged(const QString &state, bool failed, int attempts);
    /** Run all finished (or its figures were cleared): testCaseFigures() has the new figures. */
    void testCaseFiguresChanged();

private:
    void showRun(std::shared_ptr<sim::RunResult> result);
    void showStep(int row);

    Document *m_doc;
    QPlainTextEdit *m_input;
    QComboBox *m_testCase;
    QPushButton *m_run;
    QPushButton *m_runAll;
    QPushButton *m_back;
    QPushButton *m_forward;
    QListWidget *m_trace;
    QPlainTextEdit *m_detail;
    QLabel *m_status;
    std::shared_ptr<const sim::MockConfig> m_mocks;
    std::shared_ptr<sim::RunResult> m_result;
    bool m_running = false;
    std::vector<cost::RunFigures> m_figures;
    QString m_mocksName;
    QTimer m_rerunAll; ///< a moment after the definition changes
    bool m_runningAll = false;
    bool m_runAllAgain = false;
};

} // namespace egress::studio

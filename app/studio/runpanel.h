#pragma once

#include "sim/interpreter.h"
#include "sim/mocks.h"

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

public slots:
    /** Starts a run of the current definition; ignored while one is running. */
    void run();
    void stepForward();
    void stepBack();

signals:
    void runFinished();
    /** The trace row now selected: its state, whether it failed (red on the canvas) and its attempts. */
    void stepChanged(const QString &state, bool failed, int attempts);

private:
    void showRun(std::shared_ptr<sim::RunResult> result);
    void showStep(int row);

    Document *m_doc;
    QPlainTextEdit *m_input;
    QComboBox *m_testCase;
    QPushButton *m_run;
    QPushButton *m_back;
    QPushButton *m_forward;
    QListWidget *m_trace;
    QPlainTextEdit *m_detail;
    QLabel *m_status;
    std::shared_ptr<const sim::MockConfig> m_mocks;
    std::shared_ptr<sim::RunResult> m_result;
    bool m_running = false;
};

} // namespace egress::studio

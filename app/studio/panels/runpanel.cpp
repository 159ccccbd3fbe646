#include "runpanel.h"

#include "asl/reader.h"
#include "document.h"
#ifdef EGRESS_STUDIO_HAS_JSONATA
#include "jsonata/qjsjsonata.h"
#endif

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QThread>
#include <QVBoxLayout>

namespace egress::studio {

RunPanel::RunPanel(Document *doc, QWidget *parent)
    : QWidget(parent), m_doc(doc), m_input(new QPlainTextEdit(this)), m_testCase(new QComboBox(this)),
      m_run(new QPushButton(tr("Run"), this)), m_runAll(new QPushButton(tr("Run all"), this)),
      m_back(new QPushButton(tr("◀ Step"), this)), m_forward(new QPushButton(tr("Step ▶"), this)),
      m_trace(new QListWidget(this)), m_detail(new QPlainTextEdit(this)), m_status(new QLabel(this))
{
    m_input->setPlaceholderText(tr("Execution input (JSON)"));
    m_input->setPlainText(QStringLiteral("{}"));
    m_testCase->setPlaceholderText(tr("No mock file: Tasks echo their input"));
    m_detail->setReadOnly(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_testCase, 1);
    buttons->addWidget(m_run);
    buttons->addWidget(m_runAll);
    m_runAll->setEnabled(false);
    m_runAll->setToolTip(tr("Runs every test case of the mock file; the cost panel prices what they do "
                            "beside the estimate"));
    buttons->addWidget(m_back);
    buttons->addWidget(m_forward);
    // A dock under the canvas is wide and short: the buttons on top, then input | trace | state side by side,
    // so the panel asks for little height and the canvas keeps its room.
    auto *columns = new QSplitter(Qt::Horizontal, this);
    columns->addWidget(m_input);
    columns->addWidget(m_trace);
    columns->addWidget(m_detail);
    columns->setStretchFactor(0, 2);
    columns->setStretchFactor(1, 3);
    columns->setStretchFactor(2, 3);
    columns->setChildrenCollapsible(false);
    for (QWidget *w :
         {static_cast<QWidget *>(m_input), static_cast<QWidget *>(m_trace), static_cast<QWidget *>(m_detail)})
        w->setMinimumHeight(60);
    m_status->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(columns, 1);
    auto *mocksButton = new QPushButton(tr("Mocks…"), this);
    mocksButton->setObjectName(QStringLiteral("runMocks"));
    mocksButton->setToolTip(tr("A Step Functions Local mock file (docs/simulator.md); PROJECT.mocks.json "
                               "beside the project is read when the project opens"));
    buttons->insertWidget(0, mocksButton);
    connect(mocksButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Mock file"), QString(),
                                                          tr("Mock files (*.json);;All files (*)"));
        if (path.isEmpty())
            return;
        if (auto problem = loadMocks(path))
            m_status->setText(*problem);
        else
            m_status->setText(tr("Mocks from %1").arg(QFileInfo(path).fileName()));
    });
    connect(m_run, &QPushButton::clicked, this, &RunPanel::run);
    connect(m_runAll, &QPushButton::clicked, this, &RunPanel::runAllTestCases);
    // The figures follow the definition: run them again once the edits pause (runs take milliseconds, but
    // typing in the code panel should not start one per keystroke).
    m_rerunAll.setSingleShot(true);
    m_rerunAll.setInterval(600);
    connect(&m_rerunAll, &QTimer::timeout, this, &RunPanel::runAllTestCases);
    auto definitionChanged = [this] {
        if (m_mocks)
            m_rerunAll.start();
    };
    connect(m_doc, &Document::definitionChanged, this, definitionChanged);
    connect(m_doc, &Document::projectReset, this, [this] {
        m_mocks.reset();
        m_mocksName.clear();
        m_testCase->clear();
        m_runAll->setEnabled(false);
        if (!m_figures.empty()) {
            m_figures.clear();
            emit testCaseFiguresChanged();
        }
    });
    connect(m_back, &QPushButton::clicked, this, &RunPanel::stepBack);
    connect(m_forward, &QPushButton::clicked, this, &RunPanel::stepForward);
    connect(m_trace, &QListWidget::currentRowChanged, this, &RunPanel::showStep);
}

RunPanel::~RunPanel()
{
    // Workers are children (see run()): a QThread destroyed while it runs aborts the process.
    for (QThread *worker : findChildren<QThread *>(Qt::FindDirectChildrenOnly))
        worker->wait();
}

std::optional<QString> RunPanel::loadMocks(const QString &path)
{
    const asl::ReadResult read = asl::readFile(path.toStdString());
    if (!read)
        return QString::fromStdString(read.error->toString());
    std::string problem;
    auto config = sim::MockConfig::fromJson(*read.value, problem);
    if (!config)
        return path + QStringLiteral(": ") + QString::fromStdString(problem);
    const std::string machine = m_doc->project().name;
    const auto *cases = config->testCases(machine);
    if (!cases)
        return path + QStringLiteral(": /StateMachines: no state machine \"%1\"")
                          .arg(QString::fromStdString(machine));
    m_mocks = std::make_shared<const sim::MockConfig>(std::move(*config));
    m_testCase->clear();
    for (const auto &c : *m_mocks->testCases(machine))
        m_testCase->addItem(QString::fromStdString(c.name));
    m_mocksName = QFileInfo(path).fileName();
    m_runAll->setEnabled(true);
    runAllTestCases();
    return std::nullopt;
}

void RunPanel::run()
{
    if (m_running)
        return;
    const asl::ReadResult input = asl::parseJson(m_input->toPlainText().toStdString(), "input");
    if (!input) {
        m_status->setText(QString::fromStdString(input.error->toString()));
        return;
    }
    // The worker gets copies: the user may edit the project while it runs.
    auto definition = std::make_shared<const asl::Json>(m_doc->project().definition);
    auto mocks = m_mocks;
    sim::RunOptions options;
    options.input = *input.value;
    options.stateMachineName = m_doc->project().name;
    options.echoUnmocked = !mocks;
    if (mocks) {
        options.mocks.config = mocks.get();
        options.mocks.testCase =
            mocks->testCase(m_doc->project().name, m_testCase->currentText().toStdString());
    }
    auto result = std::make_shared<sim::RunResult>();
    m_running = true;
    m_run->setEnabled(false);
    m_status->setText(tr("Running…"));
    QThread *worker = QThread::create([definition, mocks, options, result]() mutable {
#ifdef EGRESS_STUDIO_HAS_JSONATA
        // The evaluator (QJSEngine) lives on the worker thread that uses it.
        std::unique_ptr<sim::JsonataEvaluator> evaluator;
        if (sim::mayUseJsonata(*definition)) {
            evaluator = jsonata::makeEvaluator();
            options.jsonata = evaluator.get();
        }
#endif
        *result = sim::runStateMachine(*definition, options);
    });
    worker->setParent(this);
    connect(worker, &QThread::finished, this, [this, worker, result] {
        worker->deleteLater();
        showRun(result);
    });
    worker->start();
}

void RunPanel::runAllTestCases()
{
    if (!m_mocks)
        return;
    if (m_runningAll) {
        m_runAllAgain = true;
        return;
    }
    auto definition = std::make_shared<const asl::Json>(m_doc->project().definition);
    auto mocks = m_mocks;
    const std::string machine = m_doc->project().name;
    auto figures = std::make_shared<std::vector<cost::RunFigures>>();
    m_runningAll = true;
    QThread *worker = QThread::create([definition, mocks, machine, figures] {
        std::unique_ptr<sim::JsonataEvaluator> evaluator;
#ifdef EGRESS_STUDIO_HAS_JSONATA
        if (sim::mayUseJsonata(*definition))
            evaluator = jsonata::makeEvaluator();
#endif
        const auto *cases = mocks->testCases(machine);
        if (!cases)
            return;
        // As `egress-cli cost --from-runs` runs them: the expected input, else {}; unmocked Tasks fail.
        for (const sim::TestCase &c : *cases) {
            sim::RunOptions options;
            options.stateMachineName = machine;
            options.mocks.config = mocks.get();
            options.mocks.testCase = &c;
            options.jsonata = evaluator.get();
            if (c.expected && c.expected->input)
                options.input = *c.expected->input;
            figures->push_back(cost::runFigures(c.name, 1.0, sim::runStateMachine(*definition, options)));
        }
    });
    worker->setParent(this);
    connect(worker, &QThread::finished, this, [this, worker, figures] {
        worker->deleteLater();
        m_runningAll = false;
        if (m_runAllAgain) {
            m_runAllAgain = false;
            runAllTestCases();
            return;
        }
        if (!m_mocks) // the project was replaced meanwhile
            return;
        m_figures = std::move(*figures);
        emit testCaseFiguresChanged();
    });
    worker->start();
}

void RunPanel::showRun(std::shared_ptr<sim::RunResult> result)
{
    m_result = std::move(result);
    m_running = false;
    m_run->setEnabled(true);
    m_trace->clear();
    for (const auto &t : m_result->trace) {
        QString row = QStringLiteral("+%1 s  %2%3 (%4)")
                          .arg(double(t.enteredMs) / 1000.0, 0, 'f', 3)
                          .arg(QString::fromStdString(t.path.empty() ? "" : t.path + "/"),
                               QString::fromStdString(t.state), QString::fromStdString(t.type));
        if (t.attempts > 1)
            row += tr(", %1 attempts").arg(t.attempts);
        if (!t.error.empty())
            row += QStringLiteral(": ") + QString::fromStdString(t.error);
        auto *item = new QListWidgetItem(row, m_trace);
        if (!t.error.empty() && t.output.is_null())
            item->setForeground(Qt::red);
    }
    m_status->setText(QStringLiteral("%1 after %2 transitions, %3 s simulated%4")
                          .arg(QString::fromStdString(m_result->status))
                          .arg(m_result->transitions)
                          .arg(double(m_result->durationMs) / 1000.0, 0, 'f', 3)
                          .arg(m_result->status == "SUCCEEDED"
                                   ? QString()
                                   : QStringLiteral(": ") +
                                         QString::fromStdString(m_result->error + " " + m_result->cause)));
    if (m_trace->count() > 0)
        m_trace->setCurrentRow(0);
    emit runFinished();
}

void RunPanel::showStep(int row)
{
    if (!m_result || row < 0 || row >= int(m_result->trace.size()))
        return;
    const sim::TraceEntry &t = m_result->trace[std::size_t(row)];
    QString text = tr("Input:\n") + QString::fromStdString(t.input.dump(2)) + tr("\n\nOutput:\n") +
                   QString::fromStdString(t.output.dump(2));
    if (!t.error.empty())
        text += tr("\n\nError: ") + QString::fromStdString(t.error + " — " + t.cause);
    m_detail->setPlainText(text);
    emit stepChanged(QString::fromStdString(t.state), !t.error.empty() && t.output.is_null(), t.attempts);
}

bool RunPanel::selectState(const QString &state)
{
    if (!m_result)
        return false;
    const std::string name = state.toStdString();
    const int current = m_trace->currentRow();
    if (current >= 0 && current < int(m_result->trace.size()) &&
        m_result->trace[std::size_t(current)].state == name)
        return true; // a loop entered it several times: stay on the row shown
    for (std::size_t i = 0; i < m_result->trace.size(); ++i)
        if (m_result->trace[i].state == name) {
            if (m_trace->currentRow() != int(i))
                m_trace->setCurrentRow(int(i));
            return true;
        }
    return false;
}

void RunPanel::stepForward()
{
    if (m_trace->currentRow() + 1 < m_trace->count())
        m_trace->setCurrentRow(m_trace->currentRow() + 1);
}

void RunPanel::stepBack()
{
    if (m_trace->currentRow() > 0)
        m_trace->setCurrentRow(m_trace->currentRow() - 1);
}

} // namespace egress::studio

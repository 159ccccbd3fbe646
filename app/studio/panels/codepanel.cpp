#include "codepanel.h"

#include "analysis.h"
#include "asl/reader.h"
#include "asl/validator.h"
#include "asl/writer.h"
#include "design/projectio.h"
#include "diagramscene.h"
#include "document.h"
#include "edits.h"
#include "exportactions.h"
#include "jsonhighlighter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>
#include <climits>
#include <set>

namespace egress::studio {
namespace {

// Long enough that a pause inside a word does not apply it; the validator decides the rest (apply()).
constexpr int kApplyDelayMs = 1500;

/** The names of every state in a definition with their scope pointer (for rename detection). */
std::map<std::string, std::string> statesByName(const asl::Json &definition)
{
    std::map<std::string, std::string> out;
    const asl::WorkflowIndex index = asl::WorkflowIndex::build(definition);
    for (const asl::StateEntry &s : index.states())
        out.emplace(s.name, index.scopes()[static_cast<std::size_t>(s.scope)].pointer);
    return out;
}

} // namespace

CodePanel::CodePanel(Document *doc, DiagramScene *scene, QWidget *parent)
    : QWidget(parent), m_doc(doc), m_scene(scene), m_format(new QComboBox), m_variant(new QComboBox),
      m_createVpc(new QCheckBox(tr("Create VPC"))), m_editor(new QPlainTextEdit), m_error(new QLabel),
      m_info(new QLabel), m_pendingBar(new QWidget), m_pending(new QLabel),
      m_highlighter(new JsonHighlighter(m_editor->document()))
{
    m_format->addItem(tr("ASL · JSON"), int(Format::AslJson));
    m_format->addItem(tr("ASL · YAML"), int(Format::AslYaml));
    m_format->addItem(tr("CloudFormation · YAML"), int(Format::CfnYaml));
    m_format->addItem(tr("CloudFormation · JSON"), int(Format::CfnJson));
    m_variant->addItem(tr("As designed"), false);
    m_variant->addItem(tr("NAT gateway baseline"), true);
    m_variant->setToolTip(
        tr("As designed: a function per Lambda step, placed as drawn, and the state machine.\n"
           "NAT gateway baseline: one function doing all the work in the VPC behind NAT "
           "gateways (egress-cli export-cfn --variant nat-gateway)."));
    m_createVpc->setToolTip(tr("Create the VPC, subnets and routes instead of taking an existing VPC as "
                               "parameters (egress-cli export-cfn --create-vpc)"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTabStopDistance(QFontMetricsF(m_editor->font()).horizontalAdvance(' ') * 2);
    m_highlighter->setDark(palette().color(QPalette::Base).lightness() < 128);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#c62828"));
    m_error->hide();
    m_info->setWordWrap(true);
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_info->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show")));
    top->addWidget(m_format, 1);
    top->addWidget(m_variant, 1);
    top->addWidget(m_createVpc);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_info);
    auto *pendingRow = new QHBoxLayout(m_pendingBar);
    pendingRow->setContentsMargins(0, 0, 0, 0);
    m_pending->setWordWrap(true);
    m_pending->setObjectName(QStringLiteral("codePending"));
    auto *applyButton = new QPushButton(tr("Apply"));
    applyButton->setObjectName(QStringLiteral("codeApply"));
    applyButton->setToolTip(tr("Apply the text to the design now (Ctrl+Return)"));
    connect(applyButton, &QPushButton::clicked, this, &CodePanel::applyNow);
    pendingRow->addWidget(m_pending, 1);
    pendingRow->addWidget(applyButton);
    m_pendingBar->hide();
    layout->addWidget(m_pendingBar);
    m_editor->installEventFilter(this);

    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(kApplyDelayMs);
    connect(&m_applyTimer, &QTimer::timeout, this, [this] { apply(ApplyRule::WhenNoNewErrors); });
    m_regenTimer.setSingleShot(true);
    m_regenTimer.setInterval(0);
    connect(&m_regenTimer, &QTimer::timeout, this, [this] {
        if (m_stale)
            regenerate();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        m_dirty = false;
        showPending({});
        m_applyTimer.stop();
        updateControls();
        regenerate();
    });
    connect(m_variant, &QComboBox::currentIndexChanged, this, &CodePanel::regenerate);
    connect(m_createVpc, &QCheckBox::toggled, this, &CodePanel::regenerate);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &CodePanel::textEdited);
    connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this, &CodePanel::cursorMoved);
    connect(m_doc, &Document::projectReset, this, [this] {
        m_dirty = false;
        showPending({});
        m_preview = nullptr;
        regenerate();
    });
    // The ASL text follows the definition at once (typed text waits); the template depends on the whole
    // project and is rebuilt coalesced, and only while it can be seen.
    connect(m_doc, &Document::definitionChanged, this, [this] {
        if (isTemplate())
            scheduleRegenerate();
        else
            regenerate();
    });
    connect(m_doc, &Document::stepChanged, this, [this](const QString &, Document::StepChanges what) {
        if (isTemplate() && what != Document::Position) // moving a step within its side changes no resource
            scheduleRegenerate();
    });
    for (auto signal : {&Document::vpcChanged, &Document::usageChanged, &Document::projectPropertiesChanged})
        connect(m_doc, signal, this, [this] {
            if (isTemplate())
                scheduleRegenerate();
        });
    connect(m_doc->analysis(), &Analysis::previewChanged, this, [this](const design::Project *hypothetical) {
        m_preview = hypothetical;
        if (!isTemplate())
            return;
        // A template that takes longer to rebuild than a frame would stall the drag: it waits for the drop
        // (the line under the text says so) and is rebuilt once then.
        m_previewDeferred = hypothetical && m_lastTemplateMs > m_liveBudgetMs;
        if (m_previewDeferred)
            highlightSelectedStep(); // updates the line under the text
        else
            scheduleRegenerate();
    });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &CodePanel::highlightSelectedStep);
    updateControls();
    regenerate();
}

CodePanel::Format CodePanel::format() const
{
    return Format(m_format->currentData().toInt());
}

void CodePanel::setFormat(Format format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

void CodePanel::setNatBaseline(bool nat)
{
    m_variant->setCurrentIndex(nat ? 1 : 0);
}

void CodePanel::setCreateVpc(bool create)
{
    m_createVpc->setChecked(create);
}

QString CodePanel::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

QString CodePanel::infoText() const
{
    return m_info->text();
}

void CodePanel::updateControls()
{
    const bool cfn = isTemplate();
    m_variant->setVisible(cfn);
    m_createVpc->setVisible(cfn);
    m_editor->setReadOnly(cfn);
    m_info->setVisible(cfn);
}

void CodePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        const bool dark = palette().color(QPalette::Base).lightness() < 128;
        if (dark != m_highlighter->isDark())
            m_highlighter->setDark(dark);
    }
}

void CodePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        m_regenTimer.start();
}

void CodePanel::scheduleRegenerate()
{
    m_stale = true;
    if (isVisible() && !m_regenTimer.isActive())
        m_regenTimer.start();
}

void CodePanel::flush()
{
    m_regenTimer.stop();
    if (m_stale)
        regenerate();
}

QString CodePanel::templateText(const design::Project &project)
{
    const bool yaml = format() == Format::CfnYaml;
    const cfn::Variant variant =
        m_variant->currentData().toBool() ? cfn::Variant::NatGateway : cfn::Variant::Designed;
    const CfnText built =
        cloudFormationText(project, variant, yaml ? asl::TextFormat::YamlText : asl::TextFormat::JsonText,
                           m_createVpc->isChecked());
    const QString text = QString::fromStdString(built.text);
    const QHash<QString, TextRange> ranges = yaml ? yamlPointerRanges(text) : jsonPointerRanges(text);
    m_stepRanges.clear();
    const QString definition =
        built.result.stateMachine.empty()
            ? QString()
            : QStringLiteral("/Resources/") +
                  escapePointerToken(QString::fromStdString(built.result.stateMachine)) +
                  QStringLiteral("/Properties/Definition");
    for (const asl::StateEntry &s : m_doc->index().states()) {
        const QString name = QString::fromStdString(s.name);
        QList<TextRange> parts;
        if (auto fn = built.result.functionOfStep.find(s.name); fn != built.result.functionOfStep.end())
            parts.append(ranges.value(QStringLiteral("/Resources/") +
                                      escapePointerToken(QString::fromStdString(fn->second))));
        if (!definition.isEmpty())
            parts.append(ranges.value(definition + QString::fromStdString(s.pointer)));
        parts.removeIf([](const TextRange &r) { return r.end <= r.start; });
        if (!parts.isEmpty())
            m_stepRanges.insert(name, parts);
    }
    const asl::Json &resources = built.result.templateJson["Resources"];
    // Plurals spelled out: the app ships no translations that would resolve "%n resource(s)".
    const int resourceCount = int(resources.size()), noteCount = int(built.result.notes.size());
    m_templateSummary =
        tr("Read-only: the template egress-cli export-cfn writes for this design — %1")
            .arg(resourceCount == 1 ? tr("1 resource") : tr("%1 resources").arg(resourceCount));
    if (noteCount > 0)
        m_templateSummary += noteCount == 1 ? tr(", 1 note in its Metadata (hover)")
                                            : tr(", %1 notes in its Metadata (hover)").arg(noteCount);
    QStringList problems;
    for (const std::string &p : built.result.problems)
        problems << QString::fromStdString(p);
    if (!problems.isEmpty()) {
        m_error->setText(problems.join('\n'));
        m_error->show();
    }
    QStringList notes;
    for (const std::string &n : built.result.notes)
        notes << QStringLiteral("• ") + QString::fromStdString(n);
    m_info->setToolTip(notes.join('\n'));
    return text;
}

void CodePanel::regenerate()
{
    if (m_dirty) // the user is typing: their text wins until it is applied or abandoned
        return;
    m_stale = false;
    m_regenTimer.stop();
    m_error->clear();
    m_error->hide();
    QString text;
    const bool cfn = isTemplate();
    QElapsedTimer clock;
    clock.start();
    if (cfn) {
        if (!m_doc->analysis()->hasPreview())
            m_preview = nullptr;
        m_previewDeferred = m_previewDeferred && m_preview;
        text = templateText(m_preview && !m_previewDeferred ? *m_preview : m_doc->project());
    } else {
        const bool yaml = format() == Format::AslYaml;
        // The same text File ▸ Export writes: numbers as the definition wrote them.
        text = QString::fromStdString(design::writeDefinition(
            m_doc->project(), yaml ? asl::TextFormat::YamlText : asl::TextFormat::JsonText));
        const QHash<QString, TextRange> ranges = yaml ? yamlPointerRanges(text) : jsonPointerRanges(text);
        m_stepRanges.clear();
        for (const asl::StateEntry &s : m_doc->index().states()) {
            const TextRange r = ranges.value(QString::fromStdString(s.pointer));
            if (r.end > r.start)
                m_stepRanges.insert(QString::fromStdString(s.name), {r});
        }
    }
    if (text != m_editor->toPlainText()) {
        // Keep the reader's place: a template rebuilt during a drag should not jump to the top.
        const int scroll = m_editor->verticalScrollBar()->value();
        m_updating = true;
        m_editor->setPlainText(text);
        m_editor->verticalScrollBar()->setValue(scroll);
        m_updating = false;
    }
    m_editor->setExtraSelections({});
    if (cfn)
        m_lastTemplateMs = clock.elapsed();
    highlightSelectedStep();
}

void CodePanel::textEdited()
{
    if (m_updating || m_editor->isReadOnly())
        return;
    m_dirty = true;
    showPending({});
    m_applyTimer.start();
}

void CodePanel::applyNow()
{
    if (m_applyTimer.isActive() || m_dirty) {
        m_applyTimer.stop();
        apply(ApplyRule::Always);
    }
}

bool CodePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            (key->modifiers() & Qt::ControlModifier)) {
            applyNow();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QString CodePanel::pendingText() const
{
    return m_pendingBar->isHidden() ? QString() : m_pending->text();
}

void CodePanel::showPending(const QString &why)
{
    m_pending->setText(why);
    m_pendingBar->setVisible(!why.isEmpty());
}

void CodePanel::markError(int line, int column, const QString &message)
{
    m_error->setText(message);
    m_error->show();
    QTextEdit::ExtraSelection mark;
    QTextBlock block = m_editor->document()->findBlockByNumber(std::max(0, line - 1));
    if (!block.isValid())
        block = m_editor->document()->lastBlock();
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        std::clamp(column - 1, 0, block.length() - 1));
    cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    if (!cursor.hasSelection())
        cursor.movePosition(QTextCursor::StartOfBlock, QTextCursor::KeepAnchor);
    mark.cursor = cursor;
    mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    mark.format.setUnderlineColor(QColor(0xC6, 0x28, 0x28));
    mark.format.setBackground(QColor(0xC6, 0x28, 0x28, 40));
    mark.format.setToolTip(message);
    QTextEdit::ExtraSelection lineMark;
    lineMark.cursor = QTextCursor(block);
    lineMark.format.setProperty(QTextFormat::FullWidthSelection, true);
    lineMark.format.setBackground(QColor(0xC6, 0x28, 0x28, 25));
    m_editor->setExtraSelections({lineMark, mark});
}

void CodePanel::apply(ApplyRule rule)
{
    showPending({});
    const QString text = m_editor->toPlainText();
    const bool yaml = format() == Format::AslYaml;
    const asl::ReadResult read = yaml ? asl::parseYaml(text.toStdString(), "code panel")
                                      : asl::parseJson(text.toStdString(), "code panel");
    if (!read) {
        const asl::Diagnostic &e = *read.error;
        markError(
            e.line, e.column,
            tr("Line %1, column %2: %3").arg(e.line).arg(e.column).arg(QString::fromStdString(e.message)));
        return;
    }
    if (!read.value->is_object() || !read.value->contains("States")) {
        markError(1, 1, tr("Not a state machine: the text needs an object with \"States\""));
        return;
    }
    if (rule == ApplyRule::WhenNoNewErrors) {
        // On its own, typed text is applied only when it breaks nothing that was whole: a reference to a
        // state being typed would otherwise drop its edge (and the step's design data) mid-word.
        std::set<std::pair<std::string, std::string>> known;
        for (const asl::Diagnostic &d : asl::validateDefinition(m_doc->project().definition))
            if (d.severity == asl::Severity::Error)
                known.emplace(d.pointer, d.message);
        for (const asl::Diagnostic &d : asl::validateDefinition(*read.value))
            if (d.severity == asl::Severity::Error && !known.count({d.pointer, d.message})) {
                showPending(tr("Not applied yet: %1 (%2). Ctrl+Return applies it anyway.")
                                .arg(QString::fromStdString(d.message),
                                     QString::fromStdString(d.state.empty() ? d.pointer : d.state)));
                return;
            }
    }
    m_error->clear();
    m_error->hide();
    m_editor->setExtraSelections({});
    m_dirty = false;

    design::Project after = m_doc->project();
    // A state that disappeared while exactly one new state appeared in the same scope was renamed: its
    // design data (position, placement, sizes) goes with it.
    const auto before = statesByName(after.definition);
    const auto now = statesByName(*read.value);
    std::vector<std::string> gone, added;
    for (const auto &[name, scope] : before)
        if (!now.count(name))
            gone.push_back(name);
    for (const auto &[name, scope] : now)
        if (!before.count(name))
            added.push_back(name);
    if (gone.size() == 1 && added.size() == 1 && before.at(gone[0]) == now.at(added[0])) {
        if (auto it = after.steps.find(gone[0]); it != after.steps.end()) {
            after.steps[added[0]] = it->second;
            after.steps.erase(gone[0]);
        }
    } else {
        for (const std::string &name : gone)
            after.steps.erase(name);
    }
    after.definition = *read.value;
    Edits::setProject(*m_doc, tr("Edit ASL"), after);
}

QList<TextRange> CodePanel::rangesOfStep(const QString &name) const
{
    return m_stepRanges.value(name);
}

TextRange CodePanel::rangeOfStep(const QString &name) const
{
    const QList<TextRange> parts = m_stepRanges.value(name);
    return parts.isEmpty() ? TextRange{} : parts.front();
}

void CodePanel::highlightSelectedStep()
{
    // A marked parse error stays visible until the text is fixed (the template's problems are no such mark).
    if (m_dirty || (!isTemplate() && !m_error->text().isEmpty()))
        return;
    const QStringList names = m_scene->selectedStepNames();
    QList<QTextEdit::ExtraSelection> marks;
    const QColor color = palette().color(QPalette::Highlight);
    QStringList without; // selected steps with no part of their own in this text
    for (const QString &name : names) {
        const QList<TextRange> parts = rangesOfStep(name);
        if (parts.isEmpty())
            without << name;
        for (const TextRange &r : parts) {
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(m_editor->document());
            mark.cursor.setPosition(r.start);
            mark.cursor.setPosition(r.end, QTextCursor::KeepAnchor);
            QColor bg = color;
            bg.setAlpha(45);
            mark.format.setBackground(bg);
            marks.append(mark);
        }
    }
    m_editor->setExtraSelections(marks);
    if (isTemplate()) {
        QString info = m_templateSummary;
        if (without.size() == 1 && m_variant->currentData().toBool())
            info +=
                QLatin1Char('\n') + tr("\"%1\" has no resource of its own in the NAT gateway baseline: one "
                                       "function does the work of every step.")
                                        .arg(without.front());
        else if (without.size() == 1)
            info +=
                QLatin1Char('\n') + tr("\"%1\" has no part of its own in the template.").arg(without.front());
        if (m_previewDeferred && m_doc->analysis()->hasPreview())
            info += QLatin1Char('\n') +
                    tr("This template takes %1 ms to rebuild: it follows the dragged step when you drop it.")
                        .arg(m_lastTemplateMs);
        m_info->setText(info);
    }
    if (!marks.isEmpty() && !m_editor->hasFocus()) {
        m_updating = true;
        QTextCursor c(m_editor->document());
        c.setPosition(marks.front().cursor.selectionStart());
        m_editor->setTextCursor(c);
        m_editor->centerCursor();
        m_updating = false;
    }
}

void CodePanel::cursorMoved()
{
    if (m_updating || !m_editor->hasFocus() || m_dirty)
        return;
    const int pos = m_editor->textCursor().position();
    // The step with the innermost part of the text containing the cursor.
    QString best;
    int bestSize = INT_MAX;
    for (auto it = m_stepRanges.cbegin(); it != m_stepRanges.cend(); ++it)
        for (const TextRange &r : it.value())
            if (r.start <= pos && pos < r.end && r.end - r.start < bestSize) {
                bestSize = r.end - r.start;
                best = it.key();
            }
    if (!best.isEmpty() && m_scene->selectedStepNames() != QStringList{best})
        m_scene->selectSteps({best});
}

} // namespace egress::studio

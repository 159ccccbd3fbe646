#include "codepanel.h"

#include "asl/reader.h"
#include "asl/writer.h"
#include "commands.h"
#include "diagramscene.h"
#include "document.h"
#include "jsonhighlighter.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>
#include <climits>
#include <set>

namespace egress::studio {
namespace {

constexpr int kApplyDelayMs = 600;

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
    : QWidget(parent), m_doc(doc), m_scene(scene), m_format(new QComboBox), m_editor(new QPlainTextEdit),
      m_error(new QLabel), m_highlighter(new JsonHighlighter(m_editor->document()))
{
    m_format->addItem(tr("ASL · JSON"), int(Format::AslJson));
    m_format->addItem(tr("ASL · YAML"), int(Format::AslYaml));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTabStopDistance(QFontMetricsF(m_editor->font()).horizontalAdvance(' ') * 2);
    m_highlighter->setDark(palette().color(QPalette::Base).lightness() < 128);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#c62828"));
    m_error->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show")));
    top->addWidget(m_format, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_error);

    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(kApplyDelayMs);
    connect(&m_applyTimer, &QTimer::timeout, this, &CodePanel::apply);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        m_dirty = false;
        regenerate();
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, &CodePanel::textEdited);
    connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this, &CodePanel::cursorMoved);
    connect(m_doc, &Document::projectReset, this, [this] {
        m_dirty = false;
        regenerate();
    });
    connect(m_doc, &Document::definitionChanged, this, &CodePanel::regenerate);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &CodePanel::highlightSelectedStep);
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

QString CodePanel::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void CodePanel::regenerate()
{
    if (m_dirty) // the user is typing: their text wins until it is applied or abandoned
        return;
    const asl::Json &definition = m_doc->project().definition;
    const bool yaml = format() == Format::AslYaml;
    const QString text =
        QString::fromStdString(yaml ? asl::writeYaml(definition) : asl::writeJson(definition));
    if (text != m_editor->toPlainText()) {
        m_updating = true;
        m_editor->setPlainText(text);
        m_updating = false;
    }
    m_ranges = yaml ? yamlPointerRanges(text) : jsonPointerRanges(text);
    m_error->clear();
    m_error->hide();
    m_editor->setExtraSelections({});
    highlightSelectedStep();
}

void CodePanel::textEdited()
{
    if (m_updating)
        return;
    m_dirty = true;
    m_applyTimer.start();
}

void CodePanel::applyNow()
{
    if (m_applyTimer.isActive() || m_dirty) {
        m_applyTimer.stop();
        apply();
    }
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

void CodePanel::apply()
{
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
    m_error->clear();
    m_error->hide();
    m_editor->setExtraSelections({});
    m_ranges = yaml ? yamlPointerRanges(text) : jsonPointerRanges(text);
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
    Commands::setProject(*m_doc, tr("Edit ASL"), after);
}

TextRange CodePanel::rangeOfStep(const QString &name) const
{
    const asl::StateEntry *state = m_doc->index().find(name.toStdString());
    if (!state)
        return {};
    return m_ranges.value(QString::fromStdString(state->pointer));
}

void CodePanel::highlightSelectedStep()
{
    if (m_dirty || !m_error->text().isEmpty())
        return;
    const QStringList names = m_scene->selectedStepNames();
    QList<QTextEdit::ExtraSelection> marks;
    const QColor color = palette().color(QPalette::Highlight);
    for (const QString &name : names) {
        const TextRange r = rangeOfStep(name);
        if (r.end <= r.start)
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_editor->document());
        mark.cursor.setPosition(r.start);
        mark.cursor.setPosition(r.end, QTextCursor::KeepAnchor);
        QColor bg = color;
        bg.setAlpha(45);
        mark.format.setBackground(bg);
        marks.append(mark);
    }
    m_editor->setExtraSelections(marks);
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
    // The innermost state whose text contains the cursor.
    QString best;
    int bestSize = INT_MAX;
    for (const asl::StateEntry &s : m_doc->index().states()) {
        const TextRange r = m_ranges.value(QString::fromStdString(s.pointer));
        if (r.start <= pos && pos < r.end && r.end - r.start < bestSize) {
            bestSize = r.end - r.start;
            best = QString::fromStdString(s.name);
        }
    }
    if (!best.isEmpty() && m_scene->selectedStepNames() != QStringList{best})
        m_scene->selectSteps({best});
}

} // namespace egress::studio

#pragma once

#include "jsonranges.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace egress::studio {

class DiagramScene;
class Document;
class JsonHighlighter;

/**
 * The live code of the design: its ASL definition as JSON or YAML, syntax highlighted. Selecting a step on
 * the canvas highlights its part of the text; moving the cursor into a state's text selects that step.
 * Edits are parsed as the user pauses typing: a valid definition is applied as one undoable command (a
 * renamed state keeps its design data and position), an invalid one is marked at the parser's line and
 * column and never applied.
 */
class CodePanel : public QWidget
{
    Q_OBJECT

public:
    enum class Format { AslJson, AslYaml };

    CodePanel(Document *doc, DiagramScene *scene, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *formatBox() const { return m_format; }
    Format format() const;
    void setFormat(Format format);
    /** The parse error shown under the text, empty when the text is valid. */
    QString errorText() const;
    /** Applies pending typed text now instead of after the typing pause (tests). */
    void applyNow();
    /** The text range of a step in the current text, or an empty range. */
    TextRange rangeOfStep(const QString &name) const;

private:
    void regenerate();
    void textEdited();
    void apply();
    void highlightSelectedStep();
    void cursorMoved();
    void markError(int line, int column, const QString &message);

    Document *m_doc;
    DiagramScene *m_scene;
    QComboBox *m_format;
    QPlainTextEdit *m_editor;
    QLabel *m_error;
    JsonHighlighter *m_highlighter;
    QTimer m_applyTimer;
    QHash<QString, TextRange> m_ranges;
    bool m_updating = false; ///< the text is being set by us, not typed
    bool m_dirty = false;    ///< typed text not applied yet
};

} // namespace egress::studio

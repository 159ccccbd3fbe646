#pragma once

#include "jsonranges.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace egress::design {
struct Project;
}

namespace egress::studio {

class DiagramScene;
class Document;
class JsonHighlighter;

/**
 * The live code of the design, syntax highlighted: its ASL definition as JSON or YAML, or the
 * CloudFormation template `egress-cli export-cfn` would write (variant, format and --create-vpc as there).
 * Selecting a step on the canvas highlights its part of the text (its state; in a template also its
 * Lambda function resource); moving the cursor into that text selects the step.
 * ASL edits are parsed as the user pauses typing: a valid definition is applied as one undoable command
 * (a renamed state keeps its design data and position), an invalid one is marked at the parser's line
 * and column and never applied. The template is read-only and follows every change, including the
 * placement a dragged step would get if dropped now.
 */
class CodePanel : public QWidget
{
    Q_OBJECT

public:
    enum class Format { AslJson, AslYaml, CfnYaml, CfnJson };

    CodePanel(Document *doc, DiagramScene *scene, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *formatBox() const { return m_format; }
    Format format() const;
    void setFormat(Format format);
    bool isTemplate() const { return format() == Format::CfnYaml || format() == Format::CfnJson; }
    /** CloudFormation variant shown: false = as designed, true = the NAT gateway baseline. */
    void setNatBaseline(bool nat);
    void setCreateVpc(bool create);
    /** The parse error shown under the text, empty when the text is valid. */
    QString errorText() const;
    /** The line under the text about the template (resource count, what a selected step maps to). */
    QString infoText() const;
    /**
     * Applies typed text now, whatever problems it brings (Ctrl+Return, the Apply button). After a typing
     * pause the text is applied on its own only when it parses and adds no validator error, so a half-typed
     * name (`"Next": "Record resultX"`) never removes an edge behind the user's back.
     */
    void applyNow();
    /** Why typed text waits, with the Apply button beside it; empty when nothing waits. */
    QString pendingText() const;
    /** Brings a pending template update forward (it is coalesced, and waits while the panel is hidden). */
    void flush();
    /** The text ranges of a step in the current text (the function resource first), or none. */
    QList<TextRange> rangesOfStep(const QString &name) const;
    /**
     * How long (ms) a template rebuild may take and still follow a drag live; a slower one (large designs)
     * waits for the drop. Default: one frame.
     */
    void setLivePreviewBudget(qint64 ms) { m_liveBudgetMs = ms; }
    /** The first of rangesOfStep(), or an empty range. */
    TextRange rangeOfStep(const QString &name) const;

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    /** A live theme switch (View ▸ Theme) recolours the syntax highlighting. */
    void changeEvent(QEvent *event) override;

private:
    void scheduleRegenerate();
    void regenerate();
    void updateControls();
    QString templateText(const design::Project &project);
    void textEdited();
    enum class ApplyRule { WhenNoNewErrors, Always };
    void apply(ApplyRule rule);
    void showPending(const QString &why);
    void highlightSelectedStep();
    void cursorMoved();
    void markError(int line, int column, const QString &message);

    Document *m_doc;
    DiagramScene *m_scene;
    QComboBox *m_format;
    QComboBox *m_variant;
    QCheckBox *m_createVpc;
    QPlainTextEdit *m_editor;
    QLabel *m_error;
    QLabel *m_info;
    QWidget *m_pendingBar;
    QLabel *m_pending;
    JsonHighlighter *m_highlighter;
    QTimer m_applyTimer;
    QTimer m_regenTimer;
    QHash<QString, QList<TextRange>> m_stepRanges; ///< step name → its parts of the text
    QString m_templateSummary;
    const design::Project *m_preview = nullptr; ///< the project as if the dragged step were dropped
    bool m_updating = false;                    ///< the text is being set by us, not typed
    bool m_dirty = false;                       ///< typed text not applied yet
    bool m_stale = false;                       ///< a template update is pending
    bool m_previewDeferred = false; ///< the drag preview is not shown: the template is too slow to rebuild
    qint64 m_lastTemplateMs = 0;    ///< how long the last template rebuild took
    qint64 m_liveBudgetMs = 16;
};

} // namespace egress::studio

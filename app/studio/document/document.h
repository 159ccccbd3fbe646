#pragma once

#include "asl/workflow.h"
#include "design/project.h"

#include <QObject>
#include <QPointF>
#include <QString>
#include <map>
#include <optional>

class QUndoStack;

namespace egress::studio {

class Analysis;

/**
 * The one owner of an open project: the design::Project, its undo stack, the file path and the
 * modified state. The model is changed only by undo commands (commands.h), which call the apply*
 * functions below; those emit typed change signals that the canvas and the panels react to.
 * Signals are emitted after the model changed, in the order removed → added → changed → definitionChanged.
 */
class Document : public QObject
{
    Q_OBJECT

public:
    enum StepChange {
        Position = 0x1,   ///< design position
        Placement = 0x2,  ///< inside/outside the VPC
        Design = 0x4,     ///< other design data (memory, egress, ...)
        Definition = 0x8, ///< the state's ASL JSON
    };
    Q_DECLARE_FLAGS(StepChanges, StepChange)
    Q_FLAG(StepChanges)

    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    const design::Project &project() const { return m_project; }
    /** The index of the current definition (states, scopes, edges); rebuilt after each change. */
    const asl::WorkflowIndex &index() const { return m_index; }
    QUndoStack *undoStack() const { return m_undoStack; }

    QString filePath() const { return m_filePath; }
    /** The file name for the title bar, "Untitled" when never saved. */
    QString displayName() const;
    bool isModified() const;

    /** Replaces the whole project (new, open, import, recovery): clears the undo history. */
    void resetProject(const design::Project &project, const QString &filePath, bool modified = false);
    /** Writes the project atomically; on success the document becomes clean and takes the path. */
    std::optional<QString> save(const QString &filePath);

    /**
     * Loads a project file, a bare ASL definition (JSON/YAML, then laid out) or one state machine of a
     * SAM / CloudFormation template with the model's loader (input::loadInput, as egress-cli does, with the
     * same messages; docs/templates.md).
     * Never touches any open document; on failure returns the message naming the file and the place.
     * A template with several state machines and no `stateMachine` returns them in `stateMachines`.
     * `projectPath` is where the project lives, so its source.template is relative to that folder.
     */
    struct Loaded
    {
        std::optional<design::Project> project;
        QString error;
        bool wasProject = false;
        bool wasTemplate = false;
        QStringList stateMachines; ///< a template's state machines when one must be chosen
        QStringList notes;         ///< a template's import notes
    };
    static Loaded load(const QString &filePath, const QString &stateMachine = {},
                       const QString &projectPath = {});

    // --- Used by the undo commands only -------------------------------------------------------
    /** Sets the whole project, emitting what changed (diffed against the current one). */
    void applyProject(const design::Project &project);
    /** The fast path of moves: new positions and placements of some steps. */
    void applyStepPlacements(const std::map<std::string, design::StepDesign> &steps);

    /** The cost, the problems and the drag preview of this document (owned by it; no widgets). */
    Analysis *analysis() const { return m_analysis; }

signals:
    void projectReset();
    void stepAdded(const QString &name);
    void stepRemoved(const QString &name);
    void stepChanged(const QString &name, egress::studio::Document::StepChanges what);
    void definitionChanged();
    void vpcChanged();
    void usageChanged();
    void projectPropertiesChanged();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);

private:
    design::Project m_project;
    asl::WorkflowIndex m_index;
    QUndoStack *m_undoStack;
    QString m_filePath;
    Analysis *m_analysis;
};

} // namespace egress::studio

Q_DECLARE_OPERATORS_FOR_FLAGS(egress::studio::Document::StepChanges)

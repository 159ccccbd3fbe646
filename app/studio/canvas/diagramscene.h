#pragma once

#include "asl/workflow.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <map>
#include <memory>
#include <optional>

namespace egress::studio {

class Document;
class StepItem;
class EdgeItem;
class StartItem;
class VpcItem;

/** The label of a Parallel branch ("Branch 2") or a Map's item processor (with "Distributed" when it is). */
QString laneLabel(const asl::Json *state, const asl::ScopeEntry &scope);

/**
 * The canvas model: one StepItem per state (keyed by state name), edges, start markers and the VPC
 * region, all kept in step with the Document's change signals. User gestures (drag, connect, reconnect,
 * VPC move/resize, nudge, palette drop) are turned into Commands; the items move only visually until
 * the gesture ends.
 */
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit DiagramScene(Document *doc, QObject *parent = nullptr);
    ~DiagramScene() override;

    Document *document() const { return m_doc; }
    StepItem *stepItem(const QString &name) const { return m_steps.value(name); }
    QList<StepItem *> stepItems() const { return m_steps.values(); }
    QList<EdgeItem *> edgeItems() const;

    QStringList selectedStepNames() const;
    EdgeItem *selectedEdge() const;
    void selectSteps(const QStringList &names);
    /**
     * The step the keyboard is on (arrow keys move it, Enter edits it): drawn with a dashed focus ring
     * while the canvas has the focus, apart from the selection. Follows the selection when it moves away.
     */
    QString currentStep() const;
    void setCurrentStep(const QString &name);

    void setGridVisible(bool on);
    void setSnapToGrid(bool on) { m_snap = on; }
    static constexpr int kGrid = 20;

    /** The scope (JSON pointer of a branch or item processor, "" = top level) whose frame holds the point. */
    QString scopeAt(QPointF scenePos) const;
    /** The bounding box of everything drawn, for "fit". */
    QRectF contentRect() const;

    // Gestures, also driven directly by the benchmark and the tests.
    /** Starts moving the selected steps (selecting `name` first when it is not selected). */
    void beginStepDrag(const QString &name, QPointF scenePos);
    void dragStepsTo(QPointF scenePos);
    /** Ends the drag: one command with the new positions (and placements). */
    void endStepDrag();
    bool isDragging() const { return m_drag.has_value(); }

signals:
    void statusMessage(const QString &message);
    /** A gesture was refused (e.g. a transition across branches); the text says why. */
    void editRefused(const QString &message);
    /** Enter on the canvas: edit `name` (the current step; empty: the project) in the Inspector. */
    void editRequested(const QString &name);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;

private:
    void rebuild();
    void addStep(const QString &name);
    void removeStep(const QString &name);
    void rebuildEdges();
    void updateEdgesOf(const QString &name);
    void updateEdge(EdgeItem *edge);
    void updateStartMarkers();
    void updateContainers();
    void updateAncestorsOf(const QString &name);
    void updateContainer(StepItem *container);
    /** What an edge between two steps must go around (route) and what its label must not cover. */
    struct Obstacles
    {
        QList<QRectF> route;
        QList<QRectF> labels;
    };
    Obstacles obstaclesNear(const StepItem *from, const StepItem *to) const;
    Obstacles obstaclesIn(const QRectF &area, const StepItem *from, const StepItem *to) const;
    void updateLabelsUnder(const QRectF &area);
    QPointF snapped(QPointF p) const;
    StepItem *stepAt(QPointF scenePos, const StepItem *ignore = nullptr) const;

    Document *m_doc;
    QHash<QString, StepItem *> m_steps;
    /** Steps added by the change being applied: selected once it is done (a rename, an undone delete). */
    QStringList m_addedSinceChange;
    bool m_rebuilding = false;
    std::vector<EdgeItem *> m_edges;
    QMultiHash<QString, EdgeItem *> m_edgesByStep;
    std::vector<StartItem *> m_starts;
    VpcItem *m_vpc = nullptr;
    QHash<QString, QRectF> m_scopeFrames; ///< branch / processor frames in scene coordinates
    QHash<QString, QString> m_parentOf;   ///< state → its Parallel/Map state
    QString m_current;                    ///< see currentStep()
    bool m_gridVisible = true;
    bool m_snap = false;

    struct StepDrag
    {
        QString primary;
        QPointF origin;
        std::map<QString, QPointF> start; ///< every moved item and its position at the start
        bool moved = false;
    };
    std::optional<StepDrag> m_drag;

    struct Connect
    {
        QString from;
        QString fieldPointer; ///< set when reconnecting an existing edge
        QGraphicsLineItem *line = nullptr;
    };
    std::optional<Connect> m_connect;

    struct VpcDrag
    {
        bool resize = false;
        QPointF origin;
        QRectF startRect;
    };
    std::optional<VpcDrag> m_vpcDrag;
};

} // namespace egress::studio

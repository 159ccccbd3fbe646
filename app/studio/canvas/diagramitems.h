#pragma once

#include "asl/workflow.h"
#include "stepkind.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace egress::studio {

class DiagramScene;

/**
 * One step on the canvas. Thin: it holds the state name and what it last read from the document in
 * syncFromModel(); the scene moves it during a drag, commands never touch it.
 */
class StepItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    StepItem(DiagramScene *scene, QString name);

    int type() const override { return Type; }
    const QString &name() const { return m_name; }
    StepKind kind() const { return m_kind; }
    int depth() const { return m_depth; }

    /** Re-reads the state, its design data and its place in the machine. */
    void syncFromModel();
    /**
     * Containers: the frame around the nested steps, in item coordinates, the branch (or item
     * processor) lanes and their labels ("Branch 1", "Item processor", ...), one per lane.
     */
    void setContainerFrame(const QRectF &frame, const QList<QRectF> &branches, const QStringList &labels);
    const QList<QRectF> &branchRects() const { return m_branches; }
    const QStringList &branchLabels() const { return m_branchLabels; }
    /** While dragging: the placement the step would get if dropped here. */
    void setPreviewInside(std::optional<bool> inside);
    /** The keyboard's current step (DiagramScene::currentStep): a dashed ring while the canvas has focus. */
    void setKeyboardCurrent(bool current);

    /** The step's box (containers: their title strip) in item coordinates. */
    QRectF boxRect() const;
    QRectF sceneBoxRect() const { return boxRect().translated(pos()); }
    /** The whole area: the box, or the container's frame. Edges attach to it. */
    QRectF outlineRect() const { return isContainer(m_kind) ? m_frame : boxRect(); }
    QRectF sceneFrameRect() const { return outlineRect().translated(pos()); }
    /** The outgoing port (connect by dragging from it), in scene coordinates. */
    QRectF scenePortRect() const;
    bool hasPort() const { return m_kind != StepKind::Succeed && m_kind != StepKind::Fail; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void paintContainerFrame(QPainter *painter);
    void paintFocusRing(QPainter *painter);
    void paintLanes(QPainter *painter);
    QPainterPath boxPath() const;

    DiagramScene *m_diagram;
    QString m_name;
    StepKind m_kind = StepKind::OtherTask;
    QString m_subtitle;
    QString m_badge;
    bool m_vpcCapable = false;
    bool m_inside = false;
    std::optional<bool> m_previewInside;
    bool m_hovered = false;
    bool m_keyboardCurrent = false;
    int m_depth = 0;
    QSizeF m_size;
    QRectF m_frame;
    QList<QRectF> m_branches;
    QStringList m_branchLabels;
};

/** A transition drawn between two steps. Holds names and the field pointer; geometry comes from the steps. */
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    EdgeItem(const asl::Edge &edge, QString from, QString label);

    int type() const override { return Type; }
    const asl::Edge &edge() const { return m_edge; }
    const QString &from() const { return m_from; }
    QString to() const { return QString::fromStdString(m_edge.target); }

    /**
     * Routes the edge between the two boxes, around the `obstacles` where it can (a lane beside them, offset
     * by `lane` so that edges around the same boxes stay apart), and puts its label on the first spot along
     * the route that covers none of `labelObstacles` (boxes, the two ends included, and sibling labels).
     * `borders` are lines an edge may cross but must not run along (the VPC region's sides, as thin
     * rectangles): a route whose level stretch would lie on one takes a level clear of it.
     */
    void updateGeometry(const QRectF &source, const QRectF &target, const QList<QRectF> &obstacles, int lane,
                        const QList<QRectF> &labelObstacles = {}, const QList<QRectF> &borders = {});
    QPointF endPoint() const { return m_end; }
    const QString &label() const { return m_label; }
    /** The label's rounded rectangle in scene coordinates (empty when the edge has no label). */
    QRectF labelRect() const { return m_labelRect; }
    /** Whether the route as drawn runs through the inside of the box (3 in from its border). */
    bool runsThrough(const QRectF &box) const;
    /** The route as drawn (scene coordinates), for tests. */
    const QPainterPath &path() const { return m_path; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void placeLabel(const QList<QRectF> &obstacles);
    /** When `path` runs through one of the obstacles: the first orthogonal detour clear of them all. */
    void detourIfBlocked(QPainterPath &path, const QRectF &source, const QRectF &target,
                         const QList<QRectF> &obstacles, int lane);

    asl::Edge m_edge;
    QString m_from;
    QString m_label;
    QPainterPath m_path;
    QPointF m_end, m_endDirection;
    QRectF m_labelRect;
    QRectF m_bounds;
};

/** The start marker of a scope: a dot with an arrow into its StartAt state. */
class StartItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };
    StartItem() { setZValue(900); }
    int type() const override { return Type; }
    void setTarget(const QRectF &targetBox);
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPointF m_top, m_bottom;
};

/** The VPC region: moved by its label or border, resized by its corner handle. */
class VpcItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 4 };
    enum class Hit { None, Move, Resize };
    explicit VpcItem(DiagramScene *scene);

    int type() const override { return Type; }
    void syncFromModel();
    /** During a move or resize: the rectangle shown, not yet in the model. */
    void setPreviewRect(const QRectF &rect);
    QRectF regionRect() const { return m_rect; }
    Hit hitAt(QPointF scenePos) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF labelRect() const;
    QRectF handleRect() const;

    DiagramScene *m_diagram;
    QRectF m_rect;
    QString m_label;
    qreal m_labelWidth = 0; ///< "VPC  " and the label in the name font, plus the icon and padding
};

} // namespace egress::studio

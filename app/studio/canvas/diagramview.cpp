#include "diagramview.h"

#include "diagramitems.h"
#include "diagramscene.h"
#include "document.h"

#include <QKeyEvent>
#include <QResizeEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <cmath>

namespace egress::studio {

namespace {
constexpr qreal kMinZoom = 0.1, kMaxZoom = 4.0, kStep = 1.2;
/** The scrollable area at the least: an open canvas around the origin, so small designs never jump. */
const QRectF kOpenCanvas(-50000, -50000, 100000, 100000);
} // namespace

DiagramView::DiagramView(DiagramScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent), m_diagram(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    // The scene's own rectangle is the bounding rect of every item it ever held, grown as items are added
    // or moved (Qt keeps it incrementally, from the items that moved); the view scrolls over it plus a
    // margin, and never less than the open canvas.
    setSceneRect(kOpenCanvas);
    connect(scene, &QGraphicsScene::sceneRectChanged, this, &DiagramView::coverItems);
    coverItems(scene->sceneRect());
}

void DiagramView::coverItems(const QRectF &itemsRect)
{
    // Only ever grows: a rectangle that shrank (or jumped) under a drag would scroll the view by itself.
    const QRectF wanted =
        sceneRect().united(itemsRect.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin));
    if (wanted != sceneRect())
        setSceneRect(wanted);
}

void DiagramView::setZoom(qreal zoom, const QPointF *anchorScenePos)
{
    m_fitted = m_opened = false;
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    const QPointF anchor = anchorScenePos ? *anchorScenePos : mapToScene(viewport()->rect().center());
    const QPoint anchorView = mapFromScene(anchor);
    setTransform(QTransform::fromScale(zoom, zoom));
    // Keep the anchor under the same view pixel.
    const QPointF moved = mapToScene(anchorView) - anchor;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - qRound(moved.x() * zoom));
    verticalScrollBar()->setValue(verticalScrollBar()->value() - qRound(moved.y() * zoom));
    emit zoomChanged(zoom);
}

void DiagramView::zoomIn()
{
    setZoom(zoom() * kStep);
}

void DiagramView::zoomOut()
{
    setZoom(zoom() / kStep);
}

void DiagramView::resetZoom()
{
    setZoom(1.0);
}

void DiagramView::zoomToFit()
{
    const QRectF content = m_diagram->contentRect();
    if (content.isEmpty())
        return;
    const qreal z =
        std::min({viewport()->width() / content.width(), viewport()->height() / content.height(), 1.2});
    setTransform(QTransform::fromScale(std::clamp(z, kMinZoom, kMaxZoom), std::clamp(z, kMinZoom, kMaxZoom)));
    centerOn(content.center());
    m_fitted = true;
    m_opened = false;
    emit zoomChanged(zoom());
}

void DiagramView::zoomToOpen()
{
    zoomToFit();
    const QRectF content = m_diagram->contentRect();
    if (content.isEmpty() || zoom() >= kReadableZoom)
        return;
    m_fitted = false;
    m_opened = true;
    setTransform(QTransform::fromScale(kReadableZoom, kReadableZoom));
    // The first state near the top (below its start marker and, above that, the VPC's label and a margin),
    // centred; or the content's top left.
    const auto &scopes = m_diagram->document()->index().scopes();
    const StepItem *first =
        scopes.empty() ? nullptr : m_diagram->stepItem(QString::fromStdString(scopes.front().startAt));
    const QRectF visible(QPointF(0, 0), QSizeF(viewport()->width(), viewport()->height()) / kReadableZoom);
    QPointF anchor = first ? first->sceneFrameRect().center() : content.topLeft();
    // A box's centre, or 30 px below a container's top: a Parallel or Map first state is taller than the
    // view, and its centre put the view in the middle of its branches.
    const qreal firstTop = first ? std::min(anchor.y(), first->sceneFrameRect().top() + 30) : anchor.y();
    const qreal top = std::max(content.top(), firstTop - 120);
    // Horizontally: the whole width when it fits; else from the design's left edge (a design reads from the
    // left, and centring on the first state cut a wide Parallel's first branches off), as long as the first
    // state stays wholly in view, otherwise as far left as keeps it in view.
    qreal x = content.center().x();
    if (content.width() > visible.width()) {
        constexpr qreal kMargin = 24;
        const qreal firstRight = first ? first->sceneFrameRect().right() : content.left();
        x = std::max(content.left() + visible.width() / 2, // contentRect() has its own margin
                     firstRight + kMargin - visible.width() / 2);
    }
    centerOn(QPointF(x, top + visible.height() / 2));
    emit zoomChanged(zoom());
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_opened)
        zoomToOpen();
    else if (m_fitted)
        zoomToFit();
}

void DiagramView::centerOnStep(const QString &name)
{
    m_fitted = m_opened = false;
    if (StepItem *item = m_diagram->stepItem(name))
        centerOn(item->sceneBoxRect().center());
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ShiftModifier || event->angleDelta().y() == 0) {
        m_fitted = m_opened = false;
        QGraphicsView::wheelEvent(event); // scroll
        return;
    }
    const QPointF anchor = mapToScene(event->position().toPoint());
    const qreal factor = std::pow(kStep, event->angleDelta().y() / 120.0);
    setZoom(zoom() * factor, &anchor);
    event->accept();
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    m_fitted = m_opened = false;
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    m_fitted = m_opened = false;
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint p = event->position().toPoint();
        const QPoint d = p - m_panLast;
        m_panLast = p;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

} // namespace egress::studio

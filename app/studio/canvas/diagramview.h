#pragma once

#include <QGraphicsView>

namespace egress::studio {

class DiagramScene;

/** The canvas view: wheel zoom around the cursor, space- or middle-button pan, rubber-band selection. */
class DiagramView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit DiagramView(DiagramScene *scene, QWidget *parent = nullptr);

    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal zoom, const QPointF *anchorScenePos = nullptr);
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    /**
     * The view a design opens with: fitted, unless fitting would draw it below kReadableZoom (names are not
     * drawn then, see StepItem::paint); then at that zoom with the start of the workflow (StartAt) at the
     * top.
     */
    void zoomToOpen();
    /** The smallest zoom a design opens at: 12-pixel names drawn about 9 pixels tall. */
    static constexpr qreal kReadableZoom = 0.75;
    void resetZoom();
    void centerOnStep(const QString &name);
    /**
     * How far the view scrolls beyond the items' bounding rect (scene units). The scrollable area is the
     * union of an open canvas (±50,000 around the origin) and the items' bounding rect plus this margin,
     * grown as items move or are added, never shrunk: a design of any size scrolls to its last state.
     */
    static constexpr qreal kSceneMargin = 2000;

signals:
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void coverItems(const QRectF &itemsRect);

    DiagramScene *m_diagram;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
    /** Fitted (or opened) and not touched since: a resize (the window laying out its docks after a file
     *  opened from the command line, or the user resizing it) fits again instead of cutting the design off.
     */
    bool m_fitted = false;
    bool m_opened = false;
};

} // namespace egress::studio

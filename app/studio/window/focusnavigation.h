#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QWidget>

class QDockWidget;
class QMainWindow;

namespace egress::studio {

/** A 2-pixel frame around the part of the window (the canvas or a dock) that holds the keyboard focus. */
class FocusFrame : public QWidget
{
    Q_OBJECT

public:
    explicit FocusFrame(QWidget *window);
    /** Frames `target` (nullptr: hides the frame) and follows it when it moves or is resized. */
    void setTarget(QWidget *target);
    QWidget *target() const { return m_target; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void follow();

    QPointer<QWidget> m_target;
    QList<QPointer<QWidget>> m_watched;
};

/**
 * Keyboard focus across the designer window. The window has regions: the canvas, then every open dock
 * in a fixed order (Inspector, Palette, Cost, Problems, Code, Run, then any other). Tab and Shift+Tab go
 * through the fields of a region and on to the next one, round to the canvas; only widgets that can be
 * seen are stops, and a dock tabbed behind another is brought to the front when Tab reaches it. F6 and
 * Shift+F6 jump from region to region (to the field last used there). Esc in a dock that does not use it
 * itself (a field with a refused value reverts first) returns to the canvas. A FocusFrame shows the region.
 */
class FocusNavigator : public QObject
{
    Q_OBJECT

public:
    FocusNavigator(QMainWindow *window, QWidget *canvas);

    /** The canvas and the open docks, in Tab order. */
    QList<QWidget *> regions() const;
    /** The region (canvas or dock) holding `w`, or nullptr. */
    QWidget *regionOf(const QWidget *w) const;
    /** The Tab stops of a region, in the window's focus chain order. */
    QList<QWidget *> stopsIn(QWidget *region) const;

    /** Tab (next) or Shift+Tab. */
    void moveFocus(bool next);
    /** F6 (next) or Shift+F6. */
    void jumpRegion(bool next);
    void focusCanvas();
    FocusFrame *frame() const { return m_frame; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<QDockWidget *> docksInOrder() const;
    /** Makes `region` visible (a dock tabbed behind another comes to the front). */
    void reveal(QWidget *region) const;
    void focusStop(QWidget *stop, Qt::FocusReason reason);
    void focusChanged(QWidget *now);

    QMainWindow *m_window;
    QWidget *m_canvas;
    FocusFrame *m_frame;
    QHash<QWidget *, QPointer<QWidget>> m_lastInRegion;
};

} // namespace egress::studio

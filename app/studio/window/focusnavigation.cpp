#include "focusnavigation.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QKeyEvent>
#include <QMainWindow>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <algorithm>
#include <utility>

namespace egress::studio {

namespace {

constexpr int kFrameWidth = 2;

/** The docks' Tab order; docks added by later panels follow in the order they were added. */
const char *const kDockOrder[] = {"inspectorDock", "paletteDock", "costDock",
                                  "problemsDock",  "codeDock",    "runDock"};

/** The window's focus chain, in order (Qt's chain is the order widgets were made, or setTabOrder's). */
QList<QWidget *> focusChain(QWidget *window)
{
    QList<QWidget *> chain;
    for (QWidget *w = window->nextInFocusChain(); w && w != window && chain.size() < 100000;
         w = w->nextInFocusChain())
        chain << w;
    return chain;
}

bool insideScrollArea(const QWidget *w)
{
    for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget())
        if (qobject_cast<const QScrollArea *>(p))
            return true;
    return false;
}

/**
 * Whether Tab may stop on `w`: it takes Tab focus itself (not through a proxy), is enabled and can be seen:
 * shown, of some size, and not clipped away by its parents (a field scrolled out of the Inspector is
 * fine: the scroll area brings it into view). Scroll bars and a dock's float/close buttons are no stops.
 */
bool isStop(QWidget *w, const QWidget *window)
{
    if (w->window() != window || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy() || !w->isEnabled() ||
        !w->isVisible() || w->width() < 2 || w->height() < 2)
        return false;
    if (qobject_cast<QScrollBar *>(w))
        return false;
    if (qobject_cast<QAbstractButton *>(w) && qobject_cast<QDockWidget *>(w->parentWidget()))
        return false;
    return !w->visibleRegion().isEmpty() || insideScrollArea(w);
}

} // namespace

FocusFrame::FocusFrame(QWidget *window) : QWidget(window)
{
    setObjectName(QStringLiteral("focusFrame"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_OpaquePaintEvent); // it paints every pixel its mask leaves
    setFocusPolicy(Qt::NoFocus);
    hide();
}

void FocusFrame::setTarget(QWidget *target)
{
    if (target == m_target)
        return;
    for (const QPointer<QWidget> &w : std::as_const(m_watched))
        if (w)
            w->removeEventFilter(this);
    m_watched.clear();
    m_target = target;
    // The target moves when its dock or any parent does: watch the whole line up to the window.
    for (QWidget *w = target; w && w != parentWidget(); w = w->parentWidget()) {
        w->installEventFilter(this);
        m_watched << w;
    }
    follow();
}

bool FocusFrame::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Move:
    case QEvent::Resize:
    case QEvent::Show:
    case QEvent::Hide:
        follow();
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void FocusFrame::follow()
{
    if (!m_target || !m_target->isVisible()) {
        hide();
        return;
    }
    const QRect r(m_target->mapTo(parentWidget(), QPoint(0, 0)), m_target->size());
    setGeometry(r);
    const QRect inner = rect().adjusted(kFrameWidth, kFrameWidth, -kFrameWidth, -kFrameWidth);
    setMask(QRegion(rect()).subtracted(QRegion(inner)));
    show();
    raise();
    update();
}

void FocusFrame::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Highlight));
}

FocusNavigator::FocusNavigator(QMainWindow *window, QWidget *canvas)
    : QObject(window), m_window(window), m_canvas(canvas), m_frame(new FocusFrame(window))
{
    setObjectName(QStringLiteral("focusNavigator"));
    // Tab is taken before any widget (a text edit, a table) keeps it; Esc is seen on its way up from a
    // field that did not use it.
    qApp->installEventFilter(this);
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) { focusChanged(now); });
}

QList<QDockWidget *> FocusNavigator::docksInOrder() const
{
    QList<QDockWidget *> all = m_window->findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly);
    QList<QDockWidget *> ordered;
    for (const char *name : kDockOrder)
        for (QDockWidget *dock : all)
            if (dock->objectName() == QLatin1String(name))
                ordered << dock;
    for (QDockWidget *dock : all)
        if (!ordered.contains(dock))
            ordered << dock;
    return ordered;
}

QList<QWidget *> FocusNavigator::regions() const
{
    QList<QWidget *> result{m_canvas};
    // Open docks: shown, or tabbed behind another (still checked in View ▸ Panels); not floating (a
    // floating dock is a window of its own, with its own Tab order).
    for (QDockWidget *dock : docksInOrder())
        if (dock->toggleViewAction()->isChecked() && !dock->isFloating())
            result << dock;
    return result;
}

QWidget *FocusNavigator::regionOf(const QWidget *w) const
{
    if (!w)
        return nullptr;
    if (w == m_canvas || m_canvas->isAncestorOf(w))
        return m_canvas;
    for (QDockWidget *dock : docksInOrder())
        if (dock == w || dock->isAncestorOf(w))
            return dock;
    return nullptr;
}

QList<QWidget *> FocusNavigator::stopsIn(QWidget *region) const
{
    QList<QWidget *> stops;
    if (!region)
        return stops;
    for (QWidget *w : focusChain(m_window))
        if ((w == region || region->isAncestorOf(w)) && isStop(w, m_window))
            stops << w;
    return stops;
}

void FocusNavigator::reveal(QWidget *region) const
{
    // A dock tabbed behind another counts as visible but cannot be seen; raising it selects its tab.
    if (auto *dock = qobject_cast<QDockWidget *>(region);
        dock && (!dock->isVisible() || dock->visibleRegion().isEmpty()))
        dock->raise();
}

void FocusNavigator::focusStop(QWidget *stop, Qt::FocusReason reason)
{
    // The styles draw focus rectangles (buttons, check boxes) once the keyboard moved the focus; Qt sets
    // this itself only for the Tab it handles, and this class takes Tab before Qt sees it.
    m_window->setAttribute(Qt::WA_KeyboardFocusChange);
    stop->setFocus(reason);
    for (QWidget *p = stop->parentWidget(); p; p = p->parentWidget())
        if (auto *area = qobject_cast<QScrollArea *>(p))
            area->ensureWidgetVisible(stop);
}

void FocusNavigator::moveFocus(bool next)
{
    const Qt::FocusReason reason = next ? Qt::TabFocusReason : Qt::BacktabFocusReason;
    QWidget *focus = m_window->focusWidget();
    QWidget *region = regionOf(focus);
    const QList<QWidget *> regionList = regions();
    if (!region || !regionList.contains(region)) {
        focusCanvas();
        return;
    }
    // The next stop of this region after the focus, in chain order; else the first of the next region.
    const QList<QWidget *> chain = focusChain(m_window);
    const qsizetype at = chain.indexOf(focus);
    const QList<QWidget *> stops = stopsIn(region);
    if (next) {
        for (QWidget *s : stops)
            if (chain.indexOf(s) > at) {
                focusStop(s, reason);
                return;
            }
    } else {
        for (auto it = stops.rbegin(); it != stops.rend(); ++it)
            if (chain.indexOf(*it) < at) {
                focusStop(*it, reason);
                return;
            }
    }
    const qsizetype n = regionList.size();
    const qsizetype here = regionList.indexOf(region);
    for (qsizetype k = 1; k <= n; ++k) {
        QWidget *r = regionList[((here + (next ? k : -k)) % n + n) % n];
        reveal(r);
        const QList<QWidget *> s = stopsIn(r);
        if (!s.isEmpty()) {
            focusStop(next ? s.front() : s.back(), reason);
            return;
        }
    }
}

void FocusNavigator::jumpRegion(bool next)
{
    const QList<QWidget *> regionList = regions();
    QWidget *region = regionOf(m_window->focusWidget());
    const qsizetype n = regionList.size();
    const qsizetype here = std::max<qsizetype>(0, regionList.indexOf(region));
    for (qsizetype k = region ? 1 : 0; k <= n; ++k) {
        QWidget *r = regionList[((here + (next ? k : -k)) % n + n) % n];
        reveal(r);
        const QList<QWidget *> s = stopsIn(r);
        if (s.isEmpty())
            continue;
        // Back to the field last used there, as Qt Creator's panes do.
        QWidget *last = m_lastInRegion.value(r);
        focusStop(last && s.contains(last) ? last : s.front(), Qt::ShortcutFocusReason);
        return;
    }
}

void FocusNavigator::focusCanvas()
{
    m_canvas->setFocus(Qt::ShortcutFocusReason);
}

void FocusNavigator::focusChanged(QWidget *now)
{
    if (!now || now->window() != m_window)
        return; // a dialog or another window: the frame stays where the focus will come back to
    QWidget *region = regionOf(now);
    if (region)
        m_lastInRegion.insert(region, now);
    m_frame->setTarget(region);
}

bool FocusNavigator::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if ((key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab) &&
        !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        auto *w = qobject_cast<QWidget *>(watched);
        if (w && w->isWidgetType() && w->window() == m_window && w == m_window->focusWidget()) {
            moveFocus(key->key() == Qt::Key_Tab && !(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
    }
    // Esc reaches a dock only when the field that had it did not use it (see CheckedLineEdit).
    if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier &&
        qobject_cast<QDockWidget *>(watched) && static_cast<QWidget *>(watched)->window() == m_window) {
        focusCanvas();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace egress::studio

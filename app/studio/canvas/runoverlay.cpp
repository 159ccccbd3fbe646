#include "runoverlay.h"

#include "diagramitems.h"
#include "diagramscene.h"
#include "document.h"
#include "runpanel.h"

#include <QGraphicsView>
#include <QPainter>

namespace egress::studio {
namespace {

/** The ring around an entered state's box and its attempts badge. Child of the StepItem. */
class RunMarkItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 60 };
    RunMarkItem(const QRectF &box, RunOverlay::Mark mark) : m_box(box.adjusted(-4, -4, 4, 4)), m_mark(mark)
    {
        setZValue(-1); // under the box's own drawing, around it
        setAcceptedMouseButtons(Qt::NoButton);
        setToolTip(mark.failed ? QObject::tr("Failed in the simulated run")
                               : QObject::tr("Entered in the simulated run"));
    }
    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_box.adjusted(-3, -12, 14, 3); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        const QColor colour = m_mark.failed ? QColor(0xC6, 0x28, 0x28) : QColor(0x2E, 0x9D, 0x4E);
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(colour, 3));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(m_box, 10, 10);
        if (m_mark.attempts > 1) {
            const QString text = QStringLiteral("×%1").arg(m_mark.attempts);
            QFont f = p->font();
            f.setBold(true);
            f.setPixelSize(11);
            p->setFont(f);
            const qreal w = QFontMetricsF(f).horizontalAdvance(text) + 10;
            const QRectF badge(m_box.right() - w + 8, m_box.top() - 9, w, 18);
            p->setPen(Qt::NoPen);
            p->setBrush(colour);
            p->drawRoundedRect(badge, 9, 9);
            p->setPen(Qt::white);
            p->drawText(badge, Qt::AlignCenter, text);
        }
    }

private:
    QRectF m_box;
    RunOverlay::Mark m_mark;
};

} // namespace

RunOverlay::RunOverlay(Document *doc, DiagramScene *scene, RunPanel *panel, QObject *parent)
    : QObject(parent), m_doc(doc), m_scene(scene), m_panel(panel)
{
    connect(panel, &RunPanel::runFinished, this, &RunOverlay::showRun);
    connect(panel, &RunPanel::stepChanged, this, [this](const QString &state) {
        if (!m_scene->stepItem(state))
            return;
        m_following = true;
        m_scene->selectSteps({state});
        if (!m_scene->views().isEmpty())
            m_scene->views().front()->ensureVisible(m_scene->stepItem(state)->sceneBoxRect(), 40, 40);
        m_following = false;
    });
    connect(scene, &QGraphicsScene::selectionChanged, this, [this] {
        const QStringList names = m_scene->selectedStepNames();
        if (!m_following && names.size() == 1 && m_marks.contains(names.front()))
            m_panel->selectState(names.front());
    });
    // A run describes one definition: once it changes, the marks would tell about another workflow.
    connect(doc, &Document::definitionChanged, this, &RunOverlay::clear);
    connect(doc, &Document::projectReset, this, &RunOverlay::clear);
    // Moving a step moves its ring with it (a child item); a rebuilt item needs it drawn again.
    connect(doc, &Document::stepAdded, this, [this] {
        if (!m_marks.isEmpty())
            redraw();
    });
}

void RunOverlay::clear()
{
    m_marks.clear();
    redraw();
}

void RunOverlay::showRun()
{
    m_marks.clear();
    if (const sim::RunResult *run = m_panel->lastRun())
        for (const sim::TraceEntry &t : run->trace) {
            Mark &m = m_marks[QString::fromStdString(t.state)];
            m.failed = m.failed || (!t.error.empty() && t.output.is_null());
            m.attempts = std::max(m.attempts, t.attempts);
        }
    redraw();
}

void RunOverlay::redraw()
{
    for (StepItem *step : m_scene->stepItems()) {
        for (QGraphicsItem *child : step->childItems())
            if (child->type() == RunMarkItem::Type)
                delete child;
        const auto it = m_marks.constFind(step->name());
        if (it == m_marks.constEnd())
            continue;
        auto *mark = new RunMarkItem(step->boxRect(), *it);
        mark->setParentItem(step);
    }
}

} // namespace egress::studio

#include "egressoverlay.h"

#include "analysis.h"
#include "design/placementrules.h"
#include "design/projectedit.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "document.h"
#include "layout/boxes.h"
#include "layoutqt.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace egress::studio {
namespace {

const QColor kInternet(0x1E, 0x88, 0xE5);
const QColor kNat(0xD1, 0x3A, 0x3A);

/** A small globe at a step's top-left corner. */
class GlobeBadge : public QGraphicsItem
{
public:
    enum { Type = UserType + 41 };
    GlobeBadge()
    {
        setZValue(50);
        setToolTip(QObject::tr("Calls the internet"));
    }
    int type() const override { return Type; }
    QRectF boundingRect() const override { return QRectF(-9, -9, 18, 18); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        p->setRenderHint(QPainter::Antialiasing);
        const QRectF r(-7.5, -7.5, 15, 15);
        p->setPen(QPen(Qt::white, 1.5));
        p->setBrush(kInternet);
        p->drawEllipse(r);
        p->setPen(QPen(Qt::white, 1));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QRectF(-3.5, -7.5, 7, 15));
        p->drawLine(QPointF(-7.5, 0), QPointF(7.5, 0));
    }
};

/** The egress path of one step with its NAT symbol and label; a top-level item of the scene. */
class EgressPathItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 42 };
    EgressPathItem(QPainterPath path, std::optional<QPointF> nat, QString label, QPointF end)
        : m_path(std::move(path)), m_nat(nat), m_label(std::move(label)), m_end(end)
    {
        setZValue(-5);
        setAcceptedMouseButtons(Qt::NoButton);
        m_bounds = m_path.boundingRect().adjusted(-20, -40, 90, 30);
        if (m_nat)
            m_bounds = m_bounds.united(QRectF(*m_nat - QPointF(80, 40), QSizeF(200, 80)));
    }
    int type() const override { return Type; }
    bool throughNat() const { return m_nat.has_value(); }
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(kInternet, 1.6, Qt::DashLine));
        p->setBrush(Qt::NoBrush);
        p->drawPath(m_path);
        // Arrow head and "internet" at the end.
        p->setPen(Qt::NoPen);
        p->setBrush(kInternet);
        p->drawPolygon(QPolygonF({m_end, m_end + QPointF(-8, -4), m_end + QPointF(-8, 4)}));
        QFont f = p->font();
        f.setPixelSize(11);
        p->setFont(f);
        p->setPen(kInternet);
        p->drawText(m_end + QPointF(4, 4), QObject::tr("internet"));
        if (m_nat) {
            const QRectF box(*m_nat - QPointF(14, 14), QSizeF(28, 28));
            p->setPen(QPen(Qt::white, 1.5));
            p->setBrush(kNat);
            p->drawRoundedRect(box, 5, 5);
            f.setBold(true);
            f.setPixelSize(9);
            p->setFont(f);
            p->setPen(Qt::white);
            p->drawText(box, Qt::AlignCenter, QStringLiteral("NAT"));
            f.setBold(false);
            f.setPixelSize(11);
            p->setFont(f);
            p->setPen(kNat);
            p->drawText(QRectF(box.left() - 60, box.bottom() + 2, 148, 16), Qt::AlignHCenter, m_label);
        }
    }

private:
    QPainterPath m_path;
    std::optional<QPointF> m_nat;
    QString m_label;
    QPointF m_end;
    QRectF m_bounds;
};

QString formatGb(double gb)
{
    return gb < 10 ? QString::number(gb, 'f', 2) : QString::number(gb, 'f', 0);
}

} // namespace

EgressOverlay::EgressOverlay(Document *doc, DiagramScene *scene, QObject *parent)
    : QObject(parent), m_doc(doc), m_scene(scene)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &EgressOverlay::rebuild);
    // The scene deleted every item (its rebuild runs first: it was connected first).
    connect(m_doc, &Document::projectReset, this, [this] { m_paths.clear(); });
    for (auto signal : {&Document::projectReset, &Document::definitionChanged, &Document::vpcChanged,
                        &Document::usageChanged})
        connect(m_doc, signal, this, &EgressOverlay::schedule);
    connect(m_doc, &Document::stepChanged, this, &EgressOverlay::schedule);
    connect(m_doc, &Document::stepAdded, this, &EgressOverlay::schedule);
    Analysis *analysis = m_doc->analysis();
    connect(analysis, &Analysis::reportChanged, this, &EgressOverlay::setReport);
    connect(analysis, &Analysis::previewMoved, this, &EgressOverlay::updateSteps);
    connect(analysis, &Analysis::previewChanged, this, [this](const design::Project *hypothetical) {
        if (!hypothetical)
            schedule(); // the drag ended: the design's paths again
    });
    setReport(analysis->report());
}

void EgressOverlay::setReport(const cost::CostReport &report)
{
    // A drag across the border reprices but changes no visits: the labels stay, and the dragged steps'
    // own paths were already redrawn by previewMoved. Compared in the report's order, without building
    // a map of 1,000 names per repricing.
    const auto sameVisits = [this, &report] {
        return std::equal(report.steps.begin(), report.steps.end(), m_reportVisits.begin(),
                          m_reportVisits.end(), [](const cost::StepVisits &s, const auto &last) {
                              return s.visits == last.second && s.name == last.first;
                          });
    };
    if (report.executionsPerMonth == m_executions && sameVisits())
        return;
    m_reportVisits.clear();
    m_visits.clear();
    for (const cost::StepVisits &s : report.steps) {
        m_reportVisits.emplace_back(s.name, s.visits);
        m_visits[s.name] = s.visits;
    }
    m_executions = report.executionsPerMonth;
    schedule();
}

void EgressOverlay::schedule()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void EgressOverlay::flush()
{
    if (m_timer.isActive()) {
        m_timer.stop();
        rebuild();
    }
}

QGraphicsItem *EgressOverlay::pathOf(const StepItem &step) const
{
    const design::Project &p = m_doc->analysis()->shownProject();
    const std::string name = step.name().toStdString();
    const auto found = p.steps.find(name);
    if (found == p.steps.end() || found->second.egress != design::Egress::Internet)
        return nullptr;
    const design::StepDesign &d = found->second;
    const QRectF vpc = toQt(layout::vpcRect(p.vpc));
    const QRectF box = step.sceneBoxRect();
    const bool inside =
        design::isVpcCapable(p, m_doc->index(), name) && d.placement == design::Placement::InsideVpc;
    QPainterPath path;
    std::optional<QPointF> nat;
    QString label;
    QPointF end;
    if (inside) {
        const double y = std::clamp(box.center().y(), vpc.top() + 16, vpc.bottom() - 16);
        nat = QPointF(vpc.right(), y);
        end = *nat + QPointF(70, 0);
        path.moveTo(box.right(), box.center().y());
        path.lineTo(nat->x() - 14, y);
        path.moveTo(nat->x() + 14, y);
        path.lineTo(end - QPointF(8, 0));
        const auto v = m_visits.find(name);
        const double gb = design::internetGbPerMonth(d, v == m_visits.end() ? 1 : v->second, m_executions);
        label = tr("%1 GB/month").arg(formatGb(gb));
    } else {
        const QPointF from(box.right(), box.top() + 8);
        end = from + QPointF(44, 0);
        path.moveTo(from);
        path.lineTo(end - QPointF(8, 0));
    }
    return new EgressPathItem(path, nat, label, end);
}

void EgressOverlay::rebuild()
{
    for (QGraphicsItem *path : std::as_const(m_paths))
        delete path;
    m_paths.clear();
    m_natPaths.clear();
    for (StepItem *step : m_scene->stepItems()) {
        for (QGraphicsItem *child : step->childItems())
            if (child->type() == GlobeBadge::Type)
                delete child;
        QGraphicsItem *path = pathOf(*step);
        if (!path)
            continue;
        auto *badge = new GlobeBadge;
        badge->setParentItem(step);
        badge->setPos(step->boxRect().topLeft() + QPointF(2, 2));
        m_scene->addItem(path);
        m_paths.insert(step->name(), path);
        if (static_cast<EgressPathItem *>(path)->throughNat())
            m_natPaths << step->name();
    }
}

void EgressOverlay::updateSteps(const QStringList &steps)
{
    if (m_timer.isActive())
        return; // a full rebuild is coming anyway
    for (const QString &name : steps) {
        const StepItem *step = m_scene->stepItem(name);
        if (!step)
            continue;
        delete m_paths.take(name);
        m_natPaths.removeAll(name);
        if (QGraphicsItem *path = pathOf(*step)) {
            m_scene->addItem(path);
            m_paths.insert(name, path);
            if (static_cast<EgressPathItem *>(path)->throughNat())
                m_natPaths << name;
        }
    }
}

} // namespace egress::studio

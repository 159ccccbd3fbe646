#include "problemspanel.h"

#include "asl/validator.h"
#include "design/placementrules.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "document.h"

#include <QGraphicsView>
#include <QHeaderView>
#include <QPainter>
#include <QStyle>

namespace egress::studio {
namespace {

/** The red or amber dot at a step's top-right corner. Child of the StepItem; owns nothing. */
class ProblemBadge : public QGraphicsItem
{
public:
    enum { Type = UserType + 40 };
    ProblemBadge(bool error, QString tip) : m_error(error)
    {
        setToolTip(tip);
        setZValue(50);
    }
    int type() const override { return Type; }
    QRectF boundingRect() const override { return QRectF(-9, -9, 18, 18); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(Qt::white, 1.5));
        p->setBrush(m_error ? QColor(0xC6, 0x28, 0x28) : QColor(0xE0, 0x9B, 0x00));
        p->drawEllipse(QRectF(-8, -8, 16, 16));
        QFont f = p->font();
        f.setBold(true);
        f.setPixelSize(12);
        p->setFont(f);
        p->setPen(Qt::white);
        p->drawText(QRectF(-8, -8, 16, 16), Qt::AlignCenter,
                    m_error ? QStringLiteral("!") : QStringLiteral("?"));
    }

private:
    bool m_error;
};

enum Column { Severity, Step, Message };

} // namespace

ProblemsPanel::ProblemsPanel(Document *doc, DiagramScene *scene, QWidget *parent)
    : QTreeWidget(parent), m_doc(doc), m_scene(scene)
{
    setColumnCount(3);
    setHeaderLabels({tr("Severity"), tr("Step"), tr("Problem")});
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setWordWrap(true);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(Severity, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(Step, QHeaderView::ResizeToContents);
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &ProblemsPanel::refresh);
    for (auto signal : {&Document::projectReset, &Document::definitionChanged, &Document::vpcChanged,
                        &Document::usageChanged})
        connect(m_doc, signal, &m_timer, qOverload<>(&QTimer::start));
    connect(m_doc, &Document::stepChanged, this, [this](const QString &, Document::StepChanges what) {
        if (what != Document::Position)
            m_timer.start();
    });
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        const QString step = item->text(Step);
        if (!step.isEmpty() && m_scene->stepItem(step)) {
            m_scene->selectSteps({step});
            if (!m_scene->views().isEmpty())
                m_scene->views().front()->ensureVisible(m_scene->stepItem(step)->sceneBoxRect());
        }
    });
    // The scene rebuilds its items after the document changed: put the badges back afterwards.
    connect(m_doc, &Document::projectReset, this,
            [this] { QTimer::singleShot(0, this, &ProblemsPanel::updateBadges); });
    connect(m_doc, &Document::stepAdded, this,
            [this] { QTimer::singleShot(0, this, &ProblemsPanel::updateBadges); });
    refresh();
}

void ProblemsPanel::setCostReport(const cost::CostReport &report)
{
    if (report.errors == m_costErrors)
        return;
    m_costErrors = report.errors;
    m_timer.start();
}

void ProblemsPanel::flush()
{
    if (m_timer.isActive()) {
        m_timer.stop();
        refresh();
    }
}

QString ProblemsPanel::emptyText() const
{
    return topLevelItemCount() == 0
               ? tr("No problems — the design validates and every step's placement fits its egress.")
               : QString();
}

void ProblemsPanel::paintEvent(QPaintEvent *event)
{
    QTreeWidget::paintEvent(event);
    const QString text = emptyText();
    if (text.isEmpty())
        return;
    // A blank list reads as "not computed yet"; say that the design was checked and is fine.
    QPainter painter(viewport());
    QColor color = palette().color(QPalette::PlaceholderText);
    painter.setPen(color);
    const QRect area = viewport()->rect().adjusted(12, 8, -12, -8);
    const QString check = QStringLiteral("✓ ");
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, check + text);
}

void ProblemsPanel::refresh()
{
    clear();
    m_badges.clear();
    const design::Project &p = m_doc->project();
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    int errors = 0, warnings = 0;
    auto add = [&](bool error, const std::string &step, const std::string &pointer,
                   const std::string &message) {
        auto *item = new QTreeWidgetItem(this);
        item->setIcon(Severity, error ? errorIcon : warningIcon);
        item->setText(Severity, error ? tr("error") : tr("warning"));
        item->setText(Step, QString::fromStdString(step));
        item->setText(Message, QString::fromStdString(message));
        item->setToolTip(Message,
                         QString::fromStdString(pointer.empty() ? message : pointer + ": " + message));
        (error ? errors : warnings)++;
        if (!step.empty()) {
            const QString s = QString::fromStdString(step);
            m_badges[s] = m_badges.value(s) || error;
        }
    };
    for (const asl::Diagnostic &d : asl::validateDefinition(p.definition))
        add(d.severity == asl::Severity::Error, d.state, d.pointer, d.message);
    for (const design::PlacementProblem &pp : design::placementProblems(p))
        add(pp.severity == design::PlacementProblem::Severity::Error, pp.step, {}, pp.message);
    for (const std::string &e : m_costErrors)
        add(true, {}, {}, e);
    // What the template import could not resolve ("file:line: ..."): information for the user to check,
    // not a problem of the design, so it neither counts nor badges a step.
    const QIcon noteIcon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
    for (const std::string &note : p.importNotes) {
        auto *item = new QTreeWidgetItem(this);
        item->setIcon(Severity, noteIcon);
        item->setText(Severity, tr("import note"));
        item->setText(Message, QString::fromStdString(note));
        item->setToolTip(Message, QString::fromStdString(note));
    }
    updateBadges();
    emit countChanged(errors, warnings);
}

void ProblemsPanel::updateBadges()
{
    for (StepItem *step : m_scene->stepItems()) {
        for (QGraphicsItem *child : step->childItems())
            if (child->type() == ProblemBadge::Type)
                delete child;
        const auto it = m_badges.constFind(step->name());
        if (it == m_badges.constEnd())
            continue;
        QStringList tips;
        for (int i = 0; i < topLevelItemCount(); ++i)
            if (topLevelItem(i)->text(Step) == step->name())
                tips << topLevelItem(i)->text(Message);
        auto *badge = new ProblemBadge(*it, tips.join('\n'));
        badge->setParentItem(step);
        badge->setPos(step->boxRect().topRight() + QPointF(-2, 2));
    }
}

} // namespace egress::studio

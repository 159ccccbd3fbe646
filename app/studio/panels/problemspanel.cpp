#include "problemspanel.h"

#include "analysis.h"
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
    bool error() const { return m_error; }
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

enum ProblemColumn { Severity, Step, Message };

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
    connect(m_doc->analysis(), &Analysis::problemsChanged, &m_timer, qOverload<>(&QTimer::start));
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        const QString step = item->text(Step);
        if (!step.isEmpty() && m_scene->stepItem(step)) {
            m_scene->selectSteps({step});
            if (!m_scene->views().isEmpty())
                m_scene->views().front()->ensureVisible(m_scene->stepItem(step)->sceneBoxRect());
        }
    });
    // The scene rebuilds its items after the document changed (deleting the badges with them): put the
    // badges back afterwards.
    connect(m_doc, &Document::projectReset, this, [this] {
        m_badgeItems.clear();
        QTimer::singleShot(0, this, &ProblemsPanel::updateBadges);
    });
    connect(m_doc, &Document::stepRemoved, this, [this](const QString &step) { m_badgeItems.remove(step); });
    connect(m_doc, &Document::stepAdded, this,
            [this] { QTimer::singleShot(0, this, &ProblemsPanel::updateBadges); });
    m_doc->analysis()->flush();
    refresh();
}

void ProblemsPanel::flush()
{
    m_doc->analysis()->flush();
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
    const std::vector<Problem> &problems = m_doc->analysis()->problems();
    // Only the rows between the unchanged head and tail are replaced: a drag across the border changes
    // one or two lines of a long list, and rebuilding all of them cost more than the frame has.
    std::size_t head = 0;
    while (head < problems.size() && head < m_shown.size() && problems[head] == m_shown[head])
        ++head;
    std::size_t tail = 0;
    while (tail < problems.size() - head && tail < m_shown.size() - head &&
           problems[problems.size() - 1 - tail] == m_shown[m_shown.size() - 1 - tail])
        ++tail;
    for (std::size_t i = m_shown.size() - tail; i > head; --i)
        delete takeTopLevelItem(int(i - 1));
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    // What the template import could not resolve ("file:line: ..."): information for the user to check,
    // not a problem of the design, so it neither counts nor badges a step.
    const QIcon noteIcon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
    QList<QTreeWidgetItem *> items;
    for (std::size_t i = head; i < problems.size() - tail; ++i) {
        const Problem &problem = problems[i];
        auto *item = new QTreeWidgetItem;
        item->setText(Message, problem.message);
        item->setToolTip(Message, problem.pointer.isEmpty()
                                      ? problem.message
                                      : problem.pointer + QStringLiteral(": ") + problem.message);
        items << item;
        if (problem.source == Problem::Source::ImportNote) {
            item->setIcon(Severity, noteIcon);
            item->setText(Severity, tr("import note"));
            continue;
        }
        item->setIcon(Severity, problem.error ? errorIcon : warningIcon);
        item->setText(Severity, problem.error ? tr("error") : tr("warning"));
        item->setText(Step, problem.step);
    }
    insertTopLevelItems(int(head), items); // at once: one layout of the list, not one per row
    m_shown = problems;

    m_badges.clear();
    int errors = 0, warnings = 0;
    for (const Problem &problem : problems) {
        if (problem.source == Problem::Source::ImportNote)
            continue;
        (problem.error ? errors : warnings)++;
        if (!problem.step.isEmpty())
            m_badges[problem.step] = m_badges.value(problem.step) || problem.error;
    }
    updateBadges();
    emit countChanged(errors, warnings);
}

void ProblemsPanel::updateBadges()
{
    // Only the steps whose badge changed are touched: during a drag the list changes on every crossing.
    QHash<QString, QString> tips;
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (const QString step = topLevelItem(i)->text(Step); !step.isEmpty()) {
            QString &tip = tips[step];
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + topLevelItem(i)->text(Message);
        }
    for (auto it = m_badgeItems.begin(); it != m_badgeItems.end();) {
        const auto wanted = m_badges.constFind(it.key());
        if (wanted != m_badges.constEnd() && static_cast<ProblemBadge *>(it.value())->error() == *wanted &&
            it.value()->toolTip() == tips.value(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_badgeItems.erase(it);
    }
    for (auto it = m_badges.constBegin(); it != m_badges.constEnd(); ++it) {
        StepItem *step = m_scene->stepItem(it.key());
        if (!step || m_badgeItems.contains(it.key()))
            continue;
        auto *badge = new ProblemBadge(*it, tips.value(it.key()));
        badge->setParentItem(step);
        badge->setPos(step->boxRect().topRight() + QPointF(-2, 2));
        m_badgeItems.insert(it.key(), badge);
    }
}

} // namespace egress::studio

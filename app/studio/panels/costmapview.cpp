#include "costmapview.h"

#include "costchart.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <set>

namespace egress::studio {
namespace {

/** Position of `v` on a log axis whose values sit at cell centres, in cells from the axis start. */
double cellsAlong(const std::vector<double> &axis, double v)
{
    if (axis.size() < 2)
        return 0.5;
    const double lo = std::log10(axis.front()), hi = std::log10(axis.back());
    const double t = (std::log10(std::clamp(v, axis.front(), axis.back())) - lo) / (hi - lo);
    return 0.5 + t * static_cast<double>(axis.size() - 1);
}

} // namespace

CostMapView::CostMapView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(240, 180);
}

void CostMapView::setMap(cost::CheapestMap map)
{
    m_map = std::move(map);
    update();
}

QRectF CostMapView::plotRect() const
{
    // Room for the axis labels left and below, the legend right.
    return QRectF(56, 8, std::max(40.0, width() - 56.0 - 130.0), std::max(40.0, height() - 8.0 - 40.0));
}

bool CostMapView::cellAt(QPointF p, std::size_t &row, std::size_t &column) const
{
    const QRectF plot = plotRect();
    if (m_map.executions.empty() || m_map.kb.empty() || !plot.contains(p))
        return false;
    column = std::min(m_map.executions.size() - 1,
                      static_cast<std::size_t>((p.x() - plot.left()) / plot.width() *
                                               static_cast<double>(m_map.executions.size())));
    row = std::min(m_map.kb.size() - 1, static_cast<std::size_t>((plot.bottom() - p.y()) / plot.height() *
                                                                 static_cast<double>(m_map.kb.size())));
    return true;
}

QPointF CostMapView::designPoint() const
{
    if (m_map.executions.empty() || m_map.kb.empty() || m_map.currentKb <= 0 || m_map.currentExecutions <= 0)
        return {};
    const QRectF plot = plotRect();
    const double cw = plot.width() / static_cast<double>(m_map.executions.size());
    const double ch = plot.height() / static_cast<double>(m_map.kb.size());
    return {plot.left() + cellsAlong(m_map.executions, m_map.currentExecutions) * cw,
            plot.bottom() - cellsAlong(m_map.kb, m_map.currentKb) * ch};
}

void CostMapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF plot = plotRect();
    if (m_map.executions.empty() || m_map.kb.empty()) {
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         m_map.errors.empty() ? tr("No map yet")
                                              : QString::fromStdString(m_map.errors.front()));
        return;
    }
    const double cw = plot.width() / static_cast<double>(m_map.executions.size());
    const double ch = plot.height() / static_cast<double>(m_map.kb.size());
    std::set<std::string> shown;
    for (std::size_t r = 0; r < m_map.kb.size(); ++r)
        for (std::size_t c = 0; c < m_map.executions.size(); ++c) {
            const std::string &id = m_map.cheapestAt(r, c);
            shown.insert(id);
            const QRectF cell(plot.left() + cw * static_cast<double>(c),
                              plot.bottom() - ch * static_cast<double>(r + 1), cw + 0.5, ch + 0.5);
            painter.fillRect(cell, id.empty() ? palette().base().color() : strategyColor(id));
        }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(plot);
    painter.setPen(palette().color(QPalette::Text));
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() - 1));
    painter.setFont(small);
    for (double e = std::ceil(std::log10(m_map.executions.front()) - 1e-9);
         e <= std::log10(m_map.executions.back()) + 1e-9; e += 2) {
        const double x = plot.left() + cellsAlong(m_map.executions, std::pow(10, e)) * cw;
        painter.drawText(QRectF(x - 30, plot.bottom() + 2, 60, 16), Qt::AlignCenter,
                         formatVolume(std::pow(10, e)));
    }
    painter.drawText(QRectF(plot.left(), plot.bottom() + 18, plot.width(), 16), Qt::AlignCenter,
                     tr("executions per month"));
    for (double e = std::ceil(std::log10(m_map.kb.front()) - 1e-9); e <= std::log10(m_map.kb.back()) + 1e-9;
         e += 1) {
        const double y = plot.bottom() - cellsAlong(m_map.kb, std::pow(10, e)) * ch;
        painter.drawText(QRectF(0, y - 8, plot.left() - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
                         tr("%1 KB").arg(formatVolume(std::pow(10, e))));
    }
    // The design: a ring where its volume and data per execution fall.
    const QPointF d = designPoint();
    if (!d.isNull()) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(Qt::black, 3));
        painter.drawEllipse(d, 6, 6);
        painter.setPen(QPen(Qt::white, 1.2));
        painter.drawEllipse(d, 6, 6);
    }
    double y = plot.top() + 4;
    painter.setPen(palette().color(QPalette::Text));
    for (const std::string &id : m_map.strategies) {
        if (!shown.count(id))
            continue;
        painter.fillRect(QRectF(plot.right() + 8, y + 2, 12, 10), strategyColor(id));
        painter.drawText(QRectF(plot.right() + 24, y - 2, 110, 16), Qt::AlignLeft | Qt::AlignVCenter,
                         QString::fromStdString(id));
        y += 18;
    }
    if (!d.isNull())
        painter.drawText(QRectF(plot.right() + 8, y + 4, 124, 32), Qt::AlignLeft | Qt::TextWordWrap,
                         tr("◯ this design"));
}

bool CostMapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        std::size_t r = 0, c = 0;
        if (cellAt(help->pos(), r, c)) {
            const std::size_t cell = r * m_map.executions.size() + c;
            QToolTip::showText(help->globalPos(),
                               tr("%1 executions/month × %2 KB/execution\ncheapest: %3 (%4/month)")
                                   .arg(formatVolume(m_map.executions[c]), formatVolume(m_map.kb[r]),
                                        QString::fromStdString(m_map.cheapest[cell]),
                                        formatUsd(m_map.cheapestUsd[cell])),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace egress::studio

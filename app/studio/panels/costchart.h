#pragma once

#include "cost/costengine.h"

#include <QChartView>
#include <QList>

class QCategoryAxis;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QScatterSeries;

namespace egress::studio {

/**
 * Monthly cost against executions per month (both axes logarithmic) for every available strategy, the
 * break-even points marked and labelled (labels that would collide move aside or give way), the current
 * volume as a dashed vertical line, and under the mouse every strategy's cost at that volume.
 * setReport() follows every recompute of the cost panel.
 *
 * The series hold log10 values on category axes labelled "1k" … "10B" and "$0.01" … "$1M": Qt's log axis
 * formats its labels with printf only, which cannot say "$1k", and elided the long ones.
 */
class CostChart : public QChartView
{
    Q_OBJECT

public:
    explicit CostChart(QWidget *parent = nullptr);

    void setReport(const cost::CostReport &report);

    /** One line series per available strategy, named by the strategy's short name. */
    QList<QLineSeries *> strategySeries() const { return m_strategySeries; }
    /** One point per break-even inside the chart's volume range. */
    QScatterSeries *breakEvenSeries() const { return m_breakEvens; }
    QLineSeries *currentVolumeSeries() const { return m_volume; }
    QCategoryAxis *volumeAxis() const { return m_x; }
    QCategoryAxis *costAxis() const { return m_y; }
    /** The break-even labels as placed: their text and whether there was room to show them. */
    QList<QGraphicsSimpleTextItem *> breakEvenLabels() const;

    /** A chart coordinate from a volume or a cost, and back (log10). */
    static double toChart(double value);
    static double fromChart(double coordinate);
    /** "$0.01", "$1", "$100", "$1k", "$10M": a cost axis label. */
    static QString costAxisLabel(double usd);
    /** The text at a volume on a strategy's curve. */
    static QString valueText(const cost::StrategyCost &strategy, double executions);
    /** The tooltip at a volume: every strategy's monthly cost there, cheapest first. */
    QString hoverText(double executions) const;
    /** What hovering at a viewport point shows: a break-even marker's text, hoverText() inside the plot,
     * nothing outside it. */
    QString readOutAt(QPoint viewportPos) const;

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    /** A live theme switch (View ▸ Theme) recolours the chart's background, axes and marks. */
    void changeEvent(QEvent *event) override;

private:
    void placeLabels();
    void showReadOut(QPoint viewportPos);
    void applyTheme();
    void setAxisLabels(QCategoryAxis *axis, int from, int to, bool money);

    QCategoryAxis *m_x;
    QCategoryAxis *m_y;
    QList<QLineSeries *> m_strategySeries;
    QScatterSeries *m_breakEvens;
    QLineSeries *m_volume;
    std::vector<cost::StrategyCost> m_strategies;
    struct Label
    {
        QPointF value; ///< chart coordinates of the marker
        QString what;  ///< "NAT gateway = SF Standard at 974k executions/month"
        QGraphicsSimpleTextItem *item;
    };
    QList<Label> m_labels;
};

/** The colour of a strategy in the chart (and beside its row in the cost table). */
QColor strategyColor(const std::string &id);
/** "$1,234.56" / "$0.0012" — money as the panels show it. */
QString formatUsd(double usd);
/** "1.2M", "350k", "2.5B" — a volume of executions. */
QString formatVolume(double executions);

} // namespace egress::studio

#pragma once

#include "cost/costengine.h"

#include <QChartView>
#include <QList>

class QGraphicsSimpleTextItem;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;

namespace egress::studio {

/**
 * Monthly cost against executions per month (both axes logarithmic) for every available strategy, the
 * break-even points marked and labelled, the current volume as a dashed vertical line, the value under
 * the mouse as a tooltip. setReport() follows every recompute of the cost panel.
 */
class CostChart : public QChartView
{
    Q_OBJECT

public:
    explicit CostChart(QWidget *parent = nullptr);

    void setReport(const cost::CostReport &report);

    /** One line series per available strategy, named by the strategy's label. */
    QList<QLineSeries *> strategySeries() const { return m_strategySeries; }
    /** One point per break-even inside the chart's volume range. */
    QScatterSeries *breakEvenSeries() const { return m_breakEvens; }
    QLineSeries *currentVolumeSeries() const { return m_volume; }
    /** The tooltip text at a volume on a strategy's curve (hover). */
    static QString valueText(const cost::StrategyCost &strategy, double executions);

private:
    void placeLabels();
    void applyTheme();

    QLogValueAxis *m_x;
    QLogValueAxis *m_y;
    QList<QLineSeries *> m_strategySeries;
    QScatterSeries *m_breakEvens;
    QLineSeries *m_volume;
    std::vector<cost::StrategyCost> m_strategies;
    struct Label
    {
        QPointF value;
        QGraphicsSimpleTextItem *item;
    };
    QList<Label> m_labels;
};

/** "$1,234.56" / "$0.0012" — money as the panels show it. */
QString formatUsd(double usd);
/** "1.2M", "350k", "2.5B" — a volume of executions. */
QString formatVolume(double executions);

} // namespace egress::studio

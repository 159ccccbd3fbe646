#pragma once

#include "cost/sweep.h"

#include <QWidget>

namespace egress::studio {

/**
 * Which strategy is cheapest over executions per month × KB per execution (cost::cheapestMap): a cell per
 * grid point in the strategy's colour (the cost table's swatches), the current design ringed, the strategy
 * under the mouse in a tooltip. The cost panel hands it a map when the view is shown.
 */
class CostMapView : public QWidget
{
    Q_OBJECT

public:
    explicit CostMapView(QWidget *parent = nullptr);

    void setMap(cost::CheapestMap map);
    const cost::CheapestMap &map() const { return m_map; }
    /** The cell (kb row, executions column) under a widget position; false outside the grid. */
    bool cellAt(QPointF position, std::size_t &row, std::size_t &column) const;
    /** Where the design's ring is drawn (widget coordinates); invalid when the design has no KB. */
    QPointF designPoint() const;

    QSize sizeHint() const override { return {420, 320}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotRect() const;

    cost::CheapestMap m_map;
};

} // namespace egress::studio

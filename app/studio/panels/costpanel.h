#pragma once

#include "cost/costengine.h"
#include "cost/fromruns.h"

#include <QModelIndexList>
#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;
class QStandardItemModel;
class QTabWidget;
class QTreeView;

namespace egress::studio {

class Analysis;
class CostChart;
class CostMapView;
class Document;

/**
 * The cost panel: one row per strategy (monthly total, available/compliant, delta against the designed
 * strategy, the cheapest highlighted) expanding into its line items with their formulas, the controls
 * of the usage profile, and the cost chart. Shows the document's Analysis (which coalesces and prices):
 * every Analysis::reportChanged updates the cells that changed; during a drag that is the hypothetical
 * project of the drag preview, and the real one again when the drag ends.
 */
class CostPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CostPanel(Document *doc, QWidget *parent = nullptr);

    /** The report on screen: the Analysis' (of the drag preview while one is shown). */
    const cost::CostReport &report() const;
    QStandardItemModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    CostChart *chart() const { return m_chart; }
    /** The cheapest-strategy map (executions × KB per execution), in a tab beside the chart. */
    CostMapView *mapView() const { return m_map; }
    QTabWidget *views() const { return m_views; }
    QDoubleSpinBox *executionsBox() const { return m_executions; }
    QComboBox *regionBox() const { return m_region; }
    QSpinBox *azBox() const { return m_azs; }
    QComboBox *workflowTypeBox() const { return m_workflowType; }
    QCheckBox *freeTierBox() const { return m_freeTier; }

    /**
     * The figures of the mock file's test cases (RunPanel's Run all): the designed strategy gets a "From
     * runs" column beside the estimate, and the status says how far the two are apart. Empty hides it.
     */
    void setRunFigures(std::vector<cost::RunFigures> figures, const QString &source);
    /** The comparison on screen (error set when there are no runs). */
    const cost::FromRuns &fromRuns() const { return m_fromRuns; }
    /** Runs the Analysis' pending update now (tests, the benchmark). */
    void flush();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /** Columns as wide as their contents, growing only: figures changing during a drag never shift them. */
    void fitColumns();
    /** The same after an update that changed only `changed` (cells whose width may differ). */
    void fitChangedCells(const QModelIndexList &changed);
    /** The Name column's width that leaves the figures in view. */
    int nameRoom() const;
    void showReport();
    /** Rebuilds the rows when the strategies or their line items differ, else updates the cells in place. */
    void fillTable(const cost::CostReport &report, bool runs);
    void syncControls();
    void setExecutions(double executions);
    /** Recomputes the map when its tab is shown (not during a drag: one map is 17 pricings). */
    void updateMap();

    Document *m_doc;
    Analysis *m_analysis;
    std::vector<cost::RunFigures> m_runFigures;
    QString m_runSource;
    cost::FromRuns m_fromRuns;
    QString m_statusHtml;
    std::vector<std::string> m_rowIds; ///< strategy id, then its line items' ids: the table's shape
    bool m_expandedOnce = false;       ///< the designed strategy starts expanded, then the user decides
    bool m_fitPending = true;          ///< the next update measures every column (a column was shown)
    bool m_nameRoomChanged = true;     ///< the dock was resized or a column shown: names may get narrower

    QDoubleSpinBox *m_executions;
    QSlider *m_slider;
    QLabel *m_perSecond;
    QComboBox *m_region;
    QSpinBox *m_azs;
    QComboBox *m_workflowType;
    QCheckBox *m_freeTier;
    QComboBox *m_prices;
    QLabel *m_status;
    QTreeView *m_tree;
    QStandardItemModel *m_model;
    CostChart *m_chart;
    CostMapView *m_map;
    QTabWidget *m_views;
};

} // namespace egress::studio

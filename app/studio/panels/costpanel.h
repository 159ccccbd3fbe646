#pragma once

#include "cost/costengine.h"
#include "cost/fromruns.h"

#include <QTimer>
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

class CostChart;
class CostMapView;
class Document;

/**
 * The cost panel: one row per strategy (monthly total, available/compliant, delta against the designed
 * strategy, the cheapest highlighted) expanding into its line items with their formulas, the controls
 * of the usage profile, and the cost chart. Follows the document: every change recomputes once (changes
 * are coalesced with a 0-ms timer so painting goes first); during a drag it shows the hypothetical
 * project of Document::dragPreviewChanged and falls back to the real one when the drag ends.
 */
class CostPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CostPanel(Document *doc, QWidget *parent = nullptr);

    /** The report on screen (of the drag preview while one is shown). */
    const cost::CostReport &report() const { return m_report; }
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

    /** Uses a price table file instead of the bundled one; returns the error (and keeps the old one). */
    std::optional<QString> loadPriceTable(const QString &path);
    void useBundledPrices();
    /** The price table file in use, empty for the bundled tables (exports use the same). */
    QString priceFile() const { return m_priceFile; }
    /**
     * The figures of the mock file's test cases (RunPanel's Run all): the designed strategy gets a "From
     * runs" column beside the estimate, and the status says how far the two are apart. Empty hides it.
     */
    void setRunFigures(std::vector<cost::RunFigures> figures, const QString &source);
    /** The comparison on screen (error set when there are no runs). */
    const cost::FromRuns &fromRuns() const { return m_fromRuns; }
    /** Runs a pending recompute now (tests, the benchmark). */
    void flush();

signals:
    /** After each recompute, with the report just shown. */
    void reportChanged(const egress::cost::CostReport &report);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /** Strategy names as wide as they need, but never pushing the figures out of a narrow dock. */
    void fitColumns();
    void scheduleRecompute();
    void recompute();
    void showReport();
    void syncControls();
    bool reloadPrices(const std::string &region);
    void setExecutions(double executions);
    /** Recomputes the map when its tab is shown (not during a drag: one map is 17 pricings). */
    void updateMap();

    Document *m_doc;
    std::optional<cost::CostEngine> m_engine;
    std::string m_engineRegion;
    QString m_priceFile; ///< empty = bundled
    QString m_priceError;
    cost::CostReport m_report;
    const design::Project *m_preview = nullptr;
    QTimer m_timer;
    std::vector<cost::RunFigures> m_runFigures;
    QString m_runSource;
    cost::FromRuns m_fromRuns;
    bool m_expandedOnce = false; ///< the designed strategy starts expanded, then the user decides

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

#pragma once

#include "asl/diagnostic.h"
#include "cost/pricing.h"
#include "design/placementrules.h"
#include "design/project.h"

#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace egress::studio {

class Document;

/** One line of the Problems list: the validator's, the placement rules', the cost engine's, an import note.
 */
struct Problem
{
    enum class Source { Validator, Placement, Cost, ImportNote };
    Source source = Source::Validator;
    bool error = false; ///< import notes are neither: they never count
    QString step;
    QString pointer;
    QString message;
    bool operator==(const Problem &) const = default;
};

/**
 * What the document's design costs and what is wrong with it, kept up to date with the document: the price
 * table in use (bundled or a file, the project's overrides applied), the cost report, the problem list, and
 * the drag preview. No widgets: the Cost and Problems panels, the egress overlay, the code panel and the
 * exports observe it. Owned by its Document (Document::analysis()).
 *
 * Changes are coalesced (a 0-ms timer: painting goes first) and incremental: the definition's graph and the
 * validator's findings are rebuilt only when the definition changes, the table only when the region, the
 * file or the overrides change; a step moved within its side reprices nothing. While a drag is previewed,
 * report() and problems() are those of the hypothetical project (every dragged step where it would land).
 */
class Analysis : public QObject
{
    Q_OBJECT

public:
    explicit Analysis(Document *doc);

    // --- Prices ---------------------------------------------------------------------------------------
    /** Uses a price table file instead of the bundled ones; returns the error (and keeps the old one). */
    std::optional<QString> loadPriceTable(const QString &path);
    void useBundledPrices();
    /** The price table file in use, empty for the bundled tables (exports use the same). */
    QString priceFile() const { return m_priceFile; }
    /** The table the report was priced with, overrides applied; nullptr when it is unusable. */
    const cost::PriceTable *prices() const { return m_pricing.prices(); }

    // --- Drag preview (an input: what the design would be if the dragged steps were dropped here) -----
    struct PreviewStep
    {
        QPointF position;                           ///< top-left of the box where it would land
        std::optional<design::Placement> placement; ///< for VPC-capable steps
    };
    /** Sets where the dragged steps would land; reprices only when a placement differs from the last. */
    void setPreview(const std::map<QString, PreviewStep> &steps);
    void clearPreview();
    bool hasPreview() const { return m_preview.has_value(); }
    /** The hypothetical project while a drag is previewed, else nullptr. */
    const design::Project *preview() const { return m_preview ? &*m_preview : nullptr; }
    /** What report() and problems() describe: the preview while there is one, else the document's project. */
    const design::Project &shownProject() const;

    // --- Results -------------------------------------------------------------------------------------
    const cost::CostReport &report() const { return m_report; }
    const std::vector<Problem> &problems() const { return m_problems; }
    int errorCount() const;
    int warningCount() const;
    /** Runs a pending update now (tests, the benchmark, exports). */
    void flush();

signals:
    /** The price file changed (the report follows with reportChanged). */
    void pricesChanged();
    /** The preview's placements changed, or it ended (nullptr). */
    void previewChanged(const egress::design::Project *hypothetical);
    /** Dragged steps moved without changing side: nothing to reprice, only drawings to follow. */
    void previewMoved(const QStringList &steps);
    /** After each repricing, with the new report. */
    void reportChanged(const egress::cost::CostReport &report);
    /** The problem list differs from the last one. */
    void problemsChanged();

private:
    /** Any change of the document's project (not the preview): re-prices and re-checks everything. */
    void documentChanged();
    void schedule(bool cost, bool problems);
    void update();
    void rebuildProblems();

    Document *m_doc;
    cost::PricingPipeline m_pricing;
    QString m_priceFile;
    std::optional<design::Project> m_preview;
    cost::CostReport m_report;
    std::vector<Problem> m_validatorProblems; ///< of the committed definition (a drag never changes it)
    std::vector<Problem> m_problems;
    /** The placement rules' findings per state of the document's index (a drag re-checks only its steps). */
    std::vector<std::vector<design::PlacementProblem>> m_placements;
    bool m_placementsDirty = true;
    std::set<std::string> m_previewSteps; ///< every step a setPreview of this drag moved
    bool m_previewDiffers = false;        ///< the document changed during the drag: check the preview whole
    bool m_costDirty = true;
    bool m_problemsDirty = true;
    bool m_diagnosticsDirty = true;
    bool m_previewPriced = false; ///< the report on show is a preview's
    QTimer m_timer;
};

} // namespace egress::studio

#include "analysis.h"

#include "asl/validator.h"
#include "design/placementrules.h"
#include "document.h"

#include <algorithm>

namespace egress::studio {

Analysis::Analysis(Document *doc) : QObject(doc), m_doc(doc)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &Analysis::update);
    connect(doc, &Document::projectReset, this, [this] {
        m_pricing.invalidateGraph();
        m_diagnosticsDirty = true;
        if (m_preview) {
            m_preview.reset();
            emit previewChanged(nullptr);
        }
        documentChanged();
    });
    connect(doc, &Document::definitionChanged, this, [this] {
        m_pricing.invalidateGraph();
        m_diagnosticsDirty = true;
        documentChanged();
    });
    connect(doc, &Document::stepChanged, this, [this](const QString &, Document::StepChanges what) {
        if (what & (Document::Design | Document::Definition))
            m_pricing.invalidateVisits();
        if (what != Document::Position) // a move within one side changes nothing that costs money
            documentChanged();
    });
    for (auto signal : {&Document::vpcChanged, &Document::usageChanged, &Document::projectPropertiesChanged})
        connect(doc, signal, this, &Analysis::documentChanged);
    connect(doc, &Document::stepAdded, this, &Analysis::documentChanged);
    connect(doc, &Document::stepRemoved, this, &Analysis::documentChanged);
    // A new file name is the overrides' message prefix (as egress-cli names the project).
    connect(doc, &Document::filePathChanged, this, &Analysis::documentChanged);
    schedule(true, true);
}

void Analysis::documentChanged()
{
    m_placementsDirty = true;
    // A preview copied from the document before this change no longer differs from it in the dragged
    // steps alone: its placements are checked whole until the drag ends.
    m_previewDiffers = m_preview.has_value();
    schedule(true, true);
}

const design::Project &Analysis::shownProject() const
{
    return m_preview ? *m_preview : m_doc->project();
}

std::optional<QString> Analysis::loadPriceTable(const QString &path)
{
    const cost::PriceTableLoad load = cost::loadPriceTable(path.toStdString(), m_doc->project().usage.region);
    if (!load)
        return QString::fromStdString(load.error);
    m_priceFile = path;
    m_pricing.setPriceFile(path.toStdString());
    schedule(true, true);
    emit pricesChanged();
    return std::nullopt;
}

void Analysis::useBundledPrices()
{
    m_priceFile.clear();
    m_pricing.setPriceFile({});
    schedule(true, true);
    emit pricesChanged();
}

void Analysis::setPreview(const std::map<QString, PreviewStep> &steps)
{
    if (!m_preview) {
        m_preview = m_doc->project(); // once per drag; later frames only touch the dragged steps
        m_previewSteps.clear();
        m_previewDiffers = false;
    }
    bool placementChanged = false;
    QStringList moved;
    for (const auto &[name, where] : steps) {
        const std::string key = name.toStdString();
        m_previewSteps.insert(key);
        auto it = m_preview->steps.find(key);
        if (it == m_preview->steps.end()) // no design data yet: start from the defaults the model gives
            it = m_preview->steps.emplace(key, m_doc->project().step(key)).first;
        design::StepDesign &d = it->second;
        const std::array<double, 2> position{where.position.x(), where.position.y()};
        if (d.position != position) {
            d.position = position;
            moved << name;
        }
        if (where.placement && d.placement != *where.placement) {
            d.placement = *where.placement;
            placementChanged = true;
        }
    }
    if (placementChanged) {
        schedule(true, true);
        emit previewChanged(&*m_preview);
    }
    if (!moved.isEmpty())
        emit previewMoved(moved);
}

void Analysis::clearPreview()
{
    if (!m_preview)
        return;
    m_preview.reset();
    // Shown figures of a preview are replaced by the design's (a drop reprices anyway through the
    // document's signals; a drag that priced nothing needs nothing).
    if (m_previewPriced)
        schedule(true, true);
    m_previewPriced = false;
    emit previewChanged(nullptr);
}

void Analysis::schedule(bool cost, bool problems)
{
    m_costDirty = m_costDirty || cost;
    m_problemsDirty = m_problemsDirty || problems;
    if (!m_timer.isActive())
        m_timer.start();
}

void Analysis::flush()
{
    if (m_timer.isActive() || m_costDirty || m_problemsDirty)
        update();
}

void Analysis::update()
{
    m_timer.stop();
    const design::Project &project = shownProject();
    const bool repriced = m_costDirty;
    if (m_costDirty) {
        m_costDirty = false;
        m_report = m_pricing.price(project, m_doc->filePath().toStdString());
        m_previewPriced = m_previewPriced || m_preview.has_value();
    }
    if (m_problemsDirty || repriced) {
        m_problemsDirty = false;
        rebuildProblems();
    }
    if (repriced)
        emit reportChanged(m_report);
}

void Analysis::rebuildProblems()
{
    const design::Project &project = shownProject();
    if (m_diagnosticsDirty) {
        m_validatorProblems.clear();
        for (const asl::Diagnostic &d : asl::validateDefinition(m_doc->project().definition))
            m_validatorProblems.push_back({Problem::Source::Validator, d.severity == asl::Severity::Error,
                                           QString::fromStdString(d.state), QString::fromStdString(d.pointer),
                                           QString::fromStdString(d.message)});
        m_diagnosticsDirty = false;
    }
    std::vector<Problem> problems = m_validatorProblems;
    // The document's index serves the preview too: a drag never changes the definition.
    const std::vector<asl::StateEntry> &states = m_doc->index().states();
    if (m_placementsDirty) {
        m_placements.assign(states.size(), {});
        for (std::size_t i = 0; i < states.size(); ++i)
            design::placementProblemsOf(m_doc->project(), states[i], m_placements[i]);
        m_placementsDirty = false;
    }
    auto add = [&problems](const design::PlacementProblem &p) {
        problems.push_back({Problem::Source::Placement,
                            p.severity == design::PlacementProblem::Severity::Error,
                            QString::fromStdString(p.step),
                            {},
                            QString::fromStdString(p.message)});
    };
    if (m_preview && m_previewDiffers) {
        for (const design::PlacementProblem &p : design::placementProblems(project, m_doc->index()))
            add(p);
    } else {
        // A state's findings depend on it alone: the document's stand, except for the dragged steps.
        std::vector<design::PlacementProblem> dragged;
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (m_preview && m_previewSteps.count(states[i].name)) {
                dragged.clear();
                design::placementProblemsOf(project, states[i], dragged);
                std::for_each(dragged.begin(), dragged.end(), add);
            } else {
                std::for_each(m_placements[i].begin(), m_placements[i].end(), add);
            }
        }
    }
    for (const std::string &e : m_report.errors)
        problems.push_back({Problem::Source::Cost, true, {}, {}, QString::fromStdString(e)});
    // What the template import could not resolve: information to check, not a problem of the design.
    for (const std::string &note : project.importNotes)
        problems.push_back({Problem::Source::ImportNote, false, {}, {}, QString::fromStdString(note)});
    if (problems == m_problems)
        return;
    m_problems = std::move(problems);
    emit problemsChanged();
}

int Analysis::errorCount() const
{
    return int(std::count_if(m_problems.begin(), m_problems.end(), [](const Problem &p) {
        return p.source != Problem::Source::ImportNote && p.error;
    }));
}

int Analysis::warningCount() const
{
    return int(std::count_if(m_problems.begin(), m_problems.end(), [](const Problem &p) {
        return p.source != Problem::Source::ImportNote && !p.error;
    }));
}

} // namespace egress::studio

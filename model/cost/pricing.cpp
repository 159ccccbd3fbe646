#include "cost/pricing.h"

namespace egress::cost {

PriceTableLoad projectPriceTable(const design::Project &project, const std::string &priceFile,
                                 const std::string &source)
{
    PriceTableLoad load = priceFile.empty() ? bundledPriceTable(project.usage.region)
                                            : loadPriceTable(priceFile, project.usage.region);
    if (!load)
        return load;
    if (std::string error = applyPriceOverrides(*load.table, project.priceOverrides); !error.empty())
        return {std::nullopt, source.empty() ? error : source + ": " + error};
    return load;
}

PricedDesign priceDesign(const design::Project &project, const std::string &priceFile,
                         const CostOptions &options, const std::string &source)
{
    PricedDesign out;
    PriceTableLoad load = projectPriceTable(project, priceFile, source);
    if (!load) {
        out.error = load.error;
        out.report.errors.push_back(load.error);
        return out;
    }
    out.report = computeCosts(project, *load.table, options);
    out.prices = std::move(load.table);
    return out;
}

void PricingPipeline::setPriceFile(std::string path)
{
    m_priceFile = std::move(path);
    m_loaded = false;
    m_engine.reset();
}

CostReport PricingPipeline::price(const design::Project &project, const std::string &source)
{
    // Overrides are few: comparing their text is cheaper than any bookkeeping of who changed them.
    const std::string overrides = project.priceOverrides.dump();
    if (!m_loaded || m_region != project.usage.region || m_overrides != overrides || m_source != source) {
        PriceTableLoad load = projectPriceTable(project, m_priceFile, source);
        m_engine.reset();
        m_error = load.error;
        if (load)
            m_engine.emplace(std::move(*load.table));
        m_region = project.usage.region;
        m_overrides = overrides;
        m_source = source;
        m_loaded = true;
    }
    if (!m_engine) {
        CostReport failed;
        failed.errors.push_back(m_error);
        return failed;
    }
    return m_engine->compute(project);
}

void PricingPipeline::invalidateGraph()
{
    if (m_engine)
        m_engine->invalidateGraph();
}

void PricingPipeline::invalidateVisits()
{
    if (m_engine)
        m_engine->invalidateVisits();
}

} // namespace egress::cost

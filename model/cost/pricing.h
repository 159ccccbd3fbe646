#pragma once

#include "cost/costengine.h"
#include "cost/pricetable.h"
#include "design/project.h"

#include <optional>
#include <string>

namespace egress::cost {

/**
 * The one pricing pipeline of the CLI (`cost`, `report`, `picture`), the designer's Analysis and its exports:
 * load the price table (the bundled one of the project's region, or `priceFile`), apply the project's
 * priceOverrides, compute. Every caller shows the same messages: a table's error as the loader wrote it
 * (`FILE: POINTER: message`), an override's error as `SOURCE: /priceOverrides/ID: message` (SOURCE is the
 * project's file name when the caller knows one, else the message starts at the pointer).
 */
PriceTableLoad projectPriceTable(const design::Project &project, const std::string &priceFile,
                                 const std::string &source = {});

/** A project priced once: the table it was priced with (overrides applied) and the report. */
struct PricedDesign
{
    std::optional<PriceTable> prices; ///< empty when the table or an override was unusable
    CostReport report;                ///< its errors/warnings are the model's (a loop without an exit, ...)
    std::string error;                ///< the table's or the override's message; empty when priced
    explicit operator bool() const { return prices.has_value(); }
};

/** The whole pipeline once (exports, the CLI). */
PricedDesign priceDesign(const design::Project &project, const std::string &priceFile,
                         const CostOptions &options = {}, const std::string &source = {});

/**
 * The same pipeline kept warm for a design that changes a little at a time (the designer): the table is
 * reloaded only when the region, the price file or the overrides change, and the definition's graph and
 * visits are kept by a CostEngine until invalidated, so moving a step across the VPC border only reprices.
 */
class PricingPipeline
{
public:
    /** Empty = the bundled tables. Drops the loaded table. */
    void setPriceFile(std::string path);
    const std::string &priceFile() const { return m_priceFile; }

    /** Prices `project`; when the table or an override is unusable the report carries that error alone. */
    CostReport price(const design::Project &project, const std::string &source = {});
    /** The table of the last price() with the overrides applied; nullptr when it was unusable. */
    const PriceTable *prices() const { return m_engine ? &m_engine->prices() : nullptr; }

    /** The definition changed (states, transitions, Retry/Catch). */
    void invalidateGraph();
    /** choiceWeights, failureRate or mapItems changed. */
    void invalidateVisits();

private:
    std::string m_priceFile;
    std::optional<CostEngine> m_engine;
    std::string m_error;
    // What the loaded table depends on: reload when any of them differs.
    std::string m_region;
    std::string m_overrides;
    std::string m_source;
    bool m_loaded = false;
};

} // namespace egress::cost

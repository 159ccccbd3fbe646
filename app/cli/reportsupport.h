#pragma once

#include "cost/costengine.h"
#include "design/project.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace egress::cli {

/** What `cost`, `report` and `picture` share: which volume, region and price table to price with. */
struct PricingArguments
{
    std::optional<double> executions;
    std::string region;
    std::string prices;
    std::string stateMachine; ///< --state-machine, when the input is a template
    std::string usage;        ///< --usage USAGE.json (usage import), applied before pricing
};

/** A project priced with its table (overrides applied). */
struct PricedProject
{
    design::Project project;
    cost::CostReport cost;
    cost::PriceTable prices; ///< what it was priced with (overrides applied), for the cheapest-strategy map
};

/**
 * Loads a project (or ASL definition) and prices it. Prints problems to `err` naming the file; returns
 * nothing for unreadable input or an unusable price table (exit 2). Cost errors stay in cost.errors.
 */
std::optional<PricedProject> loadAndPrice(const std::string &path, const PricingArguments &pricing,
                                          std::ostream &err);

/** The lower-cased extension of a path without the dot ("html", "md"), "" when it has none. */
std::string extensionOf(const std::string &path);

} // namespace egress::cli

#include "reportsupport.h"

#include "clisupport.h"
#include "cost/pricing.h"
#include "subcommands.h"
#include "usage/applyusage.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <iostream>

namespace egress::cli {

std::optional<PricedProject> loadAndPrice(const std::string &path, const PricingArguments &pricing,
                                          std::ostream &err)
{
    if (pricing.executions && (!std::isfinite(*pricing.executions) || *pricing.executions < 0)) {
        err << "--executions must be a number ≥ 0\n";
        return std::nullopt;
    }
    auto input = loadProjectOrDefinition(path, err, {pricing.stateMachine, {}});
    if (!input)
        return std::nullopt;
    PricedProject out{std::move(input->project), {}, {}};
    if (!pricing.usage.empty()) {
        const usage::UsageLoad usageLoad = usage::loadUsage(pricing.usage);
        if (!usageLoad.usage) {
            err << usageLoad.error << "\n";
            return std::nullopt;
        }
        const usage::UsageApplication applied = usage::applyUsage(out.project, *usageLoad.usage);
        out.project = applied.project;
        err << usage::formatApplication(applied, *usageLoad.usage, pricing.usage);
    }
    if (!pricing.region.empty())
        out.project.usage.region = pricing.region;
    cost::CostOptions options;
    options.executionsPerMonth = pricing.executions;
    cost::PricedDesign priced = cost::priceDesign(out.project, pricing.prices, options, path);
    if (!priced) {
        err << priced.error << "\n";
        return std::nullopt;
    }
    out.cost = std::move(priced.report);
    out.prices = std::move(*priced.prices);
    for (const std::string &w : out.cost.warnings)
        err << path << ": warning: " << w << "\n";
    return out;
}

std::string extensionOf(const std::string &path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    if (!ext.empty())
        ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

} // namespace egress::cli

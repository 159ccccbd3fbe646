#pragma once

#include "cost/pricetable.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace egress::cost {

/**
 * One priced quantity of a line item as a function of the executions per month N:
 *   cost(N) = fixedUsd + tiered(max(0, perExecution × N − free))
 * Every line item is a sum of meters, so every strategy's cost is piecewise linear in N with breakpoints
 * where a free allowance runs out or a tier boundary is crossed; break-even is solved exactly between those
 * points.
 */
struct Meter
{
    double fixedUsd = 0;
    double perExecution = 0;
    double free = 0;
    std::string fixedFormula; ///< for a fixed meter, e.g. "2 AZ × 730 h × $0.045/h"
    std::string quantity;     ///< what perExecution counts, e.g. "transitions", "GB-s"
    /** Shared, not the table's own: a report outlives the table it was priced with. One copy per price and
     * report, shared by every meter of that price (a copy per meter cost five allocations each). */
    std::shared_ptr<const Price> price;

    /** The price's tiers (none for a fixed meter). */
    const std::vector<Tier> &tiers() const;

    double cost(double executions) const;
    /** Volumes (executions per month) where the slope changes. */
    void breakpoints(std::vector<double> &out) const;
    /** The arithmetic at a volume, with the actual numbers. */
    std::string formula(double executions) const;
};

/** A fixed monthly amount. */
Meter fixedMeter(double usd, std::string formula);
/** A per-execution quantity priced with a table price and a free allowance. */
Meter usageMeter(double perExecution, std::shared_ptr<const Price> price, double free, std::string quantity);

/** 1234567.891 → "1,234,568" (decimals as asked, trailing zeros dropped). */
std::string formatNumber(double value, int maxDecimals = 0);
/** A dollar amount: "$1,234.56"; small amounts keep significant digits ("$0.0000166667"). */
std::string formatUsd(double usd);
/** A number without exponent, up to 10 significant digits: 0.0000166667. */
std::string formatPlain(double value);
/** A unit price as the table quotes it: "$0.025/1,000 transitions". */
std::string formatPrice(const Price &price, double usdPerUnit);

} // namespace egress::cost

#pragma once

#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace egress::cost {

/** One price step: the unit price applies to the quantity up to `upTo` (cumulative; infinity for the last).
 */
struct Tier
{
    double upTo = std::numeric_limits<double>::infinity();
    double usdPerUnit = 0;
};

/**
 * One price of a table, in USD per single unit (a table's "$0.025 per 1,000" is stored as 0.000025), with the
 * unit, where it comes from and when. `estimate` marks a price nobody confirmed: reports flag it.
 */
struct Price
{
    std::vector<Tier> tiers; ///< one tier for a flat price
    double per = 1;          ///< the quantity the table quotes the price for (1,000 transitions, 1M requests)
    std::string unit;
    std::string source;
    std::string date;
    bool estimate = false;
    std::string note;

    /** The first tier's price per single unit. */
    double usd() const { return tiers.empty() ? 0 : tiers.front().usdPerUnit; }
};

/** A monthly allowance that is free (always-free tiers: Step Functions, Lambda, data transfer out). */
struct FreeAllowance
{
    double quantity = 0;
    std::string unit;
    std::string source;
};

/** The prices of one region, read from a price table file. */
struct PriceTable
{
    std::string name;
    std::string date; ///< YYYY-MM-DD: the table's date, stated in every report
    std::string region;
    std::string file; ///< where it was read from, for messages
    // std::less<> looks ids up without building a std::string (the pricer asks about 200 times a reprice).
    std::map<std::string, Price, std::less<>> prices;
    std::map<std::string, FreeAllowance, std::less<>> freeTier;

    /** The price `id`; throws PriceError "price X missing from table Y" when absent. */
    const Price &price(std::string_view id) const;
    /** The free allowance `id`, 0 when the table has none. */
    double freeQuantity(std::string_view id) const;
};

/** A price table that cannot be used: the message names the file and the JSON pointer (or the missing price).
 */
struct PriceError
{
    std::string message;
};

/** The outcome of loading a table: the table or an error message. */
struct PriceTableLoad
{
    std::optional<PriceTable> table;
    std::string error; ///< `FILE: POINTER: message`, empty on success
    explicit operator bool() const { return table.has_value(); }
};

/** The ids every complete table has for a region; a table missing one is refused when loaded. */
const std::vector<std::string> &requiredPriceIds();

/**
 * Reads the region `region` of a price table (JSON text; format "egress-studio-prices" version 1). An empty
 * region picks the table's only region. Every price needs a unit, a source and a date, a non-negative number
 * and increasing tier bounds; problems name the file and the JSON pointer. Unknown regions list the table's
 * regions.
 */
PriceTableLoad parsePriceTable(const std::string &text, const std::string &fileName,
                               const std::string &region);
PriceTableLoad loadPriceTable(const std::string &path, const std::string &region);

/** The regions of the bundled tables in resources/pricing/, sorted. */
std::vector<std::string> knownRegions();
/** The bundled table for a region; an unknown region's error lists the known ones. */
PriceTableLoad bundledPriceTable(const std::string &region);

} // namespace egress::cost

namespace egress::cost {
/**
 * Applies a project's priceOverrides ({"price-id": number}, the number in the table's quoted unit, e.g. USD
 * per 1,000 transitions) over a table: the price becomes flat and its source says so. Returns an error naming
 * the pointer /priceOverrides/ID for an unknown id or a value that is not a non-negative number, or "" on
 * success.
 */
std::string applyPriceOverrides(PriceTable &table, const nlohmann::ordered_json &overrides);
} // namespace egress::cost

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace egress::cost {

/**
 * The most a price may be, in USD per single unit (after "per"): far above any AWS price (the dearest a
 * price table holds is a few dollars an hour), far below where sums of them stop being finite numbers.
 * Every price that enters a table — a table file, a project's priceOverrides, a Price List import — is
 * checked against it, so no cost, curve or chart ever meets infinity or NaN.
 */
inline constexpr double kMaxUsdPerUnit = 1e6;

/** Why `usdPerUnit` is not a price (not finite, negative, above kMaxUsdPerUnit), or nullopt when it is. */
std::optional<std::string> unitPriceProblem(double usdPerUnit);

/**
 * A price written as text in a Price List (JSON "USD" or a CSV cell): plain decimal digits with an optional
 * fraction and exponent ("0.045", "4.5E-2"). Refuses what strtod would also take: hexadecimal ("0x10" would
 * be $16), "inf", "nan", leading or trailing blanks.
 */
std::optional<double> parseDecimalPrice(std::string_view text);

} // namespace egress::cost

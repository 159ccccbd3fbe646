#include "cost/meter.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace egress::cost {

namespace {
/**
 * printf("%.*f") / ("%.*g") of one number into `buffer` (64 bytes, as the snprintf calls this replaces).
 * std::to_chars is specified to give printf's exact digits and is several times faster than glibc's
 * snprintf, which dominated pricing (a reprice formats about 300 numbers into line-item formulas).
 * Output that would not fit the 63 characters snprintf kept falls back to snprintf so that even the
 * truncation stays the same.
 */
std::string_view printed(char (&buffer)[64], double value, std::chars_format format, int precision)
{
    if (format == std::chars_format::fixed && precision == 0 && std::abs(value) < 1e18) {
        // "%.0f", the most common case (volumes, quantities): rounding to the nearest integer, ties to even
        // on the exact binary value, is what printf does; the integer then prints exactly. The sign is
        // printf's too ("-0" for -0.4).
        char *at = buffer;
        if (std::signbit(value))
            *at++ = '-';
        const auto whole = static_cast<unsigned long long>(std::nearbyint(std::abs(value)));
        const auto end = std::to_chars(at, buffer + 63, whole).ptr;
        *end = '\0';
        return {buffer, static_cast<std::size_t>(end - buffer)};
    }
    const auto [end, error] = std::to_chars(buffer, buffer + 63, value, format, precision);
    if (error == std::errc()) {
        *end = '\0';
        return {buffer, static_cast<std::size_t>(end - buffer)};
    }
    const int n =
        std::snprintf(buffer, 64, format == std::chars_format::fixed ? "%.*f" : "%.*g", precision, value);
    return {buffer, static_cast<std::size_t>(std::clamp(n, 0, 63))};
}

/** 10^0 … 10^14: exact doubles (std::pow(10.0, k) gives the same values, at the cost of a libm call). */
constexpr std::array<double, 15> kPowersOfTen{1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6, 1e7,
                                              1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14};
} // namespace

namespace {
double tiered(const std::vector<Tier> &tiers, double quantity)
{
    double cost = 0, lower = 0;
    for (const Tier &tier : tiers) {
        if (quantity <= lower)
            break;
        cost += (std::min(quantity, tier.upTo) - lower) * tier.usdPerUnit;
        lower = tier.upTo;
    }
    return cost;
}
} // namespace

double Meter::cost(double executions) const
{
    return fixedUsd + tiered(tiers(), std::max(0.0, perExecution * executions - free));
}

void Meter::breakpoints(std::vector<double> &out) const
{
    if (perExecution <= 0)
        return;
    if (free > 0)
        out.push_back(free / perExecution);
    for (const Tier &tier : tiers())
        if (std::isfinite(tier.upTo))
            out.push_back((tier.upTo + free) / perExecution);
}

Meter fixedMeter(double usd, std::string formula)
{
    Meter m;
    m.fixedUsd = usd;
    m.fixedFormula = std::move(formula);
    return m;
}

Meter usageMeter(double perExecution, std::shared_ptr<const Price> price, double free, std::string quantity)
{
    Meter m;
    m.perExecution = perExecution;
    m.free = free;
    m.quantity = std::move(quantity);
    m.price = std::move(price);
    return m;
}

const std::vector<Tier> &Meter::tiers() const
{
    static const std::vector<Tier> none;
    return price ? price->tiers : none;
}

namespace {
/** Appends value with thousands separators (the formula builds its text in one string this way). */
void appendGrouped(std::string &out, double value, int decimals, bool keepZeros)
{
    if (!std::isfinite(value)) {
        out += value > 0 ? "∞" : "-∞";
        return;
    }
    // Views into the printed digits and one output string: this runs about 300 times per reprice.
    char buffer[64];
    const std::string_view text = printed(buffer, std::abs(value), std::chars_format::fixed, decimals);
    std::string_view whole = text, fraction;
    if (const auto dot = text.find('.'); dot != std::string_view::npos) {
        whole = text.substr(0, dot);
        fraction = text.substr(dot);
        while (!keepZeros && !fraction.empty() && (fraction.back() == '0' || fraction.back() == '.'))
            fraction.remove_suffix(1);
    }
    const bool negative =
        value < 0 && (whole != "0" || fraction.find_first_not_of(".0") != std::string_view::npos);
    out.reserve(out.size() + 1 + whole.size() + whole.size() / 3 + fraction.size());
    if (negative)
        out += '-';
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0)
            out += ',';
        out += whole[i];
    }
    out += fraction;
}

std::string grouped(double value, int decimals, bool keepZeros)
{
    std::string out;
    appendGrouped(out, value, decimals, keepZeros);
    return out;
}
} // namespace

std::string formatNumber(double value, int maxDecimals)
{
    return grouped(value, maxDecimals, false);
}

std::string formatUsd(double usd)
{
    const double a = std::abs(usd);
    if (a == 0)
        return "$0.00";
    if (a < 0.01) {
        char buffer[64];
        return (usd < 0 ? "-$" : "$") + std::string(printed(buffer, a, std::chars_format::general, 3));
    }
    return (usd < 0 ? "-$" : "$") + grouped(a, 2, true);
}

std::string formatPlain(double value)
{
    // Up to 10 significant digits without an exponent: 0.0000166667, 3.5, 0.045.
    char buffer[64];
    int decimals = 0;
    for (double a = std::abs(value);
         decimals < 14 && a > 0 &&
         std::abs(a * kPowersOfTen[static_cast<std::size_t>(decimals)] -
                  std::round(a * kPowersOfTen[static_cast<std::size_t>(decimals)])) >
             1e-9 * a * kPowersOfTen[static_cast<std::size_t>(decimals)];
         ++decimals) {
    }
    return std::string(printed(buffer, value, std::chars_format::fixed, decimals));
}

std::string formatPrice(const Price &price, double usdPerUnit)
{
    std::string s = "$" + formatPlain(usdPerUnit * price.per) + "/";
    if (price.per != 1)
        s += formatNumber(price.per) + " ";
    return s + price.unit;
}

namespace {
/** At least 4 significant digits, no exponent: 0.000009537. */
std::string significant(double v)
{
    int decimals = 4;
    if (v > 0 && v < 1)
        decimals = std::min(12, 3 - static_cast<int>(std::floor(std::log10(v))));
    return formatNumber(v, decimals);
}
} // namespace

std::string Meter::formula(double executions) const
{
    if (perExecution == 0 || !price)
        return fixedFormula;
    // Built in one string, numbers appended in place: about 80 formulas are written per reprice.
    auto number = [](std::string &out, double v, int decimals) { appendGrouped(out, v, decimals, false); };
    auto quantityOf = [](double v) { return v < 100 ? 3 : 0; };
    const double gross = perExecution * executions;
    const double billable = std::max(0.0, gross - free);
    std::string f;
    f.reserve(160);
    number(f, executions, 0);
    if (perExecution == 1) {
        (f += ' ') += quantity;
    } else {
        (f += " exec × ") += significant(perExecution);
        ((f += ' ') += quantity) += " = ";
        number(f, gross, quantityOf(gross));
    }
    if (free > 0) {
        f += " − ";
        number(f, free, quantityOf(free));
        f += " free";
    }
    // Tiers in use, each with its own price.
    double lower = 0;
    std::string parts;
    int used = 0;
    for (const Tier &tier : tiers()) {
        if (billable <= lower)
            break;
        const double amount = std::min(billable, tier.upTo) - lower;
        if (used++)
            parts += " + ";
        number(parts, amount, quantityOf(amount));
        (parts += " × ") += formatPrice(*price, tier.usdPerUnit);
        lower = tier.upTo;
    }
    if (used == 0)
        return f + " → nothing billable";
    if (free > 0) {
        f += " = ";
        if (used == 1) {
            f += parts;
        } else {
            number(f, billable, quantityOf(billable));
            (f += ": ") += parts;
        }
    } else if (used == 1) {
        (f += " × ") += std::string_view(parts).substr(parts.find(" × ") + 4);
    } else {
        (f += ": ") += parts;
    }
    return f;
}

} // namespace egress::cost

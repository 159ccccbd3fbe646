#include "cost/pricebounds.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace egress::cost {

std::optional<std::string> unitPriceProblem(double usdPerUnit)
{
    if (!std::isfinite(usdPerUnit))
        return std::string("is not a finite number");
    if (usdPerUnit < 0)
        return std::string("must not be negative");
    if (usdPerUnit > kMaxUsdPerUnit) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%g", usdPerUnit);
        return std::string("is $") + buffer +
               " a unit, more than the $1,000,000 a unit this program accepts (a typo, or \"per\" too "
               "small?)";
    }
    return std::nullopt;
}

std::optional<double> parseDecimalPrice(std::string_view text)
{
    // [+-]?digits[.digits][(e|E)[+-]?digits], or .digits: what a Price List writes, nothing more.
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto digits = [&] {
        const std::size_t start = i;
        while (i < n && text[i] >= '0' && text[i] <= '9')
            ++i;
        return i - start;
    };
    if (i < n && (text[i] == '+' || text[i] == '-'))
        ++i;
    std::size_t mantissa = digits();
    if (i < n && text[i] == '.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0)
        return std::nullopt;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (digits() == 0)
            return std::nullopt;
    }
    if (i != n)
        return std::nullopt;
    const std::size_t skip = !text.empty() && text[0] == '+' ? 1 : 0; // from_chars takes no '+'
    double value = 0;
    const auto [end, error] = std::from_chars(text.data() + skip, text.data() + n, value);
    if (error != std::errc() || end != text.data() + n || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace egress::cost

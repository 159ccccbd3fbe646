// Break-even volumes and cost curves: every strategy is piecewise linear in the executions per month, so
// between two consecutive breakpoints (of either strategy) their difference is linear and its root is exact.
#include "cost/costengine.h"

#include <algorithm>
#include <cmath>

namespace egress::cost {

namespace {

/** crossings() with each strategy's breakpoints computed once by the caller (breakEvens has every pair). */
std::vector<double> crossingsWith(const StrategyCost &a, const StrategyCost &b, const std::vector<double> &pa,
                                  const std::vector<double> &pb)
{
    std::vector<double> points;
    points.reserve(pa.size() + pb.size() + 2);
    points.push_back(0);
    points.push_back(kMaxBreakEvenExecutions);
    for (const std::vector<double> *list : {&pa, &pb})
        for (double p : *list)
            if (p > 0 && p < kMaxBreakEvenExecutions)
                points.push_back(p);
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());

    // Differences this small (relative to the costs) are rounding, not a crossing.
    auto diff = [&](double n) {
        const double ca = a.costAt(n), cb = b.costAt(n);
        const double d = ca - cb;
        return std::abs(d) <= 1e-12 * std::max({1.0, std::abs(ca), std::abs(cb)}) ? 0.0 : d;
    };
    std::vector<double> out;
    double lastN = 0, lastD = diff(0);
    double firstZero = -1; // start of a run of exact zeros after lastN
    for (std::size_t i = 1; i < points.size(); ++i) {
        const double n = points[i];
        const double d = diff(n);
        if (d == 0) {
            if (firstZero < 0)
                firstZero = n;
            continue;
        }
        if (lastD != 0 && (d > 0) != (lastD > 0)) {
            if (firstZero >= 0) {
                out.push_back(firstZero);
            } else {
                // Both linear on [lastN, n]: the root of the difference.
                out.push_back(lastN + (n - lastN) * lastD / (lastD - d));
            }
        }
        firstZero = -1;
        lastN = n;
        lastD = d;
    }
    return out;
}

} // namespace

std::vector<double> crossings(const StrategyCost &a, const StrategyCost &b)
{
    return crossingsWith(a, b, a.breakpoints(), b.breakpoints());
}

std::vector<BreakEven> breakEvens(const std::vector<StrategyCost> &strategies)
{
    std::vector<BreakEven> out;
    std::vector<std::vector<double>> points(strategies.size());
    for (std::size_t i = 0; i < strategies.size(); ++i)
        if (strategies[i].available)
            points[i] = strategies[i].breakpoints();
    for (std::size_t i = 0; i < strategies.size(); ++i) {
        if (!strategies[i].available)
            continue;
        for (std::size_t j = i + 1; j < strategies.size(); ++j) {
            if (!strategies[j].available)
                continue;
            out.push_back({strategies[i].id, strategies[j].id,
                           crossingsWith(strategies[i], strategies[j], points[i], points[j])});
        }
    }
    return out;
}

std::vector<CurvePoint> costCurve(const StrategyCost &strategy, int pointsPerDecade)
{
    std::vector<double> volumes;
    const double lo = std::log10(kMinCurveExecutions), hi = std::log10(kMaxCurveExecutions);
    const int steps = static_cast<int>(std::round((hi - lo) * std::max(1, pointsPerDecade)));
    for (int i = 0; i <= steps; ++i)
        volumes.push_back(std::pow(10.0, lo + (hi - lo) * i / steps));
    for (double p : strategy.breakpoints())
        if (p > kMinCurveExecutions && p < kMaxCurveExecutions)
            volumes.push_back(p);
    std::sort(volumes.begin(), volumes.end());
    volumes.erase(std::unique(volumes.begin(), volumes.end()), volumes.end());
    std::vector<CurvePoint> out;
    out.reserve(volumes.size());
    for (double n : volumes)
        out.push_back({n, strategy.costAt(n)});
    return out;
}

} // namespace egress::cost

// The break-even chart: monthly cost against executions per month, both axes logarithmic.
#include "report/pictureroutes.h"
#include "report/pictures.h"
#include "report/picturestyle.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace egress::report {

std::string shortCount(double value)
{
    struct Unit
    {
        double size;
        const char *suffix;
    };
    for (const Unit &u : {Unit{1e9, "B"}, Unit{1e6, "M"}, Unit{1e3, "k"}})
        if (value >= u.size) {
            char buf[32];
            const double v = value / u.size;
            std::snprintf(buf, sizeof buf,
                          v >= 100 || std::abs(v - std::round(v)) < 0.05 ? "%.0f%s" : "%.1f%s", v, u.suffix);
            return buf;
        }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
}

std::string usd(double value)
{
    if (!std::isfinite(value))
        return "$∞"; // never from checked prices; no digit grouping loop over "inf"
    char buf[400];
    const bool big = std::abs(value) >= 10000;
    std::snprintf(buf, sizeof buf, big ? "%.0f" : "%.2f", std::abs(value));
    std::string digits = buf;
    const std::size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot), frac = dot == std::string::npos ? "" : digits.substr(dot);
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3)
        whole.insert(static_cast<std::size_t>(i), ",");
    return std::string(value < 0 ? "-" : "") + "$" + whole + frac;
}

namespace {

const char *const kColours[] = {"#DC2626", "#2563EB", "#059669", "#D97706", "#7C3AED",
                                "#0891B2", "#DB2777", "#4B5563", "#92400E", "#65A30D"};

} // namespace

static std::vector<CheapestChange> envelopeSwitches(const std::vector<const cost::StrategyCost *> &lines)
{
    std::vector<double> candidates;
    for (std::size_t i = 0; i < lines.size(); ++i)
        for (std::size_t j = i + 1; j < lines.size(); ++j)
            for (double x : cost::crossings(*lines[i], *lines[j]))
                if (x >= cost::kMinCurveExecutions && x <= cost::kMaxCurveExecutions)
                    candidates.push_back(x);
    std::sort(candidates.begin(), candidates.end());
    auto cheapestAt = [&](double n) {
        const cost::StrategyCost *best = nullptr;
        for (const auto *s : lines)
            if (!best || s->costAt(n) < best->costAt(n) - 1e-9)
                best = s;
        return best;
    };
    std::vector<CheapestChange> out;
    for (double x : candidates) {
        const auto *before = cheapestAt(x * 0.999), *after = cheapestAt(x * 1.001);
        if (before && after && before != after && (out.empty() || out.back().at < x * 0.99))
            out.push_back({x, before->id, after->id});
    }
    return out;
}

std::vector<CheapestChange> cheapestChanges(const cost::CostReport &report)
{
    std::vector<const cost::StrategyCost *> lines, compliant;
    for (const auto &s : report.strategies)
        if (s.available) {
            lines.push_back(&s);
            if (s.compliant)
                compliant.push_back(&s);
        }
    return envelopeSwitches(compliant.empty() ? lines : compliant);
}

Picture breakEvenChart(const cost::CostReport &report)
{
    std::vector<const cost::StrategyCost *> lines;
    for (const auto &s : report.strategies)
        if (s.available)
            lines.push_back(&s);
    // The legend needs up to 52 px per strategy (two label lines and the cost): grow the picture to fit.
    const double width = 960, height = std::max(500.0, 46 + 8 + 52.0 * static_cast<double>(lines.size()));
    const double left = 80, right = 300, top = 46, bottom = 60;
    const double plotW = width - left - right, plotH = height - top - bottom;
    std::map<std::string, std::vector<cost::CurvePoint>> curves;
    double lo = 1e18, hi = 0;
    for (const auto *s : lines) {
        curves[s->id] = cost::costCurve(*s, 12);
        for (const auto &p : curves[s->id]) {
            if (p.usd > 0)
                lo = std::min(lo, p.usd);
            hi = std::max(hi, p.usd);
        }
    }
    // Prices are checked at load (cost/pricebounds.h), but the chart must end whatever the numbers: the
    // axis spans at most kMaxDecades powers of ten, non-finite costs count as the top of the axis.
    constexpr double kTopUsd = 1e18;
    constexpr int kMaxDecades = 24;
    if (!(hi > 0))
        hi = 1;
    hi = std::min(hi, kTopUsd);
    lo = std::min(lo, kTopUsd);
    // Cost floor: a free-tier strategy costs $0 at low volume; draw it on the bottom edge, labelled "≤".
    const int yMaxExp = static_cast<int>(std::ceil(std::log10(hi)));
    const int yMinExp = std::max(yMaxExp - kMaxDecades,
                                 static_cast<int>(std::floor(std::log10(std::max(0.1, std::min(lo, hi))))));
    const double yMin = std::pow(10, yMinExp);
    const double yMax = std::pow(10, std::max(yMaxExp, yMinExp + 1));
    const double xMinL = std::log10(cost::kMinCurveExecutions), xMaxL = std::log10(cost::kMaxCurveExecutions);
    auto px = [&](double n) {
        return left + (std::log10(std::max(n, 1.0)) - xMinL) / (xMaxL - xMinL) * plotW;
    };
    auto py = [&](double v) {
        const double l = std::log10(std::max(v, yMin));
        return top + plotH - (l - std::log10(yMin)) / (std::log10(yMax) - std::log10(yMin)) * plotH;
    };

    SvgWriter svg(0, 0, width, height);
    svg.rect(0, 0, width, height, "#FFFFFF", "none");
    svg.text(left, 26, "Monthly cost by executions per month (" + report.region + ")", 15, style::kText,
             "start", "font-weight=\"bold\"");
    // Grid and axes.
    for (int step = 0; step <= kMaxDecades && xMinL + step <= xMaxL + 1e-9; ++step) {
        const double e = xMinL + step;
        const double x = px(std::pow(10, e));
        svg.line(x, top, x, top + plotH, "#E5E7EB", 1);
        svg.text(x, top + plotH + 18, shortCount(std::pow(10, e)), 11, style::kMuted, "middle");
    }
    for (int e = yMinExp; e <= yMaxExp && e <= yMinExp + kMaxDecades; ++e) {
        const double y = py(std::pow(10, e));
        svg.line(left, y, left + plotW, y, "#E5E7EB", 1);
        const double v = std::pow(10, e);
        std::string label = v < 1 ? "$" + num(v) : usd(v);
        if (v >= 1 && v < 10000)
            label.resize(label.size() - 3); // whole dollars on the axis
        svg.text(left - 8, y + 4, (e == yMinExp ? "≤ " : "") + label, 11, style::kMuted, "end");
    }
    svg.rect(left, top, plotW, plotH, "none", "#9CA3AF");
    svg.text(left + plotW / 2, height - 16, "executions per month (log scale)", 12, style::kText, "middle");
    svg.text(18, top + plotH / 2, "USD per month (log scale)", 12, style::kText, "middle",
             "transform=\"rotate(-90 18 " + num(top + plotH / 2) + ")\"");

    // Current volume.
    if (report.executionsPerMonth >= cost::kMinCurveExecutions &&
        report.executionsPerMonth <= cost::kMaxCurveExecutions) {
        const double x = px(report.executionsPerMonth);
        svg.line(x, top, x, top + plotH, "#111827", 1.5, "stroke-dasharray=\"3,3\"");
        svg.text(x + 5, top + 14, "now: " + shortCount(report.executionsPerMonth) + "/month", 11, "#111827",
                 "start", "font-weight=\"bold\"");
    }

    // One line per strategy; the legend on the right names it and its cost now.
    std::vector<std::pair<routes::Point, routes::Point>> drawnLines; // for the break-even labels to avoid
    std::size_t colour = 0;
    std::map<std::string, std::string> colourOf;
    double legendY = top + 8;
    for (const auto *s : lines) {
        const std::string c = kColours[colour++ % (sizeof kColours / sizeof *kColours)];
        colourOf[s->id] = c;
        std::string d;
        routes::Point previous;
        for (const auto &p : curves[s->id]) {
            const routes::Point at{px(p.executionsPerMonth), py(p.usd)};
            if (!d.empty())
                drawnLines.emplace_back(previous, at);
            previous = at;
            d += (d.empty() ? "M" : " L") + num(at.x) + "," + num(at.y);
        }
        const std::string dash = s->compliant ? "" : "stroke-dasharray=\"7,4\"";
        svg.path(d, "none", c, s->id == report.cheapest || s->designed ? 2.8 : 1.8,
                 std::string("stroke-linejoin=\"round\" ") + dash);
        svg.line(left + plotW + 18, legendY, left + plotW + 42, legendY, c, 2.6, dash);
        const auto labelLines = style::wrap(s->label, 11, right - 62, 2);
        for (std::size_t l = 0; l < labelLines.size(); ++l)
            svg.text(left + plotW + 48, legendY + 4 + 14 * static_cast<double>(l), labelLines[l], 11,
                     style::kText, "start", s->id == report.cheapest ? "font-weight=\"bold\"" : "");
        legendY += 14 * static_cast<double>(labelLines.size() - 1);
        svg.text(left + plotW + 48, legendY + 18,
                 usd(s->monthlyUsd) + "/month now" + (s->id == report.cheapest ? " · cheapest" : "") +
                     (s->compliant ? "" : " · not in VPC"),
                 9.5, style::kMuted);
        legendY += 38;
    }

    // Break-even markers: where the cheapest compliant choice changes, and the article's pair.
    std::vector<CheapestChange> marks = cheapestChanges(report);
    const cost::StrategyCost *designedLine = nullptr, *natLine = nullptr;
    for (const auto *s : lines) {
        if (s->designed)
            designedLine = s;
        if (s->id == "nat-gateway")
            natLine = s;
    }
    if (designedLine && natLine)
        for (double x : cost::crossings(*designedLine, *natLine))
            if (x >= cost::kMinCurveExecutions && x <= cost::kMaxCurveExecutions &&
                std::none_of(marks.begin(), marks.end(),
                             [&](const CheapestChange &m) { return std::abs(m.at / x - 1) < 0.01; }))
                marks.push_back({x, designedLine->id, natLine->id});
    // Each label on the first spot around its marker (above, below, beside, then further out) that crosses
    // no strategy's line, the volume line or the markers and overlaps no other label; a label on a line hides
    // the line and reads as its value. With no such spot, the one crossing the fewest lines.
    if (report.executionsPerMonth >= cost::kMinCurveExecutions &&
        report.executionsPerMonth <= cost::kMaxCurveExecutions) {
        const double x = px(report.executionsPerMonth);
        drawnLines.push_back({{x, top}, {x, top + plotH}});
    }
    std::vector<routes::Rect> taken;
    for (const CheapestChange &m : marks) {
        const cost::StrategyCost *s = report.strategy(m.from);
        const double x = px(m.at), y = py(s ? s->costAt(m.at) : yMin);
        taken.push_back({x - 7, y - 7, 14, 14});
    }
    for (const CheapestChange &m : marks) {
        const cost::StrategyCost *s = report.strategy(m.from);
        const double x = px(m.at), y = py(s ? s->costAt(m.at) : yMin);
        svg.circle(x, y, 5.5, "#FFFFFF", "#111827", "stroke-width=\"2\"");
        const std::string label = "break-even " + shortCount(m.at) + "/mo";
        const double lw = style::textWidth(label, 10.5) + 8, lh = 15;
        routes::Rect best;
        int bestHits = -1;
        double bestDistance = 0;
        // The free spot nearest the marker (clamped spots near a corner can be far), found among all.
        auto distance = [x, y](const routes::Rect &r) {
            const double dx = std::max({r.x - x, 0.0, x - r.right()}),
                         dy = std::max({r.y - y, 0.0, y - r.bottom()});
            return std::hypot(dx, dy);
        };
        for (const double gap : {8.0, 20.0, 34.0, 50.0, 80.0, 120.0, 180.0, 240.0})
            for (const routes::Point offset :
                 {routes::Point{-lw / 2, -gap - lh}, routes::Point{-lw / 2, gap}, routes::Point{gap, -lh / 2},
                  routes::Point{-gap - lw, -lh / 2}, routes::Point{gap - 4, -gap - lh},
                  routes::Point{gap - 4, gap}, routes::Point{-lw - gap + 4, -gap - lh},
                  routes::Point{-lw - gap + 4, gap}}) {
                const routes::Rect r{std::clamp(x + offset.x, left + 2, left + plotW - lw - 2),
                                     std::clamp(y + offset.y, top + 2, top + plotH - lh - 2), lw, lh};
                int hits = 0;
                for (const auto &[a, b] : drawnLines)
                    hits += routes::segmentCrosses(a, b, r, -2) ? 1 : 0;
                for (const routes::Rect &t : taken)
                    hits += t.intersects(r) ? 1 : 0;
                if (bestHits < 0 || hits < bestHits || (hits == bestHits && distance(r) < bestDistance)) {
                    bestHits = hits;
                    best = r;
                    bestDistance = distance(r);
                }
            }
        taken.push_back({best.x - 2, best.y - 2, best.w + 4, best.h + 4});
        if (bestDistance > 14) {
            // Away from its marker: a thin leader from the marker to the label's nearest point.
            const double tx = std::clamp(x, best.x, best.right()), ty = std::clamp(y, best.y, best.bottom());
            const double len = std::hypot(tx - x, ty - y);
            svg.line(x + (tx - x) * 7 / len, y + (ty - y) * 7 / len, tx, ty, "#6B7280", 1,
                     "stroke-dasharray=\"2,2\"");
        }
        svg.rect(best.x, best.y, best.w, best.h, "#FFFFFF", "#D1D5DB", 3, "fill-opacity=\"0.92\"");
        svg.text(best.cx(), best.y + 11, label, 10.5, "#111827", "middle", "font-weight=\"bold\"");
    }
    return {svg.finish(), width, height, {}};
}

} // namespace egress::report

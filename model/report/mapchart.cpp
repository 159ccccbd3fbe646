// The cheapest strategy over executions per month × KB per execution, as a map with the design marked.
#include "report/pictures.h"
#include "report/picturestyle.h"
#include "report/svgwriter.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace egress::report {

std::string strategyColour(const std::string &id)
{
    // Stable per id (the designer's cost panel uses the same table), so the map reads the same everywhere.
    static const std::map<std::string, std::string> colours{{"nat-gateway", "#D13A3A"},
                                                            {"nat-gateway-single", "#E377C2"},
                                                            {"regional-nat-gateway", "#8C1D1D"},
                                                            {"step-functions-standard", "#1F77B4"},
                                                            {"step-functions-express", "#17A2B8"},
                                                            {"http-task", "#2CA02C"},
                                                            {"ipv6-egress", "#9467BD"},
                                                            {"nat-instance", "#E07B00"},
                                                            {"outside-vpc", "#7F7F7F"}};
    const auto it = colours.find(id);
    return it == colours.end() ? "#8C564B" : it->second;
}

Picture cheapestMapChart(const cost::CheapestMap &map, const std::string &region)
{
    if (map.executions.empty() || map.kb.empty() || !map.errors.empty())
        return {"", 0, 0, map.errors.empty() ? "empty map" : map.errors.front()};
    const double width = 960, height = 470;
    const double left = 90, right = 260, top = 46, bottom = 64;
    const double plotW = width - left - right, plotH = height - top - bottom;
    const double cols = static_cast<double>(map.executions.size()), rows = static_cast<double>(map.kb.size());
    const double cellW = plotW / cols, cellH = plotH / rows;
    // Cell i covers its value ± half a step on the log axis: positions interpolate between cell centres.
    auto axisPos = [](const std::vector<double> &axis, double v, double cell) {
        const double lo = std::log10(axis.front()), hi = std::log10(axis.back());
        const double t = axis.size() < 2 ? 0 : (std::log10(v) - lo) / (hi - lo);
        return cell / 2 + t * cell * static_cast<double>(axis.size() - 1);
    };

    SvgWriter svg(0, 0, width, height);
    svg.rect(0, 0, width, height, "#FFFFFF", "none");
    svg.text(left, 26, "Cheapest strategy by volume and data per execution (" + region + ")", 15,
             style::kText, "start", "font-weight=\"bold\"");
    std::set<std::string> shown;
    for (std::size_t r = 0; r < map.kb.size(); ++r)
        for (std::size_t c = 0; c < map.executions.size(); ++c) {
            const std::string &id = map.cheapestAt(r, c);
            shown.insert(id);
            const double x = left + cellW * static_cast<double>(c);
            const double y = top + plotH - cellH * static_cast<double>(r + 1);
            svg.rect(x, y, cellW + 0.5, cellH + 0.5, id.empty() ? "#FFFFFF" : strategyColour(id), "none", 0,
                     "fill-opacity=\"0.85\"");
        }
    svg.rect(left, top, plotW, plotH, "none", "#9CA3AF");
    for (double e = std::ceil(std::log10(map.executions.front()) - 1e-9);
         e <= std::log10(map.executions.back()) + 1e-9; e += 1) {
        const double x = left + axisPos(map.executions, std::pow(10, e), cellW);
        svg.line(x, top + plotH, x, top + plotH + 5, style::kMuted, 1);
        svg.text(x, top + plotH + 18, shortCount(std::pow(10, e)), 11, style::kMuted, "middle");
    }
    for (double e = std::ceil(std::log10(map.kb.front()) - 1e-9); e <= std::log10(map.kb.back()) + 1e-9;
         e += 1) {
        const double y = top + plotH - axisPos(map.kb, std::pow(10, e), cellH);
        svg.line(left - 5, y, left, y, style::kMuted, 1);
        svg.text(left - 8, y + 4, shortCount(std::pow(10, e)) + " KB", 11, style::kMuted, "end");
    }
    svg.text(left + plotW / 2, height - 20, "executions per month (log scale)", 12, style::kText, "middle");
    svg.text(18, top + plotH / 2, "KB per execution (log scale)", 12, style::kText, "middle",
             "transform=\"rotate(-90 18 " + num(top + plotH / 2) + ")\"");

    // The design: a ring where its volume and data per execution fall (clamped to the map's edge).
    if (map.currentExecutions > 0 && map.currentKb > 0) {
        const double ex = std::clamp(map.currentExecutions, map.executions.front(), map.executions.back());
        const double kb = std::clamp(map.currentKb, map.kb.front(), map.kb.back());
        const double x = left + axisPos(map.executions, ex, cellW);
        const double y = top + plotH - axisPos(map.kb, kb, cellH);
        svg.circle(x, y, 7, "none", "#111827", "stroke-width=\"3\"");
        svg.circle(x, y, 7, "none", "#FFFFFF", "stroke-width=\"1.2\"");
        const std::string label =
            "this design: " + shortCount(map.currentExecutions) + "/mo, " + shortCount(map.currentKb) + " KB";
        const double lw = style::textWidth(label, 10.5) + 8;
        const double lx = std::clamp(x + 10, left + 2, left + plotW - lw - 2);
        const double ly = y - 12 < top + 14 ? y + 22 : y - 12;
        svg.rect(lx, ly - 11, lw, 15, "#FFFFFF", "#D1D5DB", 3, "fill-opacity=\"0.92\"");
        svg.text(lx + 4, ly, label, 10.5, "#111827", "start", "font-weight=\"bold\"");
    }

    double legendY = top + 8;
    for (const std::string &id : map.strategies) {
        if (!shown.count(id))
            continue;
        svg.rect(left + plotW + 18, legendY - 9, 18, 12, strategyColour(id), "none", 2);
        svg.text(left + plotW + 42, legendY + 1, id, 11, style::kText);
        legendY += 22;
    }
    svg.text(left + plotW + 18, legendY + 10, "cheapest available strategy", 9.5, style::kMuted);
    svg.text(left + plotW + 18, legendY + 23, "that keeps the design's steps", 9.5, style::kMuted);
    svg.text(left + plotW + 18, legendY + 36, "in the VPC; 4 cells per decade", 9.5, style::kMuted);
    return {svg.finish(), width, height, {}};
}

} // namespace egress::report

#include "cost/costcompare.h"

#include <cmath>
#include <sstream>

namespace egress::cost {

namespace {
constexpr double kHalfCent = 0.005;

std::string signedUsd(double delta)
{
    return (delta > 0 ? "+" : "") + formatUsd(delta);
}

std::string cheapestLine(const CostComparison &c)
{
    if (!c.cheapestChanged())
        return "Cheapest stays " + c.newCheapest + ".";
    return "Cheapest changes: " + c.oldCheapest + " → " + c.newCheapest + ".";
}
} // namespace

CostComparison compareCosts(const CostReport &before, const CostReport &after)
{
    CostComparison c;
    c.oldProject = before.project;
    c.newProject = after.project;
    c.oldExecutions = before.executionsPerMonth;
    c.newExecutions = after.executionsPerMonth;
    c.oldCheapest = before.cheapest;
    c.newCheapest = after.cheapest;
    for (const StrategyCost &n : after.strategies) {
        StrategyChange change;
        change.id = n.id;
        change.newUsd = n.monthlyUsd;
        change.newAvailable = n.available;
        const StrategyCost *o = before.strategy(n.id);
        if (o) {
            change.oldUsd = o->monthlyUsd;
            change.oldAvailable = o->available;
        }
        auto add = [&](const LineItem &li) {
            for (const ItemChange &existing : change.items)
                if (existing.id == li.id)
                    return;
            ItemChange item{li.id, li.label, 0, 0};
            if (o)
                if (const LineItem *x = o->item(li.id))
                    item.oldUsd = x->usd;
            if (const LineItem *y = n.item(li.id))
                item.newUsd = y->usd;
            if (std::abs(item.newUsd - item.oldUsd) >= kHalfCent)
                change.items.push_back(item);
        };
        if (o)
            for (const LineItem &li : o->items)
                add(li);
        for (const LineItem &li : n.items)
            add(li);
        c.strategies.push_back(change);
    }
    return c;
}

asl::Json costComparisonToJson(const CostComparison &c)
{
    asl::Json strategies = asl::Json::array();
    for (const StrategyChange &s : c.strategies) {
        asl::Json items = asl::Json::array();
        for (const ItemChange &i : s.items)
            items.push_back({{"id", i.id},
                             {"label", i.label},
                             {"oldUsd", i.oldUsd},
                             {"newUsd", i.newUsd},
                             {"deltaUsd", i.newUsd - i.oldUsd}});
        strategies.push_back({{"id", s.id},
                              {"oldMonthlyUsd", s.oldUsd},
                              {"newMonthlyUsd", s.newUsd},
                              {"deltaUsd", s.newUsd - s.oldUsd},
                              {"oldAvailable", s.oldAvailable},
                              {"newAvailable", s.newAvailable},
                              {"items", items}});
    }
    return {
        {"old",
         {{"project", c.oldProject}, {"executionsPerMonth", c.oldExecutions}, {"cheapest", c.oldCheapest}}},
        {"new",
         {{"project", c.newProject}, {"executionsPerMonth", c.newExecutions}, {"cheapest", c.newCheapest}}},
        {"cheapestChanged", c.cheapestChanged()},
        {"strategies", strategies}};
}

std::string formatComparisonText(const CostComparison &c)
{
    std::ostringstream out;
    out << "Cost change: " << c.oldProject << " → " << c.newProject << " (" << formatNumber(c.newExecutions)
        << " executions/month)\n";
    for (const StrategyChange &s : c.strategies) {
        out << "  " << s.id << ": " << formatUsd(s.oldUsd) << " → " << formatUsd(s.newUsd) << " ("
            << signedUsd(s.newUsd - s.oldUsd) << ")";
        if (s.oldAvailable != s.newAvailable)
            out << (s.newAvailable ? " now available" : " now unavailable");
        out << "\n";
        for (const ItemChange &i : s.items)
            out << "      " << i.id << ": " << formatUsd(i.oldUsd) << " → " << formatUsd(i.newUsd) << " ("
                << signedUsd(i.newUsd - i.oldUsd) << ")\n";
    }
    out << cheapestLine(c) << "\n";
    return out.str();
}

std::string formatComparisonMarkdown(const CostComparison &c)
{
    std::ostringstream out;
    out << "### Egress cost change\n\n`" << c.oldProject << "` → `" << c.newProject << "`, "
        << formatNumber(c.newExecutions) << " executions/month. **" << cheapestLine(c) << "**\n\n";
    out << "| strategy | before | after | change | line items that changed |\n|---|---:|---:|---:|---|\n";
    for (const StrategyChange &s : c.strategies) {
        std::string items;
        for (const ItemChange &i : s.items)
            items += (items.empty() ? "" : "<br>") + i.id + " " + signedUsd(i.newUsd - i.oldUsd);
        if (s.oldAvailable != s.newAvailable)
            items += (items.empty() ? "" : "<br>") +
                     std::string(s.newAvailable ? "now available" : "now unavailable");
        out << "| `" << s.id << "` | " << formatUsd(s.oldUsd) << " | " << formatUsd(s.newUsd) << " | "
            << signedUsd(s.newUsd - s.oldUsd) << " | " << items << " |\n";
    }
    return out.str();
}

} // namespace egress::cost

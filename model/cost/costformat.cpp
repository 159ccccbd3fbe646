#include "cost/costformat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace egress::cost {

using asl::Json;

std::vector<ItemDelta> differingItems(const StrategyCost &a, const StrategyCost &b)
{
    std::vector<ItemDelta> out;
    auto add = [&](const LineItem &li) {
        for (const ItemDelta &d : out)
            if (d.id == li.id)
                return;
        ItemDelta d{li.id, li.label, 0, 0};
        if (const LineItem *x = a.item(li.id))
            d.aUsd = x->usd;
        if (const LineItem *y = b.item(li.id))
            d.bUsd = y->usd;
        if (std::abs(d.aUsd - d.bUsd) >= 0.005)
            out.push_back(d);
    };
    for (const LineItem &li : a.items)
        add(li);
    for (const LineItem &li : b.items)
        add(li);
    std::stable_sort(out.begin(), out.end(), [](const ItemDelta &x, const ItemDelta &y) {
        return std::abs(x.aUsd - x.bUsd) > std::abs(y.aUsd - y.bUsd);
    });
    return out;
}

namespace {

/** Rounds to 1e-6 USD so the JSON has no noise digits (a reader compares cents). */
double clean(double v)
{
    return std::round(v * 1e6) / 1e6;
}

std::string status(const CostReport &r, const StrategyCost &s)
{
    std::string out;
    if (!s.available)
        out = "unavailable";
    else if (!s.compliant)
        out = "not compliant";
    if (s.designed)
        out += (out.empty() ? "" : ", ") + std::string("as designed");
    if (s.id == r.cheapest)
        out += (out.empty() ? "" : ", ") + std::string("cheapest");
    return out;
}

std::string volume(double n)
{
    return formatNumber(n, n < 100 ? 2 : 0);
}

std::string perSecond(double perMonth)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", perMonth / (730 * 3600));
    return buffer;
}

std::string crossingText(const BreakEven &b)
{
    if (b.executionsPerMonth.empty())
        return "never cross";
    std::string out;
    for (double n : b.executionsPerMonth)
        out += (out.empty() ? "" : ", ") + volume(n) + "/month (" + perSecond(n) + "/s)";
    return out;
}

/** The strategy the story compares against the baseline: the designed one, else the cheapest. */
const StrategyCost *storyStrategy(const CostReport &r)
{
    for (const StrategyCost &s : r.strategies)
        if (s.designed && s.available)
            return &s;
    return r.strategy(r.cheapest);
}

std::string pad(std::string s, std::size_t width, bool right = false)
{
    // Width in characters, counting UTF-8 continuation bytes out.
    std::size_t chars = 0;
    for (unsigned char c : s)
        chars += (c & 0xC0) != 0x80;
    if (chars >= width)
        return s;
    return right ? std::string(width - chars, ' ') + s : s + std::string(width - chars, ' ');
}

std::string header(const CostReport &r)
{
    std::string out = r.project + " — " + r.region + ", " + volume(r.executionsPerMonth) +
                      " executions/month (" + perSecond(r.executionsPerMonth) + "/s), designed as " +
                      design::toString(r.workflowType) + "\n";
    out += "Prices: " + r.priceTableName + " (" + r.priceTableDate + ")";
    out += r.freeTier ? "; always-free tiers applied" : "; free tiers off";
    out += "\nTransitions per execution: " + formatNumber(r.transitionsPerExecution, 4) + "\n";
    return out;
}

} // namespace

Json costReportToJson(const CostReport &r, bool withCurves)
{
    Json j = Json::object();
    j["project"] = r.project;
    j["region"] = r.region;
    j["priceTable"] = {{"name", r.priceTableName}, {"date", r.priceTableDate}};
    j["executionsPerMonth"] = r.executionsPerMonth;
    j["workflowType"] = design::toString(r.workflowType);
    j["freeTier"] = r.freeTier;
    j["freeTiersApplied"] = r.freeTiersApplied;
    j["transitionsPerExecution"] = r.transitionsPerExecution;
    Json strategies = Json::array();
    for (const StrategyCost &s : r.strategies) {
        Json items = Json::array();
        for (const LineItem &li : s.items) {
            Json item = {
                {"id", li.id}, {"label", li.label}, {"usd", clean(li.usd)}, {"formula", li.formula()}};
            if (li.estimate)
                item["estimate"] = true;
            items.push_back(item);
        }
        Json sj = {{"id", s.id},
                   {"label", s.label},
                   {"monthlyUsd", clean(s.monthlyUsd)},
                   {"available", s.available},
                   {"compliant", s.compliant},
                   {"designed", s.designed},
                   {"notes", s.notes},
                   {"items", items}};
        if (withCurves) {
            Json curve = Json::array();
            for (const CurvePoint &p : costCurve(s))
                curve.push_back({p.executionsPerMonth, clean(p.usd)});
            sj["curve"] = curve;
        }
        strategies.push_back(sj);
    }
    j["strategies"] = strategies;
    Json be = Json::array();
    for (const BreakEven &b : r.breakEven)
        be.push_back({{"a", b.a}, {"b", b.b}, {"executionsPerMonth", b.executionsPerMonth}});
    j["breakEven"] = be;
    j["cheapest"] = r.cheapest;
    j["estimatedPrices"] = r.estimatedPrices;
    j["warnings"] = r.warnings;
    if (!r.errors.empty())
        j["errors"] = r.errors;
    return j;
}

namespace {

/** The line-item column: wide enough for the longest id (regional-nat-gateway-hours is 26 characters). */
std::size_t itemColumnWidth(const CostReport &r)
{
    std::size_t longest = 22;
    for (const StrategyCost &s : r.strategies)
        for (const LineItem &li : s.items)
            longest = std::max(longest, li.id.size());
    return longest + 2;
}

} // namespace

std::string_view strategyShortName(std::string_view id)
{
    static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
        {"nat-gateway", "NAT gateway per AZ"},
        {"nat-gateway-single", "Shared NAT gateway"},
        {"regional-nat-gateway", "Regional NAT gateway"},
        {"step-functions-standard", "Step Functions Standard"},
        {"step-functions-express", "Step Functions Express"},
        {"http-task", "HTTP Task"},
        {"ipv6-egress", "IPv6 egress"},
        {"nat-instance", "NAT instance"},
        {"outside-vpc", "All outside the VPC"},
    };
    for (const auto &[known, name] : kNames)
        if (known == id)
            return name;
    return id;
}

std::string formatCostText(const CostReport &r)
{
    std::ostringstream out;
    const std::size_t itemWidth = itemColumnWidth(r);
    out << header(r) << "\n";
    out << pad("strategy", 26) << pad("per month", 13, true) << "  "
        << "status\n";
    for (const StrategyCost &s : r.strategies)
        out << pad(s.id, 26) << pad(formatUsd(s.monthlyUsd), 13, true) << "  " << status(r, s) << "\n";

    const StrategyCost *story = storyStrategy(r);
    const StrategyCost *nat = r.strategy("nat-gateway");
    if (story && nat && story != nat) {
        out << "\nBreak-even " << story->id << " vs nat-gateway: ";
        for (const BreakEven &b : r.breakEven)
            if ((b.a == story->id && b.b == "nat-gateway") || (b.b == story->id && b.a == "nat-gateway"))
                out << crossingText(b);
        out << "\n";
        const double delta = nat->monthlyUsd - story->monthlyUsd;
        out << "Why: at this volume " << story->id << " costs " << formatUsd(std::abs(delta))
            << (delta >= 0 ? " less" : " more")
            << " per month than nat-gateway; the line items that differ:\n";
        for (const ItemDelta &d : differingItems(*story, *nat))
            out << "  " << pad(d.id, itemWidth) << pad(formatUsd(d.aUsd), 12, true) << " vs "
                << pad(formatUsd(d.bUsd), 12, true) << "  (" << (d.aUsd - d.bUsd >= 0 ? "+" : "")
                << formatUsd(d.aUsd - d.bUsd) << ")\n";
    }
    out << "\nBreak-even (executions per month where two available strategies cost the same):\n";
    for (const BreakEven &b : r.breakEven)
        out << "  " << pad(b.a + " / " + b.b, 50) << crossingText(b) << "\n";

    for (const StrategyCost &s : r.strategies) {
        out << "\n" << s.id << " — " << s.label << ": " << formatUsd(s.monthlyUsd) << "/month";
        if (!s.available)
            out << " (unavailable)";
        out << "\n";
        for (const LineItem &li : s.items)
            out << "  " << pad(li.id, itemWidth) << pad(formatUsd(li.usd), 12, true) << "  " << li.formula()
                << (li.estimate ? "  [estimate]" : "") << "\n";
        for (const std::string &n : s.notes)
            out << "  note: " << n << "\n";
    }
    if (!r.freeTiersApplied.empty()) {
        out << "\nFree tiers applied:\n";
        for (const std::string &f : r.freeTiersApplied)
            out << "  " << f << "\n";
    }
    if (!r.estimatedPrices.empty()) {
        out << "Estimated prices (unconfirmed, override with --prices):";
        for (const std::string &e : r.estimatedPrices)
            out << " " << e;
        out << "\n";
    }
    for (const std::string &w : r.warnings)
        out << "warning: " << w << "\n";
    return out.str();
}

namespace {
std::string csvField(const std::string &s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string plain(double v)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6f", v);
    return buffer;
}
} // namespace

std::string formatCostCsv(const CostReport &r)
{
    std::string out = "strategy,available,compliant,designed,item,label,usd,formula\n";
    for (const StrategyCost &s : r.strategies) {
        const std::string prefix = csvField(s.id) + "," + (s.available ? "true" : "false") + "," +
                                   (s.compliant ? "true" : "false") + "," + (s.designed ? "true" : "false") +
                                   ",";
        for (const LineItem &li : s.items)
            out += prefix + csvField(li.id) + "," + csvField(li.label) + "," + plain(li.usd) + "," +
                   csvField(li.formula()) + "\n";
        out += prefix + "total,Total per month," + plain(s.monthlyUsd) + ",\n";
    }
    return out;
}

std::string formatCostMarkdown(const CostReport &r)
{
    std::ostringstream out;
    out << "### Egress cost: " << r.project << "\n\n";
    out << r.region << ", " << volume(r.executionsPerMonth) << " executions/month, designed as "
        << design::toString(r.workflowType) << ", " << formatNumber(r.transitionsPerExecution, 4)
        << " transitions per execution. Prices: " << r.priceTableName << " (" << r.priceTableDate << ")"
        << (r.freeTier ? ", always-free tiers applied" : ", free tiers off") << ".\n\n";
    out << "| strategy | per month | status |\n|---|---:|---|\n";
    for (const StrategyCost &s : r.strategies)
        out << "| `" << s.id << "` | " << formatUsd(s.monthlyUsd) << " | " << status(r, s) << " |\n";
    out << "\n**Break-even** (executions per month)\n\n| a | b | crossings |\n|---|---|---|\n";
    for (const BreakEven &b : r.breakEven)
        out << "| `" << b.a << "` | `" << b.b << "` | " << crossingText(b) << " |\n";
    const StrategyCost *story = storyStrategy(r);
    const StrategyCost *nat = r.strategy("nat-gateway");
    if (story && nat && story != nat) {
        out << "\n**Why** `" << story->id << "` vs `nat-gateway`\n\n| line item | `" << story->id
            << "` | `nat-gateway` | difference |\n|---|---:|---:|---:|\n";
        for (const ItemDelta &d : differingItems(*story, *nat))
            out << "| " << d.id << " | " << formatUsd(d.aUsd) << " | " << formatUsd(d.bUsd) << " | "
                << formatUsd(d.aUsd - d.bUsd) << " |\n";
    }
    out << "\n<details><summary>Line items</summary>\n\n";
    for (const StrategyCost &s : r.strategies) {
        out << "**" << s.id << "** — " << s.label << ": " << formatUsd(s.monthlyUsd) << "\n\n";
        out << "| item | usd | formula |\n|---|---:|---|\n";
        for (const LineItem &li : s.items)
            out << "| " << li.id << " | " << formatUsd(li.usd) << " | " << li.formula()
                << (li.estimate ? " (estimate)" : "") << " |\n";
        for (const std::string &n : s.notes)
            out << "\n- " << n;
        out << "\n\n";
    }
    out << "</details>\n";
    for (const std::string &w : r.warnings)
        out << "\n> warning: " << w << "\n";
    return out.str();
}

} // namespace egress::cost

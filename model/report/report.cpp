#include "report/report.h"

#include "asl/validator.h"
#include "asl/workflow.h"
#include "cost/costformat.h"
#include "report/svgwriter.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace egress::report {

namespace {

std::string h(const std::string &s)
{
    return xmlEscape(s);
}

std::string statusOf(const cost::CostReport &r, const cost::StrategyCost &s)
{
    std::vector<std::string> parts;
    if (s.id == r.cheapest)
        parts.push_back("cheapest");
    if (s.designed)
        parts.push_back("as designed");
    if (!s.available)
        parts.push_back("not possible");
    else if (!s.compliant)
        parts.push_back("leaves the VPC requirement");
    std::string out;
    for (const auto &p : parts)
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

const cost::StrategyCost *designedOf(const cost::CostReport &r)
{
    for (const auto &s : r.strategies)
        if (s.designed)
            return &s;
    return nullptr;
}

std::string labelOf(const cost::CostReport &r, const std::string &id)
{
    const cost::StrategyCost *s = r.strategy(id);
    return s ? s->label : id;
}

std::string triggerText(design::Trigger t)
{
    switch (t) {
    case design::Trigger::ApiGatewayRest:
        return "API Gateway REST API";
    case design::Trigger::ApiGatewayHttp:
        return "API Gateway HTTP API";
    case design::Trigger::EventBridge:
        return "EventBridge";
    case design::Trigger::None:
        break;
    }
    return "none (executions started directly)";
}

std::string joinOr(const std::vector<std::string> &v, const std::string &empty)
{
    if (v.empty())
        return empty;
    std::string out;
    for (const auto &s : v)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string whole(double n)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", n);
    const std::string digits = buf;
    std::string s;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            s += ',';
        s += digits[i];
    }
    return s;
}

std::string perSecond(double perMonth)
{
    const double v = perMonth / (730.0 * 3600.0);
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 10 ? "%.2g" : "%.0f", v);
    return v < 10 ? buf : whole(v);
}

/** Assumptions as (label, value) rows, shared by every format. */
std::vector<std::pair<std::string, std::string>> assumptions(const ReportData &d)
{
    const auto &c = d.cost;
    char transitions[64];
    std::snprintf(transitions, sizeof transitions, "%.2f (expected, from the graph)",
                  c.transitionsPerExecution);
    return {
        {"Region", c.region},
        {"Executions per month", whole(c.executionsPerMonth)},
        {"Workflow type", design::toString(c.workflowType)},
        {"Trigger", triggerText(d.project.usage.trigger)},
        {"VPC",
         d.project.vpc.name + ", " + std::to_string(d.project.vpc.availabilityZones) + " availability zones"},
        {"State transitions per execution", transitions},
        {"Free tiers applied", c.freeTier ? joinOr(c.freeTiersApplied, "none apply at this volume")
                                          : "off (the project turns free tiers off)"},
        {"Estimated prices (not confirmed by an AWS price page)", joinOr(c.estimatedPrices, "none")},
        {"Price table", c.priceTableName + ", dated " + c.priceTableDate},
        {"Month", "730 hours; prices in USD"},
    };
}

} // namespace

std::vector<Problem> openProblems(const design::Project &project, const cost::CostReport &cost)
{
    std::vector<Problem> out;
    for (const asl::Diagnostic &d : asl::validateDefinition(project.definition)) {
        if (d.severity == asl::Severity::Info)
            continue;
        out.push_back({asl::toString(d.severity), d.state.empty() ? d.pointer : d.state, d.message});
    }
    const asl::WorkflowIndex index = asl::WorkflowIndex::build(project.definition);
    for (const auto &state : index.states()) {
        const asl::Json *json = asl::stateJson(project.definition, state);
        if (state.type != asl::StateType::Task || !json || asl::classifyTask(*json) != asl::TaskKind::Lambda)
            continue;
        const design::StepDesign step = project.step(state.name);
        const bool inside = step.placement == design::Placement::InsideVpc;
        if (inside && step.egress == design::Egress::Internet)
            out.push_back({"warning", state.name,
                           "calls the internet from inside the VPC: it has no egress path unless a NAT "
                           "gateway (one per "
                           "AZ, " +
                               std::to_string(project.vpc.availabilityZones) +
                               " here) is deployed; move it outside the VPC or make it an HTTP Task"});
        if (!inside && step.egress == design::Egress::VpcPrivate)
            out.push_back(
                {"error", state.name,
                 "needs VPC-private resources but is placed outside the VPC: it cannot reach them"});
    }
    for (const std::string &w : cost.warnings)
        out.push_back({"warning", "", w});
    for (const std::string &e : cost.errors)
        out.push_back({"error", "", e});
    return out;
}

std::string whatThisMeans(const cost::CostReport &c)
{
    if (!c.errors.empty())
        return "The design cannot be priced until its errors are fixed (see Open problems).";
    std::ostringstream out;
    const cost::StrategyCost *cheapest = c.strategy(c.cheapest);
    const cost::StrategyCost *designed = designedOf(c);
    const cost::StrategyCost *nat = c.strategy("nat-gateway");
    if (cheapest)
        out << "At " << shortCount(c.executionsPerMonth)
            << " executions a month, the cheapest way to run this "
            << "workflow is " << cheapest->label << " at " << usd(cheapest->monthlyUsd) << " a month. ";
    if (designed && nat && nat->available) {
        const double gap = nat->monthlyUsd - designed->monthlyUsd;
        out << "The design as drawn, " << designed->label << ", costs " << usd(designed->monthlyUsd) << ", "
            << (gap >= 0 ? usd(gap) + " less" : usd(-gap) + " more") << " than the NAT baseline ("
            << usd(nat->monthlyUsd) << "). ";
        const auto items = cost::differingItems(*designed, *nat);
        if (!items.empty()) {
            out << "The difference comes from ";
            const std::size_t n = std::min<std::size_t>(3, items.size());
            for (std::size_t i = 0; i < n; ++i) {
                out << (i == 0       ? ""
                        : i + 1 == n ? " and "
                                     : ", ")
                    << items[i].label << " (" << usd(items[i].aUsd) << " as designed vs "
                    << usd(items[i].bUsd) << " with NAT)";
            }
            out << ". ";
        }
    }
    const std::vector<CheapestChange> changes = cheapestChanges(c);
    std::vector<CheapestChange> ahead;
    for (const auto &ch : changes)
        if (ch.at > c.executionsPerMonth)
            ahead.push_back(ch);
    if (!ahead.empty()) {
        out << "That changes at about " << shortCount(ahead.front().at) << " executions a month ("
            << perSecond(ahead.front().at) << " per second on average), where "
            << labelOf(c, ahead.front().to) << " becomes cheaper than " << labelOf(c, ahead.front().from)
            << ".";
        if (ahead.size() > 1)
            out << " Further changes follow at " << [&] {
                std::string s;
                for (std::size_t i = 1; i < ahead.size(); ++i)
                    s +=
                        (i == 1 ? "" : ", ") + shortCount(ahead[i].at) + " (" + labelOf(c, ahead[i].to) + ")";
                return s;
            }() << ".";
    } else if (cheapest) {
        out << "It stays the cheapest compliant choice up to 10 billion executions a month.";
    }
    return out.str();
}

ReportData buildReport(const design::Project &project, const cost::CostReport &cost,
                       const ReportOptions &options)
{
    ReportData d;
    d.project = project;
    d.cost = cost;
    d.options = options;
    d.problems = openProblems(project, cost);
    d.design = designPicture(project);
    d.asDesigned = architecturePicture(project, Architecture::AsDesigned, &cost);
    d.natBaseline = architecturePicture(project, Architecture::NatBaseline, &cost);
    d.chart = breakEvenChart(cost);
    if (options.prices && cost.errors.empty()) {
        design::Project atVolume = project;
        atVolume.usage.executionsPerMonth = cost.executionsPerMonth;
        d.cheapestMap = cheapestMapChart(cost::cheapestMap(atVolume, *options.prices), cost.region);
    }
    d.meaning = whatThisMeans(cost);
    return d;
}

namespace {

enum class Flavor { Browser, RichText };

const char *kCss = R"(
:root { color-scheme: light dark; --fg:#1f2937; --muted:#6b7280; --bg:#ffffff; --card:#f9fafb; --line:#e5e7eb; --accent:#0f766e; }
@media (prefers-color-scheme: dark) { :root { --fg:#e5e7eb; --muted:#9ca3af; --bg:#111827; --card:#1f2937; --line:#374151; --accent:#5eead4; } }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); max-width: 1000px; margin: 2em auto; padding: 0 1.5em; line-height: 1.45; }
h1 { margin-bottom: .2em; } h2 { border-bottom: 2px solid var(--line); padding-bottom: .2em; margin-top: 1.8em; color: var(--accent); }
.meta { color: var(--muted); margin-top: 0; }
.summary { background: var(--card); border-left: 4px solid var(--accent); padding: .8em 1.2em; font-size: 1.05em; }
figure { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; background: #ffffff; border: 1px solid var(--line); border-radius: 6px; }
figcaption { color: var(--muted); font-size: .9em; margin-top: .3em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1.2em; font-size: .92em; page-break-inside: avoid; break-inside: avoid; }
th, td { border-bottom: 1px solid var(--line); padding: .35em .6em; text-align: left; vertical-align: top; }
th { background: var(--card); } td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.cheapest td { font-weight: bold; } code { font-size: .88em; color: var(--muted); }
.problem-error { color: #dc2626; font-weight: bold; } .problem-warning { color: #d97706; font-weight: bold; }
@media print { body { max-width: none; margin: 0; } h2 { page-break-after: avoid; break-after: avoid; } }
)";

std::string figure(const Picture &p, const std::string &name, const std::string &caption, Flavor f,
                   double pageWidth)
{
    if (f == Flavor::Browser)
        return "<figure>" + p.svg + "<figcaption>" + h(caption) + "</figcaption></figure>\n";
    const double w = std::min(pageWidth, p.width);
    return "<p align=\"center\"><img src=\"picture:" + name + "\" width=\"" + num(w) + "\" height=\"" +
           num(p.height * w / p.width) + "\"/></p><p class=\"caption\">" + h(caption) + "</p>\n";
}

std::string reportBody(const ReportData &d, Flavor f, double pageWidth)
{
    const auto &c = d.cost;
    const std::string pageBreak = f == Flavor::RichText ? " style=\"page-break-before: always\"" : "";
    std::ostringstream o;
    o << "<h1>Egress report: " << h(d.project.name) << "</h1>\n";
    o << "<p class=\"meta\">" << h(d.options.date)
      << (d.options.projectFile.empty() ? "" : " · " + h(d.options.projectFile))
      << " · prices: " << h(c.priceTableName) << " (" << h(c.priceTableDate) << ") · " << h(c.region) << " · "
      << h(shortCount(c.executionsPerMonth)) << " executions/month</p>\n";
    o << "<h2>What this means</h2>\n<p class=\"summary\">" << h(d.meaning) << "</p>\n";
    o << "<h2>The design</h2>\n"
      << figure(d.design, "design",
                "The workflow as designed: steps inside the dashed green boundary run in the VPC; red dashed "
                "arrows "
                "are calls to the internet.",
                f, pageWidth);

    o << "<h2" << pageBreak << ">The compared architectures</h2>\n"
      << figure(d.asDesigned, "architecture-designed",
                "As designed: the state machine calls each function where it is placed.", f, pageWidth)
      << figure(d.natBaseline, "architecture-nat",
                "The NAT baseline: all the code in one Lambda function inside the VPC, internet through a "
                "NAT gateway "
                "in each availability zone.",
                f, pageWidth);

    o << "<h2" << pageBreak
      << ">Strategies</h2>\n<table><tr><th>Strategy</th><th>USD / "
         "month</th><th>Status</th><th>Notes</th></tr>\n";
    for (const auto &s : c.strategies) {
        o << "<tr" << (s.id == c.cheapest ? " class=\"cheapest\"" : "") << "><td>" << h(s.label)
          << "<br/><code>" << h(s.id) << "</code></td><td class=\"num\" align=\"right\">"
          << (s.available ? h(usd(s.monthlyUsd)) : "—") << "</td><td>" << h(statusOf(c, s)) << "</td><td>"
          << h(joinOr(s.notes, "")) << "</td></tr>\n";
    }
    o << "</table>\n";
    o << "<h2>Line items and formulas</h2>\n";
    for (const auto &s : c.strategies) {
        if (!s.available)
            continue;
        o << "<h3>" << h(s.label) << " — " << h(usd(s.monthlyUsd)) << "/month</h3>\n"
          << "<table><tr><th>Line item</th><th>USD / month</th><th>Formula</th></tr>\n";
        for (const auto &li : s.items)
            o << "<tr><td>" << h(li.label) << (li.estimate ? " (estimated price)" : "") << "<br/><code>"
              << h(li.id) << "</code></td><td class=\"num\" align=\"right\">" << h(usd(li.usd))
              << "</td><td><code>" << h(li.formula()) << "</code></td></tr>\n";
        o << "</table>\n";
    }

    if (d.bill) {
        // How far the model is from the bill: the compared strategy's items, then what else was billed.
        const usage::BillComparison &b = *d.bill;
        o << "<h2>Against the bill</h2>\n<p>" << h(b.strategy) << " beside <code>" << h(b.file) << "</code>"
          << (b.start.empty() ? "" : " (" + h(b.start) + " … " + h(b.end) + ")") << ".</p>\n"
          << "<table><tr><th>Line item</th><th>Estimate</th><th>Billed</th><th>Bill − estimate</th><th>Usage "
             "types</th></tr>\n";
        for (const usage::BillLine &l : b.lines) {
            std::string types;
            for (const std::string &t : l.usageTypes)
                types += (types.empty() ? "" : ", ") + t;
            o << "<tr><td>" << h(l.id.empty() ? l.label : l.id) << "</td><td class=\"num\" align=\"right\">"
              << (l.id.empty() ? "—" : h(usd(l.estimateUsd))) << "</td><td class=\"num\" align=\"right\">"
              << h(usd(l.billedUsd)) << "</td><td class=\"num\" align=\"right\">"
              << (l.id.empty() ? "" : h(usd(l.billedUsd - l.estimateUsd))) << "</td><td>" << h(types)
              << "</td></tr>\n";
        }
        o << "<tr><th>Total</th><td class=\"num\" align=\"right\">" << h(usd(b.estimateUsd))
          << "</td><td class=\"num\" align=\"right\">" << h(usd(b.billedUsd))
          << "</td><td class=\"num\" align=\"right\">" << h(usd(b.billedUsd - b.estimateUsd))
          << "</td><td></td></tr>\n</table>\n";
        if (b.skippedUsd != 0)
            o << "<p>Not compared: " << h(usd(b.skippedUsd)) << " of tax, credits, refunds and fees.</p>\n";
    }

    o << "<h2" << pageBreak << ">Break-even</h2>\n"
      << figure(d.chart, "break-even",
                "Monthly cost of each strategy by volume; circles mark where the cheapest choice changes, "
                "the dashed "
                "vertical line is the volume this report assumes.",
                f, pageWidth);
    if (!d.cheapestMap.svg.empty())
        o << figure(
            d.cheapestMap, "cheapest-map",
            "The cheapest strategy over executions per month and KB per execution (request + response of "
            "every internet call); the ring is this design.",
            f, pageWidth);
    o << "<table><tr><th>Strategies</th><th>Break-even (executions / month)</th></tr>\n";
    bool anyBreakEven = false;
    for (const auto &b : c.breakEven) {
        if (b.executionsPerMonth.empty())
            continue;
        anyBreakEven = true;
        std::string at;
        for (double x : b.executionsPerMonth)
            at += (at.empty() ? "" : ", ") + whole(x) + " (" + shortCount(x) + ")";
        o << "<tr><td>" << h(labelOf(c, b.a)) << " = " << h(labelOf(c, b.b)) << "</td><td>" << h(at)
          << "</td></tr>\n";
    }
    if (!anyBreakEven)
        o << "<tr><td colspan=\"2\">No two strategies cost the same anywhere up to 10 trillion "
             "executions.</td></tr>\n";
    o << "</table>\n";

    o << "<h2>Assumptions</h2>\n<table>\n";
    for (const auto &[k, v] : assumptions(d))
        o << "<tr><th>" << h(k) << "</th><td>" << h(v) << "</td></tr>\n";
    o << "</table>\n<table><tr><th>Step</th><th>Placement</th><th>Egress</th><th>Memory</th><th>Duration</"
         "th><th>Visits / execution</th></tr>\n";
    for (const auto &v : c.steps) {
        const design::StepDesign s = d.project.step(v.name);
        char visits[32];
        std::snprintf(visits, sizeof visits, "%.3g", v.visits);
        o << "<tr><td>" << h(v.name) << "</td><td>" << design::toString(s.placement) << "</td><td>"
          << design::toString(s.egress) << "</td><td class=\"num\" align=\"right\">" << s.memoryMb
          << " MB</td><td class=\"num\" align=\"right\">" << num(s.durationMs)
          << " ms</td><td class=\"num\" align=\"right\">" << visits << "</td></tr>\n";
    }
    o << "</table>\n";

    o << "<h2>Open problems</h2>\n";
    if (d.problems.empty())
        o << "<p>None: the definition is valid and every step can reach what it talks to.</p>\n";
    else {
        o << "<ul>\n";
        for (const auto &p : d.problems)
            o << "<li><span class=\"problem-" << h(p.severity) << "\">" << h(p.severity) << "</span> "
              << (p.where.empty() ? "" : "<b>" + h(p.where) + "</b>: ") << h(p.message) << "</li>\n";
        o << "</ul>\n";
    }
    o << "<p class=\"meta\">Generated by Egress Studio from the project; every figure above can be "
         "recomputed with "
         "<code>egress-cli cost</code>.</p>\n";
    return o.str();
}

/**
 * Text from the project (names, notes, messages) as Markdown text: HTML in it is shown, not rendered (as the
 * HTML report does), and it cannot start emphasis, links, code or table cells, nor end a table row.
 */
std::string mdEscape(const std::string &s)
{
    std::string out;
    for (char ch : s) {
        if (ch == '<')
            out += "&lt;";
        else if (ch == '>')
            out += "&gt;";
        else if (ch == '&')
            out += "&amp;";
        else if (ch == '\n' || ch == '\r')
            out += ' ';
        else {
            if (ch == '|' || ch == '*' || ch == '_' || ch == '`' || ch == '[' || ch == ']' || ch == '\\')
                out += '\\';
            out += ch;
        }
    }
    return out;
}

/** Text inside a `code span`: a backtick would end it early, a line break the table row. */
std::string mdCode(const std::string &s)
{
    std::string out = s;
    for (char &ch : out)
        if (ch == '`' || ch == '\n' || ch == '\r' || ch == '|')
            ch = ch == '|' ? '/' : '\'';
    return out;
}

} // namespace

std::string reportHtml(const ReportData &d)
{
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\"/>\n<title>Egress report: " +
           h(d.project.name) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n" +
           reportBody(d, Flavor::Browser, 0) + "</body>\n</html>\n";
}

std::string reportRichText(const ReportData &d, double pageWidth)
{
    // QTextDocument knows table borders as attributes and a small CSS subset (type and class selectors).
    std::string body = reportBody(d, Flavor::RichText, pageWidth);
    const std::string plain = "<table>";
    const std::string framed =
        "<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\" "
        "style=\"border-collapse: collapse; border-color: #d1d5db; border-style: solid\">";
    for (std::size_t at = body.find(plain); at != std::string::npos;
         at = body.find(plain, at + framed.size()))
        body.replace(at, plain.size(), framed);
    return "<html><head><style>"
           "th { background-color: #f3f4f6; text-align: left; font-weight: bold; }"
           "h1 { font-size: 18pt; } h2 { color: #0f766e; font-size: 13pt; margin-top: 14px; } h3 { "
           "font-size: 10pt; }"
           "code { font-family: 'DejaVu Sans Mono'; font-size: 7.5pt; color: #4b5563; }"
           "p.meta { color: #6b7280; } p.summary { background-color: #f0fdfa; font-size: 10pt; }"
           "p.caption { color: #6b7280; font-size: 8pt; }"
           ".problem-error { color: #dc2626; font-weight: bold; } .problem-warning { color: #d97706; "
           "font-weight: bold; }"
           "tr.cheapest { font-weight: bold; }"
           "</style></head><body style=\"font-family: 'DejaVu Sans'; font-size: 8.5pt\">" +
           body + "</body></html>";
}

MarkdownReport reportMarkdown(const ReportData &d, const std::string &stem)
{
    const auto &c = d.cost;
    MarkdownReport r;
    const std::string design = stem + "-design.svg", designed = stem + "-architecture-designed.svg",
                      nat = stem + "-architecture-nat.svg", chart = stem + "-break-even.svg";
    r.pictures = {
        {design, d.design.svg}, {designed, d.asDesigned.svg}, {nat, d.natBaseline.svg}, {chart, d.chart.svg}};
    const std::string map = stem + "-cheapest-map.svg";
    if (!d.cheapestMap.svg.empty())
        r.pictures.push_back({map, d.cheapestMap.svg});
    std::ostringstream o;
    o << "# Egress report: " << mdEscape(d.project.name) << "\n\n";
    o << d.options.date << (d.options.projectFile.empty() ? "" : " · `" + mdCode(d.options.projectFile) + "`")
      << " · prices: " << c.priceTableName << " (" << c.priceTableDate << ") · " << c.region << " · "
      << shortCount(c.executionsPerMonth) << " executions/month\n\n";
    o << "## What this means\n\n" << mdEscape(d.meaning) << "\n\n";
    o << "## The design\n\n![The design](" << design << ")\n\n";
    o << "## The compared architectures\n\n![As designed](" << designed << ")\n\n![NAT baseline](" << nat
      << ")\n\n";
    o << "## Strategies\n\n| Strategy | USD / month | Status | Notes |\n|---|---:|---|---|\n";
    for (const auto &s : c.strategies) {
        const std::string label = mdEscape(s.label) + " (`" + s.id + "`)";
        o << "| " << (s.id == c.cheapest ? "**" + label + "**" : label) << " | "
          << (s.available ? usd(s.monthlyUsd) : "—") << " | " << statusOf(c, s) << " | "
          << mdEscape(joinOr(s.notes, "")) << " |\n";
    }
    o << "\n## Line items and formulas\n\n";
    for (const auto &s : c.strategies) {
        if (!s.available)
            continue;
        o << "### " << mdEscape(s.label) << " — " << usd(s.monthlyUsd)
          << "/month\n\n| Line item | USD / month | Formula |\n|---|---:|---|\n";
        for (const auto &li : s.items)
            o << "| " << mdEscape(li.label) << (li.estimate ? " (estimated price)" : "") << " (`" << li.id
              << "`) | " << usd(li.usd) << " | `" << mdCode(li.formula()) << "` |\n";
        o << "\n";
    }
    if (d.bill)
        o << "## Against the bill\n" << usage::formatBillMarkdown(*d.bill) << "\n";
    o << "## Break-even\n\n![Break-even chart](" << chart << ")\n\n";
    if (!d.cheapestMap.svg.empty())
        o << "![Cheapest strategy by executions per month and KB per execution](" << map << ")\n\n";
    o << "| Strategies | Break-even (executions / month) |\n|---|---|\n";
    for (const auto &b : c.breakEven) {
        if (b.executionsPerMonth.empty())
            continue;
        std::string at;
        for (double x : b.executionsPerMonth)
            at += (at.empty() ? "" : ", ") + whole(x) + " (" + shortCount(x) + ")";
        o << "| " << mdEscape(labelOf(c, b.a)) << " = " << mdEscape(labelOf(c, b.b)) << " | " << at << " |\n";
    }
    o << "\n## Assumptions\n\n| | |\n|---|---|\n";
    for (const auto &[k, v] : assumptions(d))
        o << "| " << k << " | " << mdEscape(v) << " |\n";
    o << "\n## Open problems\n\n";
    if (d.problems.empty())
        o << "None: the definition is valid and every step can reach what it talks to.\n";
    for (const auto &p : d.problems)
        o << "- **" << p.severity << "** " << (p.where.empty() ? "" : mdEscape(p.where) + ": ")
          << mdEscape(p.message) << "\n";
    r.markdown = o.str();
    return r;
}

} // namespace egress::report

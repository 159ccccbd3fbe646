#include "report/costdiff.h"

#include "asl/workflow.h"
#include "report/pictures.h"

#include <cmath>
#include <set>
#include <sstream>

namespace egress::report {

namespace {

double cents(double v)
{
    return std::round(v * 100) / 100;
}

std::string signedUsd(double v)
{
    if (std::abs(v) < 0.005)
        return "±$0.00";
    return (v > 0 ? "+" : "") + usd(v);
}

std::string labelOf(const CostDiff &diff, const std::string &id)
{
    for (const auto &s : diff.strategies)
        if (s.id == id)
            return s.label;
    return id.empty() ? "none" : id;
}

std::string verdict(const CostDiff &diff)
{
    if (diff.cheapestChanged())
        return "The cheapest choice changed: " + labelOf(diff, diff.oldCheapest) + " → " +
               labelOf(diff, diff.newCheapest) + ".";
    return "The cheapest choice did not change: " + labelOf(diff, diff.newCheapest) + ".";
}

std::string mdCell(std::string s)
{
    std::string out;
    for (char c : s)
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

} // namespace

std::vector<std::string> designChanges(const design::Project &oldProject, const design::Project &newProject)
{
    std::set<std::string> names;
    for (const design::Project *p : {&oldProject, &newProject}) {
        const asl::WorkflowIndex index = asl::WorkflowIndex::build(p->definition);
        for (const auto &state : index.states())
            names.insert(state.name);
    }
    std::vector<std::string> out;
    for (const std::string &name : names) {
        const design::StepDesign a = oldProject.step(name), b = newProject.step(name);
        if (a.placement != b.placement)
            out.push_back(name + ": " + design::toString(a.placement) + " → " +
                          design::toString(b.placement));
        if (a.egress != b.egress)
            out.push_back(name + ": egress " + design::toString(a.egress) + " → " +
                          design::toString(b.egress));
    }
    if (oldProject.vpc.availabilityZones != newProject.vpc.availabilityZones)
        out.push_back("VPC: " + std::to_string(oldProject.vpc.availabilityZones) + " → " +
                      std::to_string(newProject.vpc.availabilityZones) + " AZs");
    return out;
}

CostDiff diffCosts(const cost::CostReport &oldReport, const cost::CostReport &newReport,
                   const std::string &oldName, const std::string &newName)
{
    CostDiff diff;
    diff.oldName = oldName;
    diff.newName = newName;
    diff.oldExecutions = oldReport.executionsPerMonth;
    diff.newExecutions = newReport.executionsPerMonth;
    diff.region = newReport.region;
    diff.oldCheapest = oldReport.cheapest;
    diff.newCheapest = newReport.cheapest;
    for (const auto &s : oldReport.strategies)
        if (s.designed)
            diff.oldDesigned = s.id;
    for (const auto &s : newReport.strategies)
        if (s.designed)
            diff.newDesigned = s.id;
    const cost::StrategyCost none;
    auto add = [&](const std::string &id) {
        for (const auto &d : diff.strategies)
            if (d.id == id)
                return;
        const cost::StrategyCost *a = oldReport.strategy(id);
        const cost::StrategyCost *b = newReport.strategy(id);
        StrategyDelta d;
        d.id = id;
        d.label = b ? b->label : a->label;
        d.oldUsd = a ? a->monthlyUsd : 0;
        d.newUsd = b ? b->monthlyUsd : 0;
        d.oldAvailable = a && a->available;
        d.newAvailable = b && b->available;
        d.items = cost::differingItems(a ? *a : none, b ? *b : none);
        diff.strategies.push_back(std::move(d));
    };
    for (const auto &s : oldReport.strategies)
        add(s.id);
    for (const auto &s : newReport.strategies)
        add(s.id);
    return diff;
}

std::string formatDiffMarkdown(const CostDiff &diff)
{
    std::ostringstream out;
    out << "### Cost change: `" << diff.oldName << "` → `" << diff.newName << "`\n\n";
    out << "At " << shortCount(diff.newExecutions) << " executions/month in " << diff.region;
    if (std::abs(diff.oldExecutions - diff.newExecutions) > 0.5)
        out << " (was " << shortCount(diff.oldExecutions) << ")";
    out << ". **" << verdict(diff) << "**\n\n";
    if (!diff.movedSteps.empty()) {
        out << "Design changes:\n\n";
        for (const std::string &m : diff.movedSteps)
            out << "- " << mdCell(m) << "\n";
        out << "\n";
    }
    out << "| Strategy | Before | After | Change | Line items that changed |\n";
    out << "|---|---:|---:|---:|---|\n";
    for (const auto &s : diff.strategies) {
        std::string label = s.label;
        if (s.id == diff.newDesigned && label.find("as designed") == std::string::npos)
            label += " (as designed)";
        if (s.id == diff.newCheapest)
            label = "**" + label + "** (cheapest)";
        auto amount = [](bool available, double v) { return available ? usd(v) : std::string("n/a"); };
        std::string items;
        for (const auto &i : s.items)
            items += (items.empty() ? "" : "; ") + ("`" + i.id + "` " + signedUsd(i.bUsd - i.aUsd));
        out << "| " << mdCell(label) << " | " << amount(s.oldAvailable, s.oldUsd) << " | "
            << amount(s.newAvailable, s.newUsd) << " | " << signedUsd(s.delta()) << " | "
            << (items.empty() ? "—" : mdCell(items)) << " |\n";
    }
    return out.str();
}

std::string formatDiffText(const CostDiff &diff)
{
    std::ostringstream out;
    out << "Cost change " << diff.oldName << " -> " << diff.newName << " at "
        << shortCount(diff.newExecutions) << " executions/month in " << diff.region << "\n";
    out << verdict(diff) << "\n";
    for (const std::string &m : diff.movedSteps)
        out << "  design: " << m << "\n";
    for (const auto &s : diff.strategies) {
        char line[256];
        std::snprintf(line, sizeof line, "%-34s %12s %12s %12s\n", s.label.c_str(),
                      s.oldAvailable ? usd(s.oldUsd).c_str() : "n/a",
                      s.newAvailable ? usd(s.newUsd).c_str() : "n/a", signedUsd(s.delta()).c_str());
        out << line;
        for (const auto &i : s.items)
            out << "    " << i.id << " " << signedUsd(i.bUsd - i.aUsd) << " (" << usd(i.aUsd) << " -> "
                << usd(i.bUsd) << ")\n";
    }
    return out.str();
}

asl::Json diffToJson(const CostDiff &diff)
{
    asl::Json j = asl::Json::object();
    j["old"] = diff.oldName;
    j["new"] = diff.newName;
    j["executionsPerMonth"] = {{"old", diff.oldExecutions}, {"new", diff.newExecutions}};
    j["region"] = diff.region;
    j["cheapest"] = {
        {"old", diff.oldCheapest}, {"new", diff.newCheapest}, {"changed", diff.cheapestChanged()}};
    j["designChanges"] = diff.movedSteps;
    j["strategies"] = asl::Json::array();
    for (const auto &s : diff.strategies) {
        asl::Json js = {{"id", s.id},
                        {"label", s.label},
                        {"oldUsd", cents(s.oldUsd)},
                        {"newUsd", cents(s.newUsd)},
                        {"deltaUsd", cents(s.delta())},
                        {"oldAvailable", s.oldAvailable},
                        {"newAvailable", s.newAvailable},
                        {"items", asl::Json::array()}};
        for (const auto &i : s.items)
            js["items"].push_back(
                {{"id", i.id}, {"label", i.label}, {"oldUsd", cents(i.aUsd)}, {"newUsd", cents(i.bUsd)}});
        j["strategies"].push_back(js);
    }
    return j;
}

} // namespace egress::report

// The second axis of the decision: which strategy is cheapest over volume × data per execution.
#include "cost/sweep.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace egress::cost {

namespace {

/** Internet request + response KB of one execution: Σ visits × attempts × (requestKb + responseKb). */
double internetKbPerExecution(const design::Project &project, const WorkflowGraph &graph,
                              const VisitAnalysis &visits)
{
    const auto &states = graph.states();
    double kb = 0;
    for (std::size_t s = 0; s < states.size(); ++s) {
        if (states[s].type != asl::StateType::Task)
            continue;
        const auto it = project.steps.find(std::string(states[s].name));
        if (it == project.steps.end() || it->second.egress != design::Egress::Internet)
            continue;
        kb += visits.visits[s] * visits.attempts[s] * (it->second.requestKb + it->second.responseKb);
    }
    return kb;
}

std::string csvNumber(double v)
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.10g", v);
    return buffer;
}

} // namespace

std::vector<double> SweepAxis::values() const
{
    std::vector<double> out;
    if (!(from > 0) || !(to >= from))
        return out;
    const double decades = std::log10(to / from);
    const int steps = std::max(0, static_cast<int>(std::ceil(decades * kSweepPointsPerDecade - 1e-9)));
    for (int i = 0; i <= steps; ++i)
        out.push_back(i == steps ? to
                                 : from * std::pow(10.0, static_cast<double>(i) / kSweepPointsPerDecade));
    return out;
}

bool parseSweepAxis(const std::string &text, std::string &name, SweepAxis &axis, std::string &error)
{
    const std::size_t eq = text.find('=');
    const std::size_t dots = text.find("..", eq == std::string::npos ? 0 : eq);
    auto number = [](const std::string &s, double &v) {
        char *end = nullptr;
        v = std::strtod(s.c_str(), &end);
        return !s.empty() && end && *end == '\0' && std::isfinite(v) && v > 0;
    };
    if (eq == std::string::npos || dots == std::string::npos ||
        !number(text.substr(eq + 1, dots - eq - 1), axis.from) || !number(text.substr(dots + 2), axis.to) ||
        axis.from >= axis.to) {
        error = "--sweep \"" + text +
                "\": expected NAME=FROM..TO with numbers > 0 and FROM < TO (executions=1e3..1e9)";
        return false;
    }
    name = text.substr(0, eq);
    if (name != "executions" && name != "kb") {
        error = "--sweep \"" + text + "\": the axes are executions (per month) and kb (per execution)";
        return false;
    }
    if (axis.to / axis.from > 1e15) {
        error = "--sweep \"" + text + "\": at most 15 decades";
        return false;
    }
    return true;
}

CheapestMap cheapestMap(const design::Project &project, const PriceTable &prices,
                        const SweepAxis &executionsAxis, const SweepAxis &kbAxis)
{
    CheapestMap map;
    map.executions = executionsAxis.values();
    map.kb = kbAxis.values();
    map.currentExecutions = project.usage.executionsPerMonth;
    const WorkflowGraph graph = WorkflowGraph::build(project.definition);
    const VisitAnalysis visits = analyzeVisits(graph, project);
    if (!visits.errors.empty()) {
        map.errors = visits.errors;
        return map;
    }
    map.currentKb = internetKbPerExecution(project, graph, visits);
    if (map.currentKb <= 0)
        map.warnings.push_back(
            "no step calls the internet with a payload (requestKb + responseKb): the KB axis "
            "changes nothing");
    design::Project scaled = project;
    for (const double kb : map.kb) {
        // Scale every internet step's payload so one execution moves `kb` KB through the internet.
        const double factor = map.currentKb > 0 ? kb / map.currentKb : 1;
        for (auto &[name, step] : scaled.steps) {
            const design::StepDesign &original = project.steps.at(name);
            if (original.egress == design::Egress::Internet) {
                step.requestKb = original.requestKb * factor;
                step.responseKb = original.responseKb * factor;
            }
        }
        CostOptions noBreakEven;
        noBreakEven.breakEven = false; // the map reads costs off the meters; crossings are not needed
        const CostReport report = priceStrategies(scaled, graph, visits, prices, noBreakEven);
        if (!report.errors.empty()) {
            map.errors = report.errors;
            return map;
        }
        if (map.strategies.empty())
            for (const StrategyCost &s : report.strategies)
                map.strategies.push_back(s.id);
        for (const double n : map.executions) {
            std::vector<double> costs;
            const StrategyCost *best = nullptr;
            double bestUsd = 0;
            for (int pass = 0; pass < 2 && !best; ++pass)
                for (const StrategyCost &s : report.strategies) {
                    if (!s.available || (pass == 0 && !s.compliant))
                        continue;
                    const double usd = s.costAt(n);
                    if (!best || usd < bestUsd) {
                        best = &s;
                        bestUsd = usd;
                    }
                }
            for (const StrategyCost &s : report.strategies)
                costs.push_back(s.available ? s.costAt(n) : std::numeric_limits<double>::quiet_NaN());
            map.cheapest.push_back(best ? best->id : "");
            map.cheapestUsd.push_back(best ? bestUsd : std::numeric_limits<double>::quiet_NaN());
            map.usd.push_back(std::move(costs));
        }
    }
    return map;
}

std::string formatCheapestMapCsv(const CheapestMap &map)
{
    std::ostringstream out;
    out << "executionsPerMonth,kbPerExecution,cheapest,cheapestUsd";
    for (const std::string &id : map.strategies)
        out << "," << id;
    out << "\n";
    for (std::size_t r = 0; r < map.kb.size(); ++r)
        for (std::size_t c = 0; c < map.executions.size(); ++c) {
            const std::size_t cell = r * map.executions.size() + c;
            out << csvNumber(map.executions[c]) << "," << csvNumber(map.kb[r]) << "," << map.cheapest[cell]
                << "," << (std::isnan(map.cheapestUsd[cell]) ? "" : csvNumber(map.cheapestUsd[cell]));
            for (const double usd : map.usd[cell])
                out << "," << (std::isnan(usd) ? "" : csvNumber(usd));
            out << "\n";
        }
    return out.str();
}

std::string formatCheapestMapText(const CheapestMap &map)
{
    std::ostringstream out;
    const std::string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    auto letter = [&](const std::string &id) {
        for (std::size_t i = 0; i < map.strategies.size() && i < letters.size(); ++i)
            if (map.strategies[i] == id)
                return letters[i];
        return '.';
    };
    auto nearest = [](const std::vector<double> &axis, double v) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < axis.size(); ++i)
            if (std::abs(std::log10(axis[i] / v)) < std::abs(std::log10(axis[best] / v)))
                best = i;
        return best;
    };
    const bool marked = map.currentExecutions > 0 && map.currentKb > 0;
    const std::size_t markRow = marked ? nearest(map.kb, map.currentKb) : map.kb.size();
    const std::size_t markColumn = marked ? nearest(map.executions, map.currentExecutions) : 0;
    out << "Cheapest strategy by executions per month (columns) and KB per execution (rows)\n";
    for (std::size_t r = map.kb.size(); r-- > 0;) {
        char label[24];
        std::snprintf(label, sizeof label, "%10s KB ", formatNumber(map.kb[r], 1).c_str());
        out << label;
        for (std::size_t c = 0; c < map.executions.size(); ++c)
            out << (r == markRow && c == markColumn ? '*' : letter(map.cheapestAt(r, c)));
        out << "\n";
    }
    out << "              executions " << formatNumber(map.executions.front()) << " .. "
        << formatNumber(map.executions.back()) << " per month, " << kSweepPointsPerDecade
        << " columns per decade\n";
    for (std::size_t i = 0; i < map.strategies.size() && i < letters.size(); ++i)
        out << "  " << letters[i] << " " << map.strategies[i] << "\n";
    if (marked)
        out << "  * the design: " << formatNumber(map.currentExecutions) << " executions/month, "
            << formatNumber(map.currentKb, 1) << " KB/execution\n";
    return out.str();
}

} // namespace egress::cost

// The cost engine on a generated 1,000-state workflow: what the designer's cost panel recomputes on every
// mouse move. Three figures: everything from the definition (graph + visits + strategies + break-even), the
// visits and prices with the graph kept (a weight changed), and prices alone (a step dragged across the VPC).
#include "benchsupport.h"
#include "cost/costengine.h"
#include "design/project.h"
#include "generator.h"

#include <functional>
#include <iostream>
#include <vector>

namespace bench = egress::bench;
namespace cost = egress::cost;

int main()
{
    egress::design::Project project = egress::asl::generateProject({.states = 1000, .seed = 1});
    const cost::PriceTableLoad prices = cost::bundledPriceTable("us-east-1");
    if (!prices) {
        std::cerr << prices.error << "\n";
        return 1;
    }
    const cost::CostReport check = cost::computeCosts(project, *prices.table);
    if (!check.errors.empty() || check.strategies.size() != 9) {
        std::cerr << "bench_cost: the generated project does not price: "
                  << (check.errors.empty() ? "" : check.errors.front()) << "\n";
        return 1;
    }
    bench::report("cost: states in the generated workflow", static_cast<double>(project.steps.size()),
                  "states");

    // The three figures are sampled interleaved (one call of each in turn, 600 rounds after a warm-up
    // round) and each reports the median of its own samples: on a shared machine a burst of load then
    // lands on all three alike instead of on whichever figure was being measured, and the medians stay put
    // from run to run (three batches of 200 calls, one figure after the other, moved by up to 3×).
    double sink = 0;
    const cost::WorkflowGraph graph = cost::WorkflowGraph::build(project.definition);
    const cost::VisitAnalysis visits = cost::analyzeVisits(graph, project);
    auto &step = project.steps.begin()->second;
    const std::vector<std::function<void()>> work{
        [&] { sink += cost::computeCosts(project, *prices.table).strategies[0].monthlyUsd; },
        [&] {
            const cost::VisitAnalysis v = cost::analyzeVisits(graph, project);
            sink += cost::priceStrategies(project, graph, v, *prices.table).strategies[0].monthlyUsd;
        },
        [&] {
            step.placement = step.placement == egress::design::Placement::InsideVpc
                                 ? egress::design::Placement::OutsideVpc
                                 : egress::design::Placement::InsideVpc;
            sink += cost::priceStrategies(project, graph, visits, *prices.table).strategies[0].monthlyUsd;
        }};
    const std::vector<double> medians = bench::interleavedMediansMs(600, work);
    bench::reportAtMost("cost: recompute everything, 1,000 states", medians[0], "ms", 1.0);
    bench::report("cost: visits + prices (graph kept), 1,000 states", medians[1], "ms");
    bench::reportAtMost("cost: reprice after a drag, 1,000 states", medians[2], "ms", 0.5);
    return sink > 0 ? 0 : 1;
}

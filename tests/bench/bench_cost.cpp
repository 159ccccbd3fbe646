// The cost engine on a generated 1,000-state workflow: what the designer's cost panel recomputes on every
// mouse move. Three figures: everything from the definition (graph + visits + strategies + break-even), the
// visits and prices with the graph kept (a weight changed), and prices alone (a step dragged across the VPC).
#include "asl/generator.h"
#include "benchsupport.h"
#include "cost/costengine.h"
#include "design/project.h"

#include <iostream>

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

    double sink = 0;
    bench::reportAtMost(
        "cost: recompute everything, 1,000 states",
        bench::medianMs(200,
                        [&] { sink += cost::computeCosts(project, *prices.table).strategies[0].monthlyUsd; }),
        "ms", 1.0);

    const cost::WorkflowGraph graph = cost::WorkflowGraph::build(project.definition);
    bench::report(
        "cost: visits + prices (graph kept), 1,000 states",
        bench::medianMs(
            200,
            [&] {
                const cost::VisitAnalysis visits = cost::analyzeVisits(graph, project);
                sink += cost::priceStrategies(project, graph, visits, *prices.table).strategies[0].monthlyUsd;
            }),
        "ms");

    const cost::VisitAnalysis visits = cost::analyzeVisits(graph, project);
    auto &step = project.steps.begin()->second;
    bench::reportAtMost(
        "cost: reprice after a drag, 1,000 states",
        bench::medianMs(
            200,
            [&] {
                step.placement = step.placement == egress::design::Placement::InsideVpc
                                     ? egress::design::Placement::OutsideVpc
                                     : egress::design::Placement::InsideVpc;
                sink += cost::priceStrategies(project, graph, visits, *prices.table).strategies[0].monthlyUsd;
            }),
        "ms", 1.0);
    return sink > 0 ? 0 : 1;
}

#pragma once

#include "cost/meter.h"
#include "cost/pricetable.h"
#include "cost/visits.h"
#include "design/project.h"

#include <optional>
#include <string>
#include <vector>

namespace egress::cost {

/** One line of a strategy's bill: `usd` per month at the report's volume, formula() with the actual numbers.
 */
struct LineItem
{
    std::string id;
    std::string label;
    double usd = 0;
    double executionsPerMonth = 0; ///< the volume `usd` and formula() are at (the report's)
    bool estimate = false;         ///< a price behind it is flagged as an estimate in the table
    std::vector<Meter> meters;     ///< cost as a function of volume (break-even, curves)

    double costAt(double executions) const;
    /** The arithmetic behind `usd`, e.g. "1,000,000 transitions × $0.000025/transition": written when a
     * table or report asks, not on every reprice (writing all of them was a tenth of a 1,000-state
     * recompute, and a drag reprices many times for each time the text is shown). */
    std::string formula() const;
};

/** One egress design priced as a whole for the same workload. */
struct StrategyCost
{
    std::string id; ///< nat-gateway, nat-gateway-single, regional-nat-gateway, step-functions-standard,
                    ///< step-functions-express, http-task, ipv6-egress, nat-instance, outside-vpc
    std::string label;
    double monthlyUsd = 0;
    bool available = true; ///< false when it cannot work for this design (notes say why)
    bool compliant = true; ///< false when it does not meet the design's in-VPC requirement
    bool designed = false; ///< the project's own workflow type
    std::vector<std::string> notes;
    std::vector<LineItem> items;

    double costAt(double executions) const;
    /** Volumes where the slope of costAt changes, sorted, unique. */
    std::vector<double> breakpoints() const;
    const LineItem *item(const std::string &id) const;
};

/** Every volume where two strategies cost the same (sign changes of their difference); empty when never. */
struct BreakEven
{
    std::string a;
    std::string b;
    std::vector<double> executionsPerMonth;
};

struct CurvePoint
{
    double executionsPerMonth = 0;
    double usd = 0;
};

/** Expected visits of one step per execution (for the designer's badges and the report). */
struct StepVisits
{
    std::string name;
    double visits = 0;
    double attempts = 1;
};

struct CostOptions
{
    std::optional<double> executionsPerMonth; ///< overrides the project's usage
    bool breakEven = true;                    ///< false: leave CostReport::breakEven empty (the sweep's rows)
};

/** Everything the cost panel, the CLI and the report show. */
struct CostReport
{
    std::string project;
    std::string region;
    std::string priceTableName;
    std::string priceTableDate;
    std::string priceTableFile;
    double executionsPerMonth = 0;
    design::WorkflowType workflowType = design::WorkflowType::Standard;
    bool freeTier = true;
    double transitionsPerExecution = 0;
    double secondsPerExecution = 0; ///< estimated duration of an execution (what Express bills)
    std::vector<std::string> freeTiersApplied;
    std::vector<std::string> estimatedPrices; ///< ids of the table's estimates that the bill uses
    std::vector<std::string> warnings;
    std::vector<std::string> errors; ///< when set, the strategies are empty
    std::vector<StepVisits> steps;
    std::vector<StrategyCost> strategies;
    std::vector<BreakEven> breakEven;
    std::string cheapest; ///< cheapest available and compliant strategy (any available one if none complies)

    const StrategyCost *strategy(const std::string &id) const;
};

/** What Express bills for an execution of `seconds`: 100 ms steps, at least 100 ms. */
double expressBilledSeconds(double seconds);

/** The volume range of break-even searches and curves: executions per month. */
inline constexpr double kMinCurveExecutions = 1e3;
inline constexpr double kMaxCurveExecutions = 1e10;
inline constexpr double kMaxBreakEvenExecutions = 1e13;

/** Prices every strategy for a graph and its solved visits (the cheap part: run it on every drag). */
CostReport priceStrategies(const design::Project &project, const WorkflowGraph &graph,
                           const VisitAnalysis &visits, const PriceTable &prices,
                           const CostOptions &options = {});
/** The same with the project's designs by state index already looked up (graph.stepDesigns(project)). */
CostReport priceStrategies(const design::Project &project, const WorkflowGraph &graph,
                           const VisitAnalysis &visits, const PriceTable &prices, const CostOptions &options,
                           std::vector<const design::StepDesign *> designs);

/** The whole pipeline: graph, visits, strategies, break-evens. Throws nothing; problems land in errors. */
CostReport computeCosts(const design::Project &project, const PriceTable &prices,
                        const CostOptions &options = {});

/** Every crossing of two strategies' costs in (0, kMaxBreakEvenExecutions]; exact between breakpoints. */
std::vector<double> crossings(const StrategyCost &a, const StrategyCost &b);
/** Break-even of every pair of available strategies. */
std::vector<BreakEven> breakEvens(const std::vector<StrategyCost> &strategies);
/** Cost over 1e3..1e10 executions per month: log-spaced points plus every breakpoint in range, sorted. */
std::vector<CurvePoint> costCurve(const StrategyCost &strategy, int pointsPerDecade = 8);

/**
 * Keeps the definition analysis between calls: the graph is rebuilt only when the definition changes, the
 * visits only when a step's probabilities change, so a drag (placement, memory, duration) only reprices.
 */
class CostEngine
{
public:
    explicit CostEngine(PriceTable prices) : m_prices(std::move(prices)) {}
    const PriceTable &prices() const { return m_prices; }

    /** The definition changed (states, transitions, Retry/Catch). */
    void invalidateGraph()
    {
        m_graph.reset();
        m_visits.reset();
    }
    /** choiceWeights, failureRate or mapItems changed. */
    void invalidateVisits() { m_visits.reset(); }

    CostReport compute(const design::Project &project, const CostOptions &options = {});

private:
    PriceTable m_prices;
    std::optional<WorkflowGraph> m_graph;
    std::optional<VisitAnalysis> m_visits;
};

} // namespace egress::cost

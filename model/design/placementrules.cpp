#include "design/placementrules.h"

#include "asl/workflow.h"

#include <cmath>
#include <sstream>

namespace egress::design {
namespace {

constexpr double kWeightTolerance = 1e-6;
constexpr double kKbPerGb = 1024.0 * 1024.0;

std::string number(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

void checkChoiceWeights(const std::string &name, const asl::Json &state, const ChoiceWeights &weights,
                        std::vector<PlacementProblem> &out)
{
    const auto choices = state.find("Choices");
    const std::size_t rules = choices != state.end() && choices->is_array() ? choices->size() : 0;
    if (weights.rules.size() != rules) {
        out.push_back({PlacementProblem::Severity::Warning, name,
                       "has " + std::to_string(weights.rules.size()) + " Choice weights for " +
                           std::to_string(rules) + " rules; missing weights count as 0"});
    }
    double sum = weights.defaultWeight.value_or(0);
    for (double w : weights.rules) {
        if (!(w >= 0)) {
            out.push_back({PlacementProblem::Severity::Error, name,
                           "Choice weight " + number(w) + " is negative; weights are probabilities"});
            return;
        }
        sum += w;
    }
    if (std::abs(sum - 1.0) > kWeightTolerance)
        out.push_back(
            {PlacementProblem::Severity::Warning, name,
             "Choice weights add up to " + number(sum) + ", not 1; the cost model scales them to 1"});
}

} // namespace

std::vector<PlacementProblem> placementProblems(const Project &project)
{
    return placementProblems(project, asl::WorkflowIndex::build(project.definition));
}

std::vector<PlacementProblem> placementProblems(const Project &project, const asl::WorkflowIndex &index)
{
    std::vector<PlacementProblem> out;
    for (const auto &state : index.states())
        placementProblemsOf(project, state, out);
    return out;
}

void placementProblemsOf(const Project &project, const asl::StateEntry &state,
                         std::vector<PlacementProblem> &out)
{
    // One pointer walk per state (isVpcCapable would walk it again) and no copy of the design data: the
    // designer runs this for every state on every drag crossing.
    const asl::Json *json = asl::stateJson(project.definition, state);
    static const StepDesign defaults;
    const auto found = project.steps.find(state.name);
    const StepDesign &step = found == project.steps.end() ? defaults : found->second;
    const bool capable = json && asl::classifyTask(*json) == asl::TaskKind::Lambda; // isVpcCapable
    if (capable && step.placement == Placement::InsideVpc && step.egress == Egress::Internet)
        out.push_back({PlacementProblem::Severity::Warning, state.name,
                       "calls the internet from inside the VPC: needs a NAT gateway — or move it "
                       "outside the VPC, use an HTTP Task, or IPv6 egress"});
    if (capable && step.placement == Placement::OutsideVpc && step.egress == Egress::VpcPrivate)
        out.push_back({PlacementProblem::Severity::Error, state.name,
                       "reaches a VPC-private resource but is placed outside the VPC: move it inside"});
    if (!capable && step.egress == Egress::VpcPrivate && state.type == asl::StateType::Task)
        out.push_back({PlacementProblem::Severity::Error, state.name,
                       "reaches a VPC-private resource but is not a Lambda step, so it cannot run "
                       "inside the VPC"});
    if (step.choiceWeights && json && state.type == asl::StateType::Choice)
        checkChoiceWeights(state.name, *json, *step.choiceWeights, out);
    if (step.mapItems && !(*step.mapItems >= 0))
        out.push_back({PlacementProblem::Severity::Error, state.name,
                       "expects " + number(*step.mapItems) + " Map items; the count must be ≥ 0"});
}

double internetGbPerMonth(const StepDesign &step, double visitsPerExecution, double executionsPerMonth)
{
    return visitsPerExecution * executionsPerMonth * (step.requestKb + step.responseKb) / kKbPerGb;
}

} // namespace egress::design

#pragma once

#include "asl/workflow.h"
#include "design/project.h"

#include <string>
#include <vector>

namespace egress::design {

/** One finding about where a step sits relative to the VPC or about its design data. */
struct PlacementProblem
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Warning;
    std::string step; ///< the state it is about
    std::string message;
};

/**
 * The rules the validator cannot know because they depend on the design data: an internet-calling Lambda
 * step inside the VPC (it needs a NAT gateway), a vpc-private step outside the VPC (it cannot reach its
 * database), Choice weights that do not add up to 1 or do not match the Choice's rules, Map item counts
 * below zero. Sorted by step name; every message names what to do.
 */
std::vector<PlacementProblem> placementProblems(const Project &project);
/** The same with the definition's index already built (the designer re-checks on every drag crossing). */
std::vector<PlacementProblem> placementProblems(const Project &project, const asl::WorkflowIndex &index);
/**
 * The findings about one state of the definition's index, appended to `out`: placementProblems is these
 * for every state in index order. A state's findings depend only on it and its own design data, so a
 * drag re-checks only the dragged steps.
 */
void placementProblemsOf(const Project &project, const asl::StateEntry &state,
                         std::vector<PlacementProblem> &out);

/** Internet traffic of one step in GB per month (request + response of every visit), for the NAT label. */
double internetGbPerMonth(const StepDesign &step, double visitsPerExecution, double executionsPerMonth);

} // namespace egress::design

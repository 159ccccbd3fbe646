#include "layout/layout.h"

#include "asl/workflow.h"

#include <map>
#include <queue>

namespace egress::layout {

// Interim layered layout (breadth-first depth = row); the Graphviz layout replaces it.
void autoLayout(design::Project &project)
{
    const auto index = asl::WorkflowIndex::build(project.definition);
    const auto &states = index.states();
    std::vector<int> depth(states.size(), -1);
    std::queue<int> queue;
    for (const auto &scope : index.scopes()) {
        for (int s : scope.states)
            if (states[s].name == scope.startAt) {
                depth[s] = scope.ownerState >= 0 ? std::max(0, depth[scope.ownerState]) + 1 : 0;
                queue.push(s);
            }
    }
    while (!queue.empty()) {
        const int s = queue.front();
        queue.pop();
        for (const auto *edge : index.edgesFrom(s))
            if (edge->to >= 0 && depth[edge->to] < 0) {
                depth[edge->to] = depth[s] + 1;
                queue.push(edge->to);
            }
    }
    std::map<int, int> insideCount, outsideCount;
    const double x0 = project.vpc.rect[0] + 40, y0 = project.vpc.rect[1] + 60;
    for (std::size_t i = 0; i < states.size(); ++i) {
        auto step = project.step(states[i].name);
        const int row = std::max(0, depth[i]);
        const bool inside = step.placement == design::Placement::InsideVpc;
        int &column = inside ? insideCount[row] : outsideCount[row];
        const double x = inside ? x0 + column * 200 : project.vpc.rect[0] + project.vpc.rect[2] + 60 + column * 200;
        step.position = std::array<double, 2>{x, y0 + row * 110};
        ++column;
        project.steps[states[i].name] = step;
    }
}

} // namespace egress::layout

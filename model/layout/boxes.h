#pragma once

#include "asl/workflow.h"
#include "design/project.h"
#include "layout/geometry.h"

#include <vector>

namespace egress::layout {

// The boxes of a design, one definition for everything that draws or places them: the canvas, the
// auto-layout, the exported pictures and the designer's edit commands. Sizes and paddings are the
// constants in layout.h; the rules that use them are here.

/** How a state is drawn: a step box, or a container (Parallel, Map) whose frame holds its lanes. */
enum class BoxShape { Step, Container };

BoxShape boxShapeOf(asl::StateType type);

/**
 * A step's box, 180 × 56. A container's is its title strip, 180 × 32: its frame grows around its lanes
 * (containerFrame), so the strip is the part that stands where the container was put.
 */
Size stepBoxSize(BoxShape shape);
/** The box of a step whose top-left is `position`. */
Rect stepBox(Point position, BoxShape shape);

/** The VPC's rectangle on the canvas. */
Rect vpcRect(const design::Vpc &vpc);
/**
 * Does the VPC hold the box wholly? Its border belongs to it: a box lying exactly on the border is inside,
 * one unit further out it is not. A VPC of no width or height holds nothing.
 */
bool vpcHolds(const design::Vpc &vpc, const Rect &box);
/** Would a box of that shape with its top-left at `position` lie inside the VPC? (vpcHolds) */
bool boxInsideVpc(const design::Vpc &vpc, Point position, BoxShape shape);

/**
 * The placement rule. A step that can run in a VPC (a Lambda task: design::isVpcCapable) is inside the VPC
 * exactly when its box is; any other state keeps `current`, since where it is drawn does not change where
 * it runs.
 */
design::Placement placementAt(const design::Vpc &vpc, Point position, bool vpcCapable,
                              design::Placement current);
/** placementAt for every step with a position, for the project's VPC (after the VPC or steps moved). */
void refreshPlacements(design::Project &project, const asl::WorkflowIndex &index);

/** A container's frame and its lanes (one per Parallel branch, one for a Map's item processor). */
struct ContainerFrame
{
    Rect frame;
    std::vector<Rect> lanes;
};

/**
 * The frame of a container whose title strip's top-left is `position`, around its lanes' contents.
 * `contents[k]` is what lane k holds (the union of its states' boxes, a nested container's frame included),
 * or an empty Rect when the branch has no states: that lane then stands where its first state would go,
 * 220 to the right per lane before it. A lane is its contents with 12 of padding; lanes side by side share
 * their top and bottom; the frame holds them with 16 of padding and the 32-high title strip above, and is
 * never smaller than a title strip over room for one step (180 × 120 from `position`).
 */
ContainerFrame containerFrame(Point position, const std::vector<Rect> &contents);

} // namespace egress::layout

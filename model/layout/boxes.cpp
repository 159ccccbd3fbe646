#include "layout/boxes.h"

#include "design/projectedit.h"
#include "layout/layout.h"

#include <algorithm>

namespace egress::layout {

BoxShape boxShapeOf(asl::StateType type)
{
    return type == asl::StateType::Parallel || type == asl::StateType::Map ? BoxShape::Container
                                                                           : BoxShape::Step;
}

Size stepBoxSize(BoxShape shape)
{
    return {kStepWidth, shape == BoxShape::Container ? kContainerHeader : kStepHeight};
}

Rect stepBox(Point position, BoxShape shape)
{
    const Size size = stepBoxSize(shape);
    return {position.x, position.y, size.width, size.height};
}

Rect vpcRect(const design::Vpc &vpc)
{
    return {vpc.rect[0], vpc.rect[1], vpc.rect[2], vpc.rect[3]};
}

bool vpcHolds(const design::Vpc &vpc, const Rect &box)
{
    const Rect region = vpcRect(vpc);
    return !region.isEmpty() && region.contains(box);
}

bool boxInsideVpc(const design::Vpc &vpc, Point position, BoxShape shape)
{
    return vpcHolds(vpc, stepBox(position, shape));
}

design::Placement placementAt(const design::Vpc &vpc, Point position, bool vpcCapable,
                              design::Placement current)
{
    if (!vpcCapable)
        return current;
    // A Lambda task is always drawn as a step box.
    return boxInsideVpc(vpc, position, BoxShape::Step) ? design::Placement::InsideVpc
                                                       : design::Placement::OutsideVpc;
}

void refreshPlacements(design::Project &project, const asl::WorkflowIndex &index)
{
    for (auto &[name, step] : project.steps)
        if (step.position)
            step.placement = placementAt(project.vpc, {(*step.position)[0], (*step.position)[1]},
                                         design::isVpcCapable(project, index, name), step.placement);
}

ContainerFrame containerFrame(Point position, const std::vector<Rect> &contents)
{
    ContainerFrame out;
    for (std::size_t k = 0; k < contents.size(); ++k) {
        Rect area = contents[k];
        if (area.isEmpty()) // an empty branch still shows where to drop into it
            area = {
                position.x + kContainerPadding + kLanePadding + (kStepWidth + 40) * static_cast<double>(k),
                position.y + kContainerHeader + kContainerPadding + kLanePadding, kStepWidth, kStepHeight};
        out.lanes.push_back({area.x - kLanePadding, area.y - kLanePadding, area.width + 2 * kLanePadding,
                             area.height + 2 * kLanePadding});
    }
    // Lanes side by side share a top and a bottom.
    double top = 0, bottom = 0;
    for (std::size_t k = 0; k < out.lanes.size(); ++k) {
        top = k == 0 ? out.lanes[k].y : std::min(top, out.lanes[k].y);
        bottom = k == 0 ? out.lanes[k].bottom() : std::max(bottom, out.lanes[k].bottom());
    }
    out.frame = {position.x, position.y, kStepWidth, kContainerHeader + 2 * kContainerPadding + kStepHeight};
    for (Rect &lane : out.lanes) {
        lane.y = top;
        lane.height = bottom - top;
        out.frame = out.frame.united(
            {lane.x - kContainerPadding, lane.y - kContainerPadding - kContainerHeader,
             lane.width + 2 * kContainerPadding, lane.height + 2 * kContainerPadding + kContainerHeader});
    }
    return out;
}

} // namespace egress::layout

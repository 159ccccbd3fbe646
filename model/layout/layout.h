#pragma once

#include "design/project.h"

namespace egress::layout {

/**
 * Places every step of the project on the canvas: top-to-bottom layers, Parallel branches side by side,
 * Map processors as nested containers. Lambda steps placed inside the VPC land inside the VPC rectangle,
 * the others outside it; the VPC rectangle is resized to hold its steps.
 */
void autoLayout(design::Project &project);

} // namespace egress::layout

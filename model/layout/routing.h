#pragma once

#include "layout/dotgraph.h"
#include "layout/geometry.h"

#include <vector>

namespace egress::layout {

/**
 * Which edges Graphviz should see. dot turns an edge that spans k layers into k−1 hidden nodes, so a
 * machine where hundreds of Catch edges run from every step to one handler far below becomes a graph
 * of hundreds of thousands of nodes (minutes of work). When the estimated number of hidden nodes
 * exceeds a budget, the longest edges are left out (each node keeps at least one incoming edge, so the
 * layers stay in flow order) and drawn afterwards along a side channel by routeAlongChannel().
 * Returns one flag per edge: true = give it to dot.
 */
std::vector<bool> selectEdgesForDot(int nodeCount, const std::vector<DotEdge> &edges);

/**
 * A route that cannot cross a box: from the tail's bottom down into the free band under the tail's
 * layer, across to the vertical channel at `channelX` (which must be clear of boxes), along it to the
 * band above the head's layer, across, and down into the head's top. `boxes` are every box of the
 * drawing, used to find the layer bands.
 */
std::vector<Point> routeAlongChannel(const Rect &tail, const Rect &head, double channelX,
                                     const std::vector<Rect> &boxes, double layerGap);

} // namespace egress::layout

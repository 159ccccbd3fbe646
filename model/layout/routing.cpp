#include "layout/routing.h"

#include <algorithm>
#include <numeric>

namespace egress::layout {

namespace {

/**
 * Longest-path layers over the graph without its back edges (found by an iterative depth-first
 * search, so a chain of thousands of states does not exhaust the stack).
 */
std::vector<int> estimateLayers(int nodeCount, const std::vector<DotEdge> &edges)
{
    const auto n = static_cast<std::size_t>(nodeCount);
    std::vector<std::vector<int>> out(n);
    for (std::size_t e = 0; e < edges.size(); ++e)
        out[static_cast<std::size_t>(edges[e].from)].push_back(static_cast<int>(e));
    std::vector<bool> back(edges.size(), false);
    std::vector<int> state(n, 0); // 0 new, 1 on the stack, 2 done
    std::vector<int> order;       // reverse post-order = a topological order of the forward edges
    for (std::size_t root = 0; root < n; ++root) {
        if (state[root] != 0)
            continue;
        std::vector<std::pair<int, std::size_t>> stack{{static_cast<int>(root), 0}};
        state[root] = 1;
        while (!stack.empty()) {
            auto &[node, next] = stack.back();
            const auto &list = out[static_cast<std::size_t>(node)];
            if (next < list.size()) {
                const int e = list[next++];
                const auto to = static_cast<std::size_t>(edges[static_cast<std::size_t>(e)].to);
                if (state[to] == 1)
                    back[static_cast<std::size_t>(e)] = true;
                else if (state[to] == 0) {
                    state[to] = 1;
                    stack.push_back({static_cast<int>(to), 0});
                }
            } else {
                state[static_cast<std::size_t>(node)] = 2;
                order.push_back(node);
                stack.pop_back();
            }
        }
    }
    std::reverse(order.begin(), order.end());
    std::vector<int> layer(n, 0);
    for (int node : order)
        for (int e : out[static_cast<std::size_t>(node)]) {
            if (back[static_cast<std::size_t>(e)])
                continue;
            auto &to = layer[static_cast<std::size_t>(edges[static_cast<std::size_t>(e)].to)];
            to = std::max(to, layer[static_cast<std::size_t>(node)] + 1);
        }
    return layer;
}

/** The lowest bottom and highest top of the boxes that share a layer with `box` (overlap it vertically). */
std::pair<double, double> layerExtent(const Rect &box, const std::vector<Rect> &boxes)
{
    double top = box.y, bottom = box.bottom();
    for (const Rect &other : boxes)
        if (other.y < box.bottom() && other.bottom() > box.y) {
            top = std::min(top, other.y);
            bottom = std::max(bottom, other.bottom());
        }
    return {top, bottom};
}

} // namespace

std::vector<bool> selectEdgesForDot(int nodeCount, const std::vector<DotEdge> &edges)
{
    std::vector<bool> keep(edges.size(), true);
    if (edges.empty())
        return keep;
    const std::vector<int> layer = estimateLayers(nodeCount, edges);
    std::vector<long> span(edges.size());
    long hidden = 0;
    for (std::size_t e = 0; e < edges.size(); ++e) {
        span[e] = std::abs(static_cast<long>(layer[static_cast<std::size_t>(edges[e].to)]) -
                           layer[static_cast<std::size_t>(edges[e].from)]);
        hidden += std::max(0L, span[e] - 1);
    }
    const long budget = 1000 + 3L * nodeCount;
    if (hidden <= budget)
        return keep;
    std::vector<int> incoming(static_cast<std::size_t>(nodeCount), 0);
    for (const DotEdge &edge : edges)
        ++incoming[static_cast<std::size_t>(edge.to)];
    std::vector<std::size_t> byLength(edges.size());
    std::iota(byLength.begin(), byLength.end(), 0);
    // Longest first; lighter (Catch) edges before heavier ones of the same length; then input order.
    std::stable_sort(byLength.begin(), byLength.end(), [&](std::size_t a, std::size_t b) {
        if (span[a] != span[b])
            return span[a] > span[b];
        return edges[a].weight < edges[b].weight;
    });
    for (std::size_t e : byLength) {
        if (hidden <= budget || span[e] <= 1)
            break;
        auto &in = incoming[static_cast<std::size_t>(edges[e].to)];
        if (in <= 1)
            continue;
        --in;
        keep[e] = false;
        hidden -= span[e] - 1;
    }
    return keep;
}

std::vector<Point> routeAlongChannel(const Rect &tail, const Rect &head, double channelX,
                                     const std::vector<Rect> &boxes, double layerGap)
{
    const double below = layerExtent(tail, boxes).second + layerGap / 2;
    const double above = layerExtent(head, boxes).first - layerGap / 2;
    const double tailX = tail.x + tail.width / 2, headX = head.x + head.width / 2;
    return {{tailX, tail.bottom()}, {tailX, below}, {channelX, below},
            {channelX, above},      {headX, above}, {headX, head.y}};
}

} // namespace egress::layout

#pragma once

#include "layout/geometry.h"

#include <memory>
#include <string>
#include <vector>

namespace egress::layout {

/** A box to place, by its size in canvas units. */
struct DotNode
{
    double width = 0;
    double height = 0;
};

/** A directed edge between two nodes (indices into the node list). Heavier edges are kept shorter and
 * straighter. */
struct DotEdge
{
    int from = 0;
    int to = 0;
    int weight = 1;
};

/** Where Graphviz put everything, in canvas coordinates (y grows downwards, origin at the top-left of the
 * drawing). */
struct DotResult
{
    std::vector<Rect> nodes; ///< top-left and size of each node, in input order
    std::vector<std::vector<Point>>
        routes;       ///< each edge as a polyline from its tail to its arrow tip; may be empty
    double width = 0; ///< size of the whole drawing
    double height = 0;
};

/** Spacing of one dot run, in canvas units. */
struct DotSpacing
{
    double nodeGap = 36;  ///< between boxes of one layer
    double layerGap = 44; ///< between layers
};

/**
 * One exclusive use of Graphviz's `dot` engine, in-process. Graphviz keeps global state (error
 * handler, plugin tables, the memory of the last graph), so at most one DotSession exists at a
 * time: the constructor takes a process-wide lock and the destructor frees the context and
 * releases it. Every graph laid out through the session is freed before layout() returns.
 */
class DotSession
{
public:
    DotSession();
    ~DotSession();
    DotSession(const DotSession &) = delete;
    DotSession &operator=(const DotSession &) = delete;

    /**
     * Lays out the nodes top to bottom. Returns false (and a message from Graphviz in `error`) when
     * the engine could not lay the graph out; `out` is then left empty.
     */
    bool layout(const std::vector<DotNode> &nodes, const std::vector<DotEdge> &edges,
                const DotSpacing &spacing, DotResult &out, std::string &error);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace egress::layout

#include "layout/dotgraph.h"

#include <cstdio>
#include <graphviz/gvc.h>
#include <mutex>
#include <string>

namespace egress::layout {

namespace {

/** Graphviz is not re-entrant: one layout at a time in the whole process. */
std::mutex &graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

/** Graphviz reports errors through a C callback; the session lock makes this buffer ours alone. */
std::string &capturedErrors()
{
    static std::string text;
    return text;
}

int captureError(char *message)
{
    capturedErrors() += message;
    return 0;
}

constexpr double kPointsPerInch = 72.0;
constexpr std::size_t kLargeGraph = 400;

std::string number(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    return buffer;
}

/** cgraph's API predates const: it takes `char *` for names and values it only reads. */
char *text(const std::string &s)
{
    return const_cast<char *>(s.c_str());
}
char *text(const char *s)
{
    return const_cast<char *>(s);
}

Point cubic(const pointf &p0, const pointf &p1, const pointf &p2, const pointf &p3, double t)
{
    const double u = 1 - t;
    const double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
    return {a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y};
}

/** An open graph that is closed (and its layout freed) whatever happens. */
class GraphGuard
{
public:
    GraphGuard(GVC_t *context, Agraph_t *graph) : m_context(context), m_graph(graph) {}
    ~GraphGuard()
    {
        if (m_laidOut)
            gvFreeLayout(m_context, m_graph);
        agclose(m_graph);
    }
    GraphGuard(const GraphGuard &) = delete;
    GraphGuard &operator=(const GraphGuard &) = delete;
    void setLaidOut() { m_laidOut = true; }

private:
    GVC_t *m_context;
    Agraph_t *m_graph;
    bool m_laidOut = false;
};

} // namespace

struct DotSession::Impl
{
    std::unique_lock<std::mutex> lock{graphvizMutex()};
    GVC_t *context = nullptr;
    agusererrf previousHandler = nullptr;
    agerrlevel_t previousLevel = AGWARN;
};

DotSession::DotSession() : m_impl(std::make_unique<Impl>())
{
    // Warnings (e.g. about a node too large for its rank) are not the user's business; errors are
    // collected and returned instead of being printed on stderr.
    m_impl->previousLevel = agseterr(AGERR);
    m_impl->previousHandler = agseterrf(captureError);
    m_impl->context = gvContext();
}

DotSession::~DotSession()
{
    if (m_impl->context)
        gvFreeContext(m_impl->context);
    agseterrf(m_impl->previousHandler);
    agseterr(m_impl->previousLevel);
}

bool DotSession::layout(const std::vector<DotNode> &nodes, const std::vector<DotEdge> &edges,
                        const DotSpacing &spacing, DotResult &out, std::string &error)
{
    out = DotResult{};
    capturedErrors().clear();
    agreseterrors();
    if (!m_impl->context) {
        error = "Graphviz could not be initialised";
        return false;
    }
    if (nodes.empty())
        return true;

    Agraph_t *graph = agopen(text("layout"), Agdirected, nullptr);
    GraphGuard guard(m_impl->context, graph);
    agattr(graph, AGRAPH, text("rankdir"), text("TB"));
    agattr(graph, AGRAPH, text("nodesep"), text(number(spacing.nodeGap / kPointsPerInch)));
    agattr(graph, AGRAPH, text("ranksep"), text(number(spacing.layerGap / kPointsPerInch)));
    agattr(graph, AGRAPH, text("margin"), text("0"));
    // Bounded effort keeps very large machines (thousands of states) within the time budget: fewer
    // ordering and positioning passes, and straight edges (routing splines around boxes is the most
    // expensive step of all).
    if (nodes.size() > kLargeGraph) {
        agattr(graph, AGRAPH, text("splines"), text("line"));
        agattr(graph, AGRAPH, text("mclimit"), text("0.2"));
        agattr(graph, AGRAPH, text("nslimit"), text("0.05"));
        agattr(graph, AGRAPH, text("nslimit1"), text("0.05"));
    }
    agattr(graph, AGNODE, text("shape"), text("box"));
    agattr(graph, AGNODE, text("fixedsize"), text("true"));
    agattr(graph, AGNODE, text("label"), text(""));
    Agsym_t *widthAttr = agattr(graph, AGNODE, text("width"), text("1"));
    Agsym_t *heightAttr = agattr(graph, AGNODE, text("height"), text("1"));
    Agsym_t *weightAttr = agattr(graph, AGEDGE, text("weight"), text("1"));

    std::vector<Agnode_t *> gvNodes;
    gvNodes.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        Agnode_t *node = agnode(graph, text("n" + std::to_string(i)), 1);
        agxset(node, widthAttr, text(number(nodes[i].width / kPointsPerInch)));
        agxset(node, heightAttr, text(number(nodes[i].height / kPointsPerInch)));
        gvNodes.push_back(node);
    }
    std::vector<Agedge_t *> gvEdges;
    gvEdges.reserve(edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const DotEdge &e = edges[i];
        Agedge_t *edge = agedge(graph, gvNodes.at(static_cast<std::size_t>(e.from)),
                                gvNodes.at(static_cast<std::size_t>(e.to)), text("e" + std::to_string(i)), 1);
        agxset(edge, weightAttr, text(std::to_string(e.weight)));
        gvEdges.push_back(edge);
    }

    if (gvLayout(m_impl->context, graph, "dot") != 0) {
        error = capturedErrors().empty() ? "Graphviz could not lay the graph out" : capturedErrors();
        return false;
    }
    guard.setLaidOut();

    const boxf bb = GD_bb(graph);
    auto toCanvas = [&](const pointf &p) { return Point{p.x - bb.LL.x, bb.UR.y - p.y}; };
    out.width = bb.UR.x - bb.LL.x;
    out.height = bb.UR.y - bb.LL.y;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const Point centre = toCanvas(ND_coord(gvNodes[i]));
        out.nodes.push_back(
            {centre.x - nodes[i].width / 2, centre.y - nodes[i].height / 2, nodes[i].width, nodes[i].height});
    }
    constexpr int kSamplesPerCurve = 8;
    for (Agedge_t *edge : gvEdges) {
        std::vector<Point> route;
        if (const splines *spl = ED_spl(edge)) {
            for (int b = 0; b < spl->size; ++b) {
                const bezier &bz = spl->list[b];
                if (bz.size < 1)
                    continue;
                if (bz.sflag)
                    route.push_back(toCanvas(bz.sp));
                route.push_back(toCanvas(bz.list[0]));
                for (int i = 0; i + 3 < bz.size; i += 3)
                    for (int k = 1; k <= kSamplesPerCurve; ++k) {
                        const Point p = cubic(bz.list[i], bz.list[i + 1], bz.list[i + 2], bz.list[i + 3],
                                              static_cast<double>(k) / kSamplesPerCurve);
                        route.push_back({p.x - bb.LL.x, bb.UR.y - p.y});
                    }
                if (bz.eflag)
                    route.push_back(toCanvas(bz.ep));
            }
        }
        out.routes.push_back(std::move(route));
    }
    return true;
}

} // namespace egress::layout

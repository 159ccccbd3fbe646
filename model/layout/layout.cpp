#include "layout/layout.h"

#include "layout/boxes.h"
#include "layout/dotgraph.h"
#include "layout/routing.h"

#include <algorithm>
#include <set>

namespace egress::layout {

namespace {

using asl::EdgeKind;

/** Heavier edges are drawn shorter and straighter: the normal flow wins over error paths. */
int weightOf(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Next:
        return 4;
    case EdgeKind::ChoiceRule:
    case EdgeKind::ChoiceDefault:
        return 2;
    case EdgeKind::Catch:
        return 1;
    }
    return 1;
}

/** When Graphviz refuses a graph, the boxes still need places: one column, straight routes. */
DotResult columnLayout(const std::vector<DotNode> &nodes, const std::vector<DotEdge> &edges,
                       const DotSpacing &spacing)
{
    DotResult out;
    double y = 0;
    for (const DotNode &node : nodes) {
        out.nodes.push_back({0, y, node.width, node.height});
        out.width = std::max(out.width, node.width);
        y += node.height + spacing.layerGap;
    }
    out.height = std::max(0.0, y - spacing.layerGap);
    for (const DotEdge &edge : edges) {
        const Rect &a = out.nodes[static_cast<std::size_t>(edge.from)];
        const Rect &b = out.nodes[static_cast<std::size_t>(edge.to)];
        out.routes.push_back({{a.x + a.width / 2, a.bottom()}, {b.x + b.width / 2, b.y}});
    }
    return out;
}

/** Lays out one project: scopes innermost first, then every box moved to its absolute place. */
class LayoutBuilder
{
public:
    LayoutBuilder(const design::Project &project, const asl::WorkflowIndex &index)
        : m_project(project), m_index(index), m_localBox(index.states().size()),
          m_localLane(index.scopes().size()), m_edgesOfScope(index.scopes().size()),
          m_slot(index.states().size(), -1)
    {
        const auto &states = index.states();
        const auto &edges = index.edges();
        for (std::size_t e = 0; e < edges.size(); ++e)
            if (edges[e].to >= 0 && edges[e].from >= 0)
                m_edgesOfScope[static_cast<std::size_t>(
                                   states[static_cast<std::size_t>(edges[e].from)].scope)]
                    .push_back(static_cast<int>(e));
        m_localRoutes.resize(edges.size());
    }

    LayoutResult run()
    {
        LayoutResult result;
        const auto &states = m_index.states();
        result.steps.resize(states.size());
        result.lanes.resize(m_index.scopes().size());
        for (std::size_t i = 0; i < states.size(); ++i) {
            StepLayout &step = result.steps[i];
            step.name = states[i].name;
            step.parent = m_index.scopes()[static_cast<std::size_t>(states[i].scope)].ownerState;
            step.container = !states[i].childScopes.empty();
        }
        computeSides();
        if (m_index.scopes().empty()) {
            // No States at all: an empty VPC where the first step would go.
            result.vpc = {kCanvasMargin, kCanvasMargin, kStepWidth + 2 * kVpcPadding,
                          kStepHeight + 2 * kVpcPadding};
            result.bounds = result.vpc;
            return result;
        }
        DotSession session;
        m_session = &session;
        const Size top = layoutScope(0);
        m_session = nullptr;

        place(0, {kCanvasMargin, kCanvasMargin}, result);
        result.lanes[0] = {kCanvasMargin, kCanvasMargin, top.width, top.height};
        result.vpc = m_vpcLocal.translated(kCanvasMargin, kCanvasMargin);
        result.bounds = result.lanes[0].united(result.vpc);
        for (std::size_t i = 0; i < states.size(); ++i)
            result.steps[i].insideVpc = m_inside[topAncestor(static_cast<int>(i))];
        const auto &edges = m_index.edges();
        for (std::size_t e = 0; e < edges.size(); ++e) {
            if (edges[e].to < 0 || edges[e].from < 0)
                continue;
            EdgeRoute route;
            route.from = edges[e].from;
            route.to = edges[e].to;
            route.kind = edges[e].kind;
            route.index = edges[e].index;
            route.points = std::move(m_localRoutes[e]);
            result.edges.push_back(std::move(route));
        }
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (!isLambda(static_cast<int>(i)))
                continue;
            const bool placedInside =
                m_project.step(states[i].name).placement == design::Placement::InsideVpc;
            if (placedInside != result.steps[i].insideVpc)
                result.placementConflicts.push_back(states[i].name);
        }
        result.warning = m_warning;
        return result;
    }

private:
    bool isLambda(int state) const { return m_lambda[static_cast<std::size_t>(state)]; }

    int topAncestor(int state) const
    {
        const auto &states = m_index.states();
        int current = state;
        for (;;) {
            const int owner =
                m_index.scopes()[static_cast<std::size_t>(states[static_cast<std::size_t>(current)].scope)]
                    .ownerState;
            if (owner < 0)
                return current;
            current = owner;
        }
    }

    /** Lambda steps inside and outside the VPC among a state and everything nested in it. */
    void countLambdas(int state, int &inside, int &outside) const
    {
        const auto &entry = m_index.states()[static_cast<std::size_t>(state)];
        if (isLambda(state)) {
            if (m_project.step(entry.name).placement == design::Placement::InsideVpc)
                ++inside;
            else
                ++outside;
        }
        for (int scope : entry.childScopes)
            for (int child : m_index.scopes()[static_cast<std::size_t>(scope)].states)
                countLambdas(child, inside, outside);
    }

    /**
     * Which side of the VPC border each top-level box goes: a step by its placement; a container
     * by the majority of the Lambda steps it holds (ties inside), by its own placement when it holds none.
     */
    void computeSides()
    {
        const auto &states = m_index.states();
        m_inside.assign(states.size(), false);
        m_lambda.assign(states.size(), false);
        for (std::size_t i = 0; i < states.size(); ++i) {
            const asl::Json *json = asl::stateJson(m_project.definition, states[i]);
            m_lambda[i] = json && asl::classifyTask(*json) == asl::TaskKind::Lambda;
        }
        for (std::size_t i = 0; i < states.size(); ++i) {
            bool inside = m_project.step(states[i].name).placement == design::Placement::InsideVpc;
            if (!states[i].childScopes.empty()) {
                int in = 0, out = 0;
                countLambdas(static_cast<int>(i), in, out);
                if (in + out > 0)
                    inside = in >= out;
            }
            m_inside[i] = inside;
        }
    }

    /** Lays out the states of one scope; their boxes are relative to the scope's top-left. Returns its size.
     */
    Size layoutScope(int scope)
    {
        const auto &scopeEntry = m_index.scopes()[static_cast<std::size_t>(scope)];
        const bool topLevel = scope == 0;
        std::vector<DotNode> nodes;
        std::vector<bool> inside;
        for (int state : scopeEntry.states) {
            const Size size = sizeOf(state);
            nodes.push_back({size.width, size.height});
            inside.push_back(topLevel && m_inside[static_cast<std::size_t>(state)]);
        }

        // Node number of each state of this scope; inner scopes are done by now, so the table is free.
        std::vector<int> &slot = m_slot;
        for (std::size_t i = 0; i < scopeEntry.states.size(); ++i)
            slot[static_cast<std::size_t>(scopeEntry.states[i])] = static_cast<int>(i);
        const auto &allEdges = m_index.edges();
        std::vector<DotEdge> edges;
        std::vector<int> edgeIds;
        for (int e : m_edgesOfScope[static_cast<std::size_t>(scope)]) {
            const asl::Edge &edge = allEdges[static_cast<std::size_t>(e)];
            const int from = slot[static_cast<std::size_t>(edge.from)];
            const int to = slot[static_cast<std::size_t>(edge.to)];
            if (from >= 0 && to >= 0) {
                edges.push_back({from, to, weightOf(edge.kind)});
                edgeIds.push_back(e);
            }
        }
        for (int state : scopeEntry.states)
            slot[static_cast<std::size_t>(state)] = -1;

        const std::vector<bool> toDot = selectEdgesForDot(static_cast<int>(nodes.size()), edges);
        std::vector<DotEdge> dotEdges;
        for (std::size_t e = 0; e < edges.size(); ++e)
            if (toDot[e])
                dotEdges.push_back(edges[e]);
        const DotSpacing spacing;
        DotResult laid;
        std::string error;
        if (nodes.size() > kMaxGraphvizBoxes) {
            // Graphviz needs minutes and gigabytes (and has crashed) on a 200,000-state chain; a column
            // takes milliseconds. The ASL limit of 1 MB a definition allows about 25,000 states.
            if (m_warning.empty())
                m_warning = std::to_string(nodes.size()) + " boxes under " +
                            (topLevel ? std::string("the top level") : scopeEntry.pointer) +
                            " are more than the " + std::to_string(kMaxGraphvizBoxes) +
                            " Graphviz lays out; a simple column layout was used";
            laid = columnLayout(nodes, dotEdges, spacing);
        } else if (!m_session->layout(nodes, dotEdges, spacing, laid, error) ||
                   laid.nodes.size() != nodes.size() || laid.routes.size() != dotEdges.size()) {
            if (m_warning.empty())
                m_warning =
                    "Graphviz could not lay out " +
                    (topLevel ? std::string("the top level") : "the states under " + scopeEntry.pointer) +
                    " (" + error + "); a simple column layout was used";
            laid = columnLayout(nodes, dotEdges, spacing);
        }

        // At the top level the boxes split into two lanes: the VPC's on the left, the others on the
        // right past a corridor. Each lane keeps dot's arrangement (and so its layers) as it is.
        double shift[2] = {0, 0}; // x shift of the outside [0] and inside [1] boxes
        Rect vpc;
        if (topLevel)
            vpc = splitIntoLanes(laid, inside, shift);

        std::size_t dotRoute = 0;
        int channel = 0;
        for (std::size_t e = 0; e < edges.size(); ++e) {
            const auto from = static_cast<std::size_t>(edges[e].from),
                       to = static_cast<std::size_t>(edges[e].to);
            std::vector<Point> route;
            if (toDot[e])
                route = std::move(laid.routes[dotRoute++]);
            if (toDot[e] && inside[from] == inside[to]) {
                for (Point &p : route)
                    p.x += shift[inside[from] ? 1 : 0];
            } else {
                // Left out of dot, or crossing the VPC border: along a channel no box stands in.
                const double stagger = 6.0 * (channel++ % 4);
                double channelX = laid.width + kLanePadding / 2;
                if (topLevel && inside[from] != inside[to])
                    channelX = vpc.right() + kVpcCorridor / 2 - 9 + stagger;
                else if (topLevel && inside[from])
                    channelX = vpc.x + kVpcPadding / 2 - 9 + stagger;
                else if (topLevel)
                    channelX = laid.width + kVpcCorridor / 2 + stagger;
                route = routeAlongChannel(laid.nodes[from], laid.nodes[to], channelX, laid.nodes,
                                          spacing.layerGap);
            }
            m_localRoutes[static_cast<std::size_t>(edgeIds[e])] = std::move(route);
        }
        for (std::size_t i = 0; i < scopeEntry.states.size(); ++i)
            m_localBox[static_cast<std::size_t>(scopeEntry.states[i])] = laid.nodes[i];
        if (topLevel) {
            m_vpcLocal = vpc;
            // Room for the channel on the right of the outside lane.
            laid.width += kVpcCorridor;
        }
        return {laid.width, laid.height};
    }

    /**
     * Moves the boxes inside the VPC into a lane on the left, with the VPC rectangle around them, and
     * the others into a lane on the right; keeps every y. Returns the VPC rectangle; `shift` gets
     * the x offset applied to each lane (index 1 = inside) and `laid` its new width.
     */
    static Rect splitIntoLanes(DotResult &laid, const std::vector<bool> &inside, double shift[2])
    {
        double left[2] = {1e300, 1e300}, right[2] = {-1e300, -1e300}, top = 1e300, bottom = -1e300;
        for (std::size_t i = 0; i < laid.nodes.size(); ++i) {
            const int lane = inside[i] ? 1 : 0;
            left[lane] = std::min(left[lane], laid.nodes[i].x);
            right[lane] = std::max(right[lane], laid.nodes[i].right());
            if (inside[i]) {
                top = std::min(top, laid.nodes[i].y);
                bottom = std::max(bottom, laid.nodes[i].bottom());
            }
        }
        Rect vpc{0, 0, kStepWidth + 2 * kVpcPadding, kStepHeight + 2 * kVpcPadding};
        if (right[1] >= left[1]) {
            shift[1] = kVpcPadding - left[1];
            vpc = {0, top - kVpcPadding, right[1] - left[1] + 2 * kVpcPadding,
                   bottom - top + 2 * kVpcPadding};
        }
        shift[0] = right[0] >= left[0] ? vpc.right() + kVpcCorridor - left[0] : 0;
        double width = vpc.right(), minY = vpc.y, maxY = vpc.bottom();
        for (std::size_t i = 0; i < laid.nodes.size(); ++i) {
            Rect &box = laid.nodes[i];
            box.x += shift[inside[i] ? 1 : 0];
            width = std::max(width, box.right());
            minY = std::min(minY, box.y);
            maxY = std::max(maxY, box.bottom());
        }
        // The VPC's padding may reach above the first layer: move everything down so nothing is negative.
        for (Rect &box : laid.nodes)
            box.y -= minY;
        for (auto &route : laid.routes)
            for (Point &p : route)
                p.y -= minY;
        vpc.y -= minY;
        laid.width = width;
        laid.height = maxY - minY;
        return vpc;
    }

    /** A step's fixed size, or a container's size after laying out its lanes. */
    Size sizeOf(int state)
    {
        const auto &entry = m_index.states()[static_cast<std::size_t>(state)];
        if (entry.childScopes.empty())
            return {kStepWidth, kStepHeight};
        // Each lane's contents side by side, 16 apart (what boxes.h's containerFrame pads into lanes and a
        // frame, as the canvas and the pictures do); a lane is at least one step wide and high.
        std::vector<Rect> contents;
        double x = kContainerPadding + kLanePadding;
        for (int scope : entry.childScopes) {
            const Size content = layoutScope(scope);
            contents.push_back({x, kContainerHeader + kContainerPadding + kLanePadding,
                                std::max(content.width, kStepWidth), std::max(content.height, kStepHeight)});
            x += contents.back().width + 2 * kLanePadding + kLaneGap;
        }
        const ContainerFrame frame = containerFrame({0, 0}, contents);
        for (std::size_t i = 0; i < frame.lanes.size(); ++i)
            m_localLane[static_cast<std::size_t>(entry.childScopes[i])] = frame.lanes[i];
        return {frame.frame.width, frame.frame.height};
    }

    /** Moves a scope's boxes and routes to absolute coordinates, then its containers' lanes. */
    void place(int scope, Point origin, LayoutResult &result)
    {
        for (int state : m_index.scopes()[static_cast<std::size_t>(scope)].states) {
            const Rect box = m_localBox[static_cast<std::size_t>(state)].translated(origin.x, origin.y);
            result.steps[static_cast<std::size_t>(state)].box = box;
            for (int child : m_index.states()[static_cast<std::size_t>(state)].childScopes) {
                const Rect lane = m_localLane[static_cast<std::size_t>(child)].translated(box.x, box.y);
                result.lanes[static_cast<std::size_t>(child)] = lane;
                place(child, {lane.x + kLanePadding, lane.y + kLanePadding}, result);
            }
        }
        for (int e : m_edgesOfScope[static_cast<std::size_t>(scope)])
            for (Point &p : m_localRoutes[static_cast<std::size_t>(e)]) {
                p.x += origin.x;
                p.y += origin.y;
            }
    }

    const design::Project &m_project;
    const asl::WorkflowIndex &m_index;
    DotSession *m_session = nullptr;
    std::vector<bool> m_inside;
    std::vector<bool> m_lambda;
    std::vector<Rect> m_localBox;
    std::vector<Rect> m_localLane;
    std::vector<std::vector<int>> m_edgesOfScope;
    std::vector<std::vector<Point>> m_localRoutes;
    std::vector<int> m_slot;
    Rect m_vpcLocal;
    std::string m_warning;
};

} // namespace

const StepLayout *LayoutResult::find(std::string_view name) const
{
    for (const StepLayout &step : steps)
        if (step.name == name)
            return &step;
    return nullptr;
}

LayoutResult computeLayout(const design::Project &project)
{
    const auto index = asl::WorkflowIndex::build(project.definition);
    return LayoutBuilder(project, index).run();
}

void autoLayout(design::Project &project)
{
    const LayoutResult result = computeLayout(project);
    std::set<std::string_view> done;
    for (const StepLayout &step : result.steps) {
        // With duplicate names the first state of that name owns the entry (as WorkflowIndex::indexOf does).
        if (done.insert(step.name).second)
            project.steps[step.name].position = std::array<double, 2>{step.box.x, step.box.y};
    }
    project.vpc.rect = {result.vpc.x, result.vpc.y, result.vpc.width, result.vpc.height};
}

} // namespace egress::layout

// The design picture: the canvas without editor chrome (docs/reports.md).
#include "asl/workflow.h"
#include "layout/boxes.h"
#include "layout/layout.h"
#include "report/pictureroutes.h"
#include "report/pictures.h"
#include "report/picturestyle.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <tuple>

namespace egress::report {

namespace {

using asl::StateType;
using asl::TaskKind;

struct Box
{
    double x = 0, y = 0, w = 0, h = 0;
    double cx() const { return x + w / 2; }
    double cy() const { return y + h / 2; }
    void unite(const Box &o)
    {
        const double x2 = std::max(x + w, o.x + o.w), y2 = std::max(y + h, o.y + o.h);
        x = std::min(x, o.x);
        y = std::min(y, o.y);
        w = x2 - x;
        h = y2 - y;
    }
};

style::Palette paletteFor(StateType type, TaskKind kind)
{
    switch (type) {
    case StateType::Task:
        return kind == TaskKind::Lambda ? style::kLambda
               : kind == TaskKind::Http ? style::kHttp
                                        : style::kService;
    case StateType::Choice:
        return style::kChoice;
    case StateType::Succeed:
        return style::kSucceed;
    case StateType::Fail:
        return style::kFail;
    case StateType::Parallel:
    case StateType::Map:
        return style::kContainer;
    default:
        return style::kFlow;
    }
}

/** The second line of a step: what it is and, for Lambda steps, its size. */
std::string subtitle(StateType type, TaskKind kind, const design::StepDesign &step)
{
    if (type != StateType::Task)
        return asl::toString(type);
    if (kind == TaskKind::Lambda)
        return "Lambda · " + std::to_string(step.memoryMb) + " MB · " + design::toString(step.architecture);
    if (kind == TaskKind::Http)
        return "HTTP Task";
    return "Task · " + std::string(asl::toString(kind));
}

void drawShape(SvgWriter &svg, const Box &b, StateType type, const style::Palette &p)
{
    const std::string stroke = "stroke-width=\"1.6\"";
    if (type == StateType::Choice) {
        const double k = 14;
        svg.path("M" + num(b.x + k) + "," + num(b.y) + " H" + num(b.x + b.w - k) + " L" + num(b.x + b.w) +
                     "," + num(b.cy()) + " L" + num(b.x + b.w - k) + "," + num(b.y + b.h) + " H" +
                     num(b.x + k) + " L" + num(b.x) + "," + num(b.cy()) + " z",
                 p.fill, p.stroke, 1.6);
    } else if (type == StateType::Succeed || type == StateType::Fail) {
        svg.rect(b.x, b.y, b.w, b.h, p.fill, p.stroke, b.h / 2, stroke);
    } else if (type == StateType::Task) {
        svg.rect(b.x, b.y, b.w, b.h, p.fill, p.stroke, 8, stroke);
    } else {
        svg.rect(b.x, b.y, b.w, b.h, p.fill, p.stroke, 2, stroke);
    }
}

/** The errors a catcher matches, "States.ALL" or "Lambda.TooManyRequestsException, States.Timeout". */
std::string caughtErrors(const asl::Json *state, int index)
{
    if (!state || !state->is_object())
        return {};
    const auto catchers = state->find("Catch");
    if (catchers == state->end() || !catchers->is_array() || index < 0 ||
        static_cast<std::size_t>(index) >= catchers->size())
        return {};
    const asl::Json &catcher = (*catchers)[static_cast<std::size_t>(index)];
    std::string out;
    if (const auto errors = catcher.find("ErrorEquals");
        catcher.is_object() && errors != catcher.end() && errors->is_array())
        for (const asl::Json &e : *errors)
            if (e.is_string())
                out += (out.empty() ? "" : ", ") + e.get<std::string>();
    return out;
}

/** The label of a transition: the canvas's words ("catch States.ALL"), shorter rules ("rule 2"). */
std::string edgeLabel(const asl::Edge &edge, const asl::Json *fromState)
{
    switch (edge.kind) {
    case asl::EdgeKind::ChoiceRule:
        return "rule " + std::to_string(edge.index + 1);
    case asl::EdgeKind::ChoiceDefault:
        return "default";
    case asl::EdgeKind::Catch: {
        const std::string errors = caughtErrors(fromState, edge.index);
        return errors.empty() ? "catch" : style::fit("catch " + errors, 10, 170);
    }
    case asl::EdgeKind::Next:
        break;
    }
    return {};
}

/** The egress badge hangs over a task's top-right corner (see the steps below): where it is drawn. */
Box badgeBox(const Box &b, const style::Badge &badge)
{
    const double bw = style::badgeWidth(badge);
    return {b.x + b.w - bw + 6, b.y - 9, bw, 16};
}

/**
 * An arrow's tip moved off the target's badge: along the top edge to the badge's left, or down the right
 * edge below it, so the head stays visible and still touches the box.
 */
std::pair<double, double> clearOfBadge(double x, double y, const Box &target, const Box &badge)
{
    const double pad = 3;
    if (x < badge.x - pad || x > badge.x + badge.w + pad || y < badge.y - pad || y > badge.y + badge.h + pad)
        return {x, y};
    if (y <= target.y + 1)
        return {std::max(target.x + 10, badge.x - 10), target.y};
    return {target.x + target.w, std::min(target.y + target.h - 6, badge.y + badge.h + 8)};
}

/** The legend under the picture: placement, egress badges and kinds. Returns its height. */
double drawLegend(SvgWriter &svg, double x, double y)
{
    svg.text(x, y + 12, "Placement", 11, style::kText, "start", "font-weight=\"bold\"");
    svg.rect(x + 90, y + 1, 26, 14, style::kVpcFill, style::kVpcStroke, 3,
             "stroke-width=\"1.5\" stroke-dasharray=\"4,3\"");
    svg.text(x + 122, y + 12, "inside the VPC", 11, style::kText);
    svg.rect(x + 230, y + 1, 26, 14, "#FFFFFF", "#9CA3AF", 3);
    svg.text(x + 262, y + 12, "outside the VPC (no VPC boundary)", 11, style::kText);

    const double ey = y + 24;
    svg.text(x, ey + 12, "Egress", 11, style::kText, "start", "font-weight=\"bold\"");
    double bx = x + 90;
    for (auto e : {design::Egress::Internet, design::Egress::AwsGatewayEndpoint,
                   design::Egress::AwsInterfaceEndpoint, design::Egress::VpcPrivate}) {
        const style::Badge b = style::badgeFor(e);
        style::badge(svg, bx, ey, b);
        bx += style::badgeWidth(b) + 10;
    }
    svg.rect(bx, ey, 30, 16, "#FFFFFF", "#7C3AED", 3);
    svg.text(bx + 15, ey + 12, "NAT", 9, "#7C3AED", "middle", "font-weight=\"bold\"");
    svg.text(bx + 36, ey + 12, "NAT gateway", 11, style::kText);

    const double ky = y + 48;
    svg.text(x, ky + 12, "Kinds", 11, style::kText, "start", "font-weight=\"bold\"");
    double kx = x + 90;
    for (const style::Palette &p : {style::kLambda, style::kHttp, style::kService, style::kChoice,
                                    style::kFlow, style::kSucceed, style::kFail, style::kContainer}) {
        svg.rect(kx, ky + 1, 18, 14, p.fill, p.stroke, 3, "stroke-width=\"1.4\"");
        svg.text(kx + 23, ky + 12, p.label, 11, style::kText);
        kx += 23 + style::textWidth(p.label, 11) + 14;
    }
    return 66;
}

constexpr double kLegendWidth = 880;
/** The start marker's dot sits this far above the StartAt box. */
constexpr double kStartLength = 30;

/** A dot with an arrow down into the box of the first state (the canvas's StartItem). */
void drawStartMarker(SvgWriter &svg, const Box &target)
{
    const double x = target.cx(), top = target.y - kStartLength, tip = target.y;
    svg.beginGroup("class=\"start\"");
    svg.line(x, top, x, tip - 8, style::kEdge, 1.4);
    svg.path("M" + num(x) + "," + num(tip) + " L" + num(x - 4.5) + "," + num(tip - 9) + " L" + num(x + 4.5) +
                 "," + num(tip - 9) + " z",
             style::kEdge, "none");
    svg.circle(x, top, 6, style::kText, "none");
    svg.endGroup();
}

} // namespace

Picture designPicture(const design::Project &input, const DesignPictureOptions &options,
                      DesignGeometry *geometry)
{
    design::Project project = input;
    const asl::WorkflowIndex index = asl::WorkflowIndex::build(project.definition);
    const auto &states = index.states();
    bool needsLayout = false;
    for (const auto &s : states)
        if (!project.step(s.name).position)
            needsLayout = true;
    if (needsLayout)
        layout::autoLayout(project);

    // Which states to draw: everything, or the selection and whatever nests in selected containers.
    std::vector<bool> drawn(states.size(), options.steps.empty());
    for (const std::string &name : options.steps) {
        const int i = index.indexOf(name);
        if (i < 0)
            return {{}, 0, 0, "no step named \"" + name + "\" in the design"};
        drawn[static_cast<std::size_t>(i)] = true;
    }
    // Containers come before their children in the index, so one forward pass spreads the selection down.
    for (std::size_t i = 0; i < states.size(); ++i) {
        const int owner = index.scopes()[static_cast<std::size_t>(states[i].scope)].ownerState;
        if (owner >= 0 && drawn[static_cast<std::size_t>(owner)])
            drawn[i] = true;
    }

    // Boxes: leaves at their positions; containers around their drawn children (deepest first).
    using layout::kStepHeight;
    using layout::kStepWidth;
    std::vector<Box> boxes(states.size());
    std::vector<bool> isContainer(states.size(), false);
    for (std::size_t i = 0; i < states.size(); ++i) {
        const auto pos = project.step(states[i].name).position.value_or(std::array<double, 2>{0, 0});
        boxes[i] = {pos[0], pos[1], kStepWidth, kStepHeight};
    }
    // The auto-layout's routes fit only its own positions: use them when the canvas still has those.
    const layout::LayoutResult computed = layout::computeLayout(project);
    bool useRoutes = computed.steps.size() == states.size();
    for (std::size_t i = 0; useRoutes && i < states.size(); ++i)
        if (states[i].childScopes.empty())
            useRoutes = std::abs(computed.steps[i].box.x - boxes[i].x) < 0.5 &&
                        std::abs(computed.steps[i].box.y - boxes[i].y) < 0.5;
    for (std::size_t r = states.size(); r-- > 0;) {
        // The frame the canvas draws (layout::containerFrame), around the drawn states of each lane.
        bool any = false;
        std::vector<layout::Rect> contents;
        for (int scope : states[r].childScopes) {
            layout::Rect lane;
            for (int child : index.scopes()[static_cast<std::size_t>(scope)].states)
                if (drawn[static_cast<std::size_t>(child)]) {
                    const Box &cb = boxes[static_cast<std::size_t>(child)];
                    lane = lane.united({cb.x, cb.y, cb.w, cb.h});
                    any = true;
                }
            contents.push_back(lane);
        }
        if (any) {
            const layout::Rect frame = layout::containerFrame({boxes[r].x, boxes[r].y}, contents).frame;
            boxes[r] = {frame.x, frame.y, frame.width, frame.height};
            if (useRoutes && options.steps.empty()) {
                const layout::Rect &c = computed.steps[r].box;
                boxes[r] = {c.x, c.y, c.width, c.height};
            }
            isContainer[r] = true;
        }
    }

    auto kindOf = [&](std::size_t i) {
        const asl::Json *json = asl::stateJson(project.definition, states[i]);
        return states[i].type == StateType::Task && json ? asl::classifyTask(*json) : TaskKind::NotATask;
    };
    auto isInsideLambda = [&](std::size_t i) {
        return kindOf(i) == TaskKind::Lambda &&
               project.step(states[i].name).placement == design::Placement::InsideVpc;
    };

    Box content;
    bool haveContent = false;
    bool showVpc = options.steps.empty();
    std::vector<std::size_t> natUsers, directUsers;
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (!drawn[i])
            continue;
        content = haveContent ? (content.unite(boxes[i]), content) : boxes[i];
        haveContent = true;
        if (isInsideLambda(i))
            showVpc = true;
        if (!isContainer[i] && project.step(states[i].name).egress == design::Egress::Internet &&
            states[i].type == StateType::Task)
            (isInsideLambda(i) ? natUsers : directUsers).push_back(i);
    }
    std::optional<Box> start;
    if (!index.scopes().empty())
        if (const int first = index.indexOf(index.scopes().front().startAt);
            first >= 0 && drawn[static_cast<std::size_t>(first)]) {
            start = boxes[static_cast<std::size_t>(first)];
            content.unite({start->cx() - 8, start->y - kStartLength - 8, 16, kStartLength + 8});
        }
    const auto &r = project.vpc.rect;
    const Box vpcBox{r[0], r[1], r[2], r[3]};
    if (showVpc)
        content = haveContent ? (content.unite(vpcBox), content) : vpcBox;
    if (!haveContent && !showVpc)
        content = {0, 0, kStepWidth, kStepHeight};

    const bool needsInternet = !natUsers.empty() || !directUsers.empty();
    const double natX = vpcBox.x + vpcBox.w;
    const double cloudX = std::max(content.x + content.w, natX + 50) + 110;
    double cloudY = 0;
    for (std::size_t i : natUsers)
        cloudY += boxes[i].cy();
    for (std::size_t i : directUsers)
        cloudY += boxes[i].cy();
    if (needsInternet)
        cloudY /= static_cast<double>(natUsers.size() + directUsers.size());
    if (needsInternet)
        content.unite({cloudX - 60, cloudY - 30, 120, 60});

    const double margin = 30;
    const double legendHeight = options.legend ? 66 + 30 : 0;
    const double x0 = content.x - margin, y0 = content.y - margin;
    const double width = std::max(content.w + 2 * margin, options.legend ? kLegendWidth : 0.0);
    const double height = content.h + 2 * margin + legendHeight;
    SvgWriter svg(x0, y0, width, height);
    svg.rect(x0, y0, width, height, "#FFFFFF", "none");
    if (options.grid) {
        svg.beginGroup("stroke=\"#E5E7EB\" stroke-width=\"0.6\"");
        for (double gx = std::ceil(x0 / 20) * 20; gx < x0 + width; gx += 20)
            svg.raw("<line x1=\"" + num(gx) + "\" y1=\"" + num(y0) + "\" x2=\"" + num(gx) + "\" y2=\"" +
                    num(y0 + height - legendHeight) + "\"/>");
        for (double gy = std::ceil(y0 / 20) * 20; gy < y0 + height - legendHeight; gy += 20)
            svg.raw("<line x1=\"" + num(x0) + "\" y1=\"" + num(gy) + "\" x2=\"" + num(x0 + width) +
                    "\" y2=\"" + num(gy) + "\"/>");
        svg.endGroup();
    }
    if (showVpc)
        style::vpcBoundary(svg, vpcBox.x, vpcBox.y, vpcBox.w, vpcBox.h, project.vpc.name,
                           project.vpc.availabilityZones);

    // Containers, outermost first (the index lists owners before their children).
    for (std::size_t i = 0; i < states.size(); ++i)
        if (drawn[i] && isContainer[i]) {
            const Box &b = boxes[i];
            svg.rect(b.x, b.y, b.w, b.h, "#F8FAFC", style::kContainer.stroke, 10,
                     "fill-opacity=\"0.85\" stroke-width=\"1.6\" stroke-dasharray=\"6,4\"");
            svg.text(b.x + 12, b.y + 20, style::fit(states[i].name, 12.5, b.w - 80), 12.5, style::kText,
                     "start", "font-weight=\"bold\"");
            svg.text(b.x + b.w - 12, b.y + 20, asl::toString(states[i].type), 10.5, style::kMuted, "end");
        }

    // Steps, then the transitions over them, then the egress badges: arrowheads end beside a badge
    // (clearOfBadge), never under it.
    std::vector<std::pair<Box, style::Badge>> badges(states.size());
    std::vector<bool> hasBadge(states.size(), false);
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (!drawn[i] || isContainer[i])
            continue;
        const Box &b = boxes[i];
        const TaskKind kind = kindOf(i);
        const design::StepDesign step = project.step(states[i].name);
        const style::Palette p = paletteFor(states[i].type, kind);
        svg.beginGroup("data-step=\"" + xmlEscape(states[i].name) + "\"");
        drawShape(svg, b, states[i].type, p);
        svg.text(b.cx(), b.y + 22, style::fit(states[i].name, 12.5, b.w - 22), 12.5, style::kText, "middle",
                 "font-weight=\"bold\"");
        svg.text(b.cx(), b.y + 39, style::fit(subtitle(states[i].type, kind, step), 10, b.w - 22), 10,
                 style::kMuted, "middle");
        if (states[i].type == StateType::Task) {
            const style::Badge badge = style::badgeFor(step.egress);
            if (badge.text) {
                badges[i] = {badgeBox(b, badge), badge};
                hasBadge[i] = true;
            }
        }
        svg.endGroup();
    }

    // Transitions between drawn states (pictureroutes): straight when nothing is in the way, else through a
    // free lane beside what is; the auto-layout's own route when the positions are its own and it is free.
    // Routes go around steps and the containers the arrow is not in; labels go where they cover no step,
    // badge, container title or border, VPC border or name, start marker or other label.
    using routes::Point;
    using Rect = routes::Rect;
    auto rectOf = [](const Box &b) { return Rect{b.x, b.y, b.w, b.h}; };
    routes::ObstacleGrid routeGrid, labelGrid;
    auto addBorders = [&labelGrid](const Box &b) {
        labelGrid.add({b.x - 3, b.y - 3, b.w + 6, 6}, -1);
        labelGrid.add({b.x - 3, b.y + b.h - 3, b.w + 6, 6}, -1);
        labelGrid.add({b.x - 3, b.y - 3, 6, b.h + 6}, -1);
        labelGrid.add({b.x + b.w - 3, b.y - 3, 6, b.h + 6}, -1);
    };
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (!drawn[i])
            continue;
        routeGrid.add(rectOf(boxes[i]), static_cast<int>(i));
        if (isContainer[i]) {
            addBorders(boxes[i]);
            labelGrid.add({boxes[i].x, boxes[i].y, boxes[i].w, 30}, -1); // the title strip
        } else {
            labelGrid.add(rectOf(boxes[i]), -1);
        }
        if (hasBadge[i])
            labelGrid.add({badges[i].first.x, badges[i].first.y, badges[i].first.w, badges[i].first.h}, -1);
    }
    if (showVpc) {
        addBorders(vpcBox);
        const std::string tag = project.vpc.name + " · " + std::to_string(project.vpc.availabilityZones) +
                                (project.vpc.availabilityZones == 1 ? " AZ" : " AZs");
        labelGrid.add({vpcBox.x + 12, vpcBox.y - 10, style::textWidth(tag, 12) + 16, 20}, -1);
    }
    if (start)
        labelGrid.add({start->cx() - 8, start->y - kStartLength - 8, 16, kStartLength + 8}, -1);
    // A state's ancestors (the containers it sits in): an arrow inside a container crosses its frame freely.
    auto withAncestors = [&](int state, std::vector<int> &out) {
        out.push_back(state);
        for (int scope = states[static_cast<std::size_t>(state)].scope;;) {
            const int owner = index.scopes()[static_cast<std::size_t>(scope)].ownerState;
            if (owner < 0)
                break;
            out.push_back(owner);
            scope = states[static_cast<std::size_t>(owner)].scope;
        }
    };
    std::vector<int> ignore;
    std::vector<Rect> vpcFrames;
    if (showVpc)
        vpcFrames.push_back(rectOf(vpcBox));
    for (const asl::Edge &edge : index.edges()) {
        if (edge.from < 0 || edge.to < 0 || !drawn[static_cast<std::size_t>(edge.from)] ||
            !drawn[static_cast<std::size_t>(edge.to)])
            continue;
        const Box &a = boxes[static_cast<std::size_t>(edge.from)];
        const Box &b = boxes[static_cast<std::size_t>(edge.to)];
        const bool isCatch = edge.kind == asl::EdgeKind::Catch;
        const std::string colour = isCatch ? "#B91C1C" : style::kEdge;
        const auto to = static_cast<std::size_t>(edge.to);
        ignore.clear();
        withAncestors(edge.from, ignore);
        withAncestors(edge.to, ignore);
        std::vector<Point> line;
        if (useRoutes)
            for (const layout::EdgeRoute &er : computed.edges)
                if (er.from == edge.from && er.to == edge.to && er.kind == edge.kind &&
                    er.index == edge.index && er.points.size() >= 2) {
                    line.clear();
                    for (const layout::Point &pt : er.points)
                        line.push_back({pt.x, pt.y});
                }
        if (line.empty() || routeGrid.crossings(line, ignore) > 0 || routes::runsAlong(line, vpcFrames)) {
            // Into the top beside the badge (it hangs over the top-right corner), into the side below it.
            double topX = b.cx();
            if (hasBadge[to])
                topX = std::max(b.x + 12, std::min(topX, badges[to].first.x - 10));
            // The Next on the centre line; catches and Choice rules beside it, alternating.
            const int lane = edge.kind == asl::EdgeKind::Next ? 0 : 1 + (edge.index + edge.from) % 2;
            line = routes::route(rectOf(a), rectOf(b), {topX, b.cy()}, routeGrid, ignore, lane, vpcFrames);
        }
        if (hasBadge[to]) // a straight arrow or the layout's may still end on the badge
            std::tie(line.back().x, line.back().y) =
                clearOfBadge(line.back().x, line.back().y, b, badges[to].first);
        std::string d;
        for (const Point &pt : line)
            d += (d.empty() ? "M" : " L") + num(pt.x) + "," + num(pt.y);
        const Point &tip = line.back(), &before = line[line.size() - 2];
        svg.curvedArrow(d, before.x, before.y, tip.x, tip.y, colour, 1.4, isCatch);
        const asl::Json *fromJson =
            asl::stateJson(project.definition, states[static_cast<std::size_t>(edge.from)]);
        const std::string label = edgeLabel(edge, fromJson);
        if (!label.empty()) {
            const double lw = style::textWidth(label, 10) + 8;
            const Rect spot = routes::labelSpot(line, lw, 15, labelGrid);
            labelGrid.add({spot.x - 2, spot.y - 2, spot.w + 4, spot.h + 4}, -1);
            svg.rect(spot.x, spot.y, spot.w, spot.h, "#FFFFFF", "none", 3, "fill-opacity=\"0.9\"");
            svg.text(spot.cx(), spot.y + 11.5, label, 10, isCatch ? "#B91C1C" : style::kMuted, "middle");
            if (geometry)
                geometry->labels.push_back({spot.x, spot.y, spot.w, spot.h});
        }
        if (geometry) {
            DesignGeometry::Arrow arrow{
                states[static_cast<std::size_t>(edge.from)].name, states[to].name, label, {}};
            for (const Point &pt : line)
                arrow.points.emplace_back(pt.x, pt.y);
            geometry->arrows.push_back(std::move(arrow));
        }
    }

    for (std::size_t i = 0; i < states.size(); ++i)
        if (hasBadge[i])
            style::badge(svg, badges[i].first.x, badges[i].first.y, badges[i].second);

    // Where the execution starts: a dot and an arrow into the top level's StartAt, as on the canvas.
    if (start)
        drawStartMarker(svg, *start);
    if (geometry) {
        for (std::size_t i = 0; i < states.size(); ++i)
            if (drawn[i]) {
                geometry->boxes.push_back({states[i].name,
                                           {boxes[i].x, boxes[i].y, boxes[i].w, boxes[i].h},
                                           static_cast<bool>(isContainer[i])});
                if (hasBadge[i])
                    geometry->badges.push_back(
                        {badges[i].first.x, badges[i].first.y, badges[i].first.w, badges[i].first.h});
            }
        geometry->vpcShown = showVpc;
        geometry->vpc = {vpcBox.x, vpcBox.y, vpcBox.w, vpcBox.h};
        geometry->startShown = start.has_value();
        if (start) {
            geometry->startX = start->cx();
            geometry->startY = start->y;
        }
    }

    // Internet paths: through the NAT gateway on the VPC edge, or straight out.
    if (!natUsers.empty()) {
        double natY = 0;
        for (std::size_t i : natUsers)
            natY += boxes[i].cy();
        natY /= static_cast<double>(natUsers.size());
        for (std::size_t i : natUsers)
            svg.arrow(boxes[i].x + boxes[i].w, boxes[i].cy(), natX - 45, natY, style::kInternet, 1.4, true);
        svg.arrow(natX + 45, natY, cloudX - 56, cloudY, style::kInternet, 1.4, true);
        style::natGateway(svg, natX, natY, "× " + std::to_string(project.vpc.availabilityZones) + " AZ");
    }
    for (std::size_t i : directUsers)
        svg.arrow(boxes[i].x + boxes[i].w, boxes[i].cy(), cloudX - 56, cloudY, style::kInternet, 1.4, true);
    if (needsInternet)
        style::internetCloud(svg, cloudX, cloudY);

    if (options.legend)
        drawLegend(svg, x0 + 16, y0 + height - legendHeight + 14);
    return {svg.finish(), width, height, {}};
}

} // namespace egress::report

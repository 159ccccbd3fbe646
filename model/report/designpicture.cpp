// The design picture: the canvas without editor chrome (docs/reports.md).
#include "asl/workflow.h"
#include "layout/boxes.h"
#include "layout/layout.h"
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

/** Where the segment from the box's centre towards (tx, ty) leaves the box. */
std::pair<double, double> exitPoint(const Box &b, double tx, double ty)
{
    const double dx = tx - b.cx(), dy = ty - b.cy();
    if (dx == 0 && dy == 0)
        return {b.cx(), b.cy()};
    const double sx = dx != 0 ? (b.w / 2) / std::abs(dx) : 1e18;
    const double sy = dy != 0 ? (b.h / 2) / std::abs(dy) : 1e18;
    const double s = std::min(sx, sy);
    return {b.cx() + dx * s, b.cy() + dy * s};
}

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

/** The point a fraction t of the way along a polyline (by length). */
std::pair<double, double> alongPolyline(const std::vector<std::pair<double, double>> &line, double t)
{
    double total = 0;
    for (std::size_t k = 1; k < line.size(); ++k)
        total += std::hypot(line[k].first - line[k - 1].first, line[k].second - line[k - 1].second);
    double left = total * t;
    for (std::size_t k = 1; k < line.size(); ++k) {
        const double dx = line[k].first - line[k - 1].first, dy = line[k].second - line[k - 1].second;
        const double len = std::hypot(dx, dy);
        if (left <= len && len > 0)
            return {line[k - 1].first + dx * left / len, line[k - 1].second + dy * left / len};
        left -= len;
    }
    return line.back();
}

bool overlaps(const Box &a, const Box &b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
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

Picture designPicture(const design::Project &input, const DesignPictureOptions &options)
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

    // Transitions between drawn states: straight when nothing is in the way, else a curve around the right.
    auto blocked = [&](double x1, double y1, double x2, double y2, int from, int to) {
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (!drawn[i] || isContainer[i] || static_cast<int>(i) == from || static_cast<int>(i) == to)
                continue;
            const Box &b = boxes[i];
            if (std::max(x1, x2) < b.x || std::min(x1, x2) > b.x + b.w || std::max(y1, y2) < b.y ||
                std::min(y1, y2) > b.y + b.h)
                continue; // cheap rejection: large designs have thousands of boxes
            for (int k = 1; k < 40; ++k) {
                const double t = k / 40.0, x = x1 + (x2 - x1) * t, y = y1 + (y2 - y1) * t;
                if (x > b.x + 2 && x < b.x + b.w - 2 && y > b.y + 2 && y < b.y + b.h - 2)
                    return true;
            }
        }
        return false;
    };
    int detours = 0;
    std::vector<Box> labelsPlaced;
    for (const asl::Edge &edge : index.edges()) {
        if (edge.from < 0 || edge.to < 0 || !drawn[static_cast<std::size_t>(edge.from)] ||
            !drawn[static_cast<std::size_t>(edge.to)])
            continue;
        const Box &a = boxes[static_cast<std::size_t>(edge.from)];
        const Box &b = boxes[static_cast<std::size_t>(edge.to)];
        const bool isCatch = edge.kind == asl::EdgeKind::Catch;
        const std::string colour = isCatch ? "#B91C1C" : style::kEdge;
        auto [x1, y1] = exitPoint(a, b.cx(), b.cy());
        auto [x2, y2] = exitPoint(b, a.cx(), a.cy());
        std::vector<std::pair<double, double>> line; // the drawn route, for the label
        const layout::EdgeRoute *route = nullptr;
        if (useRoutes)
            for (const layout::EdgeRoute &er : computed.edges)
                if (er.from == edge.from && er.to == edge.to && er.kind == edge.kind &&
                    er.index == edge.index && er.points.size() >= 2)
                    route = &er;
        const auto to = static_cast<std::size_t>(edge.to);
        auto clear = [&](double x, double y) {
            return hasBadge[to] ? clearOfBadge(x, y, b, badges[to].first) : std::pair{x, y};
        };
        if (route) {
            std::vector<layout::Point> points = route->points;
            std::tie(points.back().x, points.back().y) = clear(points.back().x, points.back().y);
            std::string d;
            for (const layout::Point &pt : points)
                d += (d.empty() ? "M" : " L") + num(pt.x) + "," + num(pt.y);
            const layout::Point &tip = points.back(), &before = points[points.size() - 2];
            svg.curvedArrow(d, before.x, before.y, tip.x, tip.y, colour, 1.4, isCatch);
            for (const layout::Point &pt : points)
                line.emplace_back(pt.x, pt.y);
        } else if (blocked(x1, y1, x2, y2, edge.from, edge.to)) {
            const double bulge = std::max(a.x + a.w, b.x + b.w) + 45 + 22 * (detours++ % 3);
            x1 = a.x + a.w;
            y1 = a.cy() + 6;
            std::tie(x2, y2) = clear(b.x + b.w, b.cy() - 6);
            svg.curvedArrow("M" + num(x1) + "," + num(y1) + " C" + num(bulge) + "," + num(y1) + " " +
                                num(bulge) + "," + num(y2) + " " + num(x2) + "," + num(y2),
                            bulge, y2, x2, y2, colour, 1.4, isCatch);
            for (int k = 0; k <= 16; ++k) {
                const double t = k / 16.0, u = 1 - t;
                line.emplace_back(u * u * u * x1 + 3 * u * u * t * bulge + 3 * u * t * t * bulge +
                                      t * t * t * x2,
                                  u * u * u * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y2);
            }
        } else {
            std::tie(x2, y2) = clear(x2, y2);
            svg.arrow(x1, y1, x2, y2, colour, 1.4, isCatch);
            line = {{x1, y1}, {x2, y2}};
        }
        const asl::Json *fromJson =
            asl::stateJson(project.definition, states[static_cast<std::size_t>(edge.from)]);
        if (const std::string label = edgeLabel(edge, fromJson); !label.empty()) {
            const double lw = style::textWidth(label, 10) + 8;
            // The first spot along the route that covers no step, badge or label (else the middle).
            auto [mx, my] = alongPolyline(line, 0.5);
            for (const double t : {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85}) {
                const auto [px, py] = alongPolyline(line, t);
                const Box spot{px - lw / 2 - 2, py - 10, lw + 4, 19};
                bool free = std::none_of(labelsPlaced.begin(), labelsPlaced.end(),
                                         [&](const Box &o) { return overlaps(spot, o); });
                for (std::size_t i = 0; free && i < states.size(); ++i)
                    free = !drawn[i] || isContainer[i] ||
                           (!overlaps(spot, boxes[i]) && !(hasBadge[i] && overlaps(spot, badges[i].first)));
                if (free) {
                    mx = px;
                    my = py;
                    break;
                }
            }
            labelsPlaced.push_back({mx - lw / 2, my - 8, lw, 15});
            svg.rect(mx - lw / 2, my - 8, lw, 15, "#FFFFFF", "none", 3, "fill-opacity=\"0.9\"");
            svg.text(mx, my + 3.5, label, 10, isCatch ? "#B91C1C" : style::kMuted, "middle");
        }
    }

    for (std::size_t i = 0; i < states.size(); ++i)
        if (hasBadge[i])
            style::badge(svg, badges[i].first.x, badges[i].first.y, badges[i].second);

    // Where the execution starts: a dot and an arrow into the top level's StartAt, as on the canvas.
    if (start)
        drawStartMarker(svg, *start);

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

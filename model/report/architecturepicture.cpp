// The compared architectures, generated from the project (never hand drawn): as designed vs the NAT baseline.
#include "asl/workflow.h"
#include "report/pictures.h"
#include "report/picturestyle.h"

#include <algorithm>
#include <cmath>

namespace egress::report {

const char *toString(Architecture architecture)
{
    return architecture == Architecture::AsDesigned ? "architecture-designed" : "architecture-nat";
}

namespace {

/** A compute box of the architecture: a Lambda function or an HTTP Task. */
struct Unit
{
    std::string name;
    std::string detail;
    design::Egress egress = design::Egress::None;
    bool inside = false;
    bool http = false;
};

constexpr double kRowHeight = 64;
constexpr double kBoxH = 46;

void box(SvgWriter &svg, double x, double y, double w, const style::Palette &p, const std::string &title,
         const std::string &detail)
{
    svg.rect(x, y, w, kBoxH, p.fill, p.stroke, 8, "stroke-width=\"1.6\"");
    svg.text(x + w / 2, y + 19, style::fit(title, 12, w - 16), 12, style::kText, "middle",
             "font-weight=\"bold\"");
    svg.text(x + w / 2, y + 35, style::fit(detail, 10, w - 16), 10, style::kMuted, "middle");
}

std::string triggerLabel(design::Trigger trigger)
{
    switch (trigger) {
    case design::Trigger::ApiGatewayRest:
        return "API Gateway (REST)";
    case design::Trigger::ApiGatewayHttp:
        return "API Gateway (HTTP)";
    case design::Trigger::EventBridge:
        return "EventBridge rule";
    case design::Trigger::None:
        break;
    }
    return "Caller (StartExecution)";
}

std::string msText(double ms)
{
    return std::to_string(static_cast<long long>(std::llround(ms))) + " ms";
}

} // namespace

Picture architecturePicture(const design::Project &project, Architecture architecture,
                            const cost::CostReport *cost)
{
    const asl::WorkflowIndex index = asl::WorkflowIndex::build(project.definition);
    std::vector<Unit> units;
    bool privateResources = false;
    int maxMemory = 128;
    double expectedMs = 0;
    for (const auto &state : index.states()) {
        const asl::Json *json = asl::stateJson(project.definition, state);
        if (state.type != asl::StateType::Task || !json)
            continue;
        const asl::TaskKind kind = asl::classifyTask(*json);
        const design::StepDesign step = project.step(state.name);
        if (kind == asl::TaskKind::Lambda) {
            const bool inside = step.placement == design::Placement::InsideVpc;
            units.push_back({state.name, std::to_string(step.memoryMb) + " MB · " + msText(step.durationMs),
                             step.egress, inside, false});
            maxMemory = std::max(maxMemory, step.memoryMb);
            double visits = 1;
            if (cost)
                for (const auto &v : cost->steps)
                    if (v.name == state.name)
                        visits = v.visits;
            expectedMs += step.durationMs * visits;
            privateResources = privateResources || step.egress == design::Egress::VpcPrivate;
        } else if (kind == asl::TaskKind::Http) {
            units.push_back({state.name, "HTTP Task (no Lambda)", design::Egress::Internet, false, true});
        }
    }

    const bool designed = architecture == Architecture::AsDesigned;
    // Columns: trigger | state machine | VPC (functions, private resources) | NAT on the VPC edge | internet.
    const double trigX = 20, trigW = 160;
    const double smX = 215, smW = 170;
    const double vpcX = designed ? 420 : 215;
    const double fnX = vpcX + 20, fnW = 200;
    const double resW = 150;
    const double vpcW = 20 + fnW + 30 + (privateResources ? resW + 20 : 0) + 40;
    const double natX = vpcX + vpcW;
    const double cloudX = natX + 150;

    std::vector<Unit> inside, outside;
    if (designed) {
        for (const Unit &u : units)
            (u.inside ? inside : outside).push_back(u);
    } else {
        const bool internet = std::any_of(units.begin(), units.end(),
                                          [](const Unit &u) { return u.egress == design::Egress::Internet; });
        inside.push_back({"One Lambda: all the code",
                          std::to_string(maxMemory) + " MB · " + msText(expectedMs),
                          internet ? design::Egress::Internet : design::Egress::None, true, false});
    }
    const int azs = std::max(1, project.vpc.availabilityZones);
    const bool natNeeded = std::any_of(inside.begin(), inside.end(),
                                       [](const Unit &u) { return u.egress == design::Egress::Internet; });
    const int natCount = natNeeded ? (designed ? 1 : azs) : 0;
    const double vpcY = 50;
    // NAT gateways sit on the VPC's right edge in the top rows, private resources in the bottom row, so the
    // internet arrows and the database arrows never cross.
    const double insideRows = std::max<double>({static_cast<double>(inside.size()), 1.0,
                                                static_cast<double>(natCount + (privateResources ? 1 : 0))});
    const double vpcH = insideRows * kRowHeight + 40;
    const double outsideY = vpcY + vpcH + 30;
    const double totalH =
        outside.empty() ? vpcY + vpcH + 30 : outsideY + static_cast<double>(outside.size()) * kRowHeight + 16;
    const double width = cloudX + 100;

    SvgWriter svg(0, 0, width, totalH);
    svg.rect(0, 0, width, totalH, "#FFFFFF", "none");
    svg.text(20, 24,
             designed ? "As designed: " +
                            std::string(project.workflowType == design::WorkflowType::Express ? "Express"
                                                                                              : "Standard") +
                            " state machine, each step placed as drawn"
                      : "NAT baseline: one Lambda in the VPC, a NAT gateway in each AZ",
             14, style::kText, "start", "font-weight=\"bold\"");

    style::vpcBoundary(svg, vpcX, vpcY, vpcW, vpcH, project.vpc.name, project.vpc.availabilityZones);
    const double midY = vpcY + vpcH / 2;
    box(svg, trigX, midY - kBoxH / 2, trigW, style::kService, triggerLabel(project.usage.trigger),
        project.usage.trigger == design::Trigger::None ? "starts each execution" : "trigger");

    auto rowY = [&](std::size_t i, double top) { return top + 20 + static_cast<double>(i) * kRowHeight; };
    double sourceX = 0;
    if (designed) {
        const double smTop = vpcY, smH = totalH - vpcY - 14;
        svg.rect(smX, smTop, smW, smH, "#FDF2F8", "#E7157B", 10, "stroke-width=\"1.6\"");
        svg.text(smX + smW / 2, smTop + 24, "Step Functions", 12.5, style::kText, "middle",
                 "font-weight=\"bold\"");
        svg.text(smX + smW / 2, smTop + 40,
                 project.workflowType == design::WorkflowType::Express ? "Express workflow"
                                                                       : "Standard workflow",
                 10, style::kMuted, "middle");
        if (cost && cost->transitionsPerExecution > 0) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.1f transitions / execution", cost->transitionsPerExecution);
            svg.text(smX + smW / 2, smTop + 56, buf, 10, style::kMuted, "middle");
        }
        svg.arrow(trigX + trigW, midY, smX, midY, style::kEdge);
        sourceX = smX + smW;
    } else {
        sourceX = trigX + trigW;
    }

    const double resY = vpcY + vpcH - 20 - kBoxH;
    std::vector<std::pair<double, double>> toNat, toCloud;
    for (std::size_t i = 0; i < inside.size(); ++i) {
        const double y = rowY(i, vpcY);
        box(svg, fnX, y, fnW, style::kLambda, inside[i].name, "Lambda · " + inside[i].detail);
        svg.arrow(sourceX, designed ? y + kBoxH / 2 : midY, fnX, y + kBoxH / 2, style::kEdge);
        if (inside[i].egress == design::Egress::Internet)
            toNat.emplace_back(fnX + fnW, y + kBoxH / 2);
        if (privateResources && (!designed || inside[i].egress == design::Egress::VpcPrivate))
            svg.arrow(fnX + fnW, y + kBoxH / 2 + 6, fnX + fnW + 30, resY + kBoxH / 2, "#15803D", 1.2);
    }
    if (privateResources)
        box(svg, fnX + fnW + 30, resY, resW, {"#ECFDF5", "#15803D", ""}, "Private resources",
            "RDS, caches… in the VPC");
    for (std::size_t i = 0; i < outside.size(); ++i) {
        const double y = rowY(i, outsideY) - 10;
        const Unit &u = outside[i];
        box(svg, fnX, y, fnW, u.http ? style::kHttp : style::kLambda, u.name,
            u.http ? u.detail : "Lambda · " + u.detail);
        svg.arrow(sourceX, y + kBoxH / 2, fnX, y + kBoxH / 2, style::kEdge);
        if (u.egress == design::Egress::Internet)
            toCloud.emplace_back(fnX + fnW, y + kBoxH / 2);
        if (u.egress == design::Egress::VpcPrivate)
            svg.text(fnX + fnW + 8, y + kBoxH / 2 + 4, "cannot reach VPC-private resources", 10,
                     style::kInternet);
    }

    const double cloudY = outside.empty() ? vpcY + 20 + kBoxH / 2 + (natCount > 1 ? kRowHeight / 2 : 0)
                                          : (vpcY + vpcH + outsideY) / 2;
    if (!outside.empty())
        svg.text(fnX, outsideY - 8, "Outside the VPC", 11, style::kMuted, "start", "font-style=\"italic\"");
    for (int n = 0; n < natCount; ++n) {
        const double ny = rowY(static_cast<std::size_t>(n), vpcY) + kBoxH / 2;
        for (const auto &[x, y] : toNat)
            svg.arrow(x, y, natX - 45, ny, style::kInternet, 1.3, true);
        svg.arrow(natX + 45, ny, cloudX - 56, cloudY, style::kInternet, 1.3, true);
        style::natGateway(svg, natX, ny,
                          designed ? "× " + std::to_string(azs) + " AZ" : "AZ " + std::to_string(n + 1));
    }
    for (const auto &[x, y] : toCloud)
        svg.arrow(x, y, cloudX - 56, cloudY, style::kInternet, 1.3, true);
    if (natCount > 0 || !toCloud.empty())
        style::internetCloud(svg, cloudX, cloudY);
    return {svg.finish(), width, totalH, {}};
}

} // namespace egress::report

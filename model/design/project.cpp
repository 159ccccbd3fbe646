#include "design/project.h"

#include <array>
#include <utility>

namespace egress::design {

StepDesign Project::step(const std::string &stateName) const
{
    const auto it = steps.find(stateName);
    return it == steps.end() ? StepDesign{} : it->second;
}

namespace {

template <typename E, std::size_t N>
const char *nameOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &[v, name] : table)
        if (v == value)
            return name;
    return table[0].second;
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table, const std::string &s)
{
    for (const auto &[v, name] : table)
        if (s == name)
            return v;
    return std::nullopt;
}

constexpr std::array<std::pair<Placement, const char *>, 2> kPlacements{{
    {Placement::InsideVpc, "inside-vpc"},
    {Placement::OutsideVpc, "outside-vpc"},
}};
constexpr std::array<std::pair<Egress, const char *>, 5> kEgress{{
    {Egress::None, "none"},
    {Egress::Internet, "internet"},
    {Egress::AwsGatewayEndpoint, "aws-gateway-endpoint"},
    {Egress::AwsInterfaceEndpoint, "aws-interface-endpoint"},
    {Egress::VpcPrivate, "vpc-private"},
}};
constexpr std::array<std::pair<Architecture, const char *>, 2> kArchitectures{{
    {Architecture::X86_64, "x86_64"},
    {Architecture::Arm64, "arm64"},
}};
constexpr std::array<std::pair<Trigger, const char *>, 4> kTriggers{{
    {Trigger::ApiGatewayRest, "api-gateway-rest"},
    {Trigger::ApiGatewayHttp, "api-gateway-http"},
    {Trigger::EventBridge, "eventbridge"},
    {Trigger::None, "none"},
}};
constexpr std::array<std::pair<WorkflowType, const char *>, 2> kWorkflowTypes{{
    {WorkflowType::Standard, "STANDARD"},
    {WorkflowType::Express, "EXPRESS"},
}};

} // namespace

const char *toString(Placement value)
{
    return nameOf(kPlacements, value);
}
const char *toString(Egress value)
{
    return nameOf(kEgress, value);
}
const char *toString(Architecture value)
{
    return nameOf(kArchitectures, value);
}
const char *toString(Trigger value)
{
    return nameOf(kTriggers, value);
}
const char *toString(WorkflowType value)
{
    return nameOf(kWorkflowTypes, value);
}

std::optional<Placement> placementFromString(const std::string &s)
{
    return valueOf(kPlacements, s);
}
std::optional<Egress> egressFromString(const std::string &s)
{
    return valueOf(kEgress, s);
}
std::optional<Architecture> architectureFromString(const std::string &s)
{
    return valueOf(kArchitectures, s);
}
std::optional<Trigger> triggerFromString(const std::string &s)
{
    return valueOf(kTriggers, s);
}
std::optional<WorkflowType> workflowTypeFromString(const std::string &s)
{
    return valueOf(kWorkflowTypes, s);
}

} // namespace egress::design

// The VPC and the trigger of an imported design: what the template's network resources and events say.
#include "asl/workflow.h"
#include "template/derive.h"
#include "template/references.h"
#include "template/schedule.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace egress::tmpl {

namespace {

std::string joinIds(const std::vector<std::string> &ids)
{
    std::string out;
    for (const auto &id : ids)
        out += (out.empty() ? "" : ", ") + id;
    return out;
}

/** A subnet's zone: "us-east-1a", "#0" for `!Select [0, !GetAZs '']`; empty with `why` when unknown. */
std::string zoneOf(const Template &t, const Json &subnet, std::string &why)
{
    std::string id;
    if (asl::isIntrinsic(subnet) && subnet.begin().key() == "Ref" && subnet.begin().value().is_string())
        id = subnet.begin().value().get<std::string>();
    else if (asl::isIntrinsic(subnet) && subnet.begin().key() == "Fn::GetAtt" &&
             subnet.begin().value().is_array() && !subnet.begin().value().empty())
        id = subnet.begin().value()[0].is_string() ? subnet.begin().value()[0].get<std::string>() : "";
    if (id.empty() || t.typeOf(id) != "AWS::EC2::Subnet") {
        why = "subnet " + subnet.dump() + " is not an AWS::EC2::Subnet of this template";
        return {};
    }
    const Json *props = t.properties(id);
    const Json zone = props ? props->value("AvailabilityZone", Json()) : Json();
    if (zone.is_string())
        return zone.get<std::string>();
    // !Select [n, !GetAZs ''] (or !GetAZs !Ref AWS::Region): the n-th zone of the region.
    if (asl::isIntrinsic(zone) && zone.begin().key() == "Fn::Select") {
        const Json &arg = zone.begin().value();
        if (arg.is_array() && arg.size() == 2 && asl::isIntrinsic(arg[1]) &&
            arg[1].begin().key() == "Fn::GetAZs") {
            if (arg[0].is_number_integer())
                return "#" + std::to_string(arg[0].get<int>());
            if (arg[0].is_string())
                return "#" + arg[0].get<std::string>();
        }
    }
    if (const Json *p = t.properties(id);
        p && p->contains("AvailabilityZoneId") && (*p)["AvailabilityZoneId"].is_string())
        return (*p)["AvailabilityZoneId"].get<std::string>();
    why = "the zone of subnet " + id + " is " + (zone.is_null() ? std::string("not set") : zone.dump());
    return {};
}

/** Does `value` name the state machine (Ref, GetAtt .Arn, Sub "${SM}")? */
bool namesStateMachine(const Json &value, const std::string &stateMachine)
{
    bool found = false;
    forEachReference(value, "", [&](const std::string &name, const std::string &, const std::string &) {
        found = found || name == stateMachine;
    });
    return found;
}

struct Trigger
{
    design::Trigger kind;
    std::string pointer;
    std::optional<std::string> schedule;
    std::string schedulePointer;
};

} // namespace

void deriveVpc(const Template &t, design::Project &project, std::vector<Diagnostic> &notes)
{
    std::set<std::string> functions;
    for (const auto &[name, step] : project.steps)
        if (!step.function.empty() && step.placement == design::Placement::InsideVpc)
            functions.insert(step.function);
    std::set<std::string> zones;
    std::set<std::string> vpcIds;
    bool unresolved = false;
    for (const std::string &id : functions) {
        const Json props = functionProperties(t, id);
        const Json subnets = props.contains("VpcConfig") && props["VpcConfig"].is_object()
                                 ? props["VpcConfig"].value("SubnetIds", Json())
                                 : Json();
        const std::string pointer = t.properties(id) && t.properties(id)->contains("VpcConfig")
                                        ? resourcePointer(id, "VpcConfig") + "/SubnetIds"
                                        : "/Globals/Function/VpcConfig/SubnetIds";
        if (!subnets.is_array()) {
            notes.push_back(
                t.at(Severity::Info, pointer,
                     "the subnets of " + id + " are " + subnets.dump() +
                         " (known only at deployment): their availability zones cannot be counted"));
            unresolved = true;
            continue;
        }
        for (std::size_t i = 0; i < subnets.size(); ++i) {
            std::string why;
            const std::string zone = zoneOf(t, subnets[i], why);
            if (zone.empty()) {
                notes.push_back(t.at(Severity::Info, pointer + "/" + std::to_string(i),
                                     why + ": its availability zone is not counted"));
                unresolved = true;
                continue;
            }
            zones.insert(zone);
            const std::string subnet = subnets[i].begin().value().is_string()
                                           ? subnets[i].begin().value().get<std::string>()
                                           : subnets[i].begin().value()[0].get<std::string>();
            if (const Json *sp = t.properties(subnet); sp && sp->contains("VpcId"))
                forEachReference((*sp)["VpcId"], "",
                                 [&](const std::string &name, const std::string &, const std::string &) {
                                     if (t.typeOf(name) == "AWS::EC2::VPC")
                                         vpcIds.insert(name);
                                 });
        }
    }
    if (!zones.empty()) {
        project.vpc.availabilityZones =
            std::clamp(static_cast<int>(zones.size()), 1, design::kMaxAvailabilityZones);
    } else if (!functions.empty() && unresolved) {
        notes.push_back(
            t.at(Severity::Info, "/Resources",
                 "no availability zone of the in-VPC functions could be resolved; the VPC keeps " +
                     std::to_string(project.vpc.availabilityZones) + " zones"));
    }
    if (vpcIds.size() == 1)
        project.vpc.name = *vpcIds.begin();

    // What the network already pays for: noted, so the user sees it beside the design's own count.
    std::vector<std::string> nats, eips, eigws, gatewayEndpoints, interfaceEndpoints;
    for (const auto &[id, resource] : t.resources().items()) {
        const std::string type = t.typeOf(id);
        if (type == "AWS::EC2::NatGateway")
            nats.push_back(id);
        else if (type == "AWS::EC2::EIP")
            eips.push_back(id);
        else if (type == "AWS::EC2::EgressOnlyInternetGateway")
            eigws.push_back(id);
        else if (type == "AWS::EC2::VPCEndpoint") {
            const Json *props = t.properties(id);
            const Json service = props ? props->value("ServiceName", Json()) : Json();
            std::string text = service.is_string() ? service.get<std::string>()
                               : asl::isIntrinsic(service) && service.begin().value().is_string()
                                   ? service.begin().value().get<std::string>()
                                   : std::string();
            const std::string name = text.empty() ? id : text.substr(text.rfind('.') + 1);
            const std::string kind =
                props ? props->value("VpcEndpointType", std::string("Gateway")) : "Gateway";
            (kind == "Interface" ? interfaceEndpoints : gatewayEndpoints).push_back(name + " (" + id + ")");
        }
    }
    auto noteFound = [&](const std::vector<std::string> &ids, const std::string &what) {
        if (ids.empty())
            return;
        const std::string first =
            ids.front().substr(ids.front().find('(') == std::string::npos ? 0 : ids.front().find('(') + 1);
        const std::string firstId = first.back() == ')' ? first.substr(0, first.size() - 1) : first;
        notes.push_back(t.at(Severity::Info, resourcePointer(firstId),
                             "the template already has " + std::to_string(ids.size()) + " " + what + ": " +
                                 joinIds(ids)));
    };
    noteFound(nats, nats.size() == 1 ? "NAT gateway" : "NAT gateways");
    noteFound(eips, eips.size() == 1 ? "Elastic IP" : "Elastic IPs");
    noteFound(gatewayEndpoints,
              gatewayEndpoints.size() == 1 ? "gateway VPC endpoint" : "gateway VPC endpoints");
    noteFound(interfaceEndpoints,
              interfaceEndpoints.size() == 1 ? "interface VPC endpoint" : "interface VPC endpoints");
    noteFound(eigws, "egress-only internet gateway");
}

void deriveTrigger(const Template &t, const std::string &stateMachine, design::Project &project,
                   std::vector<Diagnostic> &notes)
{
    std::vector<Trigger> triggers;
    // SAM events on the state machine itself.
    const Json *props = t.properties(stateMachine);
    if (props && props->contains("Events") && (*props)["Events"].is_object()) {
        for (const auto &[name, event] : (*props)["Events"].items()) {
            const std::string pointer =
                resourcePointer(stateMachine, "Events") + "/" + asl::escapePointerToken(name);
            const std::string type = event.is_object() ? event.value("Type", std::string()) : std::string();
            const Json eventProps =
                event.is_object() ? event.value("Properties", Json::object()) : Json::object();
            if (type == "Api")
                triggers.push_back({design::Trigger::ApiGatewayRest, pointer, std::nullopt, {}});
            else if (type == "HttpApi")
                triggers.push_back({design::Trigger::ApiGatewayHttp, pointer, std::nullopt, {}});
            else if (type == "Schedule" || type == "ScheduleV2") {
                const char *key = type == "Schedule" ? "Schedule" : "ScheduleExpression";
                const Json expression = eventProps.value(key, Json());
                triggers.push_back(
                    {design::Trigger::EventBridge, pointer,
                     expression.is_string() ? std::optional(expression.get<std::string>()) : std::nullopt,
                     pointer + "/Properties/" + key});
                if (!expression.is_string())
                    notes.push_back(t.at(Severity::Info, pointer,
                                         "the schedule of event " + name + " is " + expression.dump() +
                                             ": its volume is not counted"));
            } else if (type == "EventBridgeRule" || type == "CloudWatchEvent")
                triggers.push_back({design::Trigger::EventBridge, pointer, std::nullopt, {}});
            else
                notes.push_back(t.at(Severity::Info, pointer,
                                     "event " + name + " of type " + (type.empty() ? "(none)" : type) +
                                         " is not a trigger the design prices (API Gateway or EventBridge)"));
        }
    }
    // EventBridge rules and EventBridge Scheduler schedules that target it.
    for (const auto &[id, resource] : t.resources().items()) {
        const std::string type = t.typeOf(id);
        const Json *rp = t.properties(id);
        if (!rp)
            continue;
        if (type == "AWS::Events::Rule" && rp->contains("Targets") &&
            namesStateMachine((*rp)["Targets"], stateMachine)) {
            const Json expression = rp->value("ScheduleExpression", Json());
            triggers.push_back(
                {design::Trigger::EventBridge, resourcePointer(id),
                 expression.is_string() ? std::optional(expression.get<std::string>()) : std::nullopt,
                 resourcePointer(id, "ScheduleExpression")});
        } else if (type == "AWS::Scheduler::Schedule" && rp->contains("Target") &&
                   namesStateMachine((*rp)["Target"], stateMachine)) {
            const Json expression = rp->value("ScheduleExpression", Json());
            triggers.push_back(
                {design::Trigger::EventBridge, resourcePointer(id),
                 expression.is_string() ? std::optional(expression.get<std::string>()) : std::nullopt,
                 resourcePointer(id, "ScheduleExpression")});
        }
    }
    if (triggers.empty()) {
        notes.push_back(t.at(Severity::Info, resourcePointer(stateMachine),
                             "nothing in the template starts the state machine (no API, EventBridge rule or "
                             "schedule): trigger none and 1,000,000 executions a month are assumed"));
        return;
    }
    project.usage.trigger = triggers.front().kind;
    if (triggers.size() > 1) {
        bool mixed = false;
        for (const auto &trigger : triggers)
            mixed = mixed || trigger.kind != triggers.front().kind;
        if (mixed)
            notes.push_back(
                t.at(Severity::Info, triggers[1].pointer,
                     "the state machine has more than one kind of trigger; the design prices the first (" +
                         std::string(design::toString(triggers.front().kind)) + ")"));
    }
    double executions = 0;
    bool counted = false, uncounted = false;
    for (const auto &trigger : triggers) {
        if (!trigger.schedule) {
            uncounted = true;
            continue;
        }
        std::string why;
        if (auto perMonth = executionsPerMonth(*trigger.schedule, why)) {
            executions += *perMonth;
            counted = true;
        } else {
            notes.push_back(
                t.at(Severity::Info, trigger.schedulePointer, why + ": its volume is not counted"));
            uncounted = true;
        }
    }
    if (counted)
        project.usage.executionsPerMonth = std::round(executions * 100) / 100;
    if (uncounted)
        notes.push_back(t.at(Severity::Info, triggers.front().pointer,
                             counted
                                 ? "some triggers have no schedule: their executions are not counted in " +
                                       std::to_string(static_cast<long long>(executions)) + " a month"
                                 : "the template does not say how often the state machine runs: 1,000,000 "
                                   "executions a month are assumed"));
}

} // namespace egress::tmpl

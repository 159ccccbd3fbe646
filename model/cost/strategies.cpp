// The nine egress strategies priced from one workload (docs/cost-model.md has every formula).
#include "cost/costengine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <optional>
#include <set>

namespace egress::cost {

using asl::Json;
using asl::StateType;
using asl::TaskKind;
using design::Egress;
using design::Placement;

namespace {

constexpr double kHoursPerMonth = 730;
constexpr double kKbPerGb = 1024.0 * 1024.0;
constexpr double kExpressMaxSeconds = 300;
constexpr double kLambdaMaxSeconds = 900;
constexpr double kHttpTaskMaxSeconds = 60;
constexpr double kNatInstanceEbsGb = 8;

/** One Task state as the bill sees it. */
struct TaskUse
{
    int state = -1;
    std::string_view stateName; ///< the graph's (not copied: a reprice copies nothing per step)
    TaskKind kind = TaskKind::Unknown;
    const design::StepDesign *design = nullptr;
    double calls = 0; ///< attempts per main execution (visits × attempts)
    double wait = 0;  ///< expected retry back-off per main execution, seconds

    std::string_view name() const { return stateName; }
    bool runsCode() const { return kind == TaskKind::Lambda || kind == TaskKind::Placeholder; }
    bool internet() const { return design->egress == Egress::Internet; }
    double trafficKb() const { return calls * (design->requestKb + design->responseKb); }
    double gbSeconds() const
    {
        return calls * design->memoryMb / 1024.0 * std::ceil(design->durationMs) / 1000.0;
    }
};

std::string num(double v, int decimals = 4)
{
    return formatNumber(v, decimals);
}

std::string hourly(const Price &price)
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "$%.10g/h", price.usd());
    return buffer;
}

/** Everything the strategies share: the workload and the prices. */
class Pricer
{
public:
    Pricer(const design::Project &project, const WorkflowGraph &graph, const VisitAnalysis &visits,
           const PriceTable &prices, CostReport &report, std::vector<const design::StepDesign *> designs)
        : m_project(project), m_graph(graph), m_visits(visits), m_prices(prices), m_report(report),
          m_designs(std::move(designs))
    {
        static const design::StepDesign defaults;
        const auto &states = graph.states();
        for (std::size_t s = 0; s < states.size(); ++s) {
            const design::StepDesign *d = m_designs[s] ? m_designs[s] : &defaults;
            m_designs[s] = d;
            m_dataKb = std::max({m_dataKb, d->requestKb, d->responseKb});
            if (states[s].type != StateType::Task)
                continue;
            TaskUse use;
            use.state = static_cast<int>(s);
            use.stateName = states[s].name;
            use.kind = states[s].task;
            use.design = d;
            use.calls = visits.visits[s] * visits.attempts[s];
            use.wait = visits.visits[s] * visits.retryWaitSeconds[s];
            m_tasks.push_back(use);
        }
        // VisitAnalysis::transitions(g) for every group in one pass (same order of additions: same sums).
        m_groupTransitions.assign(visits.groups.size(), 0.0);
        for (std::size_t s = 0; s < states.size(); ++s)
            m_groupTransitions[static_cast<std::size_t>(visits.stateGroup[s])] +=
                visits.visits[s] * visits.attempts[s];
        computeScopeSeconds();
        m_az = std::max(1, project.vpc.availabilityZones);
        m_free = project.usage.freeTier;
    }

    StrategyCost monolith(const std::string &id);
    StrategyCost stepFunctions(bool express, bool replaceInternetLambdas);
    /** Σ visits × attempts of the states billed in an execution group (VisitAnalysis::transitions). */
    double transitions(std::size_t group) const { return m_groupTransitions[group]; }
    /** The estimated duration of one execution (the top scope), in seconds. */
    double executionSeconds() const { return m_scopeSeconds.empty() ? 0 : m_scopeSeconds[0]; }

private:
    double free(const char *id) const { return m_free ? m_prices.freeQuantity(id) : 0.0; }
    /** Prices newer than requiredPriceIds() (older user tables may lack them: the strategy is unavailable).
     */
    bool has(const char *id) const { return m_prices.prices.count(id) != 0; }
    const Price &price(const char *id)
    {
        const Price &p = m_prices.price(id);
        if (p.estimate)
            m_estimates.insert(id);
        return p;
    }
    /** The price for a meter: one shared copy per id and report. */
    std::shared_ptr<const Price> meterPrice(const char *id)
    {
        for (const auto &[key, shared] : m_meterPrices)
            if (key == id)
                return shared;
        return m_meterPrices.emplace_back(id, std::make_shared<const Price>(price(id))).second;
    }
    std::vector<std::pair<std::string, std::shared_ptr<const Price>>> m_meterPrices;

public:
    std::set<std::string> m_estimates;
    std::set<std::string> m_freeUsed;

private:
    void computeScopeSeconds();
    double expressGb() const;
    /** The six one-function strategies see the tasks the same way: summed up once, on first use. */
    struct OneFunction
    {
        int memory = 128;
        bool allArm = true;
        double ms = 0;
        double internetKb = 0;
        std::vector<const TaskUse *> interfaceSteps, privateSteps, internetSteps, insideSteps;
    };
    const OneFunction &oneFunction();
    /** Step names for notes, "a", "b" (quoted) or a, b: the same lists recur across strategies, so each is
     * written once per pricing (with 1,000 states a list can hold hundreds of names). */
    const std::string &names(const std::vector<const TaskUse *> &steps, bool quoted);
    LineItem lambdaRequests(double perExecution);
    LineItem lambdaDuration(double x86GbSeconds, double armGbSeconds, const std::string &how);
    void addTrigger(StrategyCost &s);
    void addTransfer(StrategyCost &s);
    void addNatGateway(StrategyCost &s, double trafficKbPerExecution, const std::string &why);
    void addSingleNatGateway(StrategyCost &s, double trafficKbPerExecution);
    void addRegionalNatGateway(StrategyCost &s, double trafficKbPerExecution);
    void addInterfaceEndpoints(StrategyCost &s, const std::vector<const TaskUse *> &steps);
    void addHttpSecret(StrategyCost &s, const std::vector<const TaskUse *> &steps);
    LineItem item(const char *id, const char *label, std::vector<Meter> meters);

    const design::Project &m_project;
    const WorkflowGraph &m_graph;
    const VisitAnalysis &m_visits;
    const PriceTable &m_prices;
    CostReport &m_report;
    std::vector<TaskUse> m_tasks;
    std::vector<const design::StepDesign *> m_designs; ///< per state, defaults when the project has none
    std::vector<double> m_scopeSeconds;
    std::vector<double> m_groupTransitions;
    std::optional<OneFunction> m_oneFunction;
    struct NameList
    {
        bool quoted;
        std::vector<const TaskUse *> steps;
        std::string text;
    };
    std::deque<NameList> m_nameLists; // a deque: references stay valid as lists are added
    double m_dataKb = 0;
    int m_az = 2;
    bool m_free = true;
};

LineItem Pricer::item(const char *id, const char *label, std::vector<Meter> meters)
{
    LineItem li;
    li.id = id;
    li.label = label;
    li.meters = std::move(meters);
    for (const Meter &m : li.meters)
        li.estimate = li.estimate || (m.price && m.price->estimate);
    return li;
}

void Pricer::computeScopeSeconds()
{
    const auto &states = m_graph.states();
    const auto &scopes = m_graph.scopes();
    m_scopeSeconds.assign(scopes.size(), 0);
    // Children have higher scope indexes than their parents: walk backwards so every child is done first.
    for (std::size_t sc = scopes.size(); sc-- > 0;) {
        double total = 0;
        for (int s : scopes[sc].states) {
            const auto u = static_cast<std::size_t>(s);
            const GraphState &gs = m_graph.states()[u];
            const double v = m_visits.localVisits[u];
            if (v == 0)
                continue;
            const double tries = m_visits.attempts[u];
            double seconds = 0;
            switch (gs.type) {
            case StateType::Task:
                seconds = tries * m_designs[u]->durationMs / 1000.0;
                break;
            case StateType::Wait:
                seconds = gs.waitSeconds;
                break;
            case StateType::Parallel: {
                double longest = 0;
                for (int child : states[u].childScopes)
                    longest = std::max(longest, m_scopeSeconds[static_cast<std::size_t>(child)]);
                seconds = tries * longest;
                break;
            }
            case StateType::Map: {
                const double children = m_visits.mapItems[u] / gs.itemsPerBatch;
                double concurrency = gs.maxConcurrency;
                if (concurrency <= 0)
                    concurrency = gs.mapMode == MapMode::Distributed ? 10000 : children;
                const double rounds =
                    children <= 0 ? 0 : std::ceil(children / std::min(concurrency, children));
                double processor = 0;
                for (int child : states[u].childScopes)
                    processor = std::max(processor, m_scopeSeconds[static_cast<std::size_t>(child)]);
                seconds = tries * rounds * processor;
                break;
            }
            default:
                break;
            }
            total += v * (seconds + m_visits.retryWaitSeconds[u]);
        }
        m_scopeSeconds[sc] = total;
    }
    // A measured duration (CloudWatch ExecutionTime, `cost --usage`) is better than the steps' sum: it has
    // the service's own overhead and the real waits in it.
    if (m_project.usage.executionSeconds && !m_scopeSeconds.empty())
        m_scopeSeconds[0] = *m_project.usage.executionSeconds;
}

double Pricer::expressGb() const
{
    // Step Functions' Express memory estimate: 50 MB + definition size + data size × number of Parallel/Map
    // states, billed in 64 MB chunks.
    // A definition is at most 1 MB: its exact size matters only when that 1 MB could change the chunk count.
    const double base = 50 + m_dataKb / 1024.0 * m_graph.parallelAndMapCount();
    double mb = base;
    if (std::ceil((base + 1) / 64) != std::ceil(base / 64) || base / 64 == std::ceil(base / 64))
        mb += static_cast<double>(minifiedSize(m_project.definition)) / (1024.0 * 1024.0);
    return std::ceil(mb / 64) * 64 / 1024.0;
}

LineItem Pricer::lambdaRequests(double perExecution)
{
    const double f = free("lambda-request");
    if (f > 0)
        m_freeUsed.insert("lambda-request");
    return item("lambda-requests", "Lambda requests",
                {usageMeter(perExecution, meterPrice("lambda-request"), f, "invocations")});
}

LineItem Pricer::lambdaDuration(double x86, double arm, const std::string &how)
{
    // The free 400,000 GB-s cover both architectures together: each gets the share of its GB-seconds, so
    // each meter stays linear in the volume.
    const double total = x86 + arm;
    const double f = free("lambda-gb-second");
    if (f > 0)
        m_freeUsed.insert("lambda-gb-second");
    std::vector<Meter> meters;
    if (x86 > 0 || total == 0)
        meters.push_back(usageMeter(x86, meterPrice("lambda-gb-second-x86_64"),
                                    total > 0 ? f * x86 / total : f, "GB-s x86_64"));
    if (arm > 0)
        meters.push_back(
            usageMeter(arm, meterPrice("lambda-gb-second-arm64"), f * arm / total, "GB-s arm64"));
    LineItem li = item("lambda-duration", "Lambda duration", std::move(meters));
    li.label += how.empty() ? "" : " (" + how + ")";
    return li;
}

void Pricer::addTrigger(StrategyCost &s)
{
    const char *priceId = nullptr;
    const char *label = nullptr;
    switch (m_project.usage.trigger) {
    case design::Trigger::ApiGatewayRest:
        priceId = "apigw-rest-request";
        label = "API Gateway REST API requests";
        break;
    case design::Trigger::ApiGatewayHttp:
        priceId = "apigw-http-request";
        label = "API Gateway HTTP API requests";
        break;
    case design::Trigger::EventBridge:
        priceId = "eventbridge-event";
        label = "EventBridge events";
        break;
    case design::Trigger::None:
        return;
    }
    s.items.push_back(item("trigger-requests", label, {usageMeter(1, meterPrice(priceId), 0, "requests")}));
}

void Pricer::addTransfer(StrategyCost &s)
{
    // Outbound bytes of every internet call (requests); responses come in free. The same in every strategy.
    double kb = 0;
    for (const TaskUse &t : m_tasks)
        if (t.internet())
            kb += t.calls * t.design->requestKb;
    if (kb == 0)
        return;
    const double f = free("data-transfer-out-gb");
    if (f > 0)
        m_freeUsed.insert("data-transfer-out-gb");
    s.items.push_back(item("data-transfer-out", "Data transfer out to the internet",
                           {usageMeter(kb / kKbPerGb, meterPrice("data-transfer-out-gb"), f, "GB")}));
}

void Pricer::addNatGateway(StrategyCost &s, double trafficKb, const std::string &why)
{
    const Price &hour = price("nat-gateway-hour");
    const Price &ipv4 = price("public-ipv4-hour");
    const std::string az = std::to_string(m_az) + " AZ × 730 h × ";
    s.items.push_back(item("nat-gateway-hours", "NAT gateway hours",
                           {fixedMeter(m_az * kHoursPerMonth * hour.usd(), az + hourly(hour))}));
    s.items.back().estimate = hour.estimate;
    s.items.push_back(item("nat-public-ipv4", "NAT gateway public IPv4 address",
                           {fixedMeter(m_az * kHoursPerMonth * ipv4.usd(), az + hourly(ipv4))}));
    s.items.push_back(item("nat-data-processing", "NAT gateway data processed",
                           {usageMeter(trafficKb / kKbPerGb, meterPrice("nat-gateway-gb"), 0, "GB")}));
    s.items.back().estimate = price("nat-gateway-gb").estimate;
    if (!why.empty())
        s.notes.push_back(why);
}

void Pricer::addSingleNatGateway(StrategyCost &s, double trafficKb)
{
    // One zonal NAT gateway for every AZ (Terraform's single_nat_gateway): the function runs in all the VPC's
    // AZs, so (AZs − 1)/AZs of its internet traffic reaches the NAT from another AZ. Inter-AZ transfer is
    // billed out of one AZ and again into the other, for the request going out and the response coming back.
    const Price &hour = price("nat-gateway-hour");
    const Price &ipv4 = price("public-ipv4-hour");
    s.items.push_back(
        item("nat-gateway-hours", "NAT gateway hours (one NAT gateway)",
             {fixedMeter(kHoursPerMonth * hour.usd(), "1 NAT gateway × 730 h × " + hourly(hour))}));
    s.items.back().estimate = hour.estimate;
    s.items.push_back(item("nat-public-ipv4", "NAT gateway public IPv4 address",
                           {fixedMeter(kHoursPerMonth * ipv4.usd(), "1 address × 730 h × " + hourly(ipv4))}));
    s.items.push_back(item("nat-data-processing", "NAT gateway data processed",
                           {usageMeter(trafficKb / kKbPerGb, meterPrice("nat-gateway-gb"), 0, "GB")}));
    s.items.back().estimate = price("nat-gateway-gb").estimate;
    if (m_az > 1) {
        if (!has("inter-az-transfer-gb")) {
            s.available = false;
            s.notes.push_back("unavailable: the price table has no inter-az-transfer-gb price");
        } else {
            // Both directions of the crossing traffic, each billed on both sides: 2 × (AZs − 1)/AZs per GB.
            const double crossing = 2.0 * (m_az - 1) / m_az;
            LineItem x =
                item("inter-az-transfer", "Inter-AZ transfer to the shared NAT gateway",
                     {usageMeter(trafficKb / kKbPerGb * crossing, meterPrice("inter-az-transfer-gb"), 0,
                                 "GB-crossings (2 × " + std::to_string(m_az - 1) + "/" +
                                     std::to_string(m_az) + " of the NAT traffic)")});
            s.items.push_back(x);
        }
        const std::string perGb = has("inter-az-transfer-gb")
                                      ? formatUsd(m_prices.price("inter-az-transfer-gb").usd()) + "/GB"
                                      : "per GB";
        s.notes.push_back("one NAT gateway for all " + std::to_string(m_az) +
                          " AZs: traffic from the other " + std::to_string(m_az - 1) +
                          " AZ(s) crosses zones (" + perGb +
                          " out of one AZ and again into the other, both directions)");
        s.notes.push_back("an outage of the NAT gateway's AZ cuts internet access for every AZ");
    }
}

void Pricer::addRegionalNatGateway(StrategyCost &s, double trafficKb)
{
    // A regional NAT gateway bills an hour for every AZ it is active in. The function has ENIs in every
    // subnet's AZ, so the gateway expands into all of the VPC's AZs and stays there.
    if (!has("regional-nat-gateway-hour") || !has("regional-nat-gateway-gb")) {
        s.available = false;
        s.notes.push_back("unavailable: the price table has no regional-nat-gateway-hour / -gb prices");
        return;
    }
    const Price &hour = price("regional-nat-gateway-hour");
    const Price &ipv4 = price("public-ipv4-hour");
    const std::string az = std::to_string(m_az) + " active AZ × 730 h × ";
    s.items.push_back(item("regional-nat-gateway-hours", "Regional NAT gateway hours (per active AZ)",
                           {fixedMeter(m_az * kHoursPerMonth * hour.usd(), az + hourly(hour))}));
    s.items.back().estimate = hour.estimate;
    // Automatic mode allocates an Amazon-provided address in each AZ it serves: one per active AZ assumed.
    s.items.push_back(item("nat-public-ipv4", "Regional NAT gateway public IPv4 addresses",
                           {fixedMeter(m_az * kHoursPerMonth * ipv4.usd(), az + hourly(ipv4))}));
    s.items.back().estimate = true;
    s.items.push_back(
        item("nat-data-processing", "Regional NAT gateway data processed",
             {usageMeter(trafficKb / kKbPerGb, meterPrice("regional-nat-gateway-gb"), 0, "GB")}));
    s.items.back().estimate = price("regional-nat-gateway-gb").estimate;
    s.notes.push_back(
        "one regional NAT gateway (no public subnets), active in the " + std::to_string(m_az) +
        " AZs where the function has network interfaces; it expands into a new AZ by itself when "
        "a workload appears there (reportedly 15–60 minutes, with cross-AZ traffic meanwhile)");
    s.notes.push_back("one public IPv4 address per active AZ assumed (automatic mode)");
}

void Pricer::addInterfaceEndpoints(StrategyCost &s, const std::vector<const TaskUse *> &steps)
{
    if (steps.empty())
        return;
    double kb = 0;
    for (const TaskUse *t : steps)
        kb += t->trafficKb();
    const Price &hour = price("interface-endpoint-hour");
    const double endpoints = static_cast<double>(steps.size());
    Meter hours = fixedMeter(endpoints * m_az * kHoursPerMonth * hour.usd(),
                             num(endpoints, 0) + " endpoint × " + std::to_string(m_az) + " AZ × 730 h × " +
                                 hourly(hour));
    LineItem h = item("interface-endpoint-hours", "Interface endpoint hours", {hours});
    h.estimate = hour.estimate;
    s.items.push_back(h);
    s.items.push_back(item("interface-endpoint-data", "Interface endpoint data processed",
                           {usageMeter(kb / kKbPerGb, meterPrice("interface-endpoint-gb"), 0, "GB")}));
    s.notes.push_back("one interface endpoint per step that calls an AWS API through PrivateLink: " +
                      names(steps, false));
}

void Pricer::addHttpSecret(StrategyCost &s, const std::vector<const TaskUse *> &steps)
{
    if (steps.empty())
        return;
    double calls = 0;
    for (const TaskUse *t : steps)
        calls += t->calls;
    const Price &secret = price("secrets-manager-secret-month");
    const double secrets = static_cast<double>(steps.size());
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "$%.4g/secret-month", secret.usd());
    s.items.push_back(item("http-connection-secret", "EventBridge connection secret (HTTP Task)",
                           {fixedMeter(secrets * secret.usd(), num(secrets, 0) + " secret × " + buffer),
                            usageMeter(calls, meterPrice("secrets-manager-api-call"), 0, "secret reads")}));
    s.items.back().estimate = true;
}

const std::string &Pricer::names(const std::vector<const TaskUse *> &steps, bool quoted)
{
    for (const NameList &list : m_nameLists)
        if (list.quoted == quoted && list.steps == steps)
            return list.text;
    std::string text;
    for (const TaskUse *t : steps) {
        text.append(text.empty() ? "" : ", ").append(quoted ? "\"" : "").append(t->name());
        text.append(quoted ? "\"" : "");
    }
    return m_nameLists.emplace_back(NameList{quoted, steps, std::move(text)}).text;
}

const Pricer::OneFunction &Pricer::oneFunction()
{
    if (m_oneFunction)
        return *m_oneFunction;
    // One function does the work of every Task: memory of the largest step, duration the sum of the steps'
    // expected durations (retries and their back-off included), one invocation per execution.
    // Not emplace(): clang 14 (the fuzz build) does not see the nested struct as default-constructible here.
    m_oneFunction = OneFunction{};
    OneFunction &f = *m_oneFunction;
    for (const TaskUse &t : m_tasks) {
        if (t.calls == 0)
            continue;
        if (t.runsCode()) {
            f.memory = std::max(f.memory, t.design->memoryMb);
            f.allArm = f.allArm && t.design->architecture == design::Architecture::Arm64;
        }
        f.ms += t.calls * t.design->durationMs + t.wait * 1000;
        if (t.internet()) {
            f.internetKb += t.trafficKb();
            f.internetSteps.push_back(&t);
        }
        if (t.design->egress == Egress::AwsInterfaceEndpoint)
            f.interfaceSteps.push_back(&t);
        if (t.design->egress == Egress::VpcPrivate)
            f.privateSteps.push_back(&t);
        if (t.runsCode() && t.design->placement == Placement::InsideVpc)
            f.insideSteps.push_back(&t);
    }
    return f;
}

StrategyCost Pricer::monolith(const std::string &id)
{
    StrategyCost s;
    s.id = id;
    const bool inVpc = id != "outside-vpc";
    const OneFunction &work = oneFunction();
    const int memory = work.memory;
    const bool allArm = work.allArm;
    const double ms = work.ms, internetKb = work.internetKb;
    const auto &interfaceSteps = work.interfaceSteps, &privateSteps = work.privateSteps,
               &internetSteps = work.internetSteps, &insideSteps = work.insideSteps;
    const double billedMs = std::ceil(ms);
    const double gbs = memory / 1024.0 * billedMs / 1000.0;
    const std::string arch = allArm ? "arm64" : "x86_64";
    s.items.push_back(lambdaRequests(1));
    s.items.push_back(lambdaDuration(allArm ? 0 : gbs, allArm ? gbs : 0,
                                     "one function: " + std::to_string(memory) + " MB " + arch + " × " +
                                         num(billedMs, 0) + " ms"));
    addTrigger(s);
    addTransfer(s);
    if (billedMs / 1000 > kLambdaMaxSeconds) {
        s.available = false;
        s.notes.push_back("one function would run " + num(billedMs / 1000, 1) +
                          " s per execution, over Lambda's 900 s limit");
    }
    if (id == "nat-gateway") {
        s.label = "NAT gateway (one Lambda in the VPC)";
        addNatGateway(s, internetKb, "a NAT gateway in each of the VPC's " + std::to_string(m_az) + " AZs");
        if (internetSteps.empty())
            s.notes.push_back("no step calls the internet: the NAT gateway is not needed");
    } else if (id == "nat-gateway-single") {
        s.label = "One NAT gateway shared by all AZs (one Lambda in the VPC)";
        addSingleNatGateway(s, internetKb);
    } else if (id == "regional-nat-gateway") {
        s.label = "Regional NAT gateway (one Lambda in the VPC)";
        addRegionalNatGateway(s, internetKb);
    } else if (id == "ipv6-egress") {
        s.label = "IPv6 egress (one Lambda, egress-only internet gateway)";
        s.notes.push_back("dual-stack VPC with an egress-only internet gateway (free); Lambda with "
                          "Ipv6AllowedForDualStack");
        if (!m_project.usage.apiSupportsIpv6) {
            s.available = false;
            s.notes.push_back("unavailable: the third-party API does not speak IPv6 (usage.apiSupportsIpv6)");
        }
    } else if (id == "nat-instance") {
        s.label = "NAT instance (one Lambda in the VPC, t4g.nano per AZ)";
        const Price &hour = price("nat-instance-hour");
        const Price &ipv4 = price("public-ipv4-hour");
        const Price &ebs = price("ebs-gp3-gb-month");
        const std::string az = std::to_string(m_az) + " AZ × 730 h × ";
        LineItem h = item("nat-instance-hours", "NAT instance hours (t4g.nano)",
                          {fixedMeter(m_az * kHoursPerMonth * hour.usd(), az + hourly(hour))});
        h.estimate = hour.estimate;
        s.items.push_back(h);
        s.items.push_back(item("nat-public-ipv4", "NAT instance public IPv4 address",
                               {fixedMeter(m_az * kHoursPerMonth * ipv4.usd(), az + hourly(ipv4))}));
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, " GB × $%.4g/GB-month", ebs.usd());
        LineItem e = item("nat-instance-ebs", "NAT instance EBS volume (gp3)",
                          {fixedMeter(m_az * kNatInstanceEbsGb * ebs.usd(),
                                      std::to_string(m_az) + " AZ × " + num(kNatInstanceEbsGb, 0) + buffer)});
        e.estimate = ebs.estimate;
        s.items.push_back(e);
        s.notes.push_back("self-managed: patching, no managed failover; one instance per AZ");
    } else {
        s.label = "Everything outside the VPC (one Lambda, for reference)";
        if (!insideSteps.empty()) {
            s.compliant = false;
            s.notes.push_back("not compliant: the design keeps " + names(insideSteps, true) +
                              " inside the VPC");
        }
        if (!privateSteps.empty()) {
            s.available = false;
            s.notes.push_back("unavailable: " + names(privateSteps, true) +
                              " reach resources only reachable inside the VPC (vpc-private)");
        }
    }
    if (inVpc)
        addInterfaceEndpoints(s, interfaceSteps);
    return s;
}

StrategyCost Pricer::stepFunctions(bool express, bool replaceInternetLambdas)
{
    StrategyCost s;
    const bool designedExpress = m_project.workflowType == design::WorkflowType::Express;
    if (replaceInternetLambdas) {
        s.id = "http-task";
        s.label = std::string("HTTP Task instead of the internet-calling Lambda (") +
                  (express ? "Express" : "Standard") + ")";
    } else {
        s.id = express ? "step-functions-express" : "step-functions-standard";
        s.designed = express == designedExpress;
        // Only the project's own workflow type is "as designed"; the other one is the same steps re-typed.
        if (s.designed)
            s.label =
                express ? "Step Functions Express (as designed)" : "Step Functions Standard (as designed)";
        else
            s.label = express ? "Step Functions Express (the design as an Express workflow)"
                              : "Step Functions Standard (the design as a Standard workflow)";
    }
    std::vector<const TaskUse *> lambdas, natSteps, interfaceSteps, httpSteps, replaced, misplaced;
    double x86 = 0, arm = 0, calls = 0, natKb = 0;
    for (const TaskUse &t : m_tasks) {
        if (t.kind == TaskKind::Http && t.internet())
            httpSteps.push_back(&t);
        if (!t.runsCode())
            continue;
        if (replaceInternetLambdas && t.internet()) {
            replaced.push_back(&t);
            httpSteps.push_back(&t);
            continue;
        }
        lambdas.push_back(&t);
        calls += t.calls;
        (t.design->architecture == design::Architecture::Arm64 ? arm : x86) += t.gbSeconds();
        const bool inside = t.design->placement == Placement::InsideVpc;
        if (inside && t.internet()) {
            natSteps.push_back(&t);
            natKb += t.trafficKb();
        }
        if (inside && t.design->egress == Egress::AwsInterfaceEndpoint)
            interfaceSteps.push_back(&t);
        if (!inside && t.design->egress == Egress::VpcPrivate)
            misplaced.push_back(&t);
    }
    // The orchestration.
    double standardTransitions = express ? 0 : transitions(0);
    double expressRequests = express ? 1 : 0;
    double expressGbSeconds = 0;
    std::string expressHow;
    const double gb = expressGb();
    const auto billedSeconds = expressBilledSeconds;
    if (express) {
        // No scope at all when the definition is not an object (the visits report nothing to price then).
        const double seconds = m_scopeSeconds.empty() ? 0.0 : m_scopeSeconds[0];
        expressGbSeconds = gb * billedSeconds(seconds);
        expressHow = num(gb * 1024, 0) + " MB × " + num(billedSeconds(seconds), 1) + " s" +
                     (m_project.usage.executionSeconds ? " (measured)" : "");
        if (seconds > kExpressMaxSeconds) {
            s.available = false;
            s.notes.push_back("unavailable: an execution takes " + num(seconds, 1) +
                              " s on average, over Express's 5-minute limit");
        }
        for (const TaskUse &t : m_tasks) {
            const bool waits = m_graph.states()[static_cast<std::size_t>(t.state)].waitsForCallback;
            if (waits || t.kind == TaskKind::Activity) {
                s.available = false;
                s.notes.push_back(
                    "unavailable: \"" + std::string(t.name()) +
                    "\" waits for a job or a task token (.sync, .waitForTaskToken or an activity), "
                    "which Express workflows do not support");
            }
        }
    }
    for (std::size_t g = 1; g < m_visits.groups.size(); ++g) {
        const ExecutionGroup &group = m_visits.groups[g];
        if (group.express) {
            expressRequests += group.executionsPerExecution;
            const double childSeconds =
                billedSeconds(m_scopeSeconds[static_cast<std::size_t>(group.topScope)]);
            expressGbSeconds += group.executionsPerExecution * gb * childSeconds;
            s.notes.push_back("the DISTRIBUTED Map \"" +
                              std::string(m_graph.states()[static_cast<std::size_t>(group.ownerState)].name) +
                              "\" runs " + num(group.executionsPerExecution, 2) +
                              " EXPRESS child executions per execution");
        } else {
            standardTransitions += transitions(g);
        }
    }
    if (standardTransitions > 0) {
        const double f = free("sfn-state-transition");
        if (f > 0)
            m_freeUsed.insert("sfn-state-transition");
        s.items.push_back(
            item("sfn-state-transitions", "Step Functions Standard state transitions",
                 {usageMeter(standardTransitions, meterPrice("sfn-state-transition"), f, "transitions")}));
    }
    if (expressRequests > 0) {
        s.items.push_back(
            item("sfn-express-requests", "Step Functions Express requests",
                 {usageMeter(expressRequests, meterPrice("sfn-express-request"), 0, "requests")}));
        LineItem d = item("sfn-express-duration", "Step Functions Express duration",
                          {usageMeter(expressGbSeconds, meterPrice("sfn-express-gb-second"), 0, "GB-s")});
        if (!expressHow.empty())
            d.label += " (" + expressHow + " per execution)";
        s.items.push_back(d);
    }
    if (!lambdas.empty()) {
        s.items.push_back(lambdaRequests(calls));
        s.items.push_back(lambdaDuration(x86, arm, "per step: memory × duration × invocations"));
    }
    addTrigger(s);
    addTransfer(s);
    addHttpSecret(s, httpSteps);
    if (!natSteps.empty())
        addNatGateway(s, natKb,
                      "a NAT gateway is still needed: " + names(natSteps, true) +
                          " call the internet from inside the VPC");
    addInterfaceEndpoints(s, interfaceSteps);
    if (!misplaced.empty()) {
        s.available = false;
        s.notes.push_back("unavailable: " + names(misplaced, true) +
                          " need vpc-private egress but are placed outside the VPC");
    }
    if (replaceInternetLambdas) {
        if (replaced.empty()) {
            s.available = false;
            s.notes.push_back("unavailable: no Lambda step calls the internet, nothing to replace");
        } else {
            s.notes.push_back("HTTP Task replaces " + names(replaced, true) +
                              " (same transitions; no Lambda, no NAT; needs an EventBridge connection)");
        }
        for (const TaskUse *t : replaced) {
            if (t->design->durationMs / 1000 > kHttpTaskMaxSeconds) {
                s.available = false;
                s.notes.push_back("unavailable: \"" + std::string(t->name()) +
                                  "\" takes longer than the HTTP Task's 60 s limit");
            }
        }
        s.designed = false;
    }
    std::vector<const TaskUse *> outside;
    for (const TaskUse *t : lambdas)
        if (t->design->placement == Placement::OutsideVpc)
            outside.push_back(t);
    if (!outside.empty())
        s.notes.push_back("outside the VPC as designed: " + names(outside, true));
    if (!express) {
        const double perSecond = standardTransitions * m_report.executionsPerMonth / (kHoursPerMonth * 3600);
        const std::string &r = m_prices.region;
        const double quota = r == "us-east-1" || r == "us-west-2" || r == "eu-west-1" ? 5000 : 800;
        if (perSecond > quota)
            s.notes.push_back("about " + num(perSecond, 0) +
                              " state transitions/s on average: above the default " + num(quota, 0) +
                              "/s quota in " + r + " (ask for an increase)");
    }
    return s;
}

void finish(StrategyCost &s, double executions)
{
    s.monthlyUsd = 0;
    for (LineItem &li : s.items) {
        li.usd = li.costAt(executions);
        li.executionsPerMonth = executions;
        s.monthlyUsd += li.usd;
    }
}

} // namespace

double expressBilledSeconds(double seconds)
{
    return std::max(0.1, std::ceil(seconds * 10 - 1e-9) / 10);
}

double LineItem::costAt(double executions) const
{
    double sum = 0;
    for (const Meter &m : meters)
        sum += m.cost(executions);
    return sum;
}

std::string LineItem::formula() const
{
    std::string text;
    for (const Meter &m : meters) {
        const std::string f = m.formula(executionsPerMonth);
        if (!f.empty())
            (text += text.empty() ? "" : " + ") += f;
    }
    return text;
}

double StrategyCost::costAt(double executions) const
{
    double sum = 0;
    for (const LineItem &li : items)
        sum += li.costAt(executions);
    return sum;
}

std::vector<double> StrategyCost::breakpoints() const
{
    std::vector<double> out;
    for (const LineItem &li : items)
        for (const Meter &m : li.meters)
            m.breakpoints(out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

const LineItem *StrategyCost::item(const std::string &wanted) const
{
    for (const LineItem &li : items)
        if (li.id == wanted)
            return &li;
    return nullptr;
}

const StrategyCost *CostReport::strategy(const std::string &wanted) const
{
    for (const StrategyCost &s : strategies)
        if (s.id == wanted)
            return &s;
    return nullptr;
}

CostReport priceStrategies(const design::Project &project, const WorkflowGraph &graph,
                           const VisitAnalysis &visits, const PriceTable &prices, const CostOptions &options)
{
    return priceStrategies(project, graph, visits, prices, options, graph.stepDesigns(project));
}

CostReport priceStrategies(const design::Project &project, const WorkflowGraph &graph,
                           const VisitAnalysis &visits, const PriceTable &prices, const CostOptions &options,
                           std::vector<const design::StepDesign *> designs)
{
    CostReport report;
    report.project = project.name;
    report.region = prices.region;
    report.priceTableName = prices.name;
    report.priceTableDate = prices.date;
    report.priceTableFile = prices.file;
    report.executionsPerMonth = options.executionsPerMonth.value_or(project.usage.executionsPerMonth);
    report.workflowType = project.workflowType;
    report.freeTier = project.usage.freeTier;
    report.warnings = visits.warnings;
    report.errors = visits.errors;
    if (!std::isfinite(report.executionsPerMonth) || report.executionsPerMonth < 0)
        report.errors.push_back("executions per month must be a number ≥ 0");
    if (!report.errors.empty())
        return report;
    // Every transition the bill counts as a Standard transition: the main execution's and those of the
    // DISTRIBUTED Maps' STANDARD child executions (EXPRESS children bill requests and duration instead), so
    // the figure in the cost header and the bill's transitions line agree.
    report.transitionsPerExecution = visits.transitions(0);
    for (std::size_t g = 1; g < visits.groups.size(); ++g)
        if (!visits.groups[g].express)
            report.transitionsPerExecution += visits.transitions(static_cast<int>(g));
    const auto &states = graph.states();
    report.steps.reserve(states.size());
    for (std::size_t s = 0; s < states.size(); ++s)
        report.steps.push_back({std::string(states[s].name), visits.visits[s], visits.attempts[s]});
    try {
        Pricer pricer(project, graph, visits, prices, report, std::move(designs));
        report.secondsPerExecution = pricer.executionSeconds();
        report.strategies.push_back(pricer.monolith("nat-gateway"));
        report.strategies.push_back(pricer.monolith("nat-gateway-single"));
        report.strategies.push_back(pricer.monolith("regional-nat-gateway"));
        report.strategies.push_back(pricer.stepFunctions(false, false));
        report.strategies.push_back(pricer.stepFunctions(true, false));
        report.strategies.push_back(
            pricer.stepFunctions(project.workflowType == design::WorkflowType::Express, true));
        report.strategies.push_back(pricer.monolith("ipv6-egress"));
        report.strategies.push_back(pricer.monolith("nat-instance"));
        report.strategies.push_back(pricer.monolith("outside-vpc"));
        report.estimatedPrices.assign(pricer.m_estimates.begin(), pricer.m_estimates.end());
        for (const std::string &id : pricer.m_freeUsed) {
            const auto it = prices.freeTier.find(id);
            if (it != prices.freeTier.end())
                report.freeTiersApplied.push_back(id + ": " + formatNumber(it->second.quantity) + " " +
                                                  it->second.unit);
        }
    } catch (const PriceError &e) {
        report.strategies.clear();
        report.errors.push_back(e.message);
        return report;
    }
    for (StrategyCost &s : report.strategies)
        finish(s, report.executionsPerMonth);
    const StrategyCost *best = nullptr;
    for (int pass = 0; pass < 2 && !best; ++pass)
        for (const StrategyCost &s : report.strategies)
            if (s.available && (pass == 1 || s.compliant) && (!best || s.monthlyUsd < best->monthlyUsd))
                best = &s;
    report.cheapest = best ? best->id : "";
    if (options.breakEven)
        report.breakEven = breakEvens(report.strategies);
    return report;
}

CostReport computeCosts(const design::Project &project, const PriceTable &prices, const CostOptions &options)
{
    const WorkflowGraph graph = WorkflowGraph::build(project.definition);
    // The designs are looked up once for both (a hash lookup per step).
    std::vector<const design::StepDesign *> designs = graph.stepDesigns(project);
    const VisitAnalysis visits = analyzeVisits(graph, designs);
    return priceStrategies(project, graph, visits, prices, options, std::move(designs));
}

CostReport CostEngine::compute(const design::Project &project, const CostOptions &options)
{
    if (!m_graph) {
        m_graph = WorkflowGraph::build(project.definition);
        m_visits.reset();
    }
    if (!m_visits)
        m_visits = analyzeVisits(*m_graph, project);
    return priceStrategies(project, *m_graph, *m_visits, m_prices, options);
}

} // namespace egress::cost

#include "usage/applyusage.h"

#include "asl/workflow.h"
#include "cost/meter.h"
#include "cost/visits.h"

#include <algorithm>
#include <cctype>

namespace egress::usage {

namespace {

constexpr double kBytesPerKb = 1024; // the cost model's KB (docs/cost-model.md)

std::string normalized(const std::string &text)
{
    std::string out;
    for (const char c : text)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/** "arn:aws:lambda:us-east-1:123:function:NAME:alias" → NAME; "NAME:alias" → NAME; "${FooArn}" → Foo. */
void keysFromReference(const std::string &text, std::vector<std::string> &keys)
{
    if (text.empty())
        return;
    if (asl::isWholePlaceholder(text)) {
        std::string name = text.substr(2, text.size() - 3);
        keys.push_back(name);
        if (name.size() > 3 && name.compare(name.size() - 3, 3, "Arn") == 0)
            keys.push_back(name.substr(0, name.size() - 3));
        return;
    }
    if (text.rfind("arn:", 0) == 0) {
        const std::size_t f = text.find(":function:");
        if (f == std::string::npos)
            return;
        std::string name = text.substr(f + 10);
        keys.push_back(name.substr(0, name.find(':')));
        return;
    }
    keys.push_back(text.substr(0, text.find(':')));
}

void keysFromValue(const asl::Json &value, std::vector<std::string> &keys)
{
    if (value.is_string()) {
        keysFromReference(value.get<std::string>(), keys);
    } else if (value.is_object()) {
        // {"Fn::GetAtt": ["Fetch", "Arn"]}, {"Fn::GetAtt": "Fetch.Arn"}, {"Ref": "Fetch"}
        if (const auto att = value.find("Fn::GetAtt"); att != value.end()) {
            if (att->is_array() && !att->empty() && (*att)[0].is_string())
                keys.push_back((*att)[0].get<std::string>());
            else if (att->is_string())
                keys.push_back(att->get<std::string>().substr(0, att->get<std::string>().find('.')));
        }
        if (const auto ref = value.find("Ref"); ref != value.end() && ref->is_string())
            keys.push_back(ref->get<std::string>());
    }
}

bool isPartOf(const std::string &key, const std::string &function)
{
    if (key.empty())
        return false;
    if (function == key)
        return true;
    std::size_t from = 0;
    while (from <= function.size()) {
        const std::size_t dash = std::min(function.find('-', from), function.size());
        if (function.compare(from, dash - from, key) == 0 && dash - from == key.size())
            return true;
        from = dash + 1;
    }
    return false;
}

std::string quoted(const std::string &s)
{
    return "\"" + s + "\"";
}

/** Scales the request (or response) KB of the internet steps so one execution moves `targetKb`. */
void spreadKb(design::Project &project, const std::vector<std::pair<std::string, double>> &calls,
              double targetKb, bool request)
{
    double current = 0, totalCalls = 0;
    for (const auto &[name, c] : calls) {
        const design::StepDesign &d = project.steps[name];
        current += c * (request ? d.requestKb : d.responseKb);
        totalCalls += c;
    }
    for (const auto &[name, c] : calls) {
        design::StepDesign &d = project.steps[name];
        double &kb = request ? d.requestKb : d.responseKb;
        // Keep the designed proportions; with nothing designed yet, every call carries the same.
        kb = current > 0 ? kb * targetKb / current : (totalCalls > 0 ? targetKb / totalCalls : 0);
        kb = std::min(kb, design::kMaxPayloadKb);
    }
}

} // namespace

std::vector<std::string> functionKeys(const asl::Json &state, const design::StepDesign &design)
{
    std::vector<std::string> keys;
    if (!design.function.empty())
        keys.push_back(design.function);
    if (const auto params = state.find("Parameters"); params != state.end() && params->is_object())
        if (const auto name = params->find("FunctionName"); name != params->end())
            keysFromValue(*name, keys);
    if (const auto args = state.find("Arguments"); args != state.end() && args->is_object())
        if (const auto name = args->find("FunctionName"); name != args->end())
            keysFromValue(*name, keys);
    if (const auto resource = state.find("Resource"); resource != state.end()) {
        const bool integration =
            resource->is_string() && resource->get<std::string>().find(":states:::") != std::string::npos;
        if (!integration)
            keysFromValue(*resource, keys);
    }
    return keys;
}

bool functionMatches(const std::string &function, const std::vector<std::string> &keys,
                     const std::string &stepName)
{
    for (const std::string &key : keys)
        if (isPartOf(key, function))
            return true;
    const std::string step = normalized(stepName);
    return !step.empty() && step == normalized(function);
}

UsageApplication applyUsage(const design::Project &project, const UsageProfile &usage)
{
    UsageApplication out;
    out.project = project;
    design::Project &p = out.project;

    const double executions = std::min(usage.executionsPerMonth, design::kMaxExecutionsPerMonth);
    out.applied.push_back("executions per month: " + cost::formatNumber(project.usage.executionsPerMonth) +
                          " → " + cost::formatNumber(executions) + " (" +
                          cost::formatNumber(usage.executions) + " started in " +
                          cost::formatNumber(usage.days, 2) + " days)");
    p.usage.executionsPerMonth = executions;
    if (usage.executionTimeMs) {
        const double seconds = std::min(*usage.executionTimeMs / 1000.0, design::kMaxExecutionSeconds);
        out.applied.push_back("execution time: " + cost::formatNumber(seconds, 3) +
                              " s per execution (ExecutionTime average); Express duration is billed from it "
                              "instead of the steps' sum");
        p.usage.executionSeconds = seconds;
    }

    const asl::WorkflowIndex index = asl::WorkflowIndex::build(project.definition);
    std::vector<std::string> lambdaSteps;
    std::map<std::string, std::vector<std::string>> stepsOfFunction;
    for (const asl::StateEntry &state : index.states()) {
        const asl::Json *json = asl::resolvePointer(project.definition, state.pointer);
        if (!json || asl::classifyTask(*json) != asl::TaskKind::Lambda)
            continue;
        lambdaSteps.push_back(state.name);
        const design::StepDesign design = project.step(state.name);
        const std::vector<std::string> keys = functionKeys(*json, design);
        std::vector<std::string> matches;
        for (const auto &[function, use] : usage.functions)
            if (functionMatches(function, keys, state.name))
                matches.push_back(function);
        if (matches.empty()) {
            out.notApplied.push_back("step " + quoted(state.name) +
                                     ": no function in the usage matches it; its duration stays " +
                                     cost::formatNumber(design.durationMs, 1) + " ms");
            continue;
        }
        if (matches.size() > 1) {
            std::string names;
            for (const std::string &m : matches)
                names += (names.empty() ? "" : ", ") + m;
            out.notApplied.push_back("step " + quoted(state.name) + ": several functions match it (" + names +
                                     "); its duration stays " + cost::formatNumber(design.durationMs, 1) +
                                     " ms");
            for (const std::string &m : matches)
                stepsOfFunction[m]; // matched, though not applied: not "unused" below
            continue;
        }
        stepsOfFunction[matches.front()].push_back(state.name);
        const FunctionUsage &use = usage.functions.at(matches.front());
        if (!use.durationMs) {
            out.notApplied.push_back("step " + quoted(state.name) + ": function " + matches.front() +
                                     " has no Duration in the usage");
            continue;
        }
        const double ms = std::clamp(*use.durationMs, 1.0, design::kMaxDurationMs);
        out.applied.push_back("step " + quoted(state.name) + ": duration " +
                              cost::formatNumber(design.durationMs, 1) + " → " + cost::formatNumber(ms, 1) +
                              " ms (function " + matches.front() + ")");
        design::StepDesign changed = design;
        changed.durationMs = ms;
        p.steps[state.name] = changed;
    }
    for (const auto &[function, use] : usage.functions)
        if (!stepsOfFunction.count(function))
            out.notApplied.push_back("function " + function + ": no step of the workflow calls it");

    const auto outBytes = usage.bytesOutPerExecution(), inBytes = usage.bytesInPerExecution();
    if (outBytes || inBytes) {
        const cost::WorkflowGraph graph = cost::WorkflowGraph::build(p.definition);
        const cost::VisitAnalysis visits = cost::analyzeVisits(graph, p);
        std::vector<std::pair<std::string, double>>
            calls; // internet Task steps and their calls per execution
        const auto &states = graph.states();
        for (std::size_t s = 0; s < states.size() && visits.errors.empty(); ++s)
            if (states[s].type == asl::StateType::Task &&
                p.step(std::string(states[s].name)).egress == design::Egress::Internet)
                calls.emplace_back(states[s].name, visits.visits[s] * visits.attempts[s]);
        if (!visits.errors.empty()) {
            out.notApplied.push_back("NAT bytes per execution: the workflow's visits cannot be solved (" +
                                     visits.errors.front() + ")");
        } else if (calls.empty()) {
            out.notApplied.push_back("NAT bytes per execution: no step has internet egress to carry them");
        } else {
            for (const auto &[name, c] : calls)
                p.steps[name] = p.step(name); // an entry for every step that gets a payload
            std::string names;
            for (const auto &[name, c] : calls)
                names += (names.empty() ? "" : ", ") + quoted(name);
            if (outBytes) {
                spreadKb(p, calls, *outBytes / kBytesPerKb, true);
                out.applied.push_back(
                    "request KB per execution: " + cost::formatNumber(*outBytes / kBytesPerKb, 2) +
                    " (NAT BytesOutToDestination ÷ executions) over " + names);
            }
            if (inBytes) {
                spreadKb(p, calls, *inBytes / kBytesPerKb, false);
                out.applied.push_back(
                    "response KB per execution: " + cost::formatNumber(*inBytes / kBytesPerKb, 2) +
                    " (NAT BytesInFromDestination ÷ executions) over " + names);
            }
        }
    }
    return out;
}

std::string formatApplication(const UsageApplication &application, const UsageProfile &usage,
                              const std::string &file, bool markdown)
{
    const std::string bullet = markdown ? "- " : "  ";
    std::string out = "Usage from " + file + " (" + usage.start + " … " + usage.end + ", " +
                      cost::formatNumber(usage.days, 2) + " days):\n" + (markdown ? "\n" : "");
    for (const std::string &line : application.applied)
        out += bullet + "applied: " + line + "\n";
    for (const std::string &line : application.notApplied)
        out += bullet + "not applied: " + line + "\n";
    return out + "\n";
}

asl::Json applicationToJson(const UsageApplication &application, const UsageProfile &usage,
                            const std::string &file)
{
    return {{"file", file},
            {"period", {{"start", usage.start}, {"end", usage.end}, {"days", usage.days}}},
            {"applied", application.applied},
            {"notApplied", application.notApplied}};
}

} // namespace egress::usage

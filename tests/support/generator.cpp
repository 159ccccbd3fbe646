#include "generator.h"

#include "asl/workflow.h"
#include "asl/writer.h"
#include "design/project.h"
#include "design/projectio.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace egress::asl {

namespace {

/**
 * SplitMix64: tiny, fast and fully specified, so a seed gives the same workflow on every platform
 * and standard library (std::uniform_int_distribution is implementation-defined).
 */
class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /** Uniform in [lo, hi] (tiny modulo bias is irrelevant here). */
    int range(int lo, int hi)
    {
        return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(int percent) { return range(0, 99) < percent; }
    template <typename T, std::size_t N> const T &pick(const std::array<T, N> &items)
    {
        return items[static_cast<std::size_t>(range(0, static_cast<int>(N) - 1))];
    }

private:
    std::uint64_t m_state;
};

constexpr std::array<const char *, 16> kVerbs{
    "Validate", "Enrich",  "Fetch",  "Store", "Notify",  "Transform", "Charge",  "Reserve",
    "Check",    "Publish", "Resize", "Score", "Archive", "Lookup",    "Refresh", "Sync"};
constexpr std::array<const char *, 14> kNouns{"Order",   "Customer", "Invoice", "Payment", "Shipment",
                                              "Image",   "Report",   "Quote",   "Account", "Inventory",
                                              "Partner", "Ticket",   "Profile", "Document"};
constexpr std::array<const char *, 6> kErrors{"States.TaskFailed",          "States.Timeout",
                                              "Lambda.ServiceException",    "Lambda.TooManyRequestsException",
                                              "States.Http.StatusCode.429", "States.ALL"};

/** Builds one definition; `m_counter` makes every state name unique across the machine. */
class Generator
{
public:
    Generator(std::uint64_t seed, int maxDepth) : m_rng(seed), m_maxDepth(maxDepth) {}

    /** A scope (StartAt + States) with exactly `budget` states, nested ones included. */
    Json scope(int budget, int depth)
    {
        Json states = Json::object();
        if (budget <= 1) {
            const std::string name = uniqueName();
            states[name] = m_rng.chance(50) ? Json{{"Type", "Succeed"}} : passState(true);
            return Json{{"StartAt", name}, {"States", std::move(states)}};
        }
        // Regular states form a chain; one slot is kept for the terminal: a Fail that Catchers and
        // Choice rules jump to, or a Succeed reached from the last regular state.
        const std::string terminalFail = uniqueName("HandleFailure");
        const std::string terminalDone = uniqueName("Done");
        struct Pending
        {
            std::string name;
            Json state;
        };
        std::vector<Pending> chain;
        bool failUsed = false;
        int remaining = budget - 1;
        while (remaining > 0) {
            const int kind = m_rng.range(0, 99);
            Pending p{uniqueName(), {}};
            int used = 1;
            const bool canNest = depth < m_maxDepth && remaining >= 3;
            const int nestCap = std::clamp(remaining / 3, 2, 60);
            if (kind < 45) {
                p.state = taskState(terminalFail, failUsed);
            } else if (kind < 55 && canNest) {
                const int sub = m_rng.range(2, std::min(remaining - 1, nestCap));
                p.state = parallelState(sub, depth, terminalFail, failUsed);
                used += sub;
            } else if (kind < 65 && remaining >= 2 && depth < m_maxDepth) {
                const int sub = m_rng.range(1, std::min(remaining - 1, nestCap));
                p.state = mapState(sub, depth, terminalFail, failUsed);
                used += sub;
            } else if (kind < 78 && remaining >= 2) {
                p.state = Json{{"Type", "Choice"}}; // rules filled in below, once later names are known
            } else if (kind < 88) {
                p.state = waitState();
            } else {
                p.state = passState(false);
            }
            remaining -= used;
            chain.push_back(std::move(p));
        }
        // A Choice cannot end a chain with "End"; make a trailing one a Pass.
        if (chain.back().state["Type"] == "Choice")
            chain.back().state = passState(false);

        for (std::size_t i = 0; i < chain.size(); ++i) {
            Json &state = chain[i].state;
            if (state["Type"] == "Choice") {
                fillChoice(state, chain, i, terminalFail, failUsed);
                continue;
            }
        }
        const std::string terminal = failUsed ? terminalFail : terminalDone;
        for (std::size_t i = 0; i < chain.size(); ++i) {
            Json &state = chain[i].state;
            if (state["Type"] == "Choice") {
                state["Default"] = i + 1 < chain.size() ? chain[i + 1].name : terminal;
            } else if (i + 1 < chain.size()) {
                state["Next"] = chain[i + 1].name;
            } else if (failUsed) {
                state["End"] = true; // the Fail is reached through Catch / Choice only
            } else {
                state["Next"] = terminal;
            }
            states[chain[i].name] = std::move(state);
        }
        if (failUsed)
            states[terminal] = Json{{"Type", "Fail"},
                                    {"Error", m_rng.chance(50) ? "WorkflowFailed" : "PartnerUnavailable"},
                                    {"Cause", "A step failed after its retries; see the execution history."}};
        else
            states[terminal] = Json{{"Type", "Succeed"}};
        return Json{{"StartAt", chain.front().name}, {"States", std::move(states)}};
    }

private:
    std::string uniqueName(const char *prefix = nullptr)
    {
        ++m_counter;
        if (prefix)
            return std::string(prefix) + " " + std::to_string(m_counter);
        return std::string(m_rng.pick(kVerbs)) + m_rng.pick(kNouns) + " " + std::to_string(m_counter);
    }

    std::string lambdaName() { return std::string(m_rng.pick(kVerbs)) + m_rng.pick(kNouns); }

    Json retry()
    {
        Json out = Json::array();
        const int n = m_rng.range(1, 2);
        for (int i = 0; i < n; ++i) {
            out.push_back(
                Json{{"ErrorEquals", Json::array({kErrors[static_cast<std::size_t>(m_rng.range(0, 4))]})},
                     {"IntervalSeconds", m_rng.range(1, 5)},
                     {"MaxAttempts", m_rng.range(2, 6)},
                     {"BackoffRate", 2.0}});
        }
        return out;
    }

    void addErrorHandling(Json &state, const std::string &failTarget, bool &failUsed)
    {
        if (m_rng.chance(55))
            state["Retry"] = retry();
        if (m_rng.chance(35)) {
            state["Catch"] = Json::array({Json{{"ErrorEquals", Json::array({"States.ALL"})},
                                               {"ResultPath", "$.error"},
                                               {"Next", failTarget}}});
            failUsed = true;
        }
    }

    Json taskState(const std::string &failTarget, bool &failUsed)
    {
        Json state{{"Type", "Task"}};
        const int kind = m_rng.range(0, 99);
        if (kind < 40) {
            state["Resource"] = "arn:aws:states:::lambda:invoke";
            state["Parameters"] =
                Json{{"FunctionName", m_rng.chance(50)
                                          ? "${" + lambdaName() + "FunctionArn}"
                                          : "arn:aws:lambda:us-east-1:123456789012:function:" + lambdaName()},
                     {"Payload.$", "$"}};
            state["ResultSelector"] = Json{{"body.$", "$.Payload"}};
        } else if (kind < 55) {
            state["Resource"] = "arn:aws:lambda:eu-west-1:123456789012:function:" + lambdaName();
            state["TimeoutSeconds"] = m_rng.range(3, 300);
        } else if (kind < 70) {
            state["Resource"] = "arn:aws:states:::http:invoke";
            state["Parameters"] =
                Json{{"ApiEndpoint", "https://api.partner.example.com/v2/" + std::string(m_rng.pick(kNouns))},
                     {"Method", m_rng.chance(50) ? "GET" : "POST"},
                     {"Authentication", Json{{"ConnectionArn", "${PartnerConnectionArn}"}}},
                     {"RequestBody.$", "$.request"}};
        } else if (kind < 80) {
            state["Resource"] = "arn:aws:states:::dynamodb:putItem";
            state["Parameters"] =
                Json{{"TableName", "${OrdersTable}"},
                     {"Item", Json{{"id", Json{{"S.$", "$.id"}}}, {"status", Json{{"S", "NEW"}}}}}};
        } else if (kind < 88) {
            state["Resource"] = "arn:aws:states:::sns:publish";
            state["Parameters"] = Json{{"TopicArn", "${NotificationTopicArn}"}, {"Message.$", "$.message"}};
        } else if (kind < 94) {
            state["Resource"] = "arn:aws:states:::sqs:sendMessage";
            state["Parameters"] = Json{{"QueueUrl", "${WorkQueueUrl}"}, {"MessageBody.$", "$"}};
        } else {
            state["Resource"] = "arn:aws:states:::aws-sdk:s3:getObject";
            state["Parameters"] = Json{{"Bucket", "${DataBucket}"}, {"Key.$", "$.key"}};
        }
        if (m_rng.chance(40))
            state["ResultPath"] = "$.result";
        addErrorHandling(state, failTarget, failUsed);
        return state;
    }

    Json parallelState(int sub, int depth, const std::string &failTarget, bool &failUsed)
    {
        const int branches = std::min(sub, m_rng.range(2, 4));
        Json list = Json::array();
        int left = sub;
        for (int b = 0; b < branches; ++b) {
            const int share = b + 1 == branches ? left : std::max(1, left / (branches - b));
            left -= share;
            list.push_back(scope(share, depth + 1));
        }
        Json state{{"Type", "Parallel"}, {"Branches", std::move(list)}, {"ResultPath", "$.parallel"}};
        addErrorHandling(state, failTarget, failUsed);
        return state;
    }

    Json mapState(int sub, int depth, const std::string &failTarget, bool &failUsed)
    {
        Json processor = scope(sub, depth + 1);
        const bool distributed = m_rng.chance(30);
        processor["ProcessorConfig"] =
            distributed
                ? Json{{"Mode", "DISTRIBUTED"}, {"ExecutionType", m_rng.chance(50) ? "EXPRESS" : "STANDARD"}}
                : Json{{"Mode", "INLINE"}};
        Json state{{"Type", "Map"},
                   {"ItemsPath", "$.items"},
                   {"ItemSelector", Json{{"item.$", "$$.Map.Item.Value"}, {"index.$", "$$.Map.Item.Index"}}},
                   {"MaxConcurrency", m_rng.range(0, 40)},
                   {"ItemProcessor", std::move(processor)}};
        if (distributed)
            state["Label"] = "Batch" + std::to_string(m_counter);
        addErrorHandling(state, failTarget, failUsed);
        return state;
    }

    Json waitState()
    {
        switch (m_rng.range(0, 2)) {
        case 0:
            return Json{{"Type", "Wait"}, {"Seconds", m_rng.range(1, 3600)}};
        case 1:
            return Json{{"Type", "Wait"}, {"SecondsPath", "$.delaySeconds"}};
        default:
            return Json{{"Type", "Wait"}, {"TimestampPath", "$.notBefore"}};
        }
    }

    Json passState(bool end)
    {
        Json state{{"Type", "Pass"}};
        if (m_rng.chance(50))
            state["Result"] = Json{{"status", "ok"}, {"attempt", m_rng.range(1, 3)}};
        else
            state["Parameters"] = Json{{"orderId.$", "$.order.id"}, {"source", "generator"}};
        state["ResultPath"] = "$.pass";
        if (end)
            state["End"] = true;
        return state;
    }

    Json comparison()
    {
        switch (m_rng.range(0, 4)) {
        case 0:
            return Json{{"Variable", "$.status"},
                        {"StringEquals", m_rng.chance(50) ? "APPROVED" : "REJECTED"}};
        case 1:
            return Json{{"Variable", "$.amount"}, {"NumericGreaterThan", m_rng.range(10, 10000)}};
        case 2:
            return Json{{"Variable", "$.express"}, {"BooleanEquals", m_rng.chance(50)}};
        case 3:
            return Json{{"Variable", "$.coupon"}, {"IsPresent", true}};
        default:
            return Json{{"Variable", "$.region"}, {"StringMatches", "eu-*"}};
        }
    }

    /** Rules jump forward only (to a later state or the Fail), so every state stays reachable via Default. */
    template <typename Chain>
    void fillChoice(Json &state, const Chain &chain, std::size_t at, const std::string &failTarget,
                    bool &failUsed)
    {
        Json rules = Json::array();
        const int n = m_rng.range(1, 3);
        for (int r = 0; r < n; ++r) {
            Json rule;
            switch (m_rng.range(0, 5)) {
            case 0:
                rule = Json{{"And", Json::array({comparison(), comparison()})}};
                break;
            case 1:
                rule = Json{{"Or", Json::array({comparison(), comparison()})}};
                break;
            case 2:
                rule = Json{{"Not", comparison()}};
                break;
            default:
                rule = comparison();
                break;
            }
            const int later = static_cast<int>(chain.size() - at - 1);
            if (later == 0 || m_rng.chance(15)) {
                rule["Next"] = failTarget;
                failUsed = true;
            } else {
                rule["Next"] =
                    chain[at + 1 + static_cast<std::size_t>(m_rng.range(0, std::min(later, 4) - 1))].name;
            }
            rules.push_back(std::move(rule));
        }
        state["Choices"] = std::move(rules);
    }

    Rng m_rng;
    int m_maxDepth;
    int m_counter = 0;
};

Json generateWithStates(int states, std::uint64_t seed, int maxDepth)
{
    Generator generator(seed, std::max(0, maxDepth));
    Json scope = generator.scope(std::max(1, states), 0);
    Json definition{{"Comment", "Generated by egress::asl::generateWorkflow (" + std::to_string(states) +
                                    " states, seed " + std::to_string(seed) + ")"}};
    definition["StartAt"] = std::move(scope["StartAt"]);
    definition["States"] = std::move(scope["States"]);
    return definition;
}

} // namespace

Json generateWorkflow(const GeneratorOptions &options)
{
    if (options.targetBytes == 0)
        return generateWithStates(options.states, options.seed, options.maxDepth);
    // Size grows about linearly with the state count: estimate, then walk to the largest count that fits.
    auto sizeOf = [&](int n) {
        return writeJson(generateWithStates(n, options.seed, options.maxDepth)).size();
    };
    const std::size_t probe = sizeOf(200);
    int n = std::max(
        1, static_cast<int>(200.0 * static_cast<double>(options.targetBytes) / static_cast<double>(probe)));
    while (n > 1 && sizeOf(n) > options.targetBytes)
        n = std::max(1, n - std::max(1, n / 100));
    int step = std::max(1, n / 200);
    while (step > 0) {
        while (sizeOf(n + step) <= options.targetBytes)
            n += step;
        step /= 2;
    }
    return generateWithStates(n, options.seed, options.maxDepth);
}

design::Project generateProject(const GeneratorOptions &options)
{
    const Json definition = generateWorkflow(options);
    design::Project project = design::projectFromDefinition(definition, "Generated workflow");
    Rng rng(options.seed ^ 0x5DEECE66Dull);
    constexpr std::array<design::Egress, 5> egress{
        design::Egress::Internet, design::Egress::None, design::Egress::AwsGatewayEndpoint,
        design::Egress::AwsInterfaceEndpoint, design::Egress::VpcPrivate};
    constexpr std::array<int, 6> memory{128, 256, 512, 1024, 1769, 3008};
    const WorkflowIndex index = WorkflowIndex::build(project.definition);
    for (const StateEntry &state : index.states()) {
        design::StepDesign &step = project.steps[state.name];
        const Json *json = stateJson(project.definition, state);
        if (json && classifyTask(*json) == TaskKind::Lambda) {
            step.placement = rng.chance(70) ? design::Placement::InsideVpc : design::Placement::OutsideVpc;
            step.egress = rng.pick(egress);
            step.memoryMb = rng.pick(memory);
            step.durationMs = rng.range(20, 3000);
            step.architecture = rng.chance(40) ? design::Architecture::Arm64 : design::Architecture::X86_64;
            step.requestKb = rng.range(0, 64);
            step.responseKb = rng.range(1, 512);
            step.failureRate = rng.range(0, 5) / 100.0;
        } else if (state.type == StateType::Choice && json && (*json)["Choices"].is_array()) {
            design::ChoiceWeights weights;
            const std::size_t rules = (*json)["Choices"].size();
            for (std::size_t r = 0; r < rules; ++r)
                weights.rules.push_back(1.0 / static_cast<double>(rules + 1));
            weights.defaultWeight = 1.0 / static_cast<double>(rules + 1);
            step.choiceWeights = weights;
        } else if (state.type == StateType::Map) {
            step.mapItems = rng.range(1, 500);
        }
    }
    project.usage.executionsPerMonth = rng.range(1, 100) * 100'000.0;
    return project;
}

} // namespace egress::asl

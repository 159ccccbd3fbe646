#include "cfn/permissions.h"

#include "asl/workflow.h"
#include "cfn/intrinsics.h"
#include "sdk/integrations.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

namespace egress::cfn {

std::string iamActionName(std::string_view apiAction)
{
    return sdk::iamActionName(apiAction);
}

// The table generated from AWS's service models (resources/sdk) decides, so the policy and the Inspector's
// IAM row name the same action.
std::string iamServicePrefix(std::string_view sdkService)
{
    return sdk::iamPrefix(sdkService);
}

namespace {

/** Statements grouped by their actions and condition, each with a de-duplicated resource list. */
class StatementSet
{
public:
    void add(std::vector<std::string> actions, const Json &resource, Json condition = Json())
    {
        Json key = {actions, condition};
        const std::string k = key.dump();
        auto it = m_index.find(k);
        if (it == m_index.end()) {
            it = m_index.emplace(k, m_statements.size()).first;
            Json statement = {{"Effect", "Allow"}, {"Action", actions}, {"Resource", Json::array()}};
            if (!condition.is_null())
                statement["Condition"] = std::move(condition);
            m_statements.push_back(std::move(statement));
        }
        Json &resources = m_statements[it->second]["Resource"];
        for (const auto &existing : resources)
            if (existing == resource)
                return;
        resources.push_back(resource);
    }
    Json take() { return std::move(m_statements); }

private:
    Json m_statements = Json::array();
    std::map<std::string, std::size_t> m_index;
};

/** The integration named by an optimized or aws-sdk Resource ARN. */
struct Integration
{
    std::string service; ///< as in the ARN: sns, dynamodb, aws-sdk service name ...
    std::string action;  ///< camelCase API action, suffix removed
    std::string pattern; ///< "", "sync" or "waitForTaskToken"
    bool sdk = false;
};

std::optional<Integration> parseIntegration(const std::string &resource)
{
    const auto at = resource.find("states:::");
    if (at == std::string::npos)
        return std::nullopt;
    std::string rest = resource.substr(at + 9);
    Integration out;
    if (rest.rfind("aws-sdk:", 0) == 0) {
        out.sdk = true;
        rest = rest.substr(8);
    }
    const auto colon = rest.find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    out.service = rest.substr(0, colon);
    out.action = rest.substr(colon + 1);
    if (const auto dot = out.action.find('.'); dot != std::string::npos) {
        out.pattern = out.action.substr(dot + 1).rfind("sync", 0) == 0 ? "sync" : "waitForTaskToken";
        out.action.resize(dot);
    }
    return out;
}

class PolicyBuilder
{
public:
    PolicyBuilder(const WiredDefinition &wired, const Json &ownArn, const std::string &ownNameRef)
        : m_wired(wired), m_ownArn(ownArn), m_ownName(ownNameRef)
    {
    }

    StateMachinePolicy build()
    {
        addLambda();
        addConnections();
        std::set<std::string> lambdaSteps;
        for (const auto &fn : m_wired.functions)
            lambdaSteps.insert(fn.stateName);
        const auto index = asl::WorkflowIndex::build(m_wired.definition);
        for (const auto &state : index.states()) {
            const Json *json = asl::stateJson(m_wired.definition, state);
            if (!json || !json->is_object() || lambdaSteps.count(state.name))
                continue; // Lambda steps are covered by the invoke statement (their Resource may now be ${X})
            m_state = state.name;
            if (state.type == asl::StateType::Map)
                addMap(*json);
            switch (asl::classifyTask(*json)) {
            case asl::TaskKind::Http:
                addHttp(*json);
                break;
            case asl::TaskKind::AwsService:
                addService(*json);
                break;
            case asl::TaskKind::Placeholder:
                addPlaceholder(*json);
                break;
            case asl::TaskKind::Activity:
                break; // a worker polls for the task: the state machine needs no permission
            case asl::TaskKind::Unknown:
                note("its Resource is not an ARN Step Functions knows; no permission was granted for it");
                break;
            default:
                break;
            }
        }
        m_policy.statements = m_set.take();
        return std::move(m_policy);
    }

private:
    void note(const std::string &text) { m_policy.notes.push_back("step \"" + m_state + "\": " + text); }

    static const Json *arguments(const Json &state)
    {
        for (const char *key : {"Parameters", "Arguments"})
            if (auto it = state.find(key); it != state.end() && it->is_object())
                return &*it;
        return nullptr;
    }

    /** A target named literally or by placeholders; nothing when chosen at run time or absent. */
    static std::optional<std::string> staticString(const Json *args, const std::string &key)
    {
        if (!args)
            return std::nullopt;
        const auto it = args->find(key);
        if (it == args->end() || !it->is_string())
            return std::nullopt;
        const std::string &s = it->get_ref<const std::string &>();
        if (s.find("{%") != std::string::npos)
            return std::nullopt;
        return s;
    }

    Json value(const std::string &text) const { return m_wired.expressionFor(text); }

    void addLambda()
    {
        if (m_wired.functions.empty())
            return;
        for (const auto &fn : m_wired.functions) {
            m_set.add({"lambda:InvokeFunction"}, getAtt(fn.logicalId, "Arn"));
            m_set.add({"lambda:InvokeFunction"}, sub("${" + fn.logicalId + ".Arn}:*"));
        }
    }

    void addConnections()
    {
        for (const auto &connection : m_wired.connections) {
            m_set.add({"events:RetrieveConnectionCredentials"}, getAtt(connection.logicalId, "Arn"));
            m_set.add({"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
                      getAtt(connection.logicalId, "SecretArn"));
        }
    }

    void addHttp(const Json &state)
    {
        const Json *args = arguments(state);
        Json condition;
        if (auto endpoint = staticString(args, "ApiEndpoint")) {
            // The URL itself and the paths under it: "https://api.partner.com*" would also match
            // "https://api.partner.com.evil.example".
            std::string base = *endpoint;
            while (base.size() > 1 && base.back() == '/')
                base.pop_back();
            condition = {
                {"StringLike", {{"states:HTTPEndpoint", Json::array({value(base), value(base + "/*")})}}}};
            if (auto method = staticString(args, "Method"))
                condition["StringEquals"] = {{"states:HTTPMethod", value(*method)}};
        } else {
            note("the HTTP Task's endpoint is chosen at run time; states:InvokeHTTPEndpoint is not limited "
                 "to an endpoint");
        }
        m_set.add({"states:InvokeHTTPEndpoint"}, m_ownArn, condition);
        addNamedConnections(state);
    }

    /** A connection the definition names (not one this template creates): its credentials and secret. */
    void addNamedConnections(const Json &state)
    {
        const Json *args = arguments(state);
        for (const char *holder : {"Authentication", "InvocationConfig"}) {
            if (!args || !args->contains(holder) || !(*args)[holder].is_object())
                continue;
            const Json *connection = &(*args)[holder];
            const auto arn = staticString(connection, "ConnectionArn");
            if (!arn)
                continue;
            const Json resource = value(*arn);
            const bool ours =
                std::any_of(m_wired.connections.begin(), m_wired.connections.end(),
                            [&](const auto &c) { return resource == getAtt(c.logicalId, "Arn"); });
            if (ours)
                continue; // addConnections granted it
            m_set.add({"events:RetrieveConnectionCredentials"}, resource);
            // EventBridge keeps a connection's credentials in a secret named events!connection/<name>/<id>.
            m_set.add({"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
                      accountScope("secretsmanager", "secret:events!connection/*"));
        }
    }

    void addMap(const Json &state)
    {
        const Json *processor = state.contains("ItemProcessor") ? &state["ItemProcessor"] : nullptr;
        const bool distributed =
            processor && processor->is_object() && processor->contains("ProcessorConfig") &&
            (*processor)["ProcessorConfig"].value("Mode", std::string()) == "DISTRIBUTED";
        if (distributed) {
            m_set.add({"states:StartExecution"}, m_ownArn);
            m_set.add({"states:DescribeExecution", "states:StopExecution"},
                      sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${" +
                          m_ownName + "}/*"));
        }
        for (const char *key : {"ItemReader", "ResultWriter"}) {
            const auto it = state.find(key);
            if (it == state.end() || !it->is_object())
                continue;
            const auto resource = it->value("Resource", std::string());
            const auto integration = parseIntegration(resource);
            if (!integration || integration->service != "s3") {
                note(std::string(key) +
                     " reads or writes something other than S3; no permission was granted for it");
                continue;
            }
            std::vector<std::string> actions;
            if (std::string(key) == "ResultWriter")
                actions = {"s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts",
                           "s3:AbortMultipartUpload"};
            else if (integration->action == "listObjectsV2")
                actions = {"s3:ListBucket"};
            else
                actions = {"s3:GetObject"};
            addS3(actions, arguments(*it));
        }
    }

    void addS3(const std::vector<std::string> &actions, const Json *args)
    {
        if (auto bucket = staticString(args, "Bucket")) {
            const Json name = value(*bucket);
            m_set.add(actions, sub("arn:${AWS::Partition}:s3:::${Bucket}", {{"Bucket", name}}));
            m_set.add(actions, sub("arn:${AWS::Partition}:s3:::${Bucket}/*", {{"Bucket", name}}));
        } else {
            note("the S3 bucket is chosen at run time; " + actions.front() + " covers every bucket");
            m_set.add(actions, sub("arn:${AWS::Partition}:s3:::*"));
        }
    }

    /** The resource an integration acts on, derived from its parameters; nothing when unknown. */
    std::optional<Json> targetOf(const std::string &prefix, const Json *args)
    {
        if (prefix == "sns") {
            for (const char *key : {"TopicArn", "TargetArn"})
                if (auto arn = staticString(args, key))
                    return value(*arn);
        } else if (prefix == "sqs") {
            if (auto url = staticString(args, "QueueUrl")) {
                // https://sqs.REGION.amazonaws.com/ACCOUNT/NAME → arn:PARTITION:sqs:REGION:ACCOUNT:NAME
                static const std::regex literal(
                    R"(^https://sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?/([0-9]{12})/([A-Za-z0-9_.-]+)$)");
                std::smatch m;
                if (std::regex_match(*url, m, literal))
                    return sub("arn:${AWS::Partition}:sqs:" + m[1].str() + ":" + m[3].str() + ":" +
                               m[4].str());
                const Json v = value(*url);
                return sub("arn:${AWS::Partition}:sqs:${AWS::Region}:${Account}:${Queue}",
                           {{"Account", select(3, split("/", v))}, {"Queue", select(4, split("/", v))}});
            }
        } else if (prefix == "dynamodb") {
            if (auto table = staticString(args, "TableName")) {
                if (table->rfind("arn:", 0) == 0)
                    return value(*table);
                return sub("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}",
                           {{"Table", value(*table)}});
            }
        } else if (prefix == "states") {
            if (auto arn = staticString(args, "StateMachineArn"))
                return value(*arn);
        } else if (prefix == "secretsmanager") {
            if (auto id = staticString(args, "SecretId")) {
                if (id->rfind("arn:", 0) == 0)
                    return value(*id);
                // Secrets Manager appends a hyphen and 6 random characters to a secret's name: "-??????"
                // matches that suffix only ("prod-*" would also match the secret "prod-other").
                return sub(
                    "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${Name}-"
                    "??????",
                    {{"Name", value(*id)}});
            }
        } else if (prefix == "events") {
            std::string bus = "default";
            if (args && args->contains("Entries") && (*args)["Entries"].is_array() &&
                !(*args)["Entries"].empty()) {
                const Json &entry = (*args)["Entries"][0];
                if (entry.is_object() && entry.contains("EventBusName.$"))
                    return std::nullopt;
                if (entry.is_object() && entry.contains("EventBusName") && entry["EventBusName"].is_string())
                    bus = entry["EventBusName"].get<std::string>();
            }
            if (bus.rfind("arn:", 0) == 0)
                return value(bus);
            return sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${Bus}",
                       {{"Bus", value(bus)}});
        } else if (auto named = namedResource(prefix, args)) {
            return *named;
        } else if (prefix == "bedrock") {
            if (auto model = staticString(args, "ModelId")) {
                if (model->rfind("arn:", 0) == 0)
                    return value(*model);
                return sub("arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${Model}",
                           {{"Model", value(*model)}});
            }
        }
        return std::nullopt;
    }

    /**
     * Resources named literally in the parameters (a Glue crawler's Name, an Athena WorkGroup, ...): their
     * ARN scopes the statement instead of the account's resources of the service.
     */
    std::optional<Json> namedResource(const std::string &prefix, const Json *args)
    {
        struct Pattern
        {
            const char *prefix;
            const char *key;
            const char *resource; ///< after arn:PARTITION:SERVICE:REGION:ACCOUNT:
        };
        static constexpr Pattern patterns[] = {
            {"glue", "JobName", "job/${Name}"},
            {"glue", "CrawlerName", "crawler/${Name}"},
            {"glue", "Name", "crawler/${Name}"}, // StartCrawler / GetCrawler name the crawler "Name"
            {"athena", "WorkGroup", "workgroup/${Name}"},
            {"lambda", "FunctionName", "function:${Name}"},
            {"codebuild", "ProjectName", "project/${Name}"},
            {"kinesis", "StreamName", "stream/${Name}"},
            {"firehose", "DeliveryStreamName", "deliverystream/${Name}"},
            {"ecs", "Cluster", "cluster/${Name}"},
            {"logs", "LogGroupName", "log-group:${Name}"},
        };
        for (const Pattern &p : patterns) {
            if (prefix != p.prefix)
                continue;
            const auto name = staticString(args, p.key);
            if (!name || name->empty() || *name == "*")
                continue;
            if (name->rfind("arn:", 0) == 0)
                return value(*name);
            return sub(std::string("arn:${AWS::Partition}:") + p.prefix +
                           ":${AWS::Region}:${AWS::AccountId}:" + p.resource,
                       {{"Name", value(*name)}});
        }
        return std::nullopt;
    }

    /**
     * Why a statement must name "*" rather than a regional ARN: a global service (IAM and Organizations
     * ARNs have no region, so a regional pattern never matches and the step fails with AccessDenied), or an
     * action IAM does not scope to resources (EC2's Describe*, the List* actions without a target). Nothing
     * when a regional ARN works.
     */
    static std::optional<std::string> globalScope(const std::string &prefix, const std::string &action)
    {
        static const std::set<std::string> global = {"iam",    "organizations", "route53", "cloudfront",
                                                     "sts",    "account",       "budgets", "ce",
                                                     "health", "support"};
        if (global.count(prefix))
            return "is an action of a global service (its ARNs have no region, so a regional ARN never "
                   "matches)";
        if ((prefix == "ec2" && action.rfind("describe", 0) == 0) ||
            (action.rfind("list", 0) == 0 && action.size() > 4 && action.back() == 's'))
            return "does not take resource-level permissions (a resource ARN in its statement never matches)";
        return std::nullopt;
    }

    void addService(const Json &state)
    {
        const auto resource = state.value("Resource", std::string());
        const auto integration = parseIntegration(resource);
        if (!integration) {
            note("could not read the integration from \"" + resource +
                 "\"; no permission was granted for it");
            return;
        }
        const Json *args = arguments(state);
        if (integration->service == "s3" && integration->sdk) {
            addS3({"s3:" + iamActionName(integration->action)}, args);
            return;
        }
        // The same action the Inspector shows for the step (sdk::taskIamActions: the generated table's
        // IAM prefixes for aws-sdk services, execute-api for API Gateway, elasticmapreduce for EMR).
        const std::vector<std::string> actions = sdk::taskIamActions(resource);
        if (actions.empty()) {
            note("could not tell the IAM action of \"" + resource + "\"; no permission was granted for it");
            return;
        }
        const std::string prefix = actions.front().substr(0, actions.front().find(':'));
        if (prefix == "dynamodb" && (integration->action == "query" || integration->action == "scan"))
            if (auto table = staticString(args, "TableName"); table && table->rfind("arn:", 0) != 0)
                m_set.add(actions, sub("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:"
                                       "table/${Table}/index/*",
                                       {{"Table", value(*table)}}));
        if (integration->service.find('*') != std::string::npos ||
            integration->action.find('*') != std::string::npos)
            note("\"" + resource + "\" is a wildcard AWS SDK integration: " + actions.front() +
                 " allows every action it matches on the resources below; name the service and the action");
        if (auto scope = globalScope(prefix, integration->action)) {
            // Global services and actions without resource-level permissions: a regional ARN never matches.
            note(actions.front() + " " + *scope + "; it is granted on \"*\"");
            m_set.add(actions, "*");
        } else if (auto target = targetOf(prefix, args)) {
            if (*target == "*")
                note("its target is \"*\": " + actions.front() + " is granted on every resource of " +
                     prefix + "; name the one it acts on");
            m_set.add(actions, *target);
        } else {
            note("could not tell which " + prefix + " resource " + actions.front() +
                 " acts on; it is granted on the account's " + prefix +
                 " resources in the stack's region — narrow it");
            m_set.add(actions, prefix == "s3" ? sub("arn:${AWS::Partition}:s3:::*") : accountScope(prefix));
        }
        if (integration->pattern == "sync")
            addSyncPolling(prefix, args);
    }

    /** .sync integrations poll or listen for the job they started. */
    void addSyncPolling(const std::string &prefix, const Json *args)
    {
        static const std::map<std::string, std::pair<std::vector<std::string>, std::string>> polling = {
            {"states",
             {{"states:DescribeExecution", "states:StopExecution"},
              "StepFunctionsGetEventsForStepFunctionsExecutionRule"}},
            {"ecs", {{"ecs:StopTask", "ecs:DescribeTasks"}, "StepFunctionsGetEventsForECSTaskRule"}},
            {"batch",
             {{"batch:DescribeJobs", "batch:TerminateJob"}, "StepFunctionsGetEventsForBatchJobsRule"}},
            {"codebuild",
             {{"codebuild:StopBuild", "codebuild:BatchGetBuilds"},
              "StepFunctionsGetEventForCodeBuildStartBuildRule"}},
            {"glue", {{"glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"}, ""}},
        };
        const auto it = polling.find(prefix);
        if (it == polling.end()) {
            note("runs a .sync job of " + prefix + "; the polling permissions it needs were not derived");
            return;
        }
        if (prefix == "states") {
            const auto arn = staticString(args, "StateMachineArn");
            m_set.add(
                it->second.first,
                arn ? sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Name}:*",
                          {{"Name", select(6, split(":", value(*arn)))}})
                    : accountScope("states", "execution:*"));
        } else {
            m_set.add(it->second.first, accountScope(prefix));
        }
        if (!it->second.second.empty())
            m_set.add({"events:PutTargets", "events:PutRule", "events:DescribeRule"},
                      accountScope("events", "rule/" + it->second.second));
        if (prefix == "ecs")
            note("ecs:RunTask needs iam:PassRole on the task's roles, which the definition does not name");
    }

    void addPlaceholder(const Json &state)
    {
        // Placeholders named like a Lambda function are Lambda steps (asl::classifyTask), wired to this
        // template's functions; what remains is truly unknown until deployed.
        const auto &resource = state["Resource"];
        const std::string text = resource.is_string() ? resource.get<std::string>() : resource.dump();
        note("its Resource " + text +
             " is known only when deployed; no permission was granted for it — add the one the substituted "
             "ARN "
             "needs");
    }

    const WiredDefinition &m_wired;
    Json m_ownArn;
    std::string m_ownName;
    std::string m_state;
    StatementSet m_set;
    StateMachinePolicy m_policy;
};

} // namespace

StateMachinePolicy stateMachinePolicy(const WiredDefinition &wired, const Json &ownArn,
                                      const std::string &ownNameRef)
{
    return PolicyBuilder(wired, ownArn, ownNameRef).build();
}

} // namespace egress::cfn

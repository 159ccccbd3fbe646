#include "sdk/integrations.h"

#include "sdk/catalog.h"

#include <algorithm>
#include <map>

namespace egress::sdk {

using asl::Json;

namespace {

/**
 * AWS SDK actions Step Functions also offers as optimized integrations ("Integrating optimized services
 * with Step Functions" in the Step Functions developer guide): SDK service and action → the optimized
 * Resource's service part, where it differs from the SDK's name.
 */
struct Optimized
{
    const char *sdkService;
    const char *action;
    const char *service; ///< as in arn:aws:states:::<service>:<action>
};

constexpr Optimized kOptimized[] = {
    {"lambda", "invoke", "lambda"},
    {"dynamodb", "getItem", "dynamodb"},
    {"dynamodb", "putItem", "dynamodb"},
    {"dynamodb", "updateItem", "dynamodb"},
    {"dynamodb", "deleteItem", "dynamodb"},
    {"sns", "publish", "sns"},
    {"sqs", "sendMessage", "sqs"},
    {"eventbridge", "putEvents", "events"},
    {"sfn", "startExecution", "states"},
    {"ecs", "runTask", "ecs"},
    {"batch", "submitJob", "batch"},
    {"glue", "startJobRun", "glue"},
    {"databrew", "startJobRun", "databrew"},
    {"athena", "startQueryExecution", "athena"},
    {"athena", "stopQueryExecution", "athena"},
    {"athena", "getQueryExecution", "athena"},
    {"athena", "getQueryResults", "athena"},
    {"codebuild", "startBuild", "codebuild"},
    {"codebuild", "stopBuild", "codebuild"},
    {"codebuild", "batchDeleteBuilds", "codebuild"},
    {"codebuild", "batchGetReports", "codebuild"},
    {"bedrockruntime", "invokeModel", "bedrock"},
    {"eks", "createCluster", "eks"},
    {"eks", "deleteCluster", "eks"},
    {"eks", "createNodegroup", "eks"},
    {"eks", "deleteNodegroup", "eks"},
    {"emrcontainers", "startJobRun", "emr-containers"},
    {"emrserverless", "startJobRun", "emr-serverless"},
    {"mediaconvert", "createJob", "mediaconvert"},
    {"sagemaker", "createTrainingJob", "sagemaker"},
    {"sagemaker", "createTransformJob", "sagemaker"},
    {"sagemaker", "createProcessingJob", "sagemaker"},
    {"sagemaker", "createModel", "sagemaker"},
    {"sagemaker", "createEndpoint", "sagemaker"},
    {"sagemaker", "createEndpointConfig", "sagemaker"},
    {"sagemaker", "updateEndpoint", "sagemaker"},
};

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/** A member naming a thing that exists before the workflow runs: a deploy-time substitution fits it. */
bool namesAResource(std::string_view member)
{
    for (std::string_view suffix : {"Name", "Arn", "ARN", "Url", "URL", "Id", "Identifier"})
        if (endsWith(member, suffix))
            return true;
    return member == "Bucket" || member == "Cluster" || member == "WorkGroup";
}

} // namespace

std::string sdkResource(std::string_view service, std::string_view action)
{
    return "arn:aws:states:::aws-sdk:" + std::string(service) + ":" + std::string(action);
}

std::optional<std::string> optimizedResource(std::string_view service, std::string_view action)
{
    for (const Optimized &o : kOptimized)
        if (service == o.sdkService && action == o.action)
            return std::string("arn:aws:states:::") + o.service + ":" + o.action;
    return std::nullopt;
}

Json parametersSkeleton(const Operation &operation, bool jsonata)
{
    Json out = Json::object();
    for (const std::string &member : operation.required) {
        if (namesAResource(member))
            out[member] = "${" + member + "}";
        else if (jsonata)
            out[member] = "{% $states.input." + member + " %}";
        else
            out[member + ".$"] = "$." + member;
    }
    return out;
}

std::string iamPrefix(std::string_view sdkService)
{
    // Generated with the table by tools/gen-aws-sdk-actions.mjs: only the names that differ.
    static const std::map<std::string, std::string, std::less<>> prefixes = {
#include "sdk/iamprefixes.inc"
    };
    const auto it = prefixes.find(sdkService);
    return it == prefixes.end() ? std::string(sdkService) : it->second;
}

std::string iamActionName(std::string_view apiAction)
{
    std::string out(apiAction);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

std::vector<std::string> taskIamActions(std::string_view resource)
{
    // A bare Lambda function ARN (the older way to call Lambda).
    if (resource.find(":lambda:") != std::string_view::npos &&
        resource.find(":function:") != std::string_view::npos)
        return {"lambda:InvokeFunction"};
    const auto at = resource.find("states:::");
    if (at == std::string_view::npos)
        return {};
    std::string_view rest = resource.substr(at + 9);
    const bool sdk = rest.rfind("aws-sdk:", 0) == 0;
    if (sdk)
        rest.remove_prefix(8);
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos)
        return {};
    const std::string_view service = rest.substr(0, colon);
    std::string_view action = rest.substr(colon + 1);
    action = action.substr(0, action.find('.')); // .sync, .waitForTaskToken
    if (service.empty() || action.empty())
        return {};
    if (sdk)
        return {iamPrefix(service) + ":" + iamActionName(action)};
    if (service == "lambda" && action == "invoke")
        return {"lambda:InvokeFunction"};
    if (service == "http" && action == "invoke")
        return {"states:InvokeHTTPEndpoint"};
    if (service == "apigateway")
        return {"execute-api:Invoke"};
    if (service == "emr")
        return {"elasticmapreduce:" + iamActionName(action)};
    return {std::string(service) + ":" + iamActionName(action)};
}

} // namespace egress::sdk

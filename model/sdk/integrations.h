#pragma once

#include "asl/json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace egress::sdk {

struct Service;
struct Operation;

/** arn:aws:states:::aws-sdk:<service>:<action>. */
std::string sdkResource(std::string_view service, std::string_view action);

/**
 * The optimized integration Step Functions offers for an AWS SDK action, when there is one (dynamodb
 * putItem → arn:aws:states:::dynamodb:putItem, sfn startExecution → arn:aws:states:::states:startExecution,
 * lambda invoke → arn:aws:states:::lambda:invoke). Those handle the request and response for the workflow
 * (a Lambda payload as JSON, a DynamoDB item without the SDK's wrapping) and some can wait for a job.
 */
std::optional<std::string> optimizedResource(std::string_view service, std::string_view action);

/**
 * A Parameters (JSONPath) or Arguments (JSONata) skeleton: every required member with a placeholder the
 * user replaces. Names of things (…Name, …Arn, …Url, …Id, Bucket) get a ${Member} definition substitution,
 * which the CloudFormation export wires up; the rest read the state's input of the same name.
 */
asl::Json parametersSkeleton(const Operation &operation, bool jsonata);

/** The IAM prefix of an AWS SDK integration service name: "sfn" → "states", "cloudwatchlogs" → "logs". */
std::string iamPrefix(std::string_view sdkService);

/** "putItem" → "PutItem": the IAM action name of a camelCase API action. */
std::string iamActionName(std::string_view apiAction);

/**
 * The IAM actions a Task's Resource needs the state machine's role to allow: the aws-sdk or optimized
 * integration's action ("dynamodb:PutItem"), lambda:InvokeFunction for lambda:invoke, execute-api:Invoke
 * for API Gateway, states:InvokeHTTPEndpoint for the HTTP Task. Empty for an activity, a bare Lambda ARN
 * (lambda:InvokeFunction) is also known; anything else gives nothing.
 */
std::vector<std::string> taskIamActions(std::string_view resource);

} // namespace egress::sdk

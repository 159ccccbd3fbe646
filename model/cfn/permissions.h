#pragma once

#include "asl/json.h"
#include "cfn/definitionwiring.h"

#include <string>
#include <vector>

namespace egress::cfn {

/** The state machine role's inline policy and the notes on what could not be narrowed. */
struct StateMachinePolicy
{
    Json statements = Json::array();
    std::vector<std::string> notes;
};

/**
 * Least privilege for the exported definition: lambda:InvokeFunction on exactly the template's
 * functions (and their versions and aliases), per service integration the actions it calls on the
 * resource named in its parameters (a derived ARN when the name is known, the account's resources of
 * that service in the stack's region when it is not — with a note), the HTTP Task's endpoint and
 * connection permissions, and Distributed Map's child executions. `ownArn` is the state machine's
 * own ARN (known before it exists, since its name is a parameter).
 */
StateMachinePolicy stateMachinePolicy(const WiredDefinition &wired, const Json &ownArn,
                                      const std::string &ownNameRef);

/** Capitalises the first letter: the IAM action for an API named in camelCase ("putItem" → "PutItem"). */
std::string iamActionName(std::string_view apiAction);

/** The IAM prefix of an AWS SDK service name as Step Functions' aws-sdk integrations spell it. */
std::string iamServicePrefix(std::string_view sdkService);

} // namespace egress::cfn

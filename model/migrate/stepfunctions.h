#pragma once

#include "asl/json.h"
#include "design/project.h"

#include <map>
#include <string>
#include <vector>

namespace egress::migrate {

using asl::Json;

/** Which function resource of the template backs each Lambda step, and what could not be resolved. */
struct StepFunctions
{
    std::map<std::string, std::string> functionOfStep; ///< state name → function logical id
    std::vector<std::string> notes;                    ///< steps left unresolved, and why
};

/** Whether a resource type is a Lambda function (plain CloudFormation or SAM). */
bool isFunctionType(const std::string &type);

/**
 * Resolves the project's Lambda steps to the template's function resources. The step's own
 * "function" key (written by `egress-cli import`) wins; otherwise its FunctionName (or its Resource,
 * for a direct function ARN) is followed: a whole `${X}` through the state machine's
 * DefinitionSubstitutions, then Ref / Fn::GetAtt / Fn::Sub "${F.Arn}" of a function resource.
 * One small function on purpose: the template reader's resolution can replace it.
 */
StepFunctions resolveStepFunctions(const design::Project &project, const Json &templateJson,
                                   const std::string &stateMachineId);

} // namespace egress::migrate

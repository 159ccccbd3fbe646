#pragma once

#include "asl/json.h"
#include "cfn/templatedoc.h"
#include "design/project.h"

#include <string>

namespace egress::cfn {

/** What starts the workload: a state machine (designed variant) or a function (NAT baseline). */
struct TriggerTarget
{
    std::string logicalId;
    bool isStateMachine = true;
    bool express = false; ///< an Express state machine is started synchronously by the APIs
};

/**
 * Adds the project's trigger in front of `target`, each with a role allowed to start exactly that
 * target: an API Gateway REST API (AWS integration with states:StartExecution / StartSyncExecution,
 * or a Lambda proxy integration), an HTTP API (StepFunctions-StartExecution / -StartSyncExecution
 * integration subtypes, or a Lambda proxy), or an EventBridge rule. Adds the API URL output.
 */
void addTrigger(TemplateDoc &doc, design::Trigger trigger, const TriggerTarget &target);

} // namespace egress::cfn

#pragma once

// Applying measured usage to a project (`cost P --usage USAGE.json`, the designer's "Load usage…"):
// executions per month, each Lambda step's duration from its function, and the NAT bytes of one execution
// spread over the steps that call the internet. docs/usage.md, "What is applied".
#include "design/project.h"
#include "usage/usageprofile.h"

#include <string>
#include <vector>

namespace egress::usage {

struct UsageApplication
{
    design::Project project;             ///< the project with the usage applied
    std::vector<std::string> applied;    ///< one sentence per change, e.g. "executions per month: …"
    std::vector<std::string> notApplied; ///< what could not be matched or used, and why
};

UsageApplication applyUsage(const design::Project &project, const UsageProfile &usage);

/** The CloudWatch function names a step's Lambda function may go by: the template's logical id
 * (design.function), the name in Parameters.FunctionName or the Resource ARN, a ${Placeholder}'s name
 * without its "Arn" ending, a GetAtt / Ref target. */
std::vector<std::string> functionKeys(const asl::Json &state, const design::StepDesign &design);

/** Does the CloudWatch FunctionName `function` belong to a step with these keys and this name? Exact names,
 * a logical id as one '-'-separated part of a CloudFormation-generated name (stack-LogicalId-SUFFIX), or
 * the step's name with case, spaces and punctuation ignored. */
bool functionMatches(const std::string &function, const std::vector<std::string> &keys,
                     const std::string &stepName);

/** "Usage from FILE (START … END, D days):" then "  applied: …" and "  not applied: …" lines (Markdown:
 * a bullet list), and a blank line. */
std::string formatApplication(const UsageApplication &application, const UsageProfile &usage,
                              const std::string &file, bool markdown = false);
asl::Json applicationToJson(const UsageApplication &application, const UsageProfile &usage,
                            const std::string &file);

} // namespace egress::usage

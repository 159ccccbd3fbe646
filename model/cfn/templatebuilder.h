#pragma once

#include "asl/json.h"
#include "design/project.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace egress::cfn {

using asl::Json;

/** Which deployment to describe. */
enum class Variant {
    Designed,   ///< the workflow as drawn: a function per Lambda step, placed as drawn, and the state machine
    NatGateway, ///< the baseline: one function doing all the work in the VPC, a NAT gateway per AZ
};

const char *toString(Variant variant);
std::optional<Variant> variantFromString(const std::string &s);

struct ExportOptions
{
    Variant variant = Variant::Designed;
    bool createVpc = false; ///< create the VPC instead of taking an existing one as parameters
};

struct ExportResult
{
    Json templateJson;                 ///< the template, intrinsics in long form
    std::vector<std::string> notes;    ///< what the exporter could not know (also in the template's Metadata)
    std::vector<std::string> problems; ///< CloudFormation limits the template exceeds
    /** Logical id of the AWS::Lambda::Function made for each Lambda step (designed variant only). */
    std::map<std::string, std::string> functionOfStep;
    /** Logical id of the AWS::StepFunctions::StateMachine; empty in the NAT gateway baseline. */
    std::string stateMachine;
    /** The definition's kept number forms at their place in templateJson (for writeTemplate). */
    asl::NumberForms numberForms;
};

/** CloudFormation's quotas on one template. */
inline constexpr std::size_t kMaxParameters = 200;
inline constexpr std::size_t kMaxResources = 500;
inline constexpr std::size_t kMaxOutputs = 200;

/**
 * A deployable CloudFormation template for a project (docs/cloudformation.md). Pure: the same project
 * and options give the same template, byte for byte once written.
 */
ExportResult buildTemplate(const design::Project &project, const ExportOptions &options);

/** Lambda timeout for an expected duration: three times it, at least 3 s, at most 900 s. */
int lambdaTimeoutSeconds(double expectedDurationMs);

} // namespace egress::cfn

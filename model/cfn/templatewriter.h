#pragma once

#include "asl/json.h"
#include "asl/reader.h"

#include <string>

namespace egress::cfn {

/**
 * YAML as people write CloudFormation: intrinsic functions in short form (!Ref X, !GetAtt X.Arn,
 * !Sub '...', !Select [...]), block style, strings quoted where YAML would read them as another type.
 * Reading it with a CloudFormation-aware loader gives the same JSON as writeTemplateJson.
 */
std::string writeTemplateYaml(const asl::Json &templateJson);

/** Pretty JSON, two-space indent, trailing newline. */
std::string writeTemplateJson(const asl::Json &templateJson);

std::string writeTemplate(const asl::Json &templateJson, asl::TextFormat format);

} // namespace egress::cfn

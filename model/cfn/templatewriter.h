#pragma once

#include "asl/json.h"
#include "asl/reader.h"

#include <string>

namespace egress::cfn {

struct ExportResult;

/**
 * YAML as people write CloudFormation: intrinsic functions in short form (!Ref X, !GetAtt X.Arn,
 * !Sub '...', !Select [...]), block style, strings quoted where YAML would read them as another type.
 * Reading it with a CloudFormation-aware loader gives the same JSON as writeTemplateJson.
 * `numberTexts`: numbers written as the definition had them (asl::numberTextsIn).
 */
std::string writeTemplateYaml(const asl::Json &templateJson, const asl::NumberTexts *numberTexts = nullptr);

/** Pretty JSON, two-space indent, trailing newline. */
std::string writeTemplateJson(const asl::Json &templateJson, const asl::NumberTexts *numberTexts = nullptr);

std::string writeTemplate(const asl::Json &templateJson, asl::TextFormat format,
                          const asl::NumberTexts *numberTexts = nullptr);

/** The built template, the definition's numbers as they were written (ExportResult::numberForms). */
std::string writeTemplate(const ExportResult &result, asl::TextFormat format);

} // namespace egress::cfn

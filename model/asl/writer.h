#pragma once

#include "asl/json.h"
#include "asl/reader.h"

#include <string>

namespace egress::asl {

/** Pretty JSON, two-space indent, UTF-8 kept as is, trailing newline. Numbers are written as nlohmann::json
 * writes them (2.0 stays 2.0), or as `numberTexts` says (numberTextsIn: the forms the reader kept). */
std::string writeJson(const Json &value, int indent = 2, const NumberTexts *numberTexts = nullptr);

/**
 * Block-style YAML. Strings that a YAML reader would take for another type ("true", "12", "null") are
 * quoted, so reading the output back gives the same JSON. CloudFormation intrinsics are written in short
 * form (!Ref, !GetAtt, !Sub, ...), as parseYaml reads them.
 */
std::string writeYaml(const Json &value, const NumberTexts *numberTexts = nullptr);

/**
 * True when a plain YAML scalar with this text would not read back as this string (null/bool/number/
 * timestamp look-alikes, indicators at the start, ": " or " #" inside). Both YAML writers quote these.
 */
bool yamlScalarNeedsQuotes(const std::string &s);

std::string writeText(const Json &value, TextFormat format, const NumberTexts *numberTexts = nullptr);

} // namespace egress::asl

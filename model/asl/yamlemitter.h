#pragma once

#include "asl/json.h"

#include <functional>
#include <optional>
#include <string>

namespace egress::asl {

/** A YAML tag to write instead of an object (CloudFormation's short-form intrinsics). */
struct YamlTagged
{
    std::string tag;             ///< without the "!"
    const Json *value = nullptr; ///< the node written after the tag; when null, `text` as a plain scalar
    std::string text;
};

struct YamlEmitOptions
{
    /** Strings of the one shape yaml-cpp writes as literal blocks ("clip" chomping) go there. */
    bool literalBlocks = false;
    /** Called for every object; a value makes the object a tagged node. */
    std::function<std::optional<YamlTagged>(const Json &object)> tagOf;
    /** Number nodes written with a kept text instead of nlohmann::json's (numberTextsIn). */
    const NumberTexts *numberTexts = nullptr;
};

/**
 * A CloudFormation intrinsic ({"Ref": x}, {"Fn::Sub": x}, ...) as its short-form tag (!Ref x, !Sub x);
 * GetAtt of "Resource.Attribute" as one scalar. parseYaml reads these tags back as the same objects, so
 * YAML exports keep the form a YAML template was written in.
 */
std::optional<YamlTagged> cloudFormationShortForm(const Json &object);

/**
 * Writes a JSON value as block-style YAML (two-space indent), byte for byte the layout and quoting
 * yaml-cpp's YAML::Emitter produced for our writers, about twenty times faster: yaml-cpp re-checks every
 * scalar with its own regular-expression engine. Strings are double-quoted where yamlScalarNeedsQuotes
 * says so or a plain scalar cannot hold them; numbers, booleans and null are written from their JSON text.
 * Ends with a newline.
 */
std::string emitYaml(const Json &value, const YamlEmitOptions &options = {});

} // namespace egress::asl

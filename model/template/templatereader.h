#pragma once

#include "asl/diagnostic.h"
#include "asl/json.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/**
 * Reading SAM, CloudFormation and `cdk synth` templates (docs/templates.md). Plain C++, no Qt.
 * The namespace is `tmpl` because `template` is a keyword.
 */
namespace egress::tmpl {

using asl::Diagnostic;
using asl::Json;
using asl::Severity;

/**
 * CloudFormation accepts template bodies up to 1 MB (from S3; 51,200 bytes inline), so anything larger
 * cannot be a deployable template and is refused before parsing.
 */
inline constexpr std::size_t kMaxTemplateBytes = 1024u * 1024u;

/** A parsed template: the document with intrinsics in their long JSON form, and where each value was. */
struct Template
{
    std::string path;   ///< as given
    std::string format; ///< "yaml" or "json"
    Json root;          ///< short tags (!Ref, !Sub ...) already turned into {"Ref": ...}, {"Fn::Sub": ...}
    std::map<std::string, int> lines; ///< JSON pointer → 1-based line of its key (or value in a list)

    /** The line of the value at `pointer`, or of its nearest ancestor that has one; 0 when unknown. */
    int lineOf(const std::string &pointer) const;
    /** A diagnostic at `pointer` of this template, with its line. */
    Diagnostic at(Severity severity, const std::string &pointer, const std::string &message) const;
    /** "template.yaml:12" for notes printed or kept in the project. */
    std::string where(const std::string &pointer) const;

    const Json &resources() const;
    const Json *resource(const std::string &logicalId) const;
    const Json *properties(const std::string &logicalId) const;
    std::string typeOf(const std::string &logicalId) const;
    bool isSam() const; ///< Transform names AWS::Serverless-2016-10-31
};

struct TemplateRead
{
    std::optional<Template> value;
    std::vector<Diagnostic> problems; ///< errors (then value is empty) and warnings

    explicit operator bool() const { return value.has_value(); }
};

/**
 * Parses a template: YAML with CloudFormation's short-form tags (an unknown tag is an error at its line),
 * or JSON. Checks that it is a template (a "Resources" object), that every Ref, GetAtt and ${Name} names
 * something, and that resources do not depend on each other in a cycle.
 */
TemplateRead parseTemplate(std::string_view text, const std::string &path, bool yaml);
TemplateRead readTemplate(const std::string &path);

/** Is a parsed document a SAM / CloudFormation template (rather than ASL or a project)? */
bool looksLikeTemplate(const Json &document);

/**
 * Is the file a template, by content? YAML: a top-level `Resources:`, `AWSTemplateFormatVersion:` or
 * `Transform:` line (cheap, so a huge template is refused by size rather than parsed); JSON: parsed.
 */
bool isTemplateFile(const std::string &path);

/** JSON pointer of a resource, or of a property of it. */
std::string resourcePointer(const std::string &logicalId, const std::string &property = {});

/** The short tags the YAML reader knows, without the "!". */
const std::vector<std::string> &knownShortTags();

} // namespace egress::tmpl

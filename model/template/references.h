#pragma once

#include "template/templatereader.h"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace egress::tmpl {

/**
 * Every Ref, Fn::GetAtt and Fn::Sub `${Name}` in Resources and Outputs must name a parameter, a
 * resource or a pseudo parameter (in a SAM template also a resource SAM generates from one, such as
 * MyFunctionRole or ServerlessRestApi); and resources must not depend on each other in a cycle, which
 * CloudFormation refuses. Each problem is an error at the template line.
 */
std::vector<Diagnostic> checkReferences(const Template &t);

/** The `${Name}`s of an Fn::Sub text, without `${!Literal}` escapes. */
std::vector<std::string> subNames(const std::string &text);

/**
 * Calls `visit(name, attribute, pointer)` for every reference in `value`: a Ref (attribute ""), a GetAtt
 * or a `${Name}` / `${Name.Attribute}` of an Fn::Sub (minus names its own variables map defines).
 */
void forEachReference(const Json &value, const std::string &pointer,
                      const std::function<void(const std::string &name, const std::string &attribute,
                                               const std::string &pointer)> &visit);

} // namespace egress::tmpl

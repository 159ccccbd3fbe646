#pragma once

#include "asl/json.h"
#include "cfn/templatedoc.h"
#include "design/project.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace egress::cfn {

/** A Lambda step and the function the template creates for it. */
struct WiredFunction
{
    std::string stateName;
    std::string logicalId; ///< the AWS::Lambda::Function
    std::string
        placeholder; ///< the substitution naming its ARN; empty when the step picks the function at run time
};

/** An AWS::Events::Connection made for one or more HTTP Tasks that named the same connection. */
struct WiredConnection
{
    std::string logicalId;
    std::vector<std::string> stateNames;
};

/**
 * The definition as exported, and how it is tied to the template: every `${Name}` in it has a
 * DefinitionSubstitutions entry (a function ARN, a connection ARN, a pseudo parameter or a template
 * parameter), and no CloudFormation intrinsic is left inside it.
 *
 * Wiring rules (docs/cloudformation.md):
 * - a Lambda step whose FunctionName is a whole `${X}` keeps X; X maps to its function's ARN;
 * - a Lambda step naming a function any other way (a literal name or ARN, an intrinsic, a placeholder
 *   already used by an earlier step, a direct Lambda ARN as Resource) is rewritten to a generated
 *   `${<Step>FunctionArn}` — one function per step, because placement is decided per step;
 * - `"FunctionName.$"` (chosen at run time) is left alone and noted;
 * - an HTTP Task that names its connection (Authentication.ConnectionArn or InvocationConfig.ConnectionArn)
 *   keeps it; one that names none gets `${<Step>ConnectionArn}` of a generated connection;
 * - intrinsics inside the definition (from inline SAM definitions) become placeholders;
 * - other placeholders become String parameters, except partition/region/account names, which map to
 *   the pseudo parameters; names that are not alphanumeric are renamed.
 */
struct WiredDefinition
{
    Json definition;
    Json substitutions = Json::object(); ///< placeholder → value, in first-use order
    std::vector<WiredFunction> functions;
    std::vector<WiredConnection> connections;
    std::vector<std::string> notes;

    /**
     * The template expression for a string of the exported definition: the string itself when it has
     * no placeholder, the substituted value when it is one, Fn::Sub with those values otherwise.
     */
    Json expressionFor(const std::string &text) const;
};

/** Claims the function and connection logical ids and adds the parameters the definition needs. */
WiredDefinition wireDefinition(const design::Project &project, TemplateDoc &doc);

/** The names of every `${Name}` in a string, in order. */
std::vector<std::string> placeholdersIn(const std::string &text);

} // namespace egress::cfn

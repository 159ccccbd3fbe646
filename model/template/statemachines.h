#pragma once

#include "design/project.h"
#include "template/templatereader.h"

#include <optional>
#include <string>
#include <vector>

namespace egress::tmpl {

/** A state machine resource of a template. */
struct StateMachineRef
{
    std::string logicalId;
    std::string type; ///< AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine
    int line = 0;
};

std::vector<StateMachineRef> listStateMachines(const Template &t);

/**
 * A state machine's definition as ASL, with every CloudFormation intrinsic inside it turned into a
 * `${Placeholder}` whose template value is in `substitutions` (together with DefinitionSubstitutions).
 */
struct ExtractedDefinition
{
    std::string logicalId;
    Json definition = Json::object();
    Json substitutions = Json::object(); ///< placeholder → template value (string or intrinsic)
    /** Where the definition's own pointers are: the template (inline) or a DefinitionUri file. */
    std::string definitionFile;
    /** Template pointer of an inline Definition object: its pointers continue under it. */
    std::string definitionPointer;
    bool inlineObject = false; ///< Definition as a YAML/JSON object (pointers map 1:1 into the template)
    std::optional<design::WorkflowType> workflowType;
    std::vector<Diagnostic> problems; ///< errors: the definition could not be read
    std::vector<Diagnostic> notes;    ///< what was read but cannot be used (Info)

    bool ok() const { return !asl::hasErrors(problems); }
};

/** Reads the definition of the state machine `logicalId` (DefinitionUri relative to the template). */
ExtractedDefinition extractDefinition(const Template &t, const std::string &logicalId);

/**
 * Where a problem of the definition (a pointer into the ASL) is: in the template at the inline
 * definition's line, at the DefinitionString's line, or in the DefinitionUri file.
 */
Diagnostic locateInTemplate(const Template &t, const ExtractedDefinition &d, Diagnostic problem);

} // namespace egress::tmpl

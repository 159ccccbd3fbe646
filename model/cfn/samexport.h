#pragma once

#include "asl/json.h"
#include "cfn/templatebuilder.h"

#include <string>

namespace egress::cfn {

/** The SAM layout of an exported template: the template and the ASL file its DefinitionUri names. */
struct SamTemplate
{
    Json templateJson;
    Json definition; ///< written to the DefinitionUri file (JSON)
};

/**
 * Turns the designed export into what SAM projects keep: Transform AWS::Serverless-2016-10-31 and an
 * AWS::Serverless::StateMachine (Name, Type, Role, Logging, Tracing) whose DefinitionUri names the ASL
 * file written beside the template; DefinitionSubstitutions stay as they are. Everything else is the
 * plain CloudFormation export. `result` must have a state machine (the designed variant).
 */
SamTemplate toSam(const ExportResult &result, const std::string &definitionUri);

} // namespace egress::cfn

#pragma once

#include "design/project.h"
#include "template/statemachines.h"
#include "template/templatereader.h"

#include <optional>
#include <string>
#include <vector>

namespace egress::tmpl {

/** A project made from one state machine of a template, and what the import could not resolve. */
struct TemplateImport
{
    std::optional<design::Project> project;
    ExtractedDefinition definition;
    std::vector<Diagnostic> problems; ///< errors: nothing to import
    std::vector<Diagnostic> notes;    ///< Info: unresolved values and what the template already has

    explicit operator bool() const { return project.has_value(); }
};

/**
 * Chooses the state machine to import: the one named, or the only one. With several and no name,
 * `ambiguous` is set and the message lists them.
 */
std::optional<std::string> chooseStateMachine(const Template &t, const std::string &requested,
                                              std::string &error, bool &ambiguous);

/**
 * The design of one state machine (docs/templates.md): its definition with placeholders, each Lambda
 * step's function (placement from VpcConfig, memory, architecture; SAM Globals applied), the VPC's
 * availability zones, the workflow type, trigger and schedule volume. The project is not laid out.
 * `templatePathInProject` is what the project's "source.template" records.
 */
TemplateImport importStateMachine(const Template &t, const std::string &logicalId,
                                  const std::string &templatePathInProject);

/** The template's path relative to the folder of the project file to be written at `projectPath`. */
std::string templatePathFor(const std::string &templatePath, const std::string &projectPath);

// The parts, for tests and for derive.cpp.

/** The function properties with SAM's Globals.Function under them (SAM functions only). */
Json functionProperties(const Template &t, const std::string &logicalId);

/** The Lambda function resource `value` names (through substitutions, Ref, GetAtt, Sub, ARNs, names). */
std::string resolveFunction(const Template &t, const Json &substitutions, const Json &value,
                            std::string &why);

/** Sets the VPC's zones from the subnets of in-VPC functions; notes the NAT gateways etc. it finds. */
void deriveVpc(const Template &t, design::Project &project, std::vector<Diagnostic> &notes);

/** Sets the workflow's trigger and executions from SAM Events, Events rules and schedules. */
void deriveTrigger(const Template &t, const std::string &stateMachine, design::Project &project,
                   std::vector<Diagnostic> &notes);

} // namespace egress::tmpl

#pragma once

#include "design/project.h"

#include <string>
#include <vector>

namespace egress::migrate {

/** What to migrate: the project, the user's template as read from disk, and where the result goes. */
struct MigrateInput
{
    const design::Project *project = nullptr;
    std::string templatePath; ///< for messages and for DefinitionUri files relative to the template
    std::string templateText;
    std::string stateMachine; ///< logical id; empty = the template's only state machine
    std::string outputPath;   ///< the new template; DefinitionUri files are written beside it
};

/** A file written beside the new template (a DefinitionUri definition). */
struct ExtraFile
{
    std::string path;
    std::string text;
};

struct MigrateResult
{
    /** Unusable input (exit 2, nothing written): `FILE:LINE: message` each. */
    std::vector<std::string> errors;
    std::string text; ///< the new template
    std::vector<ExtraFile> files;
    /** The readable summary of the change, one line each. */
    std::vector<std::string> summary;
    /** What the migration could not do and the user must (exit 1; the template is still written). */
    std::vector<std::string> problems;

    bool ok() const { return errors.empty(); }
};

/**
 * Writes the design back into the user's own template as text edits on it (docs/templates.md,
 * "Migrating your template"): VpcConfig removed from or added to the functions whose step moved,
 * the state machine's definition replaced in the form it had, IAM statements added for integrations
 * the definition did not use before, and the NAT gateway resources the design no longer needs listed.
 * Every byte the edits do not touch is kept.
 */
MigrateResult migrateTemplate(const MigrateInput &input);

} // namespace egress::migrate

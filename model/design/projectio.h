#pragma once

#include "asl/diagnostic.h"
#include "asl/reader.h"
#include "design/project.h"
#include "design/safewrite.h"

#include <optional>
#include <string>
#include <vector>

namespace egress::design {

inline constexpr const char *kProjectFormat = "egress-studio-project";
inline constexpr int kProjectVersion = 1;

struct ProjectLoad
{
    std::optional<Project> project;
    std::vector<asl::Diagnostic> problems; ///< errors (then project is empty) and warnings

    explicit operator bool() const { return project.has_value(); }
};

/**
 * Reads a project from JSON text. Checks the format marker and version (older versions are migrated
 * through projectMigrations(), newer ones refused), duplicate keys, and the type, range or vocabulary
 * of every design value; each problem names the file and its JSON pointer. Unknown keys are kept.
 * Design data for a state the definition lacks is a warning; a migration is an Info note.
 */
ProjectLoad parseProject(std::string_view text, const std::string &fileName);
ProjectLoad loadProject(const std::string &path);

/**
 * The project as JSON: fixed key order (known keys in the documented order, then unknown ones as
 * read), steps sorted by name, the definition verbatim. serializeProject() writes it with two-space
 * indentation, short arrays of plain values on one line, and a final newline.
 */
Json projectToJson(const Project &project);
std::string serializeProject(const Project &project);

/**
 * Writes the file atomically (design/safewrite.h: symlinks followed, devices written through, a temporary
 * file renamed over the target). On any failure the previous file is untouched.
 * Returns an error message naming the file, or nothing on success.
 */
std::optional<std::string> saveProject(const Project &project, const std::string &path);

/**
 * A new project around an ASL definition: one design entry per state (Lambda steps inside the VPC),
 * laid out by the caller. The name comes from the file name when given.
 */
Project projectFromDefinition(const Json &definition, const std::string &name,
                              const asl::NumberForms &numberForms = {});

/** The project's definition as JSON or YAML, numbers as they were written (Project::definitionNumberForms).
 */
std::string writeDefinition(const Project &project, asl::TextFormat format);

/** Is the file a project (by content) rather than a bare ASL definition? */
bool looksLikeProject(const Json &document);

} // namespace egress::design

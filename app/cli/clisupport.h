#pragma once

#include "design/project.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace egress::cli {

/** A project read from a project file, or made from a bare ASL definition (then laid out). */
struct LoadedInput
{
    design::Project project;
    bool wasProject = false;
    /** Errors in the definition (asl::validateDefinition): the input loads, but Step Functions would refuse
     * it. loadProjectOrDefinition has already said so. */
    int definitionErrors = 0;
};

/**
 * Loads a project (*.egress.json) or an ASL definition (JSON/YAML). Prints every problem to `err` as
 * `FILE: POINTER (state NAME): message`; returns nothing when the file cannot be used. A definition with
 * errors still loads, with one line "FILE: the definition has N errors ..." (definitionInvalidLine).
 */
std::optional<LoadedInput> loadProjectOrDefinition(const std::string &path, std::ostream &err);

/** "FILE: the definition has N error(s); egress-cli validate FILE lists them" — every command says it. */
std::string definitionInvalidLine(const std::string &path, int errors);

/** Writes `text` to `path` atomically, or to standard output for "-". Prints a message on failure. */
bool writeOutput(const std::string &path, const std::string &text, std::ostream &err);

/** The file name without directories and without .egress.json / .asl.json / .json / .yaml endings. */
std::string baseName(const std::string &path);

} // namespace egress::cli

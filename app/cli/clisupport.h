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
};

/**
 * Loads a project (*.egress.json) or an ASL definition (JSON/YAML). Prints every problem to `err` as
 * `FILE: POINTER (state NAME): message`; returns nothing when the file cannot be used.
 */
std::optional<LoadedInput> loadProjectOrDefinition(const std::string &path, std::ostream &err);

/** Writes `text` to `path` atomically, or to standard output for "-". Prints a message on failure. */
bool writeOutput(const std::string &path, const std::string &text, std::ostream &err);

/** The file name without directories and without .egress.json / .asl.json / .json / .yaml endings. */
std::string baseName(const std::string &path);

} // namespace egress::cli

#pragma once

#include "asl/json.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace egress::design {

/**
 * One step of the project format's history: rewrites a document of `fromVersion` into one of
 * fromVersion + 1, in place (renamed keys, new required keys with their old implicit value, ...).
 * A new format version adds exactly one Migration to projectMigrations() and bumps kProjectVersion.
 */
struct Migration
{
    int fromVersion = 0;
    std::string summary; ///< what changed, for the note shown when an old file is opened
    std::function<void(asl::Json &document)> apply;
};

/** The format's real history, oldest first. Empty while version 1 is the only version there has been. */
const std::vector<Migration> &projectMigrations();

/**
 * Brings `document` from `fromVersion` to `toVersion` by applying each migration in turn and setting
 * its "version" key. Returns a message when some step has no migration (the document is then
 * partly migrated and must be dropped), nothing on success.
 */
std::optional<std::string> migrateDocument(asl::Json &document, int fromVersion, int toVersion,
                                           const std::vector<Migration> &migrations);

} // namespace egress::design

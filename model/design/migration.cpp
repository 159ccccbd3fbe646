#include "design/migration.h"

namespace egress::design {

const std::vector<Migration> &projectMigrations()
{
    // Version 2 will add {1, "what changed", [](asl::Json &document) { ... }} here.
    static const std::vector<Migration> migrations;
    return migrations;
}

std::optional<std::string> migrateDocument(asl::Json &document, int fromVersion, int toVersion,
                                           const std::vector<Migration> &migrations)
{
    for (int version = fromVersion; version < toVersion; ++version) {
        const Migration *step = nullptr;
        for (const Migration &m : migrations)
            if (m.fromVersion == version)
                step = &m;
        if (!step || !step->apply)
            return "no migration from format version " + std::to_string(version) + " to " +
                   std::to_string(version + 1);
        step->apply(document);
        document["version"] = version + 1;
    }
    return std::nullopt;
}

} // namespace egress::design

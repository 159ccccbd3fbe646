#pragma once

#include <filesystem>

namespace egress::design {

/**
 * Where price tables, examples and schemas live. In order: $EGRESS_RESOURCES; <prefix>/share/egress-studio
 * relative to the running executable (an installed copy); the source tree's resources/ (a build tree).
 */
std::filesystem::path resourceDirectory();

} // namespace egress::design

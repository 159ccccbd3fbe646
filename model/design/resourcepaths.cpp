#include "design/resourcepaths.h"

#include <cstdlib>
#include <system_error>

namespace egress::design {

std::filesystem::path resourceDirectory()
{
    namespace fs = std::filesystem;
    if (const char *env = std::getenv("EGRESS_RESOURCES"); env && *env)
        return fs::path(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / EGRESS_INSTALL_DATADIR;
        if (fs::is_directory(installed / "pricing", ec))
            return installed;
    }
    return fs::path(EGRESS_SOURCE_RESOURCES);
}

} // namespace egress::design

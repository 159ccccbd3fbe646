// libFuzzer target: the project loader (format marker, version, typed design values), then the
// serializer and a second load of what it wrote, which must succeed.
#include "design/projectio.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace egress::design;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const ProjectLoad load = parseProject(text, "fuzz.egress.json");
    if (!load.project)
        return 0;
    const std::string saved = serializeProject(*load.project);
    const ProjectLoad again = parseProject(saved, "fuzz-resaved.egress.json");
    if (!again.project)
        std::abort(); // a project we accepted and wrote must read back
    return 0;
}

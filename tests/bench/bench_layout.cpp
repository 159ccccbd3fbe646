// Import + auto-layout: the 1 MB definition and 1,000 states, from the file to a laid-out project
// (what `egress-cli import` and opening an ASL file in the designer do).
#include "asl/reader.h"
#include "asl/writer.h"
#include "benchsupport.h"
#include "design/projectio.h"
#include "generator.h"
#include "layout/layout.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace asl = egress::asl;
namespace bench = egress::bench;
namespace fs = std::filesystem;

namespace {

void importAndLayout(const fs::path &path)
{
    const asl::ReadResult read = asl::readFile(path.string());
    if (!read.value) {
        std::cerr << read.error->toString() << "\n";
        std::exit(1);
    }
    egress::design::Project project = egress::design::projectFromDefinition(*read.value, "bench");
    egress::layout::autoLayout(project);
    if (project.steps.empty() || !project.steps.begin()->second.position) {
        std::cerr << path << ": layout placed nothing\n";
        std::exit(1);
    }
}

} // namespace

int main()
{
    const fs::path dir = fs::temp_directory_path() / ("egress-bench-layout-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path large = dir / "generated-1000.asl.json";
    const fs::path mega = dir / "generated-1mb.asl.json";
    std::ofstream(large, std::ios::binary)
        << asl::writeJson(asl::generateWorkflow({.states = 1000, .seed = 1}));
    std::ofstream(mega, std::ios::binary)
        << asl::writeJson(asl::generateWorkflow({.seed = 1, .targetBytes = 1'000'000}));

    bench::report("import + auto-layout, 1,000 states", bench::medianMs(3, [&] { importAndLayout(large); }),
                  "ms");
    bench::reportAtMost("import + auto-layout, 1 MB", bench::medianMs(3, [&] { importAndLayout(mega); }),
                        "ms", 1000);
    fs::remove_all(dir);
    return 0;
}

// Import + auto-layout: the 1 MB definition and 1,000 states, from the file to a laid-out project
// (what `egress-cli import` and opening an ASL file in the designer do); the design picture (SVG) of the
// laid-out 1,000-state project (what `egress-cli picture` and a report draw).
#include "asl/reader.h"
#include "asl/writer.h"
#include "benchsupport.h"
#include "design/projectio.h"
#include "generator.h"
#include "layout/layout.h"
#include "report/pictures.h"

#include <algorithm>
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

int main(int argc, char **argv)
{
    // --picture: only the design picture (for callgrind --toggle-collect='egress::report::designPicture*').
    const bool pictureOnly = argc > 1 && std::string(argv[1]) == "--picture";
    const fs::path dir = fs::temp_directory_path() / ("egress-bench-layout-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path large = dir / "generated-1000.asl.json";
    const fs::path mega = dir / "generated-1mb.asl.json";
    std::ofstream(large, std::ios::binary)
        << asl::writeJson(asl::generateWorkflow({.states = 1000, .seed = 1}));
    std::ofstream(mega, std::ios::binary)
        << asl::writeJson(asl::generateWorkflow({.seed = 1, .targetBytes = 1'000'000}));

    if (!pictureOnly) {
        bench::report("import + auto-layout, 1,000 states",
                      bench::medianMs(3, [&] { importAndLayout(large); }), "ms");
        bench::reportAtMost("import + auto-layout, 1 MB", bench::medianMs(3, [&] { importAndLayout(mega); }),
                            "ms", 1000);
    }
    egress::design::Project generated = asl::generateProject({.states = 1000, .seed = 1});
    egress::layout::autoLayout(generated);
    std::size_t svgBytes = 0;
    bench::reportAtMost(
        "design picture (SVG), 1,000 states",
        bench::medianMs(pictureOnly ? 1 : 3,
                        [&] { svgBytes = egress::report::designPicture(generated).svg.size(); }),
        "ms", 1000);
    // Every third step moved off its place: the layout's routes no longer apply, every arrow is routed anew.
    int k = 0;
    for (auto &[name, step] : generated.steps)
        if (step.position && k++ % 3 == 0)
            (*step.position)[0] += 70;
    bench::reportAtMost(
        "design picture (SVG), 1,000 states, steps moved",
        bench::medianMs(
            pictureOnly ? 1 : 3,
            [&] { svgBytes = std::min(svgBytes, egress::report::designPicture(generated).svg.size()); }),
        "ms", 1000);
    if (svgBytes == 0) {
        std::cerr << "the design picture is empty\n";
        return 1;
    }
    fs::remove_all(dir);
    return 0;
}

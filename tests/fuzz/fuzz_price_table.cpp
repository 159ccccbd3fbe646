// libFuzzer target: the price-table loader, then the whole cost pipeline (visits, strategies, break-even)
// on the bundled example project priced with whatever table the loader accepted, and its break-even chart.
#include "cost/costengine.h"
#include "cost/pricetable.h"
#include "design/projectio.h"
#include "design/resourcepaths.h"
#include "report/pictures.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

const egress::design::Project &exampleProject()
{
    static const egress::design::Project project = [] {
        const auto path = egress::design::resourceDirectory() / "examples" / "partner-api.egress.json";
        auto load = egress::design::loadProject(path.string());
        if (!load.project)
            std::abort(); // the fuzzer needs the bundled example
        return *load.project;
    }();
    return project;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace egress::cost;
    const std::string text(reinterpret_cast<const char *>(data), size);
    for (const char *region : {"", "us-east-1"}) {
        const PriceTableLoad load = parsePriceTable(text, "fuzz-prices.json", region);
        if (load.table)
            // The break-even chart too: its axis loops once ran forever on a $1e308 price.
            (void)egress::report::breakEvenChart(computeCosts(exampleProject(), *load.table));
    }
    return 0;
}

// The simulator (model/sim): a 1,000-state linear run (Pass states with Parameters, intrinsics and
// ResultPath, so every state does path work) and a 10,000-item inline Map with a Pass in its processor.
#include "benchsupport.h"
#include "sim/interpreter.h"

#include <iostream>

namespace bench = egress::bench;
namespace sim = egress::sim;
using egress::sim::Json;

int main()
{
    Json linear{{"StartAt", "S0"}, {"States", Json::object()}};
    for (int i = 0; i < 1000; ++i) {
        Json state{{"Type", "Pass"},
                   {"Parameters", {{"step", i}, {"id.$", "$.id"}, {"label.$", "States.Format('s{}', $.id)"}}},
                   {"ResultPath", "$.last"}};
        if (i == 999)
            state["End"] = true;
        else
            state["Next"] = "S" + std::to_string(i + 1);
        linear["States"]["S" + std::to_string(i)] = std::move(state);
    }
    sim::RunOptions options;
    options.input = Json{{"id", 7}};
    const sim::RunResult check = sim::runStateMachine(linear, options);
    if (check.status != "SUCCEEDED" || check.transitions != 1000) {
        std::cerr << "bench_sim: the linear run did not succeed: " << check.cause << "\n";
        return 1;
    }
    double sink = 0;
    bench::reportAtMost(
        "sim: linear run, 1,000 states",
        bench::medianMs(20, [&] { sink += double(sim::runStateMachine(linear, options).transitions); }), "ms",
        50.0);

    const Json map = Json::parse(R"j({"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items",
        "ItemSelector":{"value.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index"},
        "ItemProcessor":{"StartAt":"Double","States":{"Double":{"Type":"Pass",
          "Parameters":{"n.$":"States.MathAdd($.value, $.value)"},"End":true}}},"End":true}}})j");
    sim::RunOptions mapOptions;
    mapOptions.input = Json{{"items", Json::array()}};
    for (int i = 0; i < 10000; ++i)
        mapOptions.input["items"].push_back(i);
    const sim::RunResult mapCheck = sim::runStateMachine(map, mapOptions);
    if (mapCheck.status != "SUCCEEDED" || mapCheck.output.size() != 10000) {
        std::cerr << "bench_sim: the Map run did not succeed: " << mapCheck.cause << "\n";
        return 1;
    }
    bench::reportAtMost(
        "sim: inline Map, 10,000 items",
        bench::medianMs(3, [&] { sink += double(sim::runStateMachine(map, mapOptions).transitions); }), "ms",
        2000.0);
    return sink > 0 ? 0 : 1;
}

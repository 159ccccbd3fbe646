#pragma once

#include "sim/jsonata.h"

#include <cstdint>
#include <memory>

namespace egress::jsonata {

/**
 * The simulator's JSONata evaluator: the official `jsonata` library (npm jsonata 2.x, its jsonata-es5.js
 * compiled in as a Qt resource) inside QJSEngine, plus the functions Step Functions adds ($partition,
 * $range, $hash, $random, $uuid, $parse). Loading the library takes about 65 ms, once per evaluator.
 * evaluate() returns a promise in jsonata 2.x: the evaluator spins the Qt event loop until it settles, so a
 * QCoreApplication must exist (makeEvaluator creates one for the command-line tool when there is none).
 */
std::unique_ptr<sim::JsonataEvaluator> makeEvaluator(std::uint64_t seed = 0);

} // namespace egress::jsonata

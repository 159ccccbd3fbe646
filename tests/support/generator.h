#pragma once

#include "asl/json.h"

#include <cstddef>
#include <cstdint>

namespace egress::design {
struct Project;
}

namespace egress::asl {

/** What generateWorkflow makes. The same options always give the same definition, byte for byte. */
struct GeneratorOptions
{
    /** Number of states, nested ones included. At least 1. Ignored when targetBytes is set. */
    int states = 100;
    std::uint64_t seed = 1;
    /** How deep Parallel branches and Map processors may nest (0 = flat). */
    int maxDepth = 3;
    /**
     * When non-zero: pick the number of states so that writeJson(definition) is as close to this many
     * bytes as possible without exceeding it (used for the "1 MB definition" benchmarks).
     */
    std::size_t targetBytes = 0;
};

/**
 * A synthetic but realistic ASL definition for benchmarks, fuzz seeds and tests: Tasks calling Lambda
 * (ARNs and ${...} placeholders), AWS services and the HTTP Task, with Retry and Catch; Choice with
 * nested rules; Wait; Pass; Parallel branches and Map (INLINE and DISTRIBUTED item processors),
 * nested up to maxDepth. Always valid: every transition names a state of its scope, every state is
 * reachable from StartAt, every scope reaches a terminal state, names are unique machine-wide.
 */
Json generateWorkflow(const GeneratorOptions &options);

/**
 * A project around a generated definition with varied design data (placements, egress, memory,
 * durations, Choice weights, Map item counts) from the same seed. Steps are not laid out.
 */
design::Project generateProject(const GeneratorOptions &options);

} // namespace egress::asl

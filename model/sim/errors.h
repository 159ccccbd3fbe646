#pragma once

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>

namespace egress::sim {

/** Error names the service raises itself (https://states-language.net/spec.html#appendix-a). */
namespace errors {
inline constexpr const char *All = "States.ALL";
inline constexpr const char *Runtime = "States.Runtime";
inline constexpr const char *Timeout = "States.Timeout";
inline constexpr const char *HeartbeatTimeout = "States.HeartbeatTimeout";
inline constexpr const char *TaskFailed = "States.TaskFailed";
inline constexpr const char *Permissions = "States.Permissions";
inline constexpr const char *ResultPathMatchFailure = "States.ResultPathMatchFailure";
inline constexpr const char *ParameterPathFailure = "States.ParameterPathFailure";
inline constexpr const char *QueryEvaluationError = "States.QueryEvaluationError";
inline constexpr const char *BranchFailed = "States.BranchFailed";
inline constexpr const char *NoChoiceMatched = "States.NoChoiceMatched";
inline constexpr const char *IntrinsicFailure = "States.IntrinsicFailure";
inline constexpr const char *ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
inline constexpr const char *ItemReaderFailed = "States.ItemReaderFailed";
inline constexpr const char *ResultWriterFailed = "States.ResultWriterFailed";
/** Ours: the run stopped at the execution history limit. */
inline constexpr const char *HistoryLimit = "States.Runtime";
/** Ours: a Task the test case gives no response for. */
inline constexpr const char *MissingMock = "Simulator.MissingMock";
} // namespace errors

/**
 * An error raised while running a state: a name Retry and Catch match on, and a cause. `fatal` errors
 * (States.Runtime, the history limit, a missing mock) are neither retried nor caught: AWS fails the
 * execution on States.Runtime even under States.ALL.
 */
struct StatesError : std::runtime_error
{
    StatesError(std::string name, std::string why, bool isFatal = false)
        : std::runtime_error(why), error(std::move(name)), cause(std::move(why)), fatal(isFatal)
    {
    }
    std::string error;
    std::string cause;
    bool fatal = false;
};

[[noreturn]] inline void raise(const std::string &name, const std::string &cause)
{
    throw StatesError(name, cause, name == errors::Runtime || name == errors::MissingMock);
}

/** The run's one source of randomness (jitter, States.MathRandom, States.UUID): seeded, so runs repeat. */
class Random
{
public:
    explicit Random(std::uint64_t seed = 0) : m_engine(seed) {}
    std::uint64_t next() { return m_engine(); }
    /** Uniform in [0, 1). */
    double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(m_engine); }
    std::string uuid();

private:
    std::mt19937_64 m_engine;
};

} // namespace egress::sim

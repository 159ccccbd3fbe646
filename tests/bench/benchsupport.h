#pragma once
// Shared by every tests/bench/bench_*.cpp. Each benchmark prints one line per figure:
//   BENCH<TAB>name<TAB>figure<TAB>unit<TAB>goal<TAB>met
// (met is "yes", "no" or "-" when there is no goal; a row that could not be measured has the figure
// "skipped" and the reason as its unit); tests/bench/run-all collects them into the table.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace egress::bench {

/** Median wall-clock time of `runs` calls of `work`, in milliseconds (one untimed warm-up call first). */
template <typename Work> double medianMs(int runs, Work &&work)
{
    work();
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

/**
 * Median wall-clock time of each of several workloads, in milliseconds, sampled interleaved: `rounds`
 * rounds of one call of each in turn (after one untimed round). Load that comes and goes on a shared
 * machine then falls on every workload alike.
 */
template <typename Work> std::vector<double> interleavedMediansMs(int rounds, const std::vector<Work> &work)
{
    for (const Work &w : work)
        w();
    std::vector<std::vector<double>> times(work.size());
    for (int r = 0; r < rounds; ++r)
        for (std::size_t i = 0; i < work.size(); ++i) {
            const auto start = std::chrono::steady_clock::now();
            work[i]();
            times[i].push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
    std::vector<double> medians;
    for (std::vector<double> &t : times) {
        std::sort(t.begin(), t.end());
        medians.push_back(t[t.size() / 2]);
    }
    return medians;
}

/** Wall-clock time of one call, in milliseconds. */
template <typename Work> double onceMs(Work &&work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

inline std::string formatNumber(double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    return buffer;
}

inline void row(const std::string &name, double figure, const std::string &unit, const std::string &goal,
                const char *met)
{
    std::printf("BENCH\t%s\t%s\t%s\t%s\t%s\n", name.c_str(), formatNumber(figure).c_str(), unit.c_str(),
                goal.c_str(), met);
    std::fflush(stdout);
}

/** A figure without a goal (context for the others). */
inline void report(const std::string &name, double figure, const std::string &unit)
{
    row(name, figure, unit, "-", "-");
}

/** A row that could not be measured here, e.g. "skipped" "(no corpus)": no figure, no goal. */
inline void skipped(const std::string &name, const std::string &why)
{
    std::printf("BENCH\t%s\tskipped\t%s\t-\t-\n", name.c_str(), why.c_str());
    std::fflush(stdout);
}

/** A figure whose goal is "at most limit". */
inline void reportAtMost(const std::string &name, double figure, const std::string &unit, double limit)
{
    row(name, figure, unit, "<= " + formatNumber(limit) + " " + unit, figure <= limit ? "yes" : "no");
}

/** A figure whose goal is "at least limit" (speed-ups). */
inline void reportAtLeast(const std::string &name, double figure, const std::string &unit, double limit)
{
    row(name, figure, unit, ">= " + formatNumber(limit) + " " + unit, figure >= limit ? "yes" : "no");
}

} // namespace egress::bench

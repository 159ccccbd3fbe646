#pragma once

// `egress-cli usage import FILE...`: what `aws cloudwatch get-metric-data --output json` printed, turned into
// a UsageProfile. The get-metric-data output does not say which metric a result is (its Id and Label are the
// user's), so each query's Label must name it: "NAMESPACE METRIC STAT [DIMENSION=VALUE] [Unit=UNIT]", e.g.
// "AWS/Lambda Duration Sum FunctionName=orders-fetch" (docs/usage.md gives the queries.json to use).
#include "usage/usageprofile.h"

#include <optional>
#include <string>
#include <vector>

namespace egress::usage {

struct MetricImportOptions
{
    /** Seconds each value covers (the queries' Period). Read off the timestamps when not given; needed when
     * every metric has a single value. */
    std::optional<double> periodSeconds;
    /** A period missing from a series counts as 0 (CloudWatch leaves out periods without data) instead of
     * being an error. */
    bool gapsAsZero = false;
};

struct MetricImport
{
    std::optional<UsageProfile> usage;
    std::vector<std::string> errors; ///< "FILE: POINTER: message"; when set, usage is empty
};

MetricImport importMetrics(const std::vector<std::string> &paths, const MetricImportOptions &options = {});

/** Seconds since 1970 of an ISO 8601 time ("2026-11-01T00:00:00Z", "…+00:00", "….000Z"); nothing when not
 * one. */
std::optional<double> parseIsoTime(const std::string &text);
/** "2026-11-01T00:00:00Z" */
std::string formatIsoTime(double seconds);

} // namespace egress::usage

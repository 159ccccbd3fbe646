#pragma once

// What a workflow did in production, measured by CloudWatch (`egress-cli usage import`, docs/usage.md): the
// small versioned usage file that `cost --usage` and the designer's "Load usage…" apply to a project.
#include "asl/json.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace egress::usage {

inline constexpr const char *kUsageFormat = "egress-usage";
inline constexpr int kUsageVersion = 1;
/** The cost model's month (docs/cost-model.md): 730 hours, so 30.4167 days. */
inline constexpr double kHoursPerMonth = 730;
inline constexpr double kSecondsPerMonth = kHoursPerMonth * 3600;

/** One Lambda function (CloudWatch's FunctionName) over the period. */
struct FunctionUsage
{
    std::optional<double> invocations; ///< Invocations (Sum) over the period
    std::optional<double> durationMs;  ///< average Duration of one invocation
    bool operator==(const FunctionUsage &) const = default;
};

struct UsageProfile
{
    std::string start; ///< ISO 8601 UTC, the first period's start
    std::string end;   ///< ISO 8601 UTC, the last period's end (exclusive)
    double days = 0;
    std::string stateMachine; ///< the StateMachineArn dimension of the AWS/States metrics
    double executions = 0;    ///< ExecutionsStarted over the period
    double executionsPerMonth = 0;
    std::optional<double> executionTimeMs; ///< average ExecutionTime, for reference
    std::map<std::string, FunctionUsage> functions;
    /** AWS/NATGateway bytes over the period (every gateway queried, summed); absent when not imported. */
    std::optional<double> natBytesOut; ///< BytesOutToDestination: requests towards the internet
    std::optional<double> natBytesIn;  ///< BytesInFromDestination: responses from the internet
    std::vector<std::string> sources;  ///< the metric files, as given

    /** NAT bytes of one execution; nothing when no NAT metrics were imported. */
    std::optional<double> bytesOutPerExecution() const;
    std::optional<double> bytesInPerExecution() const;
    bool operator==(const UsageProfile &) const = default;
};

asl::Json usageToJson(const UsageProfile &usage);
/** Two-space indented JSON with a final newline. */
std::string serializeUsage(const UsageProfile &usage);

struct UsageLoad
{
    std::optional<UsageProfile> usage;
    std::string error; ///< "FILE: POINTER: message" or "FILE:LINE:COLUMN: ..." when usage is empty
};

/** Reads a usage file: the format marker, the version (newer ones refused) and every field's type. */
UsageLoad loadUsage(const std::string &path);
UsageLoad parseUsage(const asl::Json &json, const std::string &fileName);

} // namespace egress::usage

#include "usage/usageprofile.h"

#include "asl/reader.h"
#include "asl/writer.h"

#include <cmath>

namespace egress::usage {

namespace {

/** Four decimals are plenty for counts, milliseconds and bytes, and keep the file readable (no 17-digit
 * tails from the divisions). */
double rounded(double v)
{
    return std::round(v * 1e4) / 1e4;
}

std::string located(const std::string &file, const std::string &pointer, const std::string &message)
{
    return file + ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + message;
}

/** A number ≥ 0 at `key` of `object`; a message naming the pointer otherwise. */
bool readNumber(const asl::Json &object, const std::string &key, const std::string &pointer,
                const std::string &file, bool required, std::optional<double> &out, std::string &error)
{
    const auto it = object.find(key);
    if (it == object.end()) {
        if (required)
            error = located(file, pointer, "\"" + key + "\" is missing");
        return !required;
    }
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0) {
        error = located(file, pointer + "/" + asl::escapePointerToken(key), "expected a number ≥ 0");
        return false;
    }
    out = it->get<double>();
    return true;
}

bool readString(const asl::Json &object, const std::string &key, const std::string &pointer,
                const std::string &file, std::string &out, std::string &error)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) {
        error = located(file, pointer + "/" + key, "expected a string");
        return false;
    }
    out = it->get<std::string>();
    return true;
}

} // namespace

std::optional<double> UsageProfile::bytesOutPerExecution() const
{
    if (!natBytesOut || executions <= 0)
        return std::nullopt;
    return *natBytesOut / executions;
}

std::optional<double> UsageProfile::bytesInPerExecution() const
{
    if (!natBytesIn || executions <= 0)
        return std::nullopt;
    return *natBytesIn / executions;
}

asl::Json usageToJson(const UsageProfile &usage)
{
    asl::Json json = asl::Json::object();
    json["format"] = kUsageFormat;
    json["version"] = kUsageVersion;
    json["period"] = {{"start", usage.start}, {"end", usage.end}, {"days", rounded(usage.days)}};
    json["stateMachine"] = usage.stateMachine;
    json["executions"] = rounded(usage.executions);
    json["executionsPerMonth"] = rounded(usage.executionsPerMonth);
    if (usage.executionTimeMs)
        json["executionTimeMs"] = rounded(*usage.executionTimeMs);
    asl::Json functions = asl::Json::object();
    for (const auto &[name, f] : usage.functions) {
        asl::Json entry = asl::Json::object();
        if (f.invocations) {
            entry["invocations"] = rounded(*f.invocations);
            if (usage.executions > 0)
                entry["invocationsPerExecution"] = rounded(*f.invocations / usage.executions);
        }
        if (f.durationMs)
            entry["durationMs"] = rounded(*f.durationMs);
        functions[name] = entry;
    }
    json["functions"] = functions;
    if (usage.natBytesOut || usage.natBytesIn) {
        asl::Json nat = asl::Json::object();
        if (usage.natBytesOut)
            nat["bytesOut"] = rounded(*usage.natBytesOut);
        if (usage.natBytesIn)
            nat["bytesIn"] = rounded(*usage.natBytesIn);
        if (const auto out = usage.bytesOutPerExecution())
            nat["bytesOutPerExecution"] = rounded(*out);
        if (const auto in = usage.bytesInPerExecution())
            nat["bytesInPerExecution"] = rounded(*in);
        json["nat"] = nat;
    }
    json["sources"] = usage.sources;
    return json;
}

std::string serializeUsage(const UsageProfile &usage)
{
    return asl::writeJson(usageToJson(usage)) + "\n";
}

UsageLoad parseUsage(const asl::Json &json, const std::string &file)
{
    UsageLoad load;
    std::string &error = load.error;
    if (!json.is_object() || json.value("format", std::string()) != kUsageFormat) {
        error = located(file, "/format",
                        "not a usage file (expected \"format\": \"egress-usage\"; egress-cli usage import "
                        "makes one from CloudWatch metrics)");
        return load;
    }
    const auto version = json.find("version");
    if (version == json.end() || !version->is_number_integer() || version->get<int>() < 1) {
        error = located(file, "/version", "expected the version number 1");
        return load;
    }
    if (version->get<int>() > kUsageVersion) {
        error = located(file, "/version",
                        "version " + std::to_string(version->get<int>()) +
                            " is newer than this program reads (" + std::to_string(kUsageVersion) + ")");
        return load;
    }
    UsageProfile usage;
    const auto period = json.find("period");
    if (period == json.end() || !period->is_object()) {
        error = located(file, "/period", "expected an object {start, end, days}");
        return load;
    }
    std::optional<double> number;
    if (!readString(*period, "start", "/period", file, usage.start, error) ||
        !readString(*period, "end", "/period", file, usage.end, error) ||
        !readNumber(*period, "days", "/period", file, true, number, error))
        return load;
    usage.days = *number;
    if (!readString(json, "stateMachine", "", file, usage.stateMachine, error) ||
        !readNumber(json, "executions", "", file, true, number, error))
        return load;
    usage.executions = *number;
    if (!readNumber(json, "executionsPerMonth", "", file, true, number, error))
        return load;
    usage.executionsPerMonth = *number;
    if (!readNumber(json, "executionTimeMs", "", file, false, usage.executionTimeMs, error))
        return load;
    if (const auto functions = json.find("functions"); functions != json.end()) {
        if (!functions->is_object()) {
            error =
                located(file, "/functions", "expected an object: function name → {invocations, durationMs}");
            return load;
        }
        for (const auto &[name, entry] : functions->items()) {
            const std::string pointer = "/functions/" + asl::escapePointerToken(name);
            if (!entry.is_object()) {
                error = located(file, pointer, "expected an object {invocations, durationMs}");
                return load;
            }
            FunctionUsage f;
            if (!readNumber(entry, "invocations", pointer, file, false, f.invocations, error) ||
                !readNumber(entry, "durationMs", pointer, file, false, f.durationMs, error))
                return load;
            usage.functions[name] = f;
        }
    }
    if (const auto nat = json.find("nat"); nat != json.end()) {
        if (!nat->is_object()) {
            error = located(file, "/nat", "expected an object {bytesOut, bytesIn}");
            return load;
        }
        if (!readNumber(*nat, "bytesOut", "/nat", file, false, usage.natBytesOut, error) ||
            !readNumber(*nat, "bytesIn", "/nat", file, false, usage.natBytesIn, error))
            return load;
    }
    if (const auto sources = json.find("sources"); sources != json.end() && sources->is_array())
        for (const auto &s : *sources)
            if (s.is_string())
                usage.sources.push_back(s.get<std::string>());
    load.usage = std::move(usage);
    return load;
}

UsageLoad loadUsage(const std::string &path)
{
    const asl::ReadResult read = asl::readFile(path);
    if (!read) {
        UsageLoad load;
        load.error = read.error ? read.error->toString() : path + ": cannot be read";
        return load;
    }
    return parseUsage(*read.value, path);
}

} // namespace egress::usage

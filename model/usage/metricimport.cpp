// CloudWatch get-metric-data output → UsageProfile. Every problem names the file and the JSON pointer of the
// result (and value) it is about; nothing is produced while any remains.
#include "usage/metricimport.h"

#include "asl/reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

namespace egress::usage {

namespace {

enum class Kind { ExecutionsStarted, ExecutionTime, Invocations, Duration, BytesOut, BytesIn };

/** A metric the import reads: where CloudWatch publishes it, its unit and the dimension that tells series
 * apart. */
struct MetricSpec
{
    const char *ns;
    const char *metric;
    Kind kind;
    const char *unit;
    const char *dimension;
    bool dimensionRequired;
    bool averageAllowed; ///< durations: Average (weighted by the counts) or Sum (divided by them)
};

constexpr MetricSpec kSpecs[] = {
    {"AWS/States", "ExecutionsStarted", Kind::ExecutionsStarted, "Count", "StateMachineArn", true, false},
    {"AWS/States", "ExecutionTime", Kind::ExecutionTime, "Milliseconds", "StateMachineArn", true, true},
    {"AWS/Lambda", "Invocations", Kind::Invocations, "Count", "FunctionName", true, false},
    {"AWS/Lambda", "Duration", Kind::Duration, "Milliseconds", "FunctionName", true, true},
    {"AWS/NATGateway", "BytesOutToDestination", Kind::BytesOut, "Bytes", "NatGatewayId", false, false},
    {"AWS/NATGateway", "BytesInFromDestination", Kind::BytesIn, "Bytes", "NatGatewayId", false, false},
};

constexpr const char *kLabelHint =
    "label each query \"NAMESPACE METRIC STAT DIMENSION=VALUE\", e.g. \"AWS/Lambda Duration Sum "
    "FunctionName=orders-fetch\" (docs/usage.md)";

struct Series
{
    const MetricSpec *spec = nullptr;
    std::string stat;
    std::string dimension; ///< the dimension's value; "" when the query had none (NAT gateways: all)
    std::string where;     ///< "FILE: /MetricDataResults/N"
    std::string label;
    std::vector<std::pair<double, double>> points; ///< (time, value), sorted by time
};

std::string at(const std::string &file, const std::string &pointer)
{
    return file + ": " + pointer;
}

std::vector<std::string> splitWhitespace(const std::string &text)
{
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string token; in >> token;)
        out.push_back(token);
    return out;
}

/** Reads the metric's identity from the label; returns an error message or "". */
std::string parseLabel(const std::string &label, Series &series)
{
    const std::vector<std::string> tokens = splitWhitespace(label);
    if (tokens.size() < 3 || tokens[0].find('/') == std::string::npos)
        return "the label \"" + label + "\" does not say which metric this is: " + kLabelHint;
    const std::string &ns = tokens[0], &metric = tokens[1];
    bool knownNamespace = false;
    std::string metricsOfNamespace;
    for (const MetricSpec &spec : kSpecs) {
        if (ns != spec.ns)
            continue;
        knownNamespace = true;
        metricsOfNamespace += (metricsOfNamespace.empty() ? "" : ", ") + std::string(spec.metric);
        if (metric == spec.metric)
            series.spec = &spec;
    }
    if (!knownNamespace)
        return ns + " is not a namespace usage import reads (AWS/States, AWS/Lambda, AWS/NATGateway)";
    if (!series.spec)
        return ns + " " + metric + " is not a metric usage import reads (" + ns + ": " + metricsOfNamespace +
               ")";
    const MetricSpec &spec = *series.spec;
    series.stat = tokens[2];
    if (series.stat != "Sum" && !(spec.averageAllowed && series.stat == "Average"))
        return ns + " " + metric + ": the statistic must be Sum" +
               (spec.averageAllowed ? std::string(" or Average") : std::string()) + ", not \"" + series.stat +
               "\"";
    for (std::size_t i = 3; i < tokens.size(); ++i) {
        const std::size_t eq = tokens[i].find('=');
        if (eq == std::string::npos || eq == 0)
            return "\"" + tokens[i] + "\" in the label: expected DIMENSION=VALUE or Unit=UNIT";
        const std::string key = tokens[i].substr(0, eq), value = tokens[i].substr(eq + 1);
        if (key == "Unit") {
            if (value != spec.unit)
                return "wrong unit: " + ns + " " + metric + " is published in " + spec.unit +
                       ", the label says " + value;
        } else if (key == spec.dimension) {
            series.dimension = value;
        } else {
            return ns + " " + metric + ": the dimension is " + spec.dimension + ", not " + key;
        }
    }
    if (spec.dimensionRequired && series.dimension.empty())
        return ns + " " + metric + ": the label names no " + spec.dimension + " (" + kLabelHint + ")";
    return {};
}

/** One result of MetricDataResults; false (and errors) when it cannot be used. */
bool readResult(const asl::Json &result, const std::string &file, const std::string &pointer, Series &series,
                std::vector<std::string> &errors)
{
    const std::size_t before = errors.size();
    series.where = at(file, pointer);
    if (!result.is_object()) {
        errors.push_back(at(file, pointer) +
                         ": expected an object {Id, Label, Timestamps, Values, StatusCode}");
        return false;
    }
    const auto label = result.find("Label");
    if (label == result.end() || !label->is_string()) {
        errors.push_back(at(file, pointer + "/Label") + ": missing: " + kLabelHint);
        return false;
    }
    series.label = label->get<std::string>();
    if (const std::string error = parseLabel(series.label, series); !error.empty()) {
        errors.push_back(at(file, pointer + "/Label") + ": " + error);
        return false;
    }
    const auto status = result.find("StatusCode");
    const std::string statusText =
        status != result.end() && status->is_string() ? status->get<std::string>() : "";
    if (statusText == "PartialData")
        errors.push_back(at(file, pointer + "/StatusCode") +
                         ": PartialData: CloudWatch returned only part of this metric (too many data points "
                         "or a timeout); ask for a longer --period or a shorter time range");
    else if (statusText != "Complete")
        errors.push_back(at(file, pointer + "/StatusCode") + ": expected \"Complete\", found " +
                         (status == result.end() ? std::string("nothing") : status->dump()));
    const auto times = result.find("Timestamps"), values = result.find("Values");
    if (times == result.end() || !times->is_array() || values == result.end() || !values->is_array()) {
        errors.push_back(at(file, pointer) + ": expected the arrays Timestamps and Values");
        return false;
    }
    if (times->size() != values->size()) {
        errors.push_back(at(file, pointer + "/Values") + ": " + std::to_string(values->size()) +
                         " values for " + std::to_string(times->size()) + " timestamps");
        return false;
    }
    if (values->empty()) {
        errors.push_back(at(file, pointer + "/Values") + ": no data points for \"" + series.label +
                         "\": check the dimension value, the region and the time range");
        return false;
    }
    std::set<double> seen;
    for (std::size_t i = 0; i < values->size(); ++i) {
        const asl::Json &t = (*times)[i], &v = (*values)[i];
        const std::optional<double> time = t.is_string() ? parseIsoTime(t.get<std::string>()) : std::nullopt;
        if (!time) {
            errors.push_back(at(file, pointer + "/Timestamps/" + std::to_string(i)) +
                             ": expected an ISO 8601 time such as \"2026-11-01T00:00:00+00:00\"");
            continue;
        }
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0) {
            errors.push_back(at(file, pointer + "/Values/" + std::to_string(i)) + ": expected a number ≥ 0");
            continue;
        }
        if (!seen.insert(*time).second) {
            errors.push_back(at(file, pointer + "/Timestamps/" + std::to_string(i)) + ": " +
                             t.get<std::string>() + " occurs twice");
            continue;
        }
        series.points.emplace_back(*time, v.get<double>());
    }
    std::sort(series.points.begin(), series.points.end());
    return errors.size() == before;
}

void readFile(const std::string &path, std::vector<Series> &out, std::vector<std::string> &errors)
{
    const asl::ReadResult read = asl::readFile(path);
    if (!read) {
        errors.push_back(read.error ? read.error->toString() : path + ": cannot be read");
        return;
    }
    const asl::Json &root = *read.value;
    const auto results = root.is_object() ? root.find("MetricDataResults") : root.end();
    if (!root.is_object() || results == root.end() || !results->is_array()) {
        errors.push_back(path + ": /: not what `aws cloudwatch get-metric-data --output json` prints (no "
                                "MetricDataResults array)");
        return;
    }
    if (const auto next = root.find("NextToken"); next != root.end() && next->is_string() && !next->empty())
        errors.push_back(path + ": /NextToken: this is one page of several; run the aws command without "
                                "--no-paginate / --max-items so it prints every page");
    if (results->empty())
        errors.push_back(path + ": /MetricDataResults: no results");
    for (std::size_t i = 0; i < results->size(); ++i) {
        Series series;
        if (readResult((*results)[i], path, "/MetricDataResults/" + std::to_string(i), series, errors))
            out.push_back(std::move(series));
    }
}

double sumOf(const Series &s)
{
    double total = 0;
    for (const auto &p : s.points)
        total += p.second;
    return total;
}

/** Average of a duration series: a Sum divided by the count, or Averages weighted by the count of the
 * same period (plain mean when no count is at hand). */
std::optional<double> averageDuration(const Series &durations, const Series *counts)
{
    if (durations.stat == "Sum") {
        const double n = counts ? sumOf(*counts) : 0;
        return n > 0 ? std::optional<double>(sumOf(durations) / n) : std::nullopt;
    }
    std::map<double, double> weightAt;
    if (counts)
        for (const auto &p : counts->points)
            weightAt[p.first] = p.second;
    double weighted = 0, weights = 0, plain = 0;
    for (const auto &[time, value] : durations.points) {
        const auto it = weightAt.find(time);
        const double w = it == weightAt.end() ? 0 : it->second;
        weighted += value * w;
        weights += w;
        plain += value;
    }
    return weights > 0 ? weighted / weights : plain / static_cast<double>(durations.points.size());
}

std::string kindKey(const Series &s)
{
    return std::string(s.spec->ns) + " " + s.spec->metric + " " + s.dimension;
}

} // namespace

std::optional<double> parseIsoTime(const std::string &text)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, consumed = 0;
    double sec = 0;
    char sep = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d:%lf%n", &y, &mo, &d, &sep, &h, &mi, &sec,
                    &consumed) != 7 ||
        (sep != 'T' && sep != ' '))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || !(sec >= 0 && sec < 61))
        return std::nullopt;
    std::string zone = text.substr(static_cast<std::size_t>(consumed));
    double offset = 0;
    if (zone == "Z" || zone == "z" || zone.empty()) {
        // UTC (the CLI prints +00:00; SDKs print Z)
    } else if ((zone[0] == '+' || zone[0] == '-') && (zone.size() == 6 || zone.size() == 5)) {
        const std::string digits = zone.size() == 6 ? zone.substr(1, 2) + zone.substr(4, 2) : zone.substr(1);
        if ((zone.size() == 6 && zone[3] != ':') ||
            digits.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        offset = (std::stoi(digits.substr(0, 2)) * 60 + std::stoi(digits.substr(2, 2))) * 60.0;
        if (zone[0] == '-')
            offset = -offset;
    } else {
        return std::nullopt;
    }
    // Days from 1970-01-01 to the civil date (Howard Hinnant's days_from_civil).
    const int yy = y - (mo <= 2);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const double days = static_cast<double>(era) * 146097 + doe - 719468;
    return days * 86400 + h * 3600 + mi * 60 + sec - offset;
}

std::string formatIsoTime(double seconds)
{
    const long long total = static_cast<long long>(std::floor(seconds));
    long long z = (total >= 0 ? total : total - 86399) / 86400;
    const long long secOfDay = total - z * 86400;
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const long long d = doy - (153 * mp + 2) / 5 + 1;
    const long long m = mp < 10 ? mp + 3 : mp - 9;
    const long long y = yoe + era * 400 + (m <= 2);
    char buffer[96]; // room for any long long, so the compiler sees no truncation
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y, m, d,
                  secOfDay / 3600, secOfDay / 60 % 60, secOfDay % 60);
    return buffer;
}

MetricImport importMetrics(const std::vector<std::string> &paths, const MetricImportOptions &options)
{
    MetricImport result;
    std::vector<std::string> &errors = result.errors;
    if (paths.empty()) {
        errors.push_back("no metric files given");
        return result;
    }
    std::vector<Series> all;
    for (const std::string &path : paths)
        readFile(path, all, errors);
    if (!errors.empty())
        return result;

    // The same metric twice (two files, or Sum and Average of one duration) would be counted twice.
    std::map<std::string, const Series *> byKey;
    for (const Series &s : all) {
        const auto [it, inserted] = byKey.emplace(kindKey(s), &s);
        if (!inserted)
            errors.push_back(s.where + ": \"" + s.label + "\" is the same metric as " + it->second->where);
    }
    if (!errors.empty())
        return result;

    // Each value covers one Period; the periods together cover [start, end).
    double step = options.periodSeconds.value_or(0);
    if (options.periodSeconds && !(step > 0)) {
        errors.push_back("--period must be a number of seconds > 0");
        return result;
    }
    if (!options.periodSeconds)
        for (const Series &s : all)
            for (std::size_t i = 1; i < s.points.size(); ++i) {
                const double gap = s.points[i].first - s.points[i - 1].first;
                if (step == 0 || gap < step)
                    step = gap;
            }
    if (step <= 0) {
        errors.push_back("every metric has a single value, so the period it covers is unknown: pass "
                         "--period SECONDS (the Period of the queries)");
        return result;
    }
    double start = all.front().points.front().first, last = start;
    for (const Series &s : all) {
        start = std::min(start, s.points.front().first);
        last = std::max(last, s.points.back().first);
    }
    const double end = last + step;
    const auto periods = static_cast<std::size_t>(std::llround((end - start) / step));
    for (const Series &s : all) {
        for (const auto &[time, value] : s.points) {
            const double k = (time - start) / step;
            if (std::fabs(k - std::round(k)) > 1e-6) {
                errors.push_back(s.where + ": " + formatIsoTime(time) + " is not a multiple of the " +
                                 std::to_string(static_cast<long long>(step)) + " s period after " +
                                 formatIsoTime(start) + ": every query needs the same Period");
                break;
            }
        }
        if (s.points.size() < periods && !options.gapsAsZero) {
            // Name the first missing period.
            double missing = start;
            for (const auto &p : s.points) {
                if (std::fabs(p.first - missing) > 1e-6)
                    break;
                missing += step;
            }
            errors.push_back(s.where + ": \"" + s.label + "\" has no value for " + formatIsoTime(missing) +
                             " (" + std::to_string(periods - s.points.size()) + " of " +
                             std::to_string(periods) + " periods from " + formatIsoTime(start) + " to " +
                             formatIsoTime(end) +
                             " missing): a gap in the data. CloudWatch leaves out periods without data; "
                             "if none means zero, pass --gaps-as-zero");
        }
    }
    if (!errors.empty())
        return result;

    UsageProfile usage;
    usage.start = formatIsoTime(start);
    usage.end = formatIsoTime(end);
    usage.days = (end - start) / 86400;
    usage.sources = paths;
    const Series *started = nullptr;
    std::map<std::string, const Series *> invocations, durations;
    const Series *executionTime = nullptr;
    for (const Series &s : all) {
        switch (s.spec->kind) {
        case Kind::ExecutionsStarted:
            if (started) {
                errors.push_back(s.where + ": a second state machine (" + s.dimension + " besides " +
                                 started->dimension + "): import one state machine's metrics at a time");
                return result;
            }
            started = &s;
            break;
        case Kind::ExecutionTime:
            executionTime = &s;
            break;
        case Kind::Invocations:
            invocations[s.dimension] = &s;
            break;
        case Kind::Duration:
            durations[s.dimension] = &s;
            break;
        case Kind::BytesOut:
            usage.natBytesOut = usage.natBytesOut.value_or(0) + sumOf(s);
            break;
        case Kind::BytesIn:
            usage.natBytesIn = usage.natBytesIn.value_or(0) + sumOf(s);
            break;
        }
    }
    if (!started) {
        errors.push_back("no AWS/States ExecutionsStarted result among the files: the executions per month "
                         "come from it (docs/usage.md)");
        return result;
    }
    usage.stateMachine = started->dimension;
    usage.executions = sumOf(*started);
    if (usage.executions <= 0) {
        errors.push_back(started->where + ": no execution started from " + usage.start + " to " + usage.end +
                         "; nothing to measure per execution");
        return result;
    }
    usage.executionsPerMonth = usage.executions * kSecondsPerMonth / (end - start);
    if (executionTime) {
        if (executionTime->dimension != started->dimension) {
            errors.push_back(executionTime->where + ": ExecutionTime of " + executionTime->dimension +
                             ", but ExecutionsStarted of " + started->dimension);
            return result;
        }
        usage.executionTimeMs = averageDuration(*executionTime, started);
    }
    for (const auto &[name, s] : invocations)
        usage.functions[name].invocations = sumOf(*s);
    for (const auto &[name, s] : durations) {
        const auto count = invocations.find(name);
        const Series *counts = count == invocations.end() ? nullptr : count->second;
        if (s->stat == "Sum" && !counts) {
            errors.push_back(
                s->where + ": the Sum of " + name +
                "'s Duration needs its Invocations to make an average: add the query \"AWS/Lambda "
                "Invocations Sum FunctionName=" +
                name + "\"");
            continue;
        }
        usage.functions[name].durationMs = averageDuration(*s, counts);
    }
    if (!errors.empty())
        return result;
    result.usage = std::move(usage);
    return result;
}

} // namespace egress::usage

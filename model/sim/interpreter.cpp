#include "sim/interpreter.h"

#include "asl/workflow.h"
#include "sim/choice.h"
#include "sim/errors.h"
#include "sim/intrinsics.h"
#include "sim/jsonpath.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <unordered_map>

namespace egress::sim {
namespace {

/** Thrown when the clock passes the state machine's TimeoutSeconds: the run ends TIMED_OUT. */
struct TimedOut
{
};

std::string isoTime(std::int64_t epochMs)
{
    const std::time_t seconds = static_cast<std::time_t>(epochMs / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(epochMs % 1000));
    return buffer;
}

/** Where a scope's states run: the trace path, its variables and its default query language. */
struct Frame
{
    std::string path;
    Json variables = Json::object();
    std::string queryLanguage = "JSONPath";
};

struct Outcome
{
    Json output;
    std::string next;
    bool end = false;
};

bool errorMatches(const Json &errorEquals, const std::string &error)
{
    if (!errorEquals.is_array())
        return false;
    for (const auto &e : errorEquals) {
        if (!e.is_string())
            continue;
        const std::string &name = e.get_ref<const std::string &>();
        if (name == errors::All || name == error)
            return true;
        // AWS: States.TaskFailed "matches any known error name except for States.Timeout".
        if (name == errors::TaskFailed && error != errors::Timeout)
            return true;
    }
    return false;
}

class Runner
{
public:
    Runner(const Json &definition, const RunOptions &options)
        : m_definition(definition), m_options(options), m_random(options.seed)
    {
    }

    RunResult run()
    {
        m_transitions = &m_topTransitions;
        const std::string arnTail = m_options.stateMachineName;
        m_context = Json{
            {"Execution",
             {{"Id",
               "arn:aws:states:us-east-1:123456789012:execution:" + arnTail + ":" + m_options.executionName},
              {"Input", m_options.input},
              {"Name", m_options.executionName},
              {"RoleArn", "arn:aws:iam::123456789012:role/simulated"},
              {"StartTime", isoTime(m_options.startEpochMs)},
              {"RedriveCount", 0}}},
            {"StateMachine",
             {{"Id", "arn:aws:states:us-east-1:123456789012:stateMachine:" + arnTail}, {"Name", arnTail}}},
            {"State", Json::object()},
            {"Task", {{"Token", "simulated-task-token"}}}};
        try {
            if (!m_definition.is_object() || !m_definition.contains("StartAt") ||
                !m_definition.contains("States"))
                raise(errors::Runtime, "the definition needs StartAt and States");
            if (auto t = m_definition.find("TimeoutSeconds"); t != m_definition.end() && t->is_number())
                m_deadlineMs = static_cast<std::int64_t>(t->get<double>() * 1000);
            Frame top;
            top.queryLanguage = m_definition.value("QueryLanguage", std::string("JSONPath"));
            m_result.output = runScope(m_definition, m_options.input, top);
            m_result.status = "SUCCEEDED";
        } catch (const StatesError &e) {
            m_result.status = "FAILED";
            m_result.output = nullptr;
            m_result.error = e.error;
            m_result.cause = e.cause;
        } catch (const TimedOut &) {
            m_result.status = "TIMED_OUT";
            m_result.output = nullptr;
            m_result.error = errors::Timeout;
            m_result.cause = "the execution ran past the state machine's TimeoutSeconds (" +
                             std::to_string(*m_deadlineMs / 1000) + ")";
        }
        m_result.transitions = m_topTransitions;
        m_result.durationMs = m_now;
        return std::move(m_result);
    }

private:
    // ---- scopes -------------------------------------------------------------------------------------
    const std::unordered_map<std::string, const Json *> &indexFor(const Json &states)
    {
        auto it = m_index.find(&states);
        if (it != m_index.end())
            return it->second;
        auto &map = m_index[&states];
        if (states.is_object())
            for (auto s = states.begin(); s != states.end(); ++s)
                map.emplace(s.key(), &s.value());
        return map;
    }

    Json runScope(const Json &scope, Json input, Frame &frame)
    {
        const Json *states = scope.contains("States") ? &scope["States"] : nullptr;
        if (!states || !states->is_object() || !scope.contains("StartAt") || !scope["StartAt"].is_string())
            raise(errors::Runtime, "a scope at '" + frame.path + "' needs StartAt and States");
        const auto &index = indexFor(*states);
        std::string name = scope["StartAt"].get<std::string>();
        while (true) {
            if (++*m_transitions > m_options.maxTransitions)
                throw StatesError(errors::HistoryLimit,
                                  "the execution reached " + std::to_string(m_options.maxTransitions) +
                                      " state transitions (AWS's limit of 25,000 history events) at state '" +
                                      name + "'",
                                  true);
            auto it = index.find(name);
            if (it == index.end())
                raise(errors::Runtime, "no state named '" + name + "'");
            Outcome outcome = runState(name, *it->second, input, frame);
            checkDeadline();
            if (outcome.end)
                return std::move(outcome.output);
            input = std::move(outcome.output);
            name = std::move(outcome.next);
        }
    }

    void checkDeadline()
    {
        if (m_deadlineMs && m_now > *m_deadlineMs) {
            m_now = *m_deadlineMs;
            throw TimedOut{};
        }
    }

    // ---- one state ------------------------------------------------------------------------------------
    Outcome runState(const std::string &name, const Json &state, const Json &input, Frame &frame)
    {
        const std::string type = state.value("Type", std::string());
        const std::size_t entryIndex = m_result.trace.size();
        {
            TraceEntry entry;
            entry.state = name;
            entry.type = type;
            entry.path = frame.path;
            entry.input = input;
            entry.enteredMs = m_now;
            m_result.trace.push_back(std::move(entry));
        }
        const std::string ql = state.value("QueryLanguage", frame.queryLanguage);
        m_context["State"] =
            Json{{"EnteredTime", isoTime(m_options.startEpochMs + m_now)}, {"Name", name}, {"RetryCount", 0}};
        const bool retriable = type == "Task" || type == "Parallel" || type == "Map";
        const Json retry = retriable ? state.value("Retry", Json::array()) : Json::array();
        std::vector<int> retryCounts(retry.size(), 0);
        int attempts = 1;
        Outcome outcome;
        while (true) {
            try {
                outcome = executeOnce(name, type, state, input, frame, ql);
                break;
            } catch (const StatesError &e) {
                if (!e.fatal) {
                    const int r = matchingRetrier(retry, e.error);
                    if (r >= 0 && retryCounts[r] < retry[r].value("MaxAttempts", 3)) {
                        m_now += retryDelayMs(retry[r], retryCounts[r]);
                        ++retryCounts[r];
                        ++attempts;
                        if (m_transitions == &m_topTransitions)
                            ++m_result.retries;
                        m_context["State"]["RetryCount"] = attempts - 1;
                        checkDeadline();
                        continue;
                    }
                    if (retriable) {
                        if (auto caught = tryCatch(name, state, input, e, frame, ql)) {
                            TraceEntry &entry = m_result.trace[entryIndex];
                            entry.error = e.error;
                            entry.cause = e.cause;
                            entry.attempts = attempts;
                            entry.output = caught->output;
                            entry.exitedMs = m_now;
                            return std::move(*caught);
                        }
                    }
                }
                TraceEntry &entry = m_result.trace[entryIndex];
                entry.error = e.error;
                entry.cause = e.cause;
                entry.attempts = attempts;
                entry.exitedMs = m_now;
                throw;
            }
        }
        TraceEntry &entry = m_result.trace[entryIndex];
        entry.output = outcome.output;
        entry.attempts = attempts;
        entry.exitedMs = m_now;
        return outcome;
    }

    static int matchingRetrier(const Json &retry, const std::string &error)
    {
        for (std::size_t i = 0; i < retry.size(); ++i)
            if (errorMatches(retry[i].value("ErrorEquals", Json::array()), error))
                return static_cast<int>(i);
        return -1;
    }

    std::int64_t retryDelayMs(const Json &retrier, int retriesSoFar)
    {
        const double interval = retrier.value("IntervalSeconds", 1.0);
        const double backoff = retrier.value("BackoffRate", 2.0);
        double delay = interval * std::pow(backoff, retriesSoFar);
        if (auto max = retrier.find("MaxDelaySeconds"); max != retrier.end() && max->is_number())
            delay = std::min(delay, max->get<double>());
        if (retrier.value("JitterStrategy", std::string("NONE")) == "FULL")
            delay *= m_random.unit();
        return static_cast<std::int64_t>(std::llround(delay * 1000));
    }

    std::optional<Outcome> tryCatch(const std::string &name, const Json &state, const Json &input,
                                    const StatesError &e, Frame &frame, const std::string &ql)
    {
        const Json catchers = state.value("Catch", Json::array());
        for (std::size_t i = 0; i < catchers.size(); ++i) {
            const Json &catcher = catchers[i];
            if (!errorMatches(catcher.value("ErrorEquals", Json::array()), e.error))
                continue;
            const Json errorOutput{{"Error", e.error}, {"Cause", e.cause}};
            const std::string where = "Catch[" + std::to_string(i) + "]";
            Outcome outcome;
            outcome.next = catcher.value("Next", std::string());
            if (ql == "JSONata") {
                Json states{{"input", input}, {"errorOutput", errorOutput}};
                outcome.output = catcher.contains("Output")
                                     ? jsonata(name, where + ".Output", catcher["Output"], states, frame)
                                     : errorOutput;
                assignJsonata(name, catcher, states, frame, where + ".");
            } else {
                outcome.output = catcher.contains("ResultPath")
                                     ? resultPath(name, catcher["ResultPath"], input, errorOutput)
                                     : errorOutput;
                assignPath(name, catcher, errorOutput, frame, where + ".");
            }
            return outcome;
        }
        return std::nullopt;
    }

    Outcome executeOnce(const std::string &name, const std::string &type, const Json &state,
                        const Json &input, Frame &frame, const std::string &ql)
    {
        if (ql != "JSONPath" && ql != "JSONata")
            raise(errors::Runtime, located(name, "QueryLanguage", "must be JSONPath or JSONata"));
        const bool jsonataMode = ql == "JSONata";
        Outcome outcome;
        outcome.end = state.value("End", false) || type == "Succeed";
        outcome.next = state.value("Next", std::string());
        if (type == "Fail") {
            fail(name, state, input, frame, jsonataMode);
        } else if (type == "Choice") {
            choice(name, state, input, frame, jsonataMode, outcome);
        } else if (type == "Succeed" || type == "Wait" || type == "Pass") {
            if (jsonataMode) {
                Json states{{"input", input}};
                if (type == "Wait")
                    waitJsonata(name, state, states, frame);
                outcome.output = state.contains("Output")
                                     ? jsonata(name, "Output", state["Output"], states, frame)
                                     : input;
                assignJsonata(name, state, states, frame, "");
            } else {
                Json effective = inputPath(name, state, input);
                if (type == "Wait")
                    waitPath(name, state, effective);
                if (type == "Pass") {
                    Json result = state.contains("Parameters")
                                      ? payload(name, "Parameters", state["Parameters"], effective, frame)
                                      : (state.contains("Result") ? state["Result"] : effective);
                    assignPath(name, state, result, frame, "");
                    outcome.output =
                        outputPath(name, state, resultPath(name, state, input, std::move(result)));
                } else {
                    assignPath(name, state, effective, frame, "");
                    outcome.output = outputPath(name, state, std::move(effective));
                }
            }
        } else if (type == "Task" || type == "Parallel" || type == "Map") {
            if (jsonataMode) {
                Json states{{"input", input}};
                Json args = state.contains("Arguments")
                                ? jsonata(name, "Arguments", state["Arguments"], states, frame)
                                : input;
                Json result = type == "Task"       ? invokeTask(name, state, args, states, frame, true)
                              : type == "Parallel" ? parallel(name, state, args, frame)
                                                   : map(name, state, input, args, frame, true);
                states["result"] = std::move(result);
                outcome.output = state.contains("Output")
                                     ? jsonata(name, "Output", state["Output"], states, frame)
                                     : states["result"];
                assignJsonata(name, state, states, frame, "");
            } else {
                Json effective = inputPath(name, state, input);
                Json result;
                if (type == "Map") {
                    result = map(name, state, effective, Json(), frame, false);
                } else {
                    Json params = state.contains("Parameters")
                                      ? payload(name, "Parameters", state["Parameters"], effective, frame)
                                      : effective;
                    Json states;
                    result = type == "Task" ? invokeTask(name, state, params, states, frame, false)
                                            : parallel(name, state, params, frame);
                }
                if (state.contains("ResultSelector"))
                    result = payload(name, "ResultSelector", state["ResultSelector"], result, frame);
                assignPath(name, state, result, frame, "");
                outcome.output = outputPath(name, state, resultPath(name, state, input, std::move(result)));
            }
        } else {
            raise(errors::Runtime, located(name, "Type", "unknown state type '" + type + "'"));
        }
        return outcome;
    }

    // ---- JSONPath processing ------------------------------------------------------------------------
    static std::string located(const std::string &state, const std::string &field, const std::string &message)
    {
        return "state '" + state + "'" + (field.empty() ? "" : ", " + field) + ": " + message;
    }

    PathRoots roots(const Json &data, const Frame &frame) const
    {
        return PathRoots{&data, &m_context, &frame.variables};
    }

    Json readPath(const std::string &state, const std::string &field, const std::string &path,
                  const Json &data, const Frame &frame)
    {
        std::string error;
        auto value = evaluatePath(path, roots(data, frame), error);
        if (!value)
            raise(errors::Runtime, located(state, field, "Invalid path '" + path + "': " + error));
        return std::move(*value);
    }

    Json inputPath(const std::string &state, const Json &stateJson, const Json &input)
    {
        auto it = stateJson.find("InputPath");
        if (it == stateJson.end())
            return input;
        if (it->is_null())
            return Json::object();
        Frame none;
        return readPath(state, "InputPath", it->get<std::string>(), input, none);
    }

    Json outputPath(const std::string &state, const Json &stateJson, Json output)
    {
        auto it = stateJson.find("OutputPath");
        if (it == stateJson.end())
            return output;
        if (it->is_null())
            return Json::object();
        Frame none;
        return readPath(state, "OutputPath", it->get<std::string>(), output, none);
    }

    Json resultPath(const std::string &state, const Json &stateOrPath, const Json &input, Json result)
    {
        const Json *path = &stateOrPath;
        if (stateOrPath.is_object()) {
            auto it = stateOrPath.find("ResultPath");
            if (it == stateOrPath.end())
                return result;
            path = &*it;
        }
        if (path->is_null())
            return input;
        const std::string p = path->get<std::string>();
        if (p == "$")
            return result;
        Json out = input;
        std::string error;
        if (!setAtPath(out, p, std::move(result), error))
            raise(errors::ResultPathMatchFailure, located(state, "ResultPath", error));
        return out;
    }

    /** Parameters, ResultSelector, ItemSelector, Assign: `.$` keys take a path or an intrinsic. */
    Json payload(const std::string &state, const std::string &field, const Json &tmpl, const Json &data,
                 const Frame &frame)
    {
        if (tmpl.is_array()) {
            Json out = Json::array();
            for (std::size_t i = 0; i < tmpl.size(); ++i)
                out.push_back(payload(state, field + "[" + std::to_string(i) + "]", tmpl[i], data, frame));
            return out;
        }
        if (!tmpl.is_object())
            return tmpl;
        Json out = Json::object();
        for (auto it = tmpl.begin(); it != tmpl.end(); ++it) {
            const std::string &key = it.key();
            const std::string where = field + "." + key;
            if (key.size() > 2 && key.ends_with(".$") && it->is_string()) {
                const std::string &expr = it->get_ref<const std::string &>();
                Json value;
                if (isIntrinsicCall(expr)) {
                    try {
                        value = evaluateIntrinsic(expr, roots(data, frame), m_random);
                    } catch (const StatesError &e) {
                        throw StatesError(e.error, located(state, where, e.cause), e.fatal);
                    }
                } else {
                    value = readPath(state, where, expr, data, frame);
                }
                out[key.substr(0, key.size() - 2)] = std::move(value);
            } else {
                out[key] = payload(state, where, *it, data, frame);
            }
        }
        return out;
    }

    void assignPath(const std::string &state, const Json &holder, const Json &data, Frame &frame,
                    const std::string &prefix)
    {
        auto it = holder.find("Assign");
        if (it == holder.end())
            return;
        Json values = payload(state, prefix + "Assign", *it, data, frame); // reads the old values
        for (auto v = values.begin(); v != values.end(); ++v)
            frame.variables[v.key()] = std::move(v.value());
    }

    void waitPath(const std::string &state, const Json &stateJson, const Json &effective)
    {
        Frame none;
        if (stateJson.contains("Seconds"))
            advanceSeconds(state, "Seconds", stateJson["Seconds"]);
        else if (stateJson.contains("SecondsPath"))
            advanceSeconds(
                state, "SecondsPath",
                readPath(state, "SecondsPath", stateJson["SecondsPath"].get<std::string>(), effective, none));
        else if (stateJson.contains("Timestamp"))
            advanceTo(state, "Timestamp", stateJson["Timestamp"]);
        else if (stateJson.contains("TimestampPath"))
            advanceTo(state, "TimestampPath",
                      readPath(state, "TimestampPath", stateJson["TimestampPath"].get<std::string>(),
                               effective, none));
    }

    void advanceSeconds(const std::string &state, const std::string &field, const Json &seconds)
    {
        if (!seconds.is_number() || seconds.get<double>() < 0)
            raise(errors::Runtime,
                  located(state, field, "expected a number of seconds, got " + seconds.dump()));
        m_now += static_cast<std::int64_t>(std::llround(seconds.get<double>() * 1000));
    }

    void advanceTo(const std::string &state, const std::string &field, const Json &timestamp)
    {
        const auto nanos =
            timestamp.is_string() ? parseTimestamp(timestamp.get<std::string>()) : std::nullopt;
        if (!nanos)
            raise(errors::Runtime,
                  located(state, field, "expected an RFC 3339 timestamp, got " + timestamp.dump()));
        const std::int64_t at = *nanos / 1000000 - m_options.startEpochMs;
        m_now = std::max(m_now, at);
    }

    // ---- JSONata processing -------------------------------------------------------------------------
    Json bindings(const Json &states, const Frame &frame) const
    {
        Json b = frame.variables;
        Json s = states;
        s["context"] = m_context;
        b["states"] = std::move(s);
        return b;
    }

    /** Evaluates a JSONata template: "{% expr %}" strings inside objects and arrays; the rest is literal. */
    Json jsonata(const std::string &state, const std::string &field, const Json &tmpl, const Json &states,
                 const Frame &frame)
    {
        const Json b = bindings(states, frame);
        auto value = jsonataValue(state, field, tmpl, b);
        return value ? std::move(*value) : Json();
    }

    std::optional<Json> jsonataValue(const std::string &state, const std::string &field, const Json &tmpl,
                                     const Json &b)
    {
        if (tmpl.is_string()) {
            const std::string &s = tmpl.get_ref<const std::string &>();
            if (!(s.size() >= 4 && s.starts_with("{%") && s.ends_with("%}")))
                return tmpl;
            if (!m_options.jsonata)
                throw StatesError(
                    errors::QueryEvaluationError,
                    located(state, field, "JSONata needs the evaluator, which this build has not"), true);
            const auto result = m_options.jsonata->evaluate(s.substr(2, s.size() - 4), b);
            if (!result.ok)
                raise(errors::QueryEvaluationError, located(state, field, result.error));
            return result.value;
        }
        if (tmpl.is_object()) {
            Json out = Json::object();
            for (auto it = tmpl.begin(); it != tmpl.end(); ++it)
                if (auto v = jsonataValue(state, field + "." + it.key(), *it, b))
                    out[it.key()] = std::move(*v);
            return out;
        }
        if (tmpl.is_array()) {
            Json out = Json::array();
            for (std::size_t i = 0; i < tmpl.size(); ++i)
                if (auto v = jsonataValue(state, field + "[" + std::to_string(i) + "]", tmpl[i], b))
                    out.push_back(std::move(*v));
            return out;
        }
        return tmpl;
    }

    void assignJsonata(const std::string &state, const Json &holder, const Json &states, Frame &frame,
                       const std::string &prefix)
    {
        auto it = holder.find("Assign");
        if (it == holder.end())
            return;
        Json values = jsonata(state, prefix + "Assign", *it, states, frame); // reads the old values
        for (auto v = values.begin(); v != values.end(); ++v)
            frame.variables[v.key()] = std::move(v.value());
    }

    void waitJsonata(const std::string &state, const Json &stateJson, const Json &states, const Frame &frame)
    {
        if (stateJson.contains("Seconds"))
            advanceSeconds(state, "Seconds", jsonata(state, "Seconds", stateJson["Seconds"], states, frame));
        else if (stateJson.contains("Timestamp"))
            advanceTo(state, "Timestamp", jsonata(state, "Timestamp", stateJson["Timestamp"], states, frame));
    }

    // ---- the state types ----------------------------------------------------------------------------
    [[noreturn]] void fail(const std::string &name, const Json &state, const Json &input, Frame &frame,
                           bool jsonataMode)
    {
        std::string error = "", cause = "";
        auto text = [](const Json &v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
        if (jsonataMode) {
            Json states{{"input", input}};
            if (state.contains("Error"))
                error = text(jsonata(name, "Error", state["Error"], states, frame));
            if (state.contains("Cause"))
                cause = text(jsonata(name, "Cause", state["Cause"], states, frame));
        } else {
            auto dynamic = [&](const char *field) {
                const std::string expr = state[field].get<std::string>();
                if (isIntrinsicCall(expr))
                    return text(evaluateIntrinsic(expr, roots(input, frame), m_random));
                return text(readPath(name, field, expr, input, frame));
            };
            error = state.contains("ErrorPath") ? dynamic("ErrorPath") : state.value("Error", std::string());
            cause = state.contains("CausePath") ? dynamic("CausePath") : state.value("Cause", std::string());
        }
        throw StatesError(error, cause, false);
    }

    void choice(const std::string &name, const Json &state, const Json &input, Frame &frame, bool jsonataMode,
                Outcome &outcome)
    {
        const Json rules = state.value("Choices", Json::array());
        Json effective = jsonataMode ? input : inputPath(name, state, input);
        Json states{{"input", input}};
        const Json *matched = nullptr;
        for (std::size_t i = 0; i < rules.size() && !matched; ++i) {
            const std::string where = "Choices[" + std::to_string(i) + "]";
            if (jsonataMode) {
                const Json c = jsonata(name, where + ".Condition", rules[i].value("Condition", Json(false)),
                                       states, frame);
                if (!c.is_boolean())
                    raise(errors::QueryEvaluationError,
                          located(name, where + ".Condition", "must be a boolean, got " + c.dump()));
                if (c.get<bool>())
                    matched = &rules[i];
            } else {
                try {
                    if (choiceRuleMatches(rules[i], roots(effective, frame)))
                        matched = &rules[i];
                } catch (const StatesError &e) {
                    throw StatesError(e.error, located(name, where, e.cause), e.fatal);
                }
            }
        }
        if (matched) {
            outcome.next = matched->value("Next", std::string());
        } else if (state.contains("Default")) {
            outcome.next = state["Default"].get<std::string>();
        } else {
            raise(errors::NoChoiceMatched,
                  located(name, "", "no Choice rule matched and there is no Default"));
        }
        const Json &outputHolder = matched && matched->contains("Output") ? *matched : state;
        if (jsonataMode) {
            outcome.output = outputHolder.contains("Output")
                                 ? jsonata(name, "Output", outputHolder["Output"], states, frame)
                                 : input;
            assignJsonata(name, state, states, frame, "");
            if (matched)
                assignJsonata(name, *matched, states, frame, "Choices.");
        } else {
            assignPath(name, state, effective, frame, "");
            if (matched)
                assignPath(name, *matched, effective, frame, "Choices.");
            outcome.output = outputPath(name, state, std::move(effective));
        }
    }

    double secondsField(const std::string &name, const Json &state, const char *field, const Json &data,
                        const Json &states, Frame &frame, bool jsonataMode)
    {
        const std::string pathField = std::string(field) + "Path";
        Json value;
        if (state.contains(field))
            value = jsonataMode ? jsonata(name, field, state[field], states, frame) : state[field];
        else if (!jsonataMode && state.contains(pathField))
            value = readPath(name, pathField, state[pathField].get<std::string>(), data, frame);
        else
            return 0;
        if (!value.is_number() || value.get<double>() <= 0)
            raise(errors::Runtime,
                  located(name, field, "expected a positive number of seconds, got " + value.dump()));
        return value.get<double>();
    }

    Json invokeTask(const std::string &name, const Json &state, const Json &params, const Json &states,
                    Frame &frame, bool jsonataMode)
    {
        const double timeout =
            secondsField(name, state, "TimeoutSeconds", params, states, frame, jsonataMode);
        const double heartbeat =
            secondsField(name, state, "HeartbeatSeconds", params, states, frame, jsonataMode);
        ++m_result.taskInvocations;
        if (asl::classifyTask(state) == asl::TaskKind::Lambda)
            ++m_result.lambdaInvocations;
        const int invocation = m_invocations[name]++;
        const MockedResponse *response = m_options.mocks.forState(name);
        if (!response) {
            if (m_options.echoUnmocked)
                return params;
            const std::string why =
                m_options.mocks.testCase
                    ? "test case '" + m_options.mocks.testCase->name + "' has no mocked response for it"
                    : "no mock file is given";
            throw StatesError(
                errors::MissingMock,
                located(name, "",
                        "the Task is not mocked: " + why + " (add one, or run with --echo-unmocked)"),
                true);
        }
        const MockAnswer *answer = response->answerFor(invocation);
        if (!answer)
            throw StatesError(
                errors::MissingMock,
                located(name, "",
                        "the mocked response has no answer for attempt " + std::to_string(invocation)),
                true);
        const double took = answer->durationSeconds;
        if (heartbeat > 0 && took > heartbeat && (timeout <= 0 || heartbeat <= timeout)) {
            m_now += static_cast<std::int64_t>(std::llround(heartbeat * 1000));
            raise(errors::HeartbeatTimeout, located(name, "", "no heartbeat within HeartbeatSeconds"));
        }
        if (timeout > 0 && took > timeout) {
            m_now += static_cast<std::int64_t>(std::llround(timeout * 1000));
            raise(errors::Timeout, located(name, "", "the Task ran past its TimeoutSeconds"));
        }
        m_now += static_cast<std::int64_t>(std::llround(took * 1000));
        if (answer->isThrow)
            throw StatesError(answer->error, answer->cause, answer->error == errors::Runtime);
        return answer->value;
    }

    /** Runs nested scopes side by side on the simulated clock: each starts at `start`; returns the end. */
    struct Child
    {
        std::int64_t endMs = 0;
        std::optional<StatesError> error;
    };

    Json parallel(const std::string &name, const Json &state, const Json &branchInput, Frame &frame)
    {
        const Json branches = state.value("Branches", Json::array());
        const std::int64_t start = m_now;
        std::int64_t end = start;
        Json results = Json::array();
        std::optional<StatesError> firstError;
        std::int64_t firstErrorAt = 0;
        const Json savedState = m_context["State"];
        for (std::size_t i = 0; i < branches.size(); ++i) {
            m_now = start;
            Frame child;
            child.path = childPath(frame, name + "[branch " + std::to_string(i) + "]");
            child.variables = frame.variables;
            child.queryLanguage = state.value("QueryLanguage", frame.queryLanguage);
            try {
                results.push_back(runScope(branches[i], branchInput, child));
            } catch (const StatesError &e) {
                if (e.fatal)
                    throw;
                if (!firstError || m_now < firstErrorAt) {
                    firstError = e;
                    firstErrorAt = m_now;
                }
                results.push_back(nullptr);
            }
            end = std::max(end, m_now);
        }
        m_context["State"] = savedState;
        if (firstError) {
            m_now = firstErrorAt;
            throw *firstError;
        }
        m_now = end;
        return results;
    }

    static std::string childPath(const Frame &frame, const std::string &step)
    {
        return frame.path.empty() ? step : frame.path + "/" + step;
    }

    Json readItems(const std::string &name, const Json &state, const Json &effective, const Json &states,
                   Frame &frame, bool jsonataMode)
    {
        Json items;
        if (state.contains("ItemReader")) {
            // Distributed Map reading S3: the test case answers the Map state's name with the items.
            const MockedResponse *response = m_options.mocks.forState(name);
            const MockAnswer *answer = response ? response->answerFor(m_invocations[name]++) : nullptr;
            if (!answer)
                throw StatesError(
                    errors::MissingMock,
                    located(name, "ItemReader",
                            "the test case must answer the Map state's name with the items read"),
                    true);
            if (answer->isThrow)
                raise(answer->error.empty() ? errors::ItemReaderFailed : answer->error, answer->cause);
            items = answer->value;
        } else if (jsonataMode) {
            items = state.contains("Items") ? jsonata(name, "Items", state["Items"], states, frame)
                                            : states["input"];
        } else {
            items = state.contains("ItemsPath")
                        ? readPath(name, "ItemsPath", state["ItemsPath"].get<std::string>(), effective, frame)
                        : effective;
        }
        if (!items.is_array())
            raise(errors::Runtime,
                  located(name, jsonataMode ? "Items" : "ItemsPath",
                          "the items must be an array, got " + std::string(items.type_name())));
        if (auto batcher = state.find("ItemBatcher"); batcher != state.end() && batcher->is_object()) {
            std::size_t per = batcher->value("MaxItemsPerBatch", std::size_t(0));
            if (per == 0)
                per = items.size() ? items.size() : 1;
            Json batches = Json::array();
            for (std::size_t i = 0; i < items.size(); i += per) {
                Json batch{{"Items", Json::array()}};
                if (batcher->contains("BatchInput"))
                    batch["BatchInput"] = (*batcher)["BatchInput"];
                for (std::size_t j = i; j < std::min(items.size(), i + per); ++j)
                    batch["Items"].push_back(items[j]);
                batches.push_back(std::move(batch));
            }
            items = std::move(batches);
        }
        return items;
    }

    Json map(const std::string &name, const Json &state, const Json &effective, const Json &arguments,
             Frame &frame, bool jsonataMode)
    {
        Json states{{"input", effective}};
        const Json *processor = state.contains("ItemProcessor") ? &state["ItemProcessor"]
                                : state.contains("Iterator")    ? &state["Iterator"]
                                                                : nullptr;
        if (!processor)
            raise(errors::Runtime, located(name, "ItemProcessor", "the Map state has no ItemProcessor"));
        const bool distributed =
            processor->contains("ProcessorConfig") &&
            (*processor)["ProcessorConfig"].value("Mode", std::string()) == "DISTRIBUTED";
        (void)arguments;
        const Json items = readItems(name, state, effective, states, frame, jsonataMode);
        const Json *selector = state.contains("ItemSelector") ? &state["ItemSelector"]
                               : state.contains("Parameters") ? &state["Parameters"]
                                                              : nullptr;
        const std::size_t maxConcurrency = state.value("MaxConcurrency", std::size_t(0));
        const std::int64_t start = m_now;
        std::vector<std::int64_t> slots(maxConcurrency ? std::min(maxConcurrency, items.size()) : 0, start);
        std::int64_t end = start;
        Json results = Json::array();
        std::optional<StatesError> firstError;
        std::int64_t firstErrorAt = 0;
        std::size_t failures = 0;
        const Json savedState = m_context["State"];
        const Json savedMap = m_context.value("Map", Json());
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto slot = slots.empty() ? slots.end() : std::min_element(slots.begin(), slots.end());
            m_now = slot == slots.end() ? start : *slot;
            m_context["Map"] = Json{{"Item", {{"Index", i}, {"Value", items[i]}}}};
            Frame child;
            child.path = childPath(frame, name + "[item " + std::to_string(i) + "]");
            child.variables = frame.variables;
            child.queryLanguage =
                processor->value("QueryLanguage", state.value("QueryLanguage", frame.queryLanguage));
            std::size_t childTransitions = 0;
            std::size_t *parentTransitions = m_transitions;
            if (distributed)
                m_transitions = &childTransitions; // each child execution has its own history
            try {
                Json itemInput = items[i];
                if (selector) {
                    if (jsonataMode)
                        itemInput = jsonata(name, "ItemSelector", *selector, states, frame);
                    else
                        itemInput = payload(name, "ItemSelector", *selector, effective, frame);
                }
                results.push_back(runScope(*processor, std::move(itemInput), child));
            } catch (const StatesError &e) {
                m_transitions = parentTransitions;
                if (e.fatal)
                    throw;
                ++failures;
                if (!firstError || m_now < firstErrorAt) {
                    firstError = e;
                    firstErrorAt = m_now;
                }
                results.push_back(Json{{"Error", e.error}, {"Cause", e.cause}});
            }
            m_transitions = parentTransitions;
            if (slot != slots.end())
                *slot = m_now;
            end = std::max(end, m_now);
        }
        m_context["State"] = savedState;
        if (savedMap.is_null())
            m_context.erase("Map");
        else
            m_context["Map"] = savedMap;
        if (!distributed && firstError) {
            m_now = firstErrorAt;
            throw *firstError;
        }
        m_now = end;
        if (distributed && failures > 0) {
            const double count =
                toleratedNumber(name, state, "ToleratedFailureCount", effective, states, frame, jsonataMode);
            const double percent = toleratedNumber(name, state, "ToleratedFailurePercentage", effective,
                                                   states, frame, jsonataMode);
            const double failedPercent = items.empty() ? 0 : 100.0 * double(failures) / double(items.size());
            const bool withinCount = count >= 0 && double(failures) <= count;
            const bool withinPercent = percent >= 0 && failedPercent <= percent;
            if (!withinCount && !withinPercent)
                raise(errors::ExceedToleratedFailureThreshold,
                      located(name, "",
                              std::to_string(failures) + " of " + std::to_string(items.size()) +
                                  " items failed, more than the Map tolerates"));
        }
        if (distributed && state.contains("ResultWriter")) {
            const MockedResponse *response = m_options.mocks.forState(name + ".ResultWriter");
            if (const MockAnswer *answer = response ? response->answerFor(0) : nullptr) {
                if (answer->isThrow)
                    raise(answer->error.empty() ? errors::ResultWriterFailed : answer->error, answer->cause);
                return answer->value;
            }
            const Json &writer = state["ResultWriter"];
            const Json where = writer.value("Arguments", writer.value("Parameters", Json::object()));
            return Json{{"MapRunArn", "arn:aws:states:us-east-1:123456789012:mapRun:" +
                                          m_options.stateMachineName + "/" + name + ":simulated"},
                        {"ResultWriterDetails",
                         {{"Bucket", where.value("Bucket", std::string())},
                          {"Key", where.value("Prefix", std::string()) + "/manifest.json"}}}};
        }
        return results;
    }

    /** ToleratedFailureCount/Percentage (or their *Path): -1 when not given. */
    double toleratedNumber(const std::string &name, const Json &state, const std::string &field,
                           const Json &data, const Json &states, Frame &frame, bool jsonataMode)
    {
        Json value;
        if (state.contains(field))
            value = jsonataMode ? jsonata(name, field, state[field], states, frame) : state[field];
        else if (!jsonataMode && state.contains(field + "Path"))
            value = readPath(name, field + "Path", state[field + "Path"].get<std::string>(), data, frame);
        else
            return field == "ToleratedFailureCount" ? 0 : -1;
        if (!value.is_number())
            raise(errors::Runtime, located(name, field, "expected a number, got " + value.dump()));
        return value.get<double>();
    }

    const Json &m_definition;
    const RunOptions &m_options;
    Random m_random;
    RunResult m_result;
    std::int64_t m_now = 0;
    std::optional<std::int64_t> m_deadlineMs;
    std::size_t m_topTransitions = 0;
    std::size_t *m_transitions = nullptr;
    std::unordered_map<std::string, int> m_invocations;
    Json m_context;
    std::unordered_map<const Json *, std::unordered_map<std::string, const Json *>> m_index;
};

} // namespace

bool mayUseJsonata(const Json &definition)
{
    return definition.dump().find("\"JSONata\"") != std::string::npos;
}

RunResult runStateMachine(const Json &definition, const RunOptions &options)
{
    try {
        return Runner(definition, options).run();
    } catch (const std::exception &e) {
        // A definition of the wrong shape (a number where a string belongs): a failed run, never a crash.
        RunResult result;
        result.status = "FAILED";
        result.output = nullptr;
        result.error = errors::Runtime;
        result.cause = std::string("the definition cannot be run: ") + e.what();
        return result;
    }
}

Json toJson(const RunResult &result)
{
    Json trace = Json::array();
    for (const auto &t : result.trace) {
        trace.push_back(Json{{"state", t.state},
                             {"type", t.type},
                             {"path", t.path},
                             {"input", t.input},
                             {"output", t.output},
                             {"attempts", t.attempts},
                             {"error", t.error.empty() ? Json() : Json(t.error)},
                             {"cause", t.error.empty() ? Json() : Json(t.cause)},
                             {"enteredMs", t.enteredMs},
                             {"exitedMs", t.exitedMs}});
    }
    return Json{{"status", result.status},
                {"output", result.output},
                {"error", result.status == "SUCCEEDED" ? Json() : Json(result.error)},
                {"cause", result.status == "SUCCEEDED" ? Json() : Json(result.cause)},
                {"trace", std::move(trace)},
                {"transitions", result.transitions},
                {"durationMs", result.durationMs}};
}

} // namespace egress::sim

#include "sim/mocks.h"

#include <algorithm>
#include <cctype>

namespace egress::sim {
namespace {

bool parseRange(const std::string &key, int &from, int &to)
{
    auto number = [](const std::string &s, int &out) {
        if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c));
            }))
            return false;
        out = std::stoi(s);
        return true;
    };
    const auto dash = key.find('-');
    if (dash == std::string::npos)
        return number(key, from) && number(key, to);
    return number(key.substr(0, dash), from) && number(key.substr(dash + 1), to) && from <= to;
}

bool readAnswer(const Json &value, const std::string &pointer, MockAnswer &answer, std::string &error)
{
    if (!value.is_object()) {
        error = pointer + ": an attempt's answer is an object with \"Return\" or \"Throw\"";
        return false;
    }
    const bool hasReturn = value.contains("Return"), hasThrow = value.contains("Throw");
    if (hasReturn == hasThrow) {
        error = pointer + ": give exactly one of \"Return\" and \"Throw\"";
        return false;
    }
    if (auto d = value.find("DurationSeconds"); d != value.end()) {
        if (!d->is_number() || d->get<double>() < 0) {
            error = pointer + "/DurationSeconds: a number of seconds, 0 or more";
            return false;
        }
        answer.durationSeconds = d->get<double>();
    }
    if (hasReturn) {
        answer.value = value["Return"];
        return true;
    }
    const Json &t = value["Throw"];
    if (!t.is_object() || !t.contains("Error") || !t["Error"].is_string()) {
        error = pointer + "/Throw: an object with a string \"Error\" (and \"Cause\")";
        return false;
    }
    answer.isThrow = true;
    answer.error = t["Error"].get<std::string>();
    if (t.contains("Cause"))
        answer.cause = t["Cause"].is_string() ? t["Cause"].get<std::string>() : t["Cause"].dump();
    return true;
}

} // namespace

const MockAnswer *MockedResponse::answerFor(int invocation) const
{
    for (const auto &r : ranges)
        if (invocation >= r.from && invocation <= r.to)
            return &r.answer;
    if (!ranges.empty() && invocation > ranges.back().to)
        return &ranges.back().answer;
    return nullptr;
}

std::optional<MockConfig> MockConfig::fromJson(const Json &document, std::string &error)
{
    MockConfig config;
    if (!document.is_object()) {
        error = "(root): a mock file is an object with \"StateMachines\" and \"MockedResponses\"";
        return std::nullopt;
    }
    const Json responses = document.value("MockedResponses", Json::object());
    if (!responses.is_object()) {
        error = "/MockedResponses: an object of named responses";
        return std::nullopt;
    }
    for (auto it = responses.begin(); it != responses.end(); ++it) {
        const std::string pointer = "/MockedResponses/" + asl::escapePointerToken(it.key());
        if (!it->is_object() || it->empty()) {
            error = pointer + ": an object of attempts (\"0\", \"1-2\", ...)";
            return std::nullopt;
        }
        MockedResponse response;
        for (auto a = it->begin(); a != it->end(); ++a) {
            MockedResponse::Range range;
            const std::string attemptPointer = pointer + "/" + asl::escapePointerToken(a.key());
            if (!parseRange(a.key(), range.from, range.to)) {
                error = attemptPointer + ": an attempt key is a number (\"0\") or a range (\"1-2\")";
                return std::nullopt;
            }
            if (!readAnswer(*a, attemptPointer, range.answer, error))
                return std::nullopt;
            response.ranges.push_back(std::move(range));
        }
        std::sort(response.ranges.begin(), response.ranges.end(),
                  [](const auto &x, const auto &y) { return x.from < y.from; });
        config.m_responses[it.key()] = std::move(response);
    }
    const Json machines = document.value("StateMachines", Json::object());
    if (!machines.is_object()) {
        error = "/StateMachines: an object of state machine names";
        return std::nullopt;
    }
    const Json expected = document.value("ExpectedResults", Json::object());
    for (auto m = machines.begin(); m != machines.end(); ++m) {
        const std::string pointer = "/StateMachines/" + asl::escapePointerToken(m.key());
        const Json *cases = m->is_object() && m->contains("TestCases") ? &(*m)["TestCases"] : nullptr;
        if (!cases || !cases->is_object()) {
            error = pointer + ": needs an object \"TestCases\"";
            return std::nullopt;
        }
        std::vector<TestCase> list;
        for (auto c = cases->begin(); c != cases->end(); ++c) {
            const std::string casePointer = pointer + "/TestCases/" + asl::escapePointerToken(c.key());
            if (!c->is_object()) {
                error = casePointer + ": an object of state name → response name";
                return std::nullopt;
            }
            TestCase tc;
            tc.name = c.key();
            for (auto s = c->begin(); s != c->end(); ++s) {
                const std::string statePointer = casePointer + "/" + asl::escapePointerToken(s.key());
                if (!s->is_string()) {
                    error = statePointer + ": the name of a MockedResponses entry";
                    return std::nullopt;
                }
                if (!config.m_responses.count(s->get<std::string>())) {
                    error = statePointer + ": no MockedResponses entry \"" + s->get<std::string>() + "\"";
                    return std::nullopt;
                }
                tc.responses[s.key()] = s->get<std::string>();
            }
            const Json *exp = nullptr;
            if (expected.is_object() && expected.contains(m.key()) && expected[m.key()].is_object() &&
                expected[m.key()].contains(c.key()))
                exp = &expected[m.key()][c.key()];
            if (exp) {
                const std::string expPointer = "/ExpectedResults/" + asl::escapePointerToken(m.key()) + "/" +
                                               asl::escapePointerToken(c.key());
                if (!exp->is_object()) {
                    error = expPointer + ": an object with \"Status\", \"Output\" and/or \"Error\"";
                    return std::nullopt;
                }
                Expectation e;
                if (exp->contains("Status"))
                    e.status = (*exp)["Status"].is_string() ? (*exp)["Status"].get<std::string>() : "";
                if (exp->contains("Output"))
                    e.output = (*exp)["Output"];
                if (exp->contains("Input"))
                    e.input = (*exp)["Input"];
                if (exp->contains("Error"))
                    e.error = (*exp)["Error"].is_string() ? (*exp)["Error"].get<std::string>() : "";
                if (e.status && *e.status != "SUCCEEDED" && *e.status != "FAILED" &&
                    *e.status != "TIMED_OUT") {
                    error = expPointer + "/Status: SUCCEEDED, FAILED or TIMED_OUT";
                    return std::nullopt;
                }
                tc.expected = std::move(e);
            }
            list.push_back(std::move(tc));
        }
        config.m_machineOrder.push_back(m.key());
        config.m_machines[m.key()] = std::move(list);
    }
    return config;
}

std::vector<std::string> MockConfig::stateMachines() const
{
    return m_machineOrder;
}

const std::vector<TestCase> *MockConfig::testCases(const std::string &stateMachine) const
{
    auto it = m_machines.find(stateMachine);
    return it == m_machines.end() ? nullptr : &it->second;
}

const TestCase *MockConfig::testCase(const std::string &stateMachine, const std::string &name) const
{
    if (const auto *cases = testCases(stateMachine))
        for (const auto &c : *cases)
            if (c.name == name)
                return &c;
    return nullptr;
}

const MockedResponse *MockConfig::response(const std::string &name) const
{
    auto it = m_responses.find(name);
    return it == m_responses.end() ? nullptr : &it->second;
}

const MockedResponse *RunMocks::forState(const std::string &state) const
{
    if (!config || !testCase)
        return nullptr;
    auto it = testCase->responses.find(state);
    return it == testCase->responses.end() ? nullptr : config->response(it->second);
}

} // namespace egress::sim

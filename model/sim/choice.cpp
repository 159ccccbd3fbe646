#include "sim/choice.h"

#include "sim/errors.h"

#include <cctype>
#include <cmath>
#include <string>

namespace egress::sim {
namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int &out)
{
    if (at + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

const Json &operand(const Json &rule, const std::string &op, const PathRoots &roots, Json &holder)
{
    const Json &value = rule[op];
    if (op.ends_with("Path")) {
        std::string error;
        auto v = evaluatePath(value.get<std::string>(), roots, error);
        if (!v)
            raise(errors::Runtime, "Invalid path in " + op + ": " + error);
        holder = std::move(*v);
        return holder;
    }
    return value;
}

int compareNumbers(double a, double b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

bool compare(int c, std::string_view suffix)
{
    if (suffix == "Equals")
        return c == 0;
    if (suffix == "LessThan")
        return c < 0;
    if (suffix == "GreaterThan")
        return c > 0;
    if (suffix == "LessThanEquals")
        return c <= 0;
    return c >= 0; // GreaterThanEquals
}

} // namespace

std::optional<std::int64_t> parseTimestamp(std::string_view s)
{
    int year, month, day, hour, minute, second;
    if (!digits(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
        !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, hour) || s[13] != ':' ||
        !digits(s, 14, 2, minute) || s[16] != ':' || !digits(s, 17, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::size_t i = 19;
    std::int64_t nanos = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int count = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            if (count < 9)
                nanos = nanos * 10 + (s[i] - '0');
            ++count;
            ++i;
        }
        if (count == 0)
            return std::nullopt;
        for (; count < 9; ++count)
            nanos *= 10;
    }
    std::int64_t offsetSeconds = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, om))
            return std::nullopt;
        offsetSeconds = (oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size())
        return std::nullopt;
    const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return seconds * 1000000000LL + nanos;
}

bool wildcardMatches(std::string_view p, std::string_view t)
{
    // Iterative glob match with backtracking to the last '*'.
    std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
    while (ti < t.size()) {
        if (pi < p.size() && p[pi] == '\\' && pi + 1 < p.size() && p[pi + 1] == t[ti]) {
            pi += 2;
            ++ti;
        } else if (pi < p.size() && p[pi] == '*') {
            star = pi++;
            mark = ti;
        } else if (pi < p.size() && p[pi] != '\\' && p[pi] == t[ti]) {
            ++pi;
            ++ti;
        } else if (star != std::string_view::npos) {
            pi = star + 1;
            ti = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == '*')
        ++pi;
    return pi == p.size();
}

bool choiceRuleMatches(const Json &rule, const PathRoots &roots)
{
    if (rule.contains("And")) {
        for (const auto &r : rule["And"])
            if (!choiceRuleMatches(r, roots))
                return false;
        return true;
    }
    if (rule.contains("Or")) {
        for (const auto &r : rule["Or"])
            if (choiceRuleMatches(r, roots))
                return true;
        return false;
    }
    if (rule.contains("Not"))
        return !choiceRuleMatches(rule["Not"], roots);

    const std::string variablePath = rule.value("Variable", std::string("$"));
    std::string error;
    const std::optional<Json> variable = evaluatePath(variablePath, roots, error);
    if (rule.contains("IsPresent"))
        return variable.has_value() == rule["IsPresent"].get<bool>();
    if (!variable)
        raise(errors::Runtime, "Invalid path '" + variablePath +
                                   "': the choice state's condition path references an invalid value.");
    const Json &v = *variable;
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        const std::string &op = it.key();
        if (op == "Variable" || op == "Next" || op == "Comment" || op == "Assign")
            continue;
        Json holder;
        if (op == "IsNull")
            return v.is_null() == it->get<bool>();
        if (op == "IsNumeric")
            return v.is_number() == it->get<bool>();
        if (op == "IsString")
            return v.is_string() == it->get<bool>();
        if (op == "IsBoolean")
            return v.is_boolean() == it->get<bool>();
        if (op == "IsTimestamp")
            return (v.is_string() && parseTimestamp(v.get<std::string>()).has_value()) == it->get<bool>();
        const Json &other = operand(rule, op, roots, holder);
        const std::string base = op.ends_with("Path") ? op.substr(0, op.size() - 4) : op;
        if (base == "StringMatches")
            return v.is_string() && other.is_string() &&
                   wildcardMatches(other.get<std::string>(), v.get<std::string>());
        if (base.starts_with("String")) {
            if (!v.is_string() || !other.is_string())
                return false;
            const int c = v.get_ref<const std::string &>().compare(other.get_ref<const std::string &>());
            return compare(c < 0 ? -1 : (c > 0 ? 1 : 0), std::string_view(base).substr(6));
        }
        if (base.starts_with("Numeric")) {
            if (!v.is_number() || !other.is_number())
                return false;
            return compare(compareNumbers(v.get<double>(), other.get<double>()),
                           std::string_view(base).substr(7));
        }
        if (base == "BooleanEquals")
            return v.is_boolean() && other.is_boolean() && v.get<bool>() == other.get<bool>();
        if (base.starts_with("Timestamp")) {
            if (!v.is_string() || !other.is_string())
                return false;
            const auto a = parseTimestamp(v.get<std::string>()), b = parseTimestamp(other.get<std::string>());
            if (!a || !b)
                return false;
            return compare(*a < *b ? -1 : (*a > *b ? 1 : 0), std::string_view(base).substr(9));
        }
        raise(errors::Runtime, "unknown comparison operator " + op);
    }
    raise(errors::Runtime, "a choice rule without a comparison operator");
}

} // namespace egress::sim

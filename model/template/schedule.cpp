#include "template/schedule.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <sstream>
#include <vector>

namespace egress::tmpl {

namespace {

std::string trim(const std::string &s)
{
    const auto start = s.find_first_not_of(" \t");
    const auto end = s.find_last_not_of(" \t");
    return start == std::string::npos ? std::string() : s.substr(start, end - start + 1);
}

std::optional<int> number(const std::string &s, const std::vector<std::string> &names, int firstName)
{
    if (!s.empty() &&
        std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return s.size() > 6 ? std::nullopt : std::optional<int>(std::stoi(s));
    std::string upper = s;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == upper)
            return firstName + static_cast<int>(i);
    return std::nullopt;
}

/**
 * The values a cron field allows within [lo, hi] (a set, so lists that overlap count once); `special`
 * is set for L, W and # (one day a month, counted by the caller).
 */
std::optional<std::set<int>> expand(const std::string &field, int lo, int hi,
                                    const std::vector<std::string> &names, int firstName, bool &special)
{
    std::set<int> values;
    std::stringstream items(field);
    std::string item;
    while (std::getline(items, item, ',')) {
        if (item.find_first_of("LW#") != std::string::npos && item != "*") {
            special = true;
            continue;
        }
        int step = 1;
        if (const auto slash = item.find('/'); slash != std::string::npos) {
            const auto n = number(item.substr(slash + 1), {}, 0);
            if (!n || *n <= 0)
                return std::nullopt;
            step = *n;
            item = item.substr(0, slash);
        }
        int from = lo, to = hi;
        if (item != "*" && item != "?") {
            const auto dash = item.find('-');
            const auto a = number(item.substr(0, dash), names, firstName);
            if (!a)
                return std::nullopt;
            from = *a;
            to = *a;
            if (dash != std::string::npos) {
                const auto b = number(item.substr(dash + 1), names, firstName);
                if (!b)
                    return std::nullopt;
                to = *b;
            } else if (step > 1) {
                to = hi; // "5/15": from 5 on, every 15
            }
        }
        if (from < lo || to > hi || from > to)
            return std::nullopt;
        for (int v = from; v <= to; v += step)
            values.insert(v);
    }
    return values;
}

std::optional<double> cron(const std::string &body, std::string &why)
{
    std::stringstream in(body);
    std::vector<std::string> fields;
    for (std::string f; in >> f;)
        fields.push_back(f);
    if (fields.size() != 6) {
        why = "cron(...) needs six fields (minutes hours day-of-month month day-of-week year), not " +
              std::to_string(fields.size());
        return std::nullopt;
    }
    static const std::vector<std::string> months{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                 "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    static const std::vector<std::string> days{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    bool special = false;
    const auto minutes = expand(fields[0], 0, 59, {}, 0, special);
    const auto hours = expand(fields[1], 0, 23, {}, 0, special);
    bool domSpecial = false, dowSpecial = false;
    const auto dom = expand(fields[2], 1, 31, {}, 0, domSpecial);
    const auto month = expand(fields[3], 1, 12, months, 1, special);
    const auto dow = expand(fields[4], 1, 7, days, 1, dowSpecial);
    if (!minutes || !hours || !dom || !month || !dow || special) {
        why = "cannot read the cron expression \"" + body + "\"";
        return std::nullopt;
    }
    double daysPerMonth;
    const bool anyDom = fields[2] == "?" || fields[2] == "*";
    const bool anyDow = fields[4] == "?" || fields[4] == "*";
    if (!anyDom || domSpecial)
        daysPerMonth = static_cast<double>(dom->size()) + (domSpecial ? 1 : 0);
    else if (!anyDow || dowSpecial)
        daysPerMonth = static_cast<double>(dow->size()) * kScheduleMonthDays / 7 + (dowSpecial ? 1 : 0);
    else
        daysPerMonth = kScheduleMonthDays;
    const double monthShare = static_cast<double>(month->size()) / 12;
    return static_cast<double>(minutes->size() * hours->size()) * daysPerMonth * monthShare;
}

} // namespace

std::optional<double> executionsPerMonth(const std::string &expression, std::string &why)
{
    const std::string e = trim(expression);
    const auto open = e.find('(');
    if (open == std::string::npos || e.back() != ')') {
        why = "\"" + expression + "\" is not rate(...), cron(...) or at(...)";
        return std::nullopt;
    }
    const std::string kind = e.substr(0, open);
    const std::string body = trim(e.substr(open + 1, e.size() - open - 2));
    if (kind == "at")
        return 1.0;
    if (kind == "cron")
        return cron(body, why);
    if (kind != "rate") {
        why = "\"" + expression + "\" is not rate(...), cron(...) or at(...)";
        return std::nullopt;
    }
    std::stringstream in(body);
    double value = 0;
    std::string unit, rest;
    if (!(in >> value) || !(in >> unit) || (in >> rest) || value <= 0 ||
        value != static_cast<long long>(value)) {
        why = "cannot read the rate \"" + expression + "\" (expected rate(N minutes|hours|days))";
        return std::nullopt;
    }
    static const std::array<std::pair<const char *, double>, 6> perMonth{
        {{"minute", kScheduleMonthDays * 24 * 60},
         {"minutes", kScheduleMonthDays * 24 * 60},
         {"hour", kScheduleMonthDays * 24},
         {"hours", kScheduleMonthDays * 24},
         {"day", kScheduleMonthDays},
         {"days", kScheduleMonthDays}}};
    for (const auto &[name, count] : perMonth)
        if (unit == name)
            return count / value;
    why = "unknown rate unit \"" + unit + "\" in \"" + expression + "\"";
    return std::nullopt;
}

} // namespace egress::tmpl

#pragma once

#include <optional>
#include <string>

namespace egress::tmpl {

/** Schedules are counted over a 31-day month (44,640 minutes): rate(5 minutes) → 8,928 runs. */
inline constexpr double kScheduleMonthDays = 31;

/**
 * Runs a month of an EventBridge schedule expression: rate(N minute|minutes|hour|hours|day|days),
 * cron(minutes hours day-of-month month day-of-week year) or at(...) (one run). A restricted month field
 * counts its share of the year's twelve months; a weekday field counts its share of the seven weekdays;
 * L, W and # count one day a month. Nothing, with `why` set, when the expression cannot be read.
 */
std::optional<double> executionsPerMonth(const std::string &expression, std::string &why);

} // namespace egress::tmpl

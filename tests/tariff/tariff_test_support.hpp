#pragma once
// Builders for the tariff tests: tariffs, rules written as the manual shows them, the
// manual's example 4, and local times in Europe/Paris.
#include <optional>
#include <string>

#include "ews/kernel/calendar.hpp"
#include "ews/tariff/plan.hpp"

namespace ews::tariff::testing {

inline constexpr double kTariff1PerKWh = 0.1740;
inline constexpr double kTariff2PerKWh = 0.1296;
inline constexpr double kTariff3PerKWh = 0.0950;

const TimeZone& paris();
/// "2020-03-29 02:30" in Europe/Paris (the earlier instant when it occurs twice).
Time paris(const std::string& localDateTime);

Tariff tariff(std::string name, double pricePerUnit);
/// A rule on `tariff` from `first` to `last` ("HH:MM", both minutes included), every day,
/// no dates.
CostRule rule(std::string tariff, const std::string& first = "00:00", const std::string& last = "23:59");
CostRule onWeekdays(CostRule rule);
/// Dates "YYYY-MM-DD" (once) or "MM-DD" with repeatEveryYear.
CostRule on(CostRule rule, const std::string& first, const std::string& last);
CostRule everyYear(CostRule rule, const std::string& firstMonthDay, const std::string& lastMonthDay);

/// Tariffs 1, 2 and 3 at the constants above.
EnergyTariffs threeTariffs();
/// The manual's example 4 in its correct order (7.16.3.1): March 2020 (Tariff 3), Christmas
/// (Tariff 2, every year), 00:00-18:59 Monday to Friday (Tariff 1), 19:00-23:59 Monday to
/// Friday (Tariff 2).
EnergyTariffs example4();

}  // namespace ews::tariff::testing

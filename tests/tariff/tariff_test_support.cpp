#include "tariff_test_support.hpp"

#include <cstdio>
#include <stdexcept>

namespace ews::tariff::testing {

namespace {
int minuteOf(const std::string& hhmm) {
  int hour = 0, minute = 0;
  if (std::sscanf(hhmm.c_str(), "%d:%d", &hour, &minute) != 2) throw std::invalid_argument(hhmm);
  return hour * 60 + minute;
}

CivilDate dateOf(const std::string& text) {
  CivilDate d;
  if (std::sscanf(text.c_str(), "%d-%u-%u", &d.year, &d.month, &d.day) != 3) throw std::invalid_argument(text);
  return d;
}

CivilDate monthDayOf(const std::string& text) {
  CivilDate d;
  if (std::sscanf(text.c_str(), "%u-%u", &d.month, &d.day) != 2) throw std::invalid_argument(text);
  return d;
}
}  // namespace

const TimeZone& paris() {
  static const TimeZone zone("Europe/Paris");
  return zone;
}

Time paris(const std::string& localDateTime) { return paris().toUtc(parseLocalDateTime(localDateTime)); }

Tariff tariff(std::string name, double pricePerUnit) {
  return Tariff{std::move(name), "#336699", {Price{pricePerUnit, std::nullopt}}};
}

CostRule rule(std::string tariff, const std::string& first, const std::string& last) {
  CostRule r;
  r.tariff = std::move(tariff);
  r.time = TimeFrame{minuteOf(first), minuteOf(last)};
  return r;
}

CostRule onWeekdays(CostRule rule) {
  rule.days.bits = WeekdaySet::kMondayToFriday;
  return rule;
}

CostRule on(CostRule rule, const std::string& first, const std::string& last) {
  rule.dates = DateSpan{dateOf(first), dateOf(last)};
  return rule;
}

CostRule everyYear(CostRule rule, const std::string& firstMonthDay, const std::string& lastMonthDay) {
  rule.dates = DateSpan{monthDayOf(firstMonthDay), monthDayOf(lastMonthDay)};
  rule.repeatEveryYear = true;
  return rule;
}

EnergyTariffs threeTariffs() {
  EnergyTariffs t;
  t.tariffs = {tariff("Tariff 1", kTariff1PerKWh), tariff("Tariff 2", kTariff2PerKWh),
               tariff("Tariff 3", kTariff3PerKWh)};
  return t;
}

EnergyTariffs example4() {
  EnergyTariffs t = threeTariffs();
  t.rules = {on(rule("Tariff 3"), "2020-03-01", "2020-03-31"), everyYear(rule("Tariff 2"), "12-25", "12-25"),
             onWeekdays(rule("Tariff 1", "00:00", "18:59")), onWeekdays(rule("Tariff 2", "19:00", "23:59"))};
  return t;
}

}  // namespace ews::tariff::testing

#include "ews/tariff/rules.hpp"

#include <algorithm>

#include "civil_day.hpp"

namespace ews::tariff {

namespace {

struct MonthDay {
  unsigned month;
  unsigned day;
  friend constexpr auto operator<=>(const MonthDay&, const MonthDay&) = default;
};

MonthDay monthDayOf(CivilDate d) { return {d.month, d.day}; }

bool withinDates(const CostRule& rule, CivilDate day) {
  if (!rule.dates) return true;
  const DateSpan& span = *rule.dates;
  if (!rule.repeatEveryYear) return span.first <= day && day <= span.last;
  const MonthDay md = monthDayOf(day), first = monthDayOf(span.first), last = monthDayOf(span.last);
  // Month-day order: 02-29 falls between 02-28 and 03-01, so in a common year a period
  // ending on 02-29 ends on 02-28 and one made of 02-29 alone does not occur.
  if (first <= last) return first <= md && md <= last;
  return md >= first || md <= last;  // across New Year
}

/// One past the rule's last minute: the end of the period it stays in force.
int frameEnd(const CostRule& rule) { return rule.time.lastMinuteOfDay + 1; }

}  // namespace

bool holdsOn(const CostRule& rule, CivilDate day) {
  return rule.days.contains(detail::weekdayOf(day)) && withinDates(rule, day);
}

std::vector<RuleStretch> ruleStretchesOn(std::span<const CostRule> rules, CivilDate day) {
  std::vector<std::size_t> candidates;  // rules true at some minute of the day, in list order
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (holdsOn(rules[i], day)) candidates.push_back(i);
  }
  std::vector<RuleStretch> stretches;
  int minute = 0;
  while (minute < kMinutesPerDay) {
    const auto inForce = std::find_if(candidates.begin(), candidates.end(), [&](std::size_t i) {
      return rules[i].time.firstMinuteOfDay <= minute && minute < frameEnd(rules[i]);
    });
    if (inForce != candidates.end()) {
      // The analysis stops until the end of this rule's period.
      const int end = frameEnd(rules[*inForce]);
      stretches.push_back({minute, end, *inForce});
      minute = end;
      continue;
    }
    // Nothing is true now: the next analysis is when some rule's frame starts.
    int next = kMinutesPerDay;
    for (const std::size_t i : candidates) {
      const int start = rules[i].time.firstMinuteOfDay;
      if (start > minute) next = std::min(next, start);
    }
    stretches.push_back({minute, next, std::nullopt});
    minute = next;
  }
  return stretches;
}

std::optional<double> priceOn(const Tariff& tariff, CivilDate day) {
  std::optional<double> price;
  std::optional<CivilDate> latest;
  for (const Price& p : tariff.prices) {
    if (!p.from) return p.pricePerUnit;  // the single undated price (validation.hpp)
    if (*p.from <= day && (!latest || *p.from > *latest)) {
      latest = p.from;
      price = p.pricePerUnit;
    }
  }
  return price;
}

}  // namespace ews::tariff

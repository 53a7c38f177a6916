#include "ews/tariff/validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "civil_day.hpp"
#include "ews/installation/catalogue.hpp"

namespace ews::tariff {

namespace {

using installation::Medium;

std::string hhmm(int minuteOfDay) { return fmt::format("{:02}:{:02}", minuteOfDay / 60, minuteOfDay % 60); }

std::string isoDate(CivilDate d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

class ProblemList {
 public:
  explicit ProblemList(std::vector<PlanProblem>& out) : out_(out) {}
  void add(std::string field, std::string reason) { out_.push_back({std::move(field), std::move(reason)}); }

 private:
  std::vector<PlanProblem>& out_;
};

void checkPrices(const Tariff& tariff, const std::string& at, Medium medium, ProblemList& problems) {
  if (tariff.prices.empty()) {
    problems.add(at + ".prices", "a tariff needs at least one price");
    return;
  }
  const bool several = tariff.prices.size() > 1;
  for (std::size_t k = 0; k < tariff.prices.size(); ++k) {
    const Price& price = tariff.prices[k];
    const std::string here = fmt::format("{}.prices[{}]", at, k);
    if (k >= kMaxPrices) {
      problems.add(here,
                   fmt::format("at most {} prices per tariff (manual 7.16.3.1); this is price {}", kMaxPrices, k + 1));
    }
    if (!std::isfinite(price.pricePerUnit) || price.pricePerUnit < 0.0) {
      problems.add(here + ".price", fmt::format("a price per {} must be a number >= 0, got {}", billingUnitOf(medium),
                                                price.pricePerUnit));
    }
    if (!price.from) {
      if (several) {
        problems.add(here + ".from",
                     "every price needs a validity date when a tariff has more than one "
                     "(manual 7.16.3.1 note)");
      }
      continue;
    }
    if (!detail::isCalendarDate(*price.from)) {
      problems.add(here + ".from", fmt::format("{} is not a calendar date", isoDate(*price.from)));
      continue;
    }
    for (std::size_t j = 0; j < k; ++j) {
      if (tariff.prices[j].from == price.from) {
        problems.add(here + ".from", fmt::format("prices[{}] already starts on {}: which one applies that day?", j,
                                                 isoDate(*price.from)));
        break;
      }
    }
  }
}

void checkTariffs(const EnergyTariffs& tariffs, Medium medium, ProblemList& problems) {
  for (std::size_t i = 0; i < tariffs.tariffs.size(); ++i) {
    const Tariff& tariff = tariffs.tariffs[i];
    const std::string at = fmt::format("tariffs[{}]", i);
    if (i >= kMaxTariffs) {
      problems.add(at, fmt::format("at most {} {} tariffs (manual 7.16.3.1); this is tariff {}", kMaxTariffs,
                                   installation::mediumName(medium), i + 1));
    }
    if (tariff.name.empty()) {
      problems.add(at + ".name", "a tariff needs a name");
    } else {
      for (std::size_t j = 0; j < i; ++j) {
        if (tariffs.tariffs[j].name == tariff.name) {
          problems.add(at + ".name", fmt::format("tariffs[{}] is already named '{}'", j, tariff.name));
          break;
        }
      }
    }
    if (!isColour(tariff.colour)) {
      problems.add(at + ".colour", fmt::format("expected a colour written #RRGGBB, got '{}'", tariff.colour));
    }
    checkPrices(tariff, at, medium, problems);
  }
}

std::string tariffNames(const EnergyTariffs& tariffs) {
  if (tariffs.tariffs.empty()) return "none defined";
  std::string names;
  for (const Tariff& t : tariffs.tariffs) names += (names.empty() ? "" : ", ") + t.name;
  return names;
}

void checkDates(const CostRule& rule, const std::string& at, ProblemList& problems) {
  if (!rule.dates) {
    if (rule.repeatEveryYear) {
      problems.add(at + ".repeatEveryYear", "repeating every year needs a validity date or period (dates)");
    }
    return;
  }
  const DateSpan& span = *rule.dates;
  if (rule.repeatEveryYear) {
    for (const CivilDate& d : {span.first, span.last}) {
      if (!detail::isMonthDay(d.month, d.day)) {
        problems.add(at + ".dates", fmt::format("{:02}-{:02} is not a day of the year", d.month, d.day));
      }
    }
    return;  // a repeated period may run across New Year: last before first is allowed
  }
  bool real = true;
  for (const CivilDate& d : {span.first, span.last}) {
    if (!detail::isCalendarDate(d)) {
      problems.add(at + ".dates", fmt::format("{} is not a calendar date", isoDate(d)));
      real = false;
    }
  }
  if (real && span.last < span.first) {
    problems.add(at + ".dates", fmt::format("the period ends ({}) before it starts ({}); a period repeated across "
                                            "New Year needs repeatEveryYear",
                                            isoDate(span.last), isoDate(span.first)));
  }
}

void checkRules(const EnergyTariffs& tariffs, Medium medium, ProblemList& problems) {
  for (std::size_t r = 0; r < tariffs.rules.size(); ++r) {
    const CostRule& rule = tariffs.rules[r];
    const std::string at = fmt::format("rules[{}]", r);
    const bool known = std::any_of(tariffs.tariffs.begin(), tariffs.tariffs.end(),
                                   [&rule](const Tariff& t) { return t.name == rule.tariff; });
    if (!known) {
      problems.add(at + ".tariff", fmt::format("no {} tariff named '{}' (tariffs: {})",
                                               installation::mediumName(medium), rule.tariff, tariffNames(tariffs)));
    }
    if (rule.days.empty()) problems.add(at + ".days", "a rule must hold on at least one day of the week");
    const TimeFrame& time = rule.time;
    const auto inDay = [](int minute) { return minute >= 0 && minute < kMinutesPerDay; };
    if (!inDay(time.firstMinuteOfDay) || !inDay(time.lastMinuteOfDay)) {
      problems.add(at + ".time", "times of day run from 00:00 to 23:59");
    } else if (time.lastMinuteOfDay < time.firstMinuteOfDay) {
      problems.add(at + ".time",
                   fmt::format("the time frame ends ({}) before it starts ({}); a frame across midnight is two rules "
                               "({}-23:59 and 00:00-{})",
                               hhmm(time.lastMinuteOfDay), hhmm(time.firstMinuteOfDay), hhmm(time.firstMinuteOfDay),
                               hhmm(time.lastMinuteOfDay)));
    }
    checkDates(rule, at, problems);
  }
}

}  // namespace

std::vector<PlanProblem> problemsOf(const EnergyTariffs& tariffs, Medium medium) {
  std::vector<PlanProblem> out;
  ProblemList problems(out);
  checkTariffs(tariffs, medium, problems);
  checkRules(tariffs, medium, problems);
  return out;
}

std::vector<PlanProblem> problemsOf(const TariffPlan& plan) {
  std::vector<PlanProblem> out;
  for (const Medium medium : {Medium::Electricity, Medium::Water, Medium::Gas}) {
    for (PlanProblem& p : problemsOf(plan.of(medium), medium)) {
      out.push_back({fmt::format("{}.{}", installation::mediumName(medium), p.field), std::move(p.reason)});
    }
  }
  return out;
}

namespace {
void throwIfAny(const std::vector<PlanProblem>& problems) {
  if (problems.empty()) return;
  std::string text = "invalid tariffs: ";
  for (std::size_t i = 0; i < problems.size(); ++i) {
    text += fmt::format("{}{}: {}", i == 0 ? "" : "; ", problems[i].field, problems[i].reason);
  }
  throw std::invalid_argument(text);
}
}  // namespace

void requireValid(const TariffPlan& plan) { throwIfAny(problemsOf(plan)); }

void requireValid(const EnergyTariffs& tariffs, Medium medium) { throwIfAny(problemsOf(tariffs, medium)); }

bool isColour(std::string_view text) {
  return text.size() == 7 && text[0] == '#' && std::all_of(text.begin() + 1, text.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

}  // namespace ews::tariff

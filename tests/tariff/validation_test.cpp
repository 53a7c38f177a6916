// What a bill of consumptions may hold (manual 7.16.3.1), the currency, the DEFAULT
// migration of older versions and the rule list's Move up / Move down.
#include "ews/tariff/validation.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "ews/tariff/pricing.hpp"
#include "tariff_test_support.hpp"

namespace ews::tariff::testing {
namespace {

using installation::Medium;

/// The single problem of `tariffs`, as "field: reason".
std::string onlyProblem(const EnergyTariffs& tariffs) {
  const auto problems = problemsOf(tariffs, Medium::Electricity);
  if (problems.size() != 1) return fmt::format("expected one problem, got {}", problems.size());
  return fmt::format("{}: {}", problems.front().field, problems.front().reason);
}

TEST(TariffValidation, TheManualsExample4IsValid) { EXPECT_TRUE(problemsOf(example4(), Medium::Electricity).empty()); }

TEST(TariffValidation, AtMostFiveTariffs) {
  EnergyTariffs t;
  for (int i = 1; i <= 6; ++i) t.tariffs.push_back(tariff(fmt::format("T{}", i), 0.1));
  EXPECT_EQ(onlyProblem(t), "tariffs[5]: at most 5 electricity tariffs (manual 7.16.3.1); this is tariff 6");
}

TEST(TariffValidation, AtMostFivePricesAndDatesWhenSeveral) {
  EnergyTariffs t;
  Tariff dated = tariff("Peak", 0.1);
  dated.prices.clear();
  for (unsigned month = 1; month <= 6; ++month) dated.prices.push_back(Price{0.1, CivilDate{2020, month, 1}});
  t.tariffs = {dated};
  EXPECT_EQ(onlyProblem(t), "tariffs[0].prices[5]: at most 5 prices per tariff (manual 7.16.3.1); this is price 6");

  t.tariffs[0].prices = {Price{0.1, CivilDate{2020, 1, 1}}, Price{0.2, std::nullopt}};
  EXPECT_EQ(onlyProblem(t),
            "tariffs[0].prices[1].from: every price needs a validity date when a tariff has more "
            "than one (manual 7.16.3.1 note)");

  t.tariffs[0].prices = {Price{0.1, std::nullopt}};  // one price: no date needed
  EXPECT_TRUE(problemsOf(t, Medium::Electricity).empty());

  t.tariffs[0].prices = {Price{0.1, CivilDate{2020, 1, 1}}, Price{0.2, CivilDate{2020, 1, 1}}};
  EXPECT_EQ(onlyProblem(t),
            "tariffs[0].prices[1].from: prices[0] already starts on 2020-01-01: which one applies "
            "that day?");
  t.tariffs[0].prices = {Price{-0.1, std::nullopt}};
  EXPECT_EQ(onlyProblem(t), "tariffs[0].prices[0].price: a price per kWh must be a number >= 0, got -0.1");
}

TEST(TariffValidation, RulesNameAnExistingTariffAndHoldOnSomeDay) {
  EnergyTariffs t = threeTariffs();
  t.rules = {rule("Tariff 4")};
  EXPECT_EQ(onlyProblem(t),
            "rules[0].tariff: no electricity tariff named 'Tariff 4' (tariffs: Tariff 1, Tariff 2, "
            "Tariff 3)");
  t.rules = {rule("Tariff 1")};
  t.rules[0].days.bits = 0;
  EXPECT_EQ(onlyProblem(t), "rules[0].days: a rule must hold on at least one day of the week");
}

TEST(TariffValidation, TimeFramesAndPeriodsRunForward) {
  EnergyTariffs t = threeTariffs();
  t.rules = {rule("Tariff 1", "22:00", "05:59")};
  EXPECT_EQ(onlyProblem(t),
            "rules[0].time: the time frame ends (05:59) before it starts (22:00); a frame across "
            "midnight is two rules (22:00-23:59 and 00:00-05:59)");
  t.rules = {on(rule("Tariff 1"), "2020-03-31", "2020-03-01")};
  EXPECT_EQ(onlyProblem(t),
            "rules[0].dates: the period ends (2020-03-01) before it starts (2020-03-31); a period "
            "repeated across New Year needs repeatEveryYear");
  t.rules = {everyYear(rule("Tariff 1"), "12-24", "01-02")};  // across New Year: fine
  EXPECT_TRUE(problemsOf(t, Medium::Electricity).empty());
  t.rules = {on(rule("Tariff 1"), "2021-02-29", "2021-03-01")};
  EXPECT_EQ(onlyProblem(t), "rules[0].dates: 2021-02-29 is not a calendar date");
  t.rules = {everyYear(rule("Tariff 1"), "02-29", "02-29")};
  EXPECT_TRUE(problemsOf(t, Medium::Electricity).empty());
  t.rules = {rule("Tariff 1")};
  t.rules[0].repeatEveryYear = true;
  EXPECT_EQ(onlyProblem(t), "rules[0].repeatEveryYear: repeating every year needs a validity date or period (dates)");
}

TEST(TariffValidation, NamesAndColours) {
  EnergyTariffs t = threeTariffs();
  t.tariffs[2].name = "Tariff 1";
  EXPECT_EQ(onlyProblem(t), "tariffs[2].name: tariffs[0] is already named 'Tariff 1'");
  t = threeTariffs();
  t.tariffs[1].colour = "blue";
  EXPECT_EQ(onlyProblem(t), "tariffs[1].colour: expected a colour written #RRGGBB, got 'blue'");
}

TEST(TariffValidation, PlanProblemsNameTheEnergyAndCodeBuiltPlansAreRefused) {
  TariffPlan plan;
  plan.gas = threeTariffs();
  plan.gas.rules = {rule("Nowhere")};
  const auto problems = problemsOf(plan);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "gas.rules[0].tariff");
  EXPECT_THROW(Pricer(plan, paris()), std::invalid_argument);
  EXPECT_THROW(TariffSchedule(plan.gas, paris(), Medium::Gas), std::invalid_argument);
}

TEST(TariffValidation, Iso4217Currencies) {
  for (const char* code : {"EUR", "USD", "GBP", "CHF", "JPY", "XOF", "AED", "ZWG"}) {
    EXPECT_TRUE(isIso4217Currency(code)) << code;
  }
  for (const char* code : {"", "EU", "EURO", "eur", "EUX", "ABC", "XAU", "XTS", "XXX"}) {
    EXPECT_FALSE(isIso4217Currency(code)) << code;
  }
}

TEST(TariffMigration, AFlatPriceBecomesTheDefaultTariffWithAnAlwaysValidRule) {
  const EnergyTariffs migrated = defaultTariffs(0.1740);
  ASSERT_EQ(migrated.tariffs.size(), 1u);
  EXPECT_EQ(migrated.tariffs[0].name, "DEFAULT");
  ASSERT_EQ(migrated.tariffs[0].prices.size(), 1u);
  EXPECT_FALSE(migrated.tariffs[0].prices[0].from.has_value());
  ASSERT_EQ(migrated.rules.size(), 1u);
  const CostRule& always = migrated.rules[0];
  EXPECT_EQ(always.tariff, "DEFAULT");
  EXPECT_FALSE(always.dates.has_value());
  EXPECT_EQ(always.time, TimeFrame{});
  EXPECT_EQ(always.days, WeekdaySet{});
  EXPECT_TRUE(problemsOf(migrated, Medium::Electricity).empty());

  // Priced as before: every instant, every day, at the old price.
  TariffSchedule schedule(migrated, paris(), Medium::Electricity);
  for (const char* at : {"2020-01-01 00:00", "2020-03-29 03:00", "2020-10-25 02:30", "2024-02-29 23:59"}) {
    const Segment& s = schedule.at(paris(at));
    EXPECT_EQ(s.coverage, Coverage::Priced) << at;
    EXPECT_DOUBLE_EQ(s.pricePerUnit, 0.1740) << at;
  }
  EXPECT_EQ(schedule.dayOf(paris("2020-10-25 12:00")).size(), 1u);  // one segment, the whole 25-hour day
}

TEST(TariffRuleList, MoveUpAndDownReorderTheEvaluation) {
  EnergyTariffs t = example4();
  EXPECT_FALSE(moveRuleUp(t, 0));
  EXPECT_FALSE(moveRuleDown(t, 3));
  EXPECT_THROW(moveRuleUp(t, 4), std::out_of_range);
  // Christmas below the weekday rules: on Friday 25 December 2020 the weekday rules now win.
  ASSERT_TRUE(moveRuleDown(t, 1));
  ASSERT_TRUE(moveRuleDown(t, 2));
  EXPECT_EQ(t.rules[3].tariff, "Tariff 2");
  EXPECT_TRUE(t.rules[3].repeatEveryYear);
  TariffSchedule wrongOrder(t, paris(), Medium::Electricity);
  EXPECT_EQ(wrongOrder.at(paris("2020-12-25 10:00")).tariff, 0u);  // Tariff 1, not Christmas's Tariff 2
  ASSERT_TRUE(moveRuleUp(t, 3));
  ASSERT_TRUE(moveRuleUp(t, 2));
  TariffSchedule rightOrder(t, paris(), Medium::Electricity);
  EXPECT_EQ(rightOrder.at(paris("2020-12-25 10:00")).tariff, 1u);
}

}  // namespace
}  // namespace ews::tariff::testing

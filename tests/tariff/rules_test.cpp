// Rule evaluation over local days (manual 7.16.3.1): the examples 1-4, the top-down
// analysis that stops while the true rule's period lasts, repetition every year, periods
// across New Year and 29 February.
#include "ews/tariff/rules.hpp"

#include <gtest/gtest.h>

#include "tariff_test_support.hpp"

namespace ews::tariff::testing {
namespace {

constexpr CivilDate kMonday{2020, 12, 7};
constexpr CivilDate kSaturday{2020, 12, 5};
constexpr int k1900 = 19 * 60;
constexpr int kMidnight = kMinutesPerDay;

std::vector<RuleStretch> stretchesOf(const std::vector<CostRule>& rules, CivilDate day) {
  return ruleStretchesOn(rules, day);
}

using Stretches = std::vector<RuleStretch>;

TEST(TariffRules, Example1ValidAllYearFrom0000To1859MondayToFriday) {
  const std::vector<CostRule> rules = {onWeekdays(rule("Tariff 1", "00:00", "18:59"))};
  EXPECT_EQ(stretchesOf(rules, kMonday), (Stretches{{0, k1900, 0}, {k1900, kMidnight, std::nullopt}}));
  EXPECT_EQ(stretchesOf(rules, kSaturday), (Stretches{{0, kMidnight, std::nullopt}}));
  EXPECT_EQ(stretchesOf(rules, CivilDate{1999, 6, 15}), stretchesOf(rules, kMonday));  // a Tuesday, any year
}

TEST(TariffRules, Example2ValidAllYearFrom1900To2359MondayToFriday) {
  const std::vector<CostRule> rules = {onWeekdays(rule("Tariff 2", "19:00", "23:59"))};
  EXPECT_EQ(stretchesOf(rules, kMonday), (Stretches{{0, k1900, std::nullopt}, {k1900, kMidnight, 0}}));
  EXPECT_EQ(stretchesOf(rules, CivilDate{2020, 12, 6}), (Stretches{{0, kMidnight, std::nullopt}}));  // Sunday
}

TEST(TariffRules, Example3ChristmasEveryYearAllDayWhateverTheDay) {
  const CostRule christmas = everyYear(rule("Tariff 2"), "12-25", "12-25");
  for (const int year : {2020, 2021, 2022, 2023, 2024, 2031}) {  // Friday, Saturday, Sunday, Monday, ...
    EXPECT_TRUE(holdsOn(christmas, CivilDate{year, 12, 25})) << year;
    EXPECT_FALSE(holdsOn(christmas, CivilDate{year, 12, 24})) << year;
    EXPECT_FALSE(holdsOn(christmas, CivilDate{year, 12, 26})) << year;
  }
  EXPECT_EQ(stretchesOf({christmas}, CivilDate{2021, 12, 25}), (Stretches{{0, kMidnight, 0}}));
  // Without "repeat every year" the date is one day of one year.
  const CostRule once = on(rule("Tariff 2"), "2020-12-25", "2020-12-25");
  EXPECT_TRUE(holdsOn(once, CivilDate{2020, 12, 25}));
  EXPECT_FALSE(holdsOn(once, CivilDate{2021, 12, 25}));
}

TEST(TariffRules, Example4MarchOf2020AllDayAnyDay) {
  const CostRule march = on(rule("Tariff 3"), "2020-03-01", "2020-03-31");
  EXPECT_FALSE(holdsOn(march, CivilDate{2020, 2, 29}));
  EXPECT_TRUE(holdsOn(march, CivilDate{2020, 3, 1}));   // a Sunday
  EXPECT_TRUE(holdsOn(march, CivilDate{2020, 3, 29}));  // the 23-hour day
  EXPECT_TRUE(holdsOn(march, CivilDate{2020, 3, 31}));
  EXPECT_FALSE(holdsOn(march, CivilDate{2020, 4, 1}));
  EXPECT_FALSE(holdsOn(march, CivilDate{2021, 3, 15}));
}

TEST(TariffRules, Example4InTheManualsOrderExceptionsFirst) {
  const EnergyTariffs t = example4();
  // Monday 2 March 2020: the March exception is true at 00:00 and lasts the whole day.
  EXPECT_EQ(stretchesOf(t.rules, CivilDate{2020, 3, 2}), (Stretches{{0, kMidnight, 0}}));
  // Friday 25 December 2020: Christmas (2nd) is examined before the weekday rules.
  EXPECT_EQ(stretchesOf(t.rules, CivilDate{2020, 12, 25}), (Stretches{{0, kMidnight, 1}}));
  // Thursday 24 December: the two weekday rules.
  EXPECT_EQ(stretchesOf(t.rules, CivilDate{2020, 12, 24}), (Stretches{{0, k1900, 2}, {k1900, kMidnight, 3}}));
  // Saturday 26 December: no rule of example 4 holds on weekends outside March and Christmas.
  EXPECT_EQ(stretchesOf(t.rules, CivilDate{2020, 12, 26}), (Stretches{{0, kMidnight, std::nullopt}}));
}

TEST(TariffRules, FirstTrueRuleWinsWhenRulesOverlap) {
  // Both true all day on weekdays: the upper one wins, the lower one never applies.
  const std::vector<CostRule> rules = {onWeekdays(rule("Tariff 1")), rule("Tariff 2")};
  EXPECT_EQ(stretchesOf(rules, kMonday), (Stretches{{0, kMidnight, 0}}));
  EXPECT_EQ(stretchesOf(rules, kSaturday), (Stretches{{0, kMidnight, 1}}));
}

TEST(TariffRules, TheTrueRuleStaysInForceUntilTheEndOfItsPeriod) {
  // A lunch-time rule on top does not interrupt a rule that was already in force: the
  // analysis stopped at 00:00 until 19:00 (manual: "the server stops the analysis until the
  // end of the period defined in the true rule").
  const std::vector<CostRule> rules = {rule("Tariff 3", "12:00", "13:59"),
                                       onWeekdays(rule("Tariff 1", "00:00", "18:59"))};
  EXPECT_EQ(stretchesOf(rules, kMonday), (Stretches{{0, k1900, 1}, {k1900, kMidnight, std::nullopt}}));
  // On Saturday nothing is in force at noon, so the top rule is found then.
  EXPECT_EQ(stretchesOf(rules, kSaturday),
            (Stretches{{0, 12 * 60, std::nullopt}, {12 * 60, 14 * 60, 0}, {14 * 60, kMidnight, std::nullopt}}));
  // A lower rule in force keeps an upper one out until its frame ends, then the upper one
  // is examined first again.
  const std::vector<CostRule> evening = {rule("Tariff 2", "10:00", "23:59"), rule("Tariff 1", "00:00", "11:59")};
  EXPECT_EQ(stretchesOf(evening, kMonday), (Stretches{{0, 12 * 60, 1}, {12 * 60, kMidnight, 0}}));
}

TEST(TariffRules, EveryDayStartsWithAFreshAnalysis) {
  // A rule true every day all day is not in force "forever": an exception above it takes
  // over at the midnight it starts (the DEFAULT rule of older versions plus new exceptions).
  const std::vector<CostRule> rules = {everyYear(rule("Tariff 2"), "12-25", "12-25"), rule("DEFAULT")};
  EXPECT_EQ(stretchesOf(rules, CivilDate{2020, 12, 24}), (Stretches{{0, kMidnight, 1}}));
  EXPECT_EQ(stretchesOf(rules, CivilDate{2020, 12, 25}), (Stretches{{0, kMidnight, 0}}));
}

TEST(TariffRules, PeriodsAcrossNewYear) {
  const CostRule holidays = everyYear(rule("Tariff 2"), "12-24", "01-02");
  for (const CivilDate in : {CivilDate{2020, 12, 24}, CivilDate{2020, 12, 31}, CivilDate{2021, 1, 1},
                             CivilDate{2021, 1, 2}, CivilDate{2035, 12, 28}}) {
    EXPECT_TRUE(holdsOn(holidays, in)) << in.year << "-" << in.month << "-" << in.day;
  }
  for (const CivilDate out : {CivilDate{2020, 12, 23}, CivilDate{2021, 1, 3}, CivilDate{2021, 6, 30}}) {
    EXPECT_FALSE(holdsOn(holidays, out)) << out.year << "-" << out.month << "-" << out.day;
  }
  // Written once with years, a period simply runs from one year into the next.
  const CostRule once = on(rule("Tariff 2"), "2020-12-24", "2021-01-02");
  EXPECT_TRUE(holdsOn(once, CivilDate{2020, 12, 31}));
  EXPECT_TRUE(holdsOn(once, CivilDate{2021, 1, 2}));
  EXPECT_FALSE(holdsOn(once, CivilDate{2021, 12, 31}));
}

TEST(TariffRules, TwentyNinthOfFebruary) {
  const CostRule leapDay = everyYear(rule("Tariff 3"), "02-29", "02-29");
  EXPECT_TRUE(holdsOn(leapDay, CivilDate{2020, 2, 29}));
  EXPECT_TRUE(holdsOn(leapDay, CivilDate{2024, 2, 29}));
  for (const CivilDate d : {CivilDate{2021, 2, 28}, CivilDate{2021, 3, 1}, CivilDate{2020, 2, 28}}) {
    EXPECT_FALSE(holdsOn(leapDay, d)) << d.year << "-" << d.month << "-" << d.day;
  }
  // "All of February" written up to the 29th covers the 28th of common years and stops there.
  const CostRule february = everyYear(rule("Tariff 3"), "02-01", "02-29");
  EXPECT_TRUE(holdsOn(february, CivilDate{2021, 2, 28}));
  EXPECT_FALSE(holdsOn(february, CivilDate{2021, 3, 1}));
  const CostRule once = on(rule("Tariff 3"), "2020-02-29", "2020-02-29");
  EXPECT_TRUE(holdsOn(once, CivilDate{2020, 2, 29}));
  EXPECT_FALSE(holdsOn(once, CivilDate{2024, 2, 29}));
}

TEST(TariffRules, PricesFollowTheirValidityDates) {
  Tariff t = tariff("Tariff 1", 0.0);
  t.prices = {Price{0.1700, CivilDate{2021, 2, 1}}, Price{0.1500, CivilDate{2020, 1, 1}},
              Price{0.1800, CivilDate{2022, 8, 1}}};              // any order
  EXPECT_FALSE(priceOn(t, CivilDate{2019, 12, 31}).has_value());  // before the first price
  EXPECT_EQ(priceOn(t, CivilDate{2020, 1, 1}), 0.1500);
  EXPECT_EQ(priceOn(t, CivilDate{2021, 1, 31}), 0.1500);
  EXPECT_EQ(priceOn(t, CivilDate{2021, 2, 1}), 0.1700);
  EXPECT_EQ(priceOn(t, CivilDate{2022, 7, 31}), 0.1700);
  EXPECT_EQ(priceOn(t, CivilDate{2040, 1, 1}), 0.1800);
  EXPECT_EQ(priceOn(tariff("Single", 0.2), CivilDate{1990, 1, 1}), 0.2);  // undated: always
}

}  // namespace
}  // namespace ews::tariff::testing

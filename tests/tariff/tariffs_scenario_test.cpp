// The `tariffs:` section of a scenario (docs/scenario-format.md): the manual's example 4
// written in YAML, the flat price of older versions, and every bad configuration reported
// as file:line:column: field: reason.
#include <gtest/gtest.h>

#include "ews/tariff/validation.hpp"
#include "scenario_test_support.hpp"

namespace ews::scenario::testing {
namespace {

using tariff::CivilDate;
using tariff::WeekdaySet;

const std::string kExample4 = kRunHeader + R"(ews: {currency: EUR}
tariffs:
  electricity:
    tariffs:
      - {name: Tariff 1, colour: "#1F77B4", prices: [{price: 0.1740}]}
      - {name: Tariff 2, prices: [{price: 0.1296, from: 2020-01-01}, {price: 0.1350, from: 2021-02-01}]}
      - {name: Tariff 3, prices: [{price: 0.0950}]}
    rules:
      - {tariff: Tariff 3, dates: [2020-03-01, 2020-03-31]}
      - {tariff: Tariff 2, dates: 12-25, repeatEveryYear: true}
      - {tariff: Tariff 1, time: ["00:00", "18:59"], days: [mon, tue, wed, thu, fri]}
      - {tariff: Tariff 2, time: ["19:00", "23:59"], days: [mon, tue, wed, thu, fri]}
)";

TEST(TariffsSection, TheManualsExample4) {
  const Scenario s = parseValid(kExample4);
  const tariff::EnergyTariffs& e = s.tariffs.plan.electricity;
  ASSERT_EQ(e.tariffs.size(), 3u);
  EXPECT_EQ(e.tariffs[0].colour, "#1F77B4");
  EXPECT_EQ(e.tariffs[1].colour, tariff::defaultColour(1));  // not written: the palette's
  ASSERT_EQ(e.tariffs[1].prices.size(), 2u);
  EXPECT_DOUBLE_EQ(e.tariffs[1].prices[1].pricePerUnit, 0.1350);
  EXPECT_EQ(e.tariffs[1].prices[1].from, (CivilDate{2021, 2, 1}));
  EXPECT_FALSE(e.tariffs[0].prices[0].from.has_value());
  ASSERT_EQ(e.rules.size(), 4u);
  EXPECT_EQ(e.rules[0].tariff, "Tariff 3");
  ASSERT_TRUE(e.rules[0].dates.has_value());
  EXPECT_EQ(e.rules[0].dates->first, (CivilDate{2020, 3, 1}));
  EXPECT_EQ(e.rules[0].dates->last, (CivilDate{2020, 3, 31}));
  EXPECT_FALSE(e.rules[0].repeatEveryYear);
  EXPECT_EQ(e.rules[0].days, WeekdaySet{});  // days not written: every day
  EXPECT_TRUE(e.rules[1].repeatEveryYear);
  EXPECT_EQ(e.rules[1].dates->first, (CivilDate{0, 12, 25}));
  EXPECT_EQ(e.rules[1].dates->last, (CivilDate{0, 12, 25}));  // one date: a period of one day
  EXPECT_EQ(e.rules[2].time, (tariff::TimeFrame{0, 18 * 60 + 59}));
  EXPECT_EQ(e.rules[2].days.bits, WeekdaySet::kMondayToFriday);
  EXPECT_EQ(e.rules[3].time, (tariff::TimeFrame{19 * 60, 23 * 60 + 59}));
  EXPECT_FALSE(s.tariffs.plan.water.billed());
  EXPECT_FALSE(s.tariffs.plan.gas.billed());
  EXPECT_TRUE(tariff::problemsOf(s.tariffs.plan).empty());
}

TEST(TariffsSection, AFlatPriceOfOlderVersionsBecomesTheDefaultTariff) {
  const Scenario s = parseValid(kRunHeader + "tariffs:\n  gas: {flatPrice: 0.95}\n  water: {flatPrice: 3.2}\n");
  for (const auto* energy : {&s.tariffs.plan.gas, &s.tariffs.plan.water}) {
    ASSERT_EQ(energy->tariffs.size(), 1u);
    EXPECT_EQ(energy->tariffs[0].name, "DEFAULT");
    ASSERT_EQ(energy->rules.size(), 1u);
    EXPECT_EQ(energy->rules[0].tariff, "DEFAULT");
    EXPECT_FALSE(energy->rules[0].dates.has_value());
  }
  EXPECT_DOUBLE_EQ(s.tariffs.plan.gas.tariffs[0].prices[0].pricePerUnit, 0.95);
  EXPECT_DOUBLE_EQ(s.tariffs.plan.water.tariffs[0].prices[0].pricePerUnit, 3.2);
  EXPECT_FALSE(s.tariffs.plan.electricity.billed());
}

TEST(TariffsSection, CurrencyTariffCountPriceDatesRuleTariffAndDays) {
  const auto d = diagnosticsOf(kRunHeader +
                               "ews: {currency: EUX}\n"                                                        // 3
                               "tariffs:\n"                                                                    // 4
                               "  electricity:\n"                                                              // 5
                               "    tariffs:\n"                                                                // 6
                               "      - {name: T1, prices: [{price: 0.1, from: 2020-01-01}, {price: 0.2}]}\n"  // 7
                               "      - {name: T2, prices: [{price: 0.1}]}\n"                                  // 8
                               "      - {name: T3, prices: [{price: 0.1}]}\n"                                  // 9
                               "      - {name: T4, prices: [{price: 0.1}]}\n"                                  // 10
                               "      - {name: T5, prices: [{price: 0.1}]}\n"                                  // 11
                               "      - {name: T6, prices: [{price: 0.1}]}\n"                                  // 12
                               "    rules:\n"                                                                  // 13
                               "      - {tariff: T9}\n"                                                        // 14
                               "      - {tariff: T1, days: []}\n");                                            // 15
  EXPECT_EQ(d.size(), 5u) << listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 3, 17, "ews.currency",
                            "unknown currency: expected a three-letter ISO 4217 code "
                            "such as EUR, got 'EUX'"));
  EXPECT_TRUE(hasDiagnostic(d, 7, 61, "tariffs.electricity.tariffs[0].prices[1].from",
                            "every price needs a validity date when a tariff has more than one"));
  EXPECT_TRUE(hasDiagnostic(d, 12, 9, "tariffs.electricity.tariffs[5]", "at most 5 electricity tariffs"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 18, "tariffs.electricity.rules[0].tariff",
                            "no electricity tariff named 'T9' (tariffs: T1, T2, T3, T4, T5, T6)"));
  EXPECT_TRUE(hasDiagnostic(d, 15, 28, "tariffs.electricity.rules[1].days",
                            "a rule must hold on at least one day of the week"));
}

TEST(TariffsSection, SixthPriceColourReversedFrameAndPeriod) {
  const auto d =
      diagnosticsOf(kRunHeader +
                    "tariffs:\n"                                    // 3
                    "  gas:\n"                                      // 4
                    "    tariffs:\n"                                // 5
                    "      - name: Gas\n"                           // 6
                    "        colour: blue\n"                        // 7
                    "        prices:\n"                             // 8
                    "          - {price: 0.9, from: 2020-01-01}\n"  // 9
                    "          - {price: 0.9, from: 2020-02-01}\n"  // 10
                    "          - {price: 0.9, from: 2020-03-01}\n"  // 11
                    "          - {price: 0.9, from: 2020-04-01}\n"  // 12
                    "          - {price: 0.9, from: 2020-05-01}\n"  // 13
                    "          - {price: 0.9, from: 2020-06-01}\n"  // 14
                    "    rules:\n"                                  // 15
                    "      - {tariff: Gas, time: [\"22:00\", \"05:59\"], dates: [2020-03-31, 2020-03-01]}\n");
  EXPECT_EQ(d.size(), 4u) << listOf(d);
  EXPECT_TRUE(
      hasDiagnostic(d, 7, 17, "tariffs.gas.tariffs[0].colour", "expected a colour written #RRGGBB, got 'blue'"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 13, "tariffs.gas.tariffs[0].prices[5]", "at most 5 prices per tariff"));
  EXPECT_TRUE(hasDiagnostic(d, 16, 29, "tariffs.gas.rules[0].time",
                            "the time frame ends (05:59) before it starts (22:00); a frame across midnight is two "
                            "rules (22:00-23:59 and 00:00-05:59)"));
  EXPECT_TRUE(hasDiagnostic(d, 16, 56, "tariffs.gas.rules[0].dates", "the period ends (2020-03-01) before it starts"));
}

TEST(TariffsSection, NotationsOfDatesTimesAndDays) {
  const auto d =
      diagnosticsOf(kRunHeader +
                    "tariffs:\n"                                                                                    // 3
                    "  water:\n"                                                                                    // 4
                    "    tariffs:\n"                                                                                // 5
                    "      - {name: Water, prices: [{price: 3.1, from: 2020-1-1}]}\n"                               // 6
                    "    rules:\n"                                                                                  // 7
                    "      - {tariff: Water, dates: 12-25, time: [\"19:00\", \"24:00\"], days: [mon, mon, fri]}\n"  // 8
                    "      - {tariff: Water, dates: 2020-12-25, repeatEveryYear: true}\n"                           // 9
                    "      - {tariff: Water, days: [monday]}\n"  // 10
                    "  gas:\n"                                   // 11
                    "    flatPrice: 0.95\n"                      // 12
                    "    rules: []\n");                          // 13
  EXPECT_EQ(d.size(), 7u) << listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 6, 51, "tariffs.water.tariffs[0].prices[0].from",
                            "expected a date YYYY-MM-DD, got "
                            "'2020-1-1'"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 32, "tariffs.water.rules[0].dates",
                            "a date needs its year (YYYY-MM-DD); for the same days every year add repeatEveryYear: "
                            "true, got '12-25'"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 55, "tariffs.water.rules[0].time[1]", "from 00:00 to 23:59"));
  EXPECT_TRUE(hasDiagnostic(d, 8, 77, "tariffs.water.rules[0].days[1]", "mon is listed twice"));
  EXPECT_TRUE(hasDiagnostic(d, 9, 32, "tariffs.water.rules[1].dates",
                            "a rule repeated every year takes month-day dates such as 12-25, got '2020-12-25'"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 32, "tariffs.water.rules[2].days[0]", "unknown value 'monday'"));
  EXPECT_TRUE(hasDiagnostic(d, 12, 16, "tariffs.gas.flatPrice", "write either it or tariffs and rules"));
}

}  // namespace
}  // namespace ews::scenario::testing

// Pricing sample intervals: every hour of March and December 2020 under the manual's example
// 4, intervals that straddle a rule or a price change, costs per tariff adding up to the
// total, consumption no rule covers reported rather than priced at zero.
#include "ews/tariff/pricing.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "tariff_test_support.hpp"

namespace ews::tariff::testing {
namespace {

using installation::Medium;

constexpr double kWhPerHour = 1000.0;  // 1 kWh in every hour: the cost is the price

/// What pricing 1 kWh over [from, from + 1 h) gives: the tariff position, or -1 when the
/// hour is not priced at all.
int tariffOfHour(Pricer& pricer, Time from) {
  const IntervalCost cost = costOf(pricer.ratesOver(Medium::Electricity, from, from + hours(1)), kWhPerHour);
  if (cost.unpricedAmount == kWhPerHour) return -1;
  for (std::size_t k = 0; k < kMaxTariffs; ++k) {
    if (cost.costByTariff[k] > 0.0) return static_cast<int>(k);
  }
  return -2;
}

TEST(TariffPricing, Example4PricesEveryHourOfMarchAndDecember2020AsTheManualMeans) {
  TariffPlan plan;
  plan.electricity = example4();
  Pricer pricer(plan, paris());
  std::map<int, int> hoursByTariff;  // tariff position (-1: not priced) -> hours
  // March: Tariff 3 every hour of every day, weekends and the 23-hour 29 March included.
  for (Time t = paris("2020-03-01 00:00"); t < paris("2020-04-01 00:00"); t += hours(1)) {
    ++hoursByTariff[tariffOfHour(pricer, t)];
    ASSERT_EQ(tariffOfHour(pricer, t), 2) << formatUtc(t);
  }
  EXPECT_EQ(hoursByTariff[2], 31 * 24 - 1);
  // December: weekdays 00:00-18:59 Tariff 1 and 19:00-23:59 Tariff 2, Christmas (a Friday)
  // Tariff 2 all day, weekends covered by no rule of the example.
  hoursByTariff.clear();
  const TimeZone& zone = paris();
  for (Time t = paris("2020-12-01 00:00"); t < paris("2021-01-01 00:00"); t += hours(1)) {
    const LocalDateTime local = zone.toLocal(t);
    const unsigned weekday = zone.weekday(t);
    int expected = local.hour < 19 ? 0 : 1;
    if (local.day == 25) expected = 1;
    if (weekday == 0 || weekday == 6) expected = -1;
    const int got = tariffOfHour(pricer, t);
    EXPECT_EQ(got, expected) << fmt::format("2020-12-{:02} {:02}:00", local.day, local.hour);
    ++hoursByTariff[got];
  }
  // 23 weekdays minus Christmas: 22 x 19 hours of Tariff 1, 22 x 5 + 24 of Tariff 2; 8 weekend days.
  EXPECT_EQ(hoursByTariff[0], 22 * 19);
  EXPECT_EQ(hoursByTariff[1], 22 * 5 + 24);
  EXPECT_EQ(hoursByTariff[-1], 8 * 24);
}

TEST(TariffPricing, AnIntervalAcrossARuleChangeIsSplitByTimeAndAddsUp) {
  TariffPlan plan;
  plan.electricity = example4();
  Pricer pricer(plan, paris());
  // Thursday 3 December 2020 18:30 to 19:30: half Tariff 1, half Tariff 2.
  const IntervalRates rates =
      pricer.ratesOver(Medium::Electricity, paris("2020-12-03 18:30"), paris("2020-12-03 19:30"));
  EXPECT_EQ(rates.tariffCount, 3u);
  EXPECT_DOUBLE_EQ(rates.costPerUnit[0], 0.5 * kTariff1PerKWh);
  EXPECT_DOUBLE_EQ(rates.costPerUnit[1], 0.5 * kTariff2PerKWh);
  EXPECT_EQ(rates.costPerUnit[2], 0.0);
  EXPECT_EQ(rates.unpricedShare, 0.0);
  const IntervalCost cost = costOf(rates, 2500.0);  // 2.5 kWh
  EXPECT_DOUBLE_EQ(cost.costByTariff[0], 1.25 * kTariff1PerKWh);
  EXPECT_DOUBLE_EQ(cost.costByTariff[1], 1.25 * kTariff2PerKWh);
  EXPECT_DOUBLE_EQ(cost.total(), cost.costByTariff[0] + cost.costByTariff[1]);
  EXPECT_DOUBLE_EQ(cost.total(), 2.5 * (kTariff1PerKWh + kTariff2PerKWh) / 2);
  // A daily sample rate: 19 hours of Tariff 1, 5 of Tariff 2.
  const IntervalCost day =
      costOf(pricer.ratesOver(Medium::Electricity, paris("2020-12-03 00:00"), paris("2020-12-04 00:00")), 24000.0);
  EXPECT_DOUBLE_EQ(day.costByTariff[0], 19 * kTariff1PerKWh);
  EXPECT_DOUBLE_EQ(day.costByTariff[1], 5 * kTariff2PerKWh);
  EXPECT_DOUBLE_EQ(day.total(), 19 * kTariff1PerKWh + 5 * kTariff2PerKWh);
}

TEST(TariffPricing, AnIntervalAcrossAPriceChangeUsesEachDaysPrice) {
  TariffPlan plan;
  plan.water = threeTariffs();
  plan.water.tariffs[0].prices = {Price{3.00, CivilDate{2020, 1, 1}}, Price{3.60, CivilDate{2021, 1, 1}}};
  plan.water.rules = {rule("Tariff 1")};
  Pricer pricer(plan, paris());
  EXPECT_FALSE(pricer.bills(Medium::Electricity));
  ASSERT_TRUE(pricer.bills(Medium::Water));
  // 23:30 to 00:30 across New Year: 1 m3 (1000 dm3) spread evenly over the hour.
  const IntervalCost cost =
      costOf(pricer.ratesOver(Medium::Water, paris("2020-12-31 23:30"), paris("2021-01-01 00:30")), 1000.0);
  EXPECT_DOUBLE_EQ(cost.costByTariff[0], 0.5 * 3.00 + 0.5 * 3.60);
}

TEST(TariffPricing, ConsumptionNoRuleCoversIsReportedNotPricedAtZero) {
  TariffPlan plan;
  plan.electricity = example4();
  Pricer pricer(plan, paris());
  // Friday 4 December 2020 23:00 to Saturday 01:00: one hour of Tariff 2, one hour of nothing.
  const IntervalRates rates =
      pricer.ratesOver(Medium::Electricity, paris("2020-12-04 23:00"), paris("2020-12-05 01:00"));
  EXPECT_DOUBLE_EQ(rates.unpricedShare, 0.5);
  const IntervalCost cost = costOf(rates, 4000.0);
  EXPECT_DOUBLE_EQ(cost.unpricedAmount, 2000.0);
  EXPECT_DOUBLE_EQ(cost.costByTariff[1], 2.0 * kTariff2PerKWh);
  EXPECT_DOUBLE_EQ(cost.total(), 2.0 * kTariff2PerKWh);
  // A tariff before its first price is not priced either.
  plan.electricity.tariffs[2].prices = {Price{kTariff3PerKWh, CivilDate{2020, 3, 15}}};
  Pricer notYet(plan, paris());
  const IntervalRates early =
      notYet.ratesOver(Medium::Electricity, paris("2020-03-14 12:00"), paris("2020-03-14 13:00"));
  EXPECT_DOUBLE_EQ(early.unpricedShare, 1.0);
  EXPECT_EQ(notYet.schedule(Medium::Electricity).at(paris("2020-03-14 12:00")).coverage, Coverage::NoPrice);
}

TEST(TariffPricing, CostsOfTheDstDaysFollowTheirRealLength) {
  TariffPlan plan;
  plan.gas = threeTariffs();
  plan.gas.rules = {rule("Tariff 1", "00:00", "18:59"), rule("Tariff 2", "19:00", "23:59")};
  Pricer pricer(plan, paris());
  // 1 m3 per real hour over the whole local day: 18 + 5 hours on 29 March, 20 + 5 on 25 October.
  for (const auto& [day, next, hoursOfTariff1] : {std::tuple{"2020-03-29 00:00", "2020-03-30 00:00", 18},
                                                  std::tuple{"2020-10-25 00:00", "2020-10-26 00:00", 20}}) {
    const Time from = paris(day), to = paris(next);
    const double m3 = static_cast<double>((to - from) / hours(1));
    const IntervalCost cost = costOf(pricer.ratesOver(Medium::Gas, from, to), m3 * 1000.0);
    EXPECT_NEAR(cost.costByTariff[0], hoursOfTariff1 * kTariff1PerKWh, 1e-12) << day;
    EXPECT_NEAR(cost.costByTariff[1], 5 * kTariff2PerKWh, 1e-12) << day;
  }
}

}  // namespace
}  // namespace ews::tariff::testing

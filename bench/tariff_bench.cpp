// Tariff evaluation (engine/tariff): pricing sample intervals under the manual's example 4
// (7.16.3.1) with a dated price change. Target: >= 10 million sample pricings/s on one core.
// A pricing is what the recorder does per energy and sample: the rates of the interval
// (a lookup in its local day's compiled segments) and the cost of a consumption (a multiply
// per tariff).
#include <benchmark/benchmark.h>

#include <vector>

#include "ews/tariff/pricing.hpp"

namespace {

using namespace ews;
using namespace ews::tariff;

/// Example 4 in the manual's order: March 2020, Christmas every year, weekdays 00:00-18:59,
/// weekdays 19:00-23:59; Tariff 2's price changes on 1 February 2021.
EnergyTariffs example4() {
  const auto single = [](const char* name, double price) { return Tariff{name, "#336699", {Price{price, {}}}}; };
  EnergyTariffs t;
  t.tariffs = {
      single("Tariff 1", 0.1740),
      Tariff{"Tariff 2", "#E69F00", {Price{0.1296, CivilDate{2020, 1, 1}}, Price{0.1350, CivilDate{2021, 2, 1}}}},
      single("Tariff 3", 0.0950)};
  CostRule march{.tariff = "Tariff 3", .dates = DateSpan{{2020, 3, 1}, {2020, 3, 31}}};
  CostRule christmas{.tariff = "Tariff 2", .dates = DateSpan{{0, 12, 25}, {0, 12, 25}}, .repeatEveryYear = true};
  CostRule day{.tariff = "Tariff 1", .time = {0, 18 * 60 + 59}, .days = {WeekdaySet::kMondayToFriday}};
  CostRule evening{.tariff = "Tariff 2", .time = {19 * 60, 23 * 60 + 59}, .days = {WeekdaySet::kMondayToFriday}};
  t.rules = {march, christmas, day, evening};
  return t;
}

/// The sample instants of 2020 and 2021 at `sampleRate` in Europe/Paris (two years, so both
/// prices of Tariff 2 and both DST changes of each year are crossed).
std::vector<Time> sampleGrid(const TimeZone& zone, Duration sampleRate) {
  std::vector<Time> grid;
  const Time end = zone.toUtc(LocalDateTime{2022, 1, 1, 0, 0, 0});
  for (Time t = zone.toUtc(LocalDateTime{2020, 1, 1, 0, 0, 0}); t <= end; t += sampleRate) grid.push_back(t);
  return grid;
}

/// Steady state of a long run: every day already compiled (the schedule keeps them), each
/// pricing a lookup and a multiply.
void BM_TariffSamplePricing(benchmark::State& state) {
  const TimeZone zone("Europe/Paris");
  const std::vector<Time> grid = sampleGrid(zone, minutes(state.range(0)));
  TariffSchedule schedule(example4(), zone, installation::Medium::Electricity);
  double energyWh = 0.0;
  for (auto _ : state) {
    for (std::size_t i = 1; i < grid.size(); ++i) {
      energyWh += 1.0;  // a different consumption each sample
      const IntervalCost cost = costOf(ratesOver(schedule, grid[i - 1], grid[i]), energyWh);
      benchmark::DoNotOptimize(cost);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(grid.size() - 1));
}
BENCHMARK(BM_TariffSamplePricing)->Arg(10)->Arg(1)->Unit(benchmark::kMillisecond);

/// The same two years with a fresh schedule each time: 731 days compiled (rule stretches,
/// local-to-UTC conversions through the tz database) along with the pricings.
void BM_TariffSamplePricingCompilingDays(benchmark::State& state) {
  const TimeZone zone("Europe/Paris");
  const std::vector<Time> grid = sampleGrid(zone, minutes(10));
  const EnergyTariffs tariffs = example4();
  for (auto _ : state) {
    TariffSchedule schedule(tariffs, zone, installation::Medium::Electricity);
    for (std::size_t i = 1; i < grid.size(); ++i) {
      const IntervalCost cost = costOf(ratesOver(schedule, grid[i - 1], grid[i]), 100.0);
      benchmark::DoNotOptimize(cost);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(grid.size() - 1));
}
BENCHMARK(BM_TariffSamplePricingCompilingDays)->Unit(benchmark::kMillisecond);

}  // namespace

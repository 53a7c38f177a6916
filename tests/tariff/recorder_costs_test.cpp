// Costs where consumption is kept: the recorder prices every device, load, group and grand
// total row per tariff at each sample, reports what no rule covers, and the history keeps the
// costs as they were priced (a later price change does not rewrite them).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>

#include "history_test_support.hpp"
#include "tariff_test_support.hpp"

namespace ews::history::testing {
namespace {

using Kind = recording::AggregateSample::Kind;
using tariff::testing::kTariff1PerKWh;
using tariff::testing::kTariff2PerKWh;

constexpr double kWaterPerM3 = 3.00;
constexpr double kGasPerM3 = 0.95;
constexpr double kTolerance = 1e-12;

/// Per 10 min: Main 200 Wh, Lights 100 Wh (excluded from totals), Sockets 50 Wh, Water
/// 10 dm3, Gas 20 dm3, Slave 150 Wh.
double steadyPower(int id, Time) {
  switch (id) {
    case kMain:
      return 1200.0;
    case kLights:
      return 600.0;
    case kSockets:
      return 300.0;
    case kWater:
      return 60.0;
    case kGas:
      return 120.0;
    case kSlave:
      return 900.0;
    default:
      return 0.0;
  }
}

struct PricedRow {
  double delta = 0.0;
  std::vector<double> costByTariff;
  double unpricedDelta = 0.0;
};

/// Keeps each row's delta and costs, by instant and by device id or (aggregate kind, id).
class CostCapture : public recording::SampleSink {
 public:
  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override {
    for (const auto& s : samples) {
      devices[t][s.deviceId] = {s.delta, {s.costByTariff.begin(), s.costByTariff.end()}, s.unpricedDelta};
    }
  }
  void onAggregates(Time t, std::span<const recording::AggregateSample> rows) override {
    for (const auto& a : rows) {
      aggregates[t][{a.kind, a.id}] = {a.delta, {a.costByTariff.begin(), a.costByTariff.end()}, a.unpricedDelta};
    }
  }
  void onEvent(const recording::Event& event) override {
    if (event.kind == "unpriced") unpriced.push_back(event);
  }
  std::map<Time, std::map<int, PricedRow>> devices;
  std::map<Time, std::map<std::pair<Kind, int>, PricedRow>> aggregates;
  std::vector<recording::Event> unpriced;
};

/// Electricity: the manual's example 4; water: the flat price of older versions; gas: one
/// tariff on weekdays only.
tariff::TariffPlan sitePlan() {
  tariff::TariffPlan plan;
  plan.electricity = tariff::testing::example4();
  plan.water = tariff::defaultTariffs(kWaterPerM3);
  plan.gas.tariffs = {tariff::testing::tariff("Gas", kGasPerM3)};
  plan.gas.rules = {tariff::testing::onWeekdays(tariff::testing::rule("Gas"))};
  return plan;
}

RecorderSettings pricedSettings() {
  RecorderSettings settings;
  settings.zone = &parisZone();
  settings.tariffs = sitePlan();
  return settings;
}

/// Thursday 24 December 2020 18:00 to Saturday 26 December 01:00: Tariff 1 until 19:00,
/// Tariff 2 in the evening and all Christmas day, nothing on Saturday.
class RecorderCosts : public ::testing::Test {
 protected:
  RecorderCosts() : rig(paris("2020-12-24 18:00"), steadyPower, {}, pricedSettings()) { rig.recorder.addSink(capture); }
  void runUntil(const std::string& local) { rig.engine.runUntil(paris(local)); }
  const PricedRow& device(const std::string& at, int id) { return capture.devices.at(paris(at)).at(id); }
  const PricedRow& aggregate(const std::string& at, Kind kind, int id = 0) {
    return capture.aggregates.at(paris(at)).at({kind, id});
  }
  double dayCost(SeriesKey subject, std::size_t tariff, const std::string& within) {
    return rig.history.total(SeriesKey::cost(subject, tariff), Period::Day, paris(within)).value;
  }
  Rig rig;
  CostCapture capture;
};

TEST_F(RecorderCosts, DevicesArePricedPerTariffOfTheirEnergy) {
  runUntil("2020-12-24 19:20");
  const PricedRow& main = device("2020-12-24 18:10", kMain);
  ASSERT_EQ(main.costByTariff.size(), 3u);  // the three electricity tariffs
  EXPECT_NEAR(main.costByTariff[0], 0.2 * kTariff1PerKWh, kTolerance);
  EXPECT_EQ(main.costByTariff[1], 0.0);
  EXPECT_EQ(main.unpricedDelta, 0.0);
  EXPECT_NEAR(device("2020-12-24 19:10", kMain).costByTariff[1], 0.2 * kTariff2PerKWh, kTolerance);
  // The excluded sub-meter is priced on its own row like any device.
  EXPECT_NEAR(device("2020-12-24 18:10", kLights).costByTariff[0], 0.1 * kTariff1PerKWh, kTolerance);
  const PricedRow& water = device("2020-12-24 18:10", kWater);
  ASSERT_EQ(water.costByTariff.size(), 1u);  // DEFAULT
  EXPECT_NEAR(water.costByTariff[0], 0.010 * kWaterPerM3, kTolerance);
  EXPECT_NEAR(device("2020-12-24 18:10", kGas).costByTariff[0], 0.020 * kGasPerM3, kTolerance);
}

TEST_F(RecorderCosts, LoadsGroupsAndGrandTotalsArePricedLikeTheirConsumption) {
  runUntil("2020-12-24 18:30");
  const std::string at = "2020-12-24 18:20";
  const auto first = [](const PricedRow& row) { return row.costByTariff.at(0); };
  EXPECT_NEAR(first(aggregate(at, Kind::Load, rig.installation.loadOf(rig.installation.device(kMain)).id)),
              0.2 * kTariff1PerKWh, kTolerance);
  EXPECT_NEAR(first(aggregate(at, Kind::Group, 1)), 0.25 * kTariff1PerKWh, kTolerance);  // Main + Sockets
  const PricedRow& total = aggregate(at, Kind::ElectricityTotal);
  EXPECT_NEAR(total.delta, 400.0, 1e-9);  // Main + Sockets + Slave; Lights excluded
  EXPECT_NEAR(first(total), 0.4 * kTariff1PerKWh, kTolerance);
  // The total costs what its counted devices cost.
  double devices = 0.0;
  for (const int id : {kMain, kSockets, kSlave}) devices += first(device(at, id));
  EXPECT_NEAR(first(total), devices, kTolerance);
  EXPECT_NEAR(first(aggregate(at, Kind::WaterTotal)), 0.010 * kWaterPerM3, kTolerance);
  EXPECT_NEAR(first(aggregate(at, Kind::GasTotal)), 0.020 * kGasPerM3, kTolerance);
}

TEST_F(RecorderCosts, HistoryKeepsCostsPerTariffThatAddUpToTheDaysCost) {
  runUntil("2020-12-26 00:00");
  const SeriesKey total = SeriesKey::total(SeriesKind::ElectricityTotal);
  // Thursday 24: 1 hour of Tariff 1 (18:00-19:00), 5 hours of Tariff 2; 2.4 kWh per hour.
  EXPECT_NEAR(dayCost(total, 0, "2020-12-24 12:00"), 2.4 * kTariff1PerKWh, 1e-9);
  EXPECT_NEAR(dayCost(total, 1, "2020-12-24 12:00"), 5 * 2.4 * kTariff2PerKWh, 1e-9);
  // Christmas: Tariff 2 all day, although a weekday.
  EXPECT_NEAR(dayCost(total, 0, "2020-12-25 12:00"), 0.0, 1e-12);
  EXPECT_NEAR(dayCost(total, 1, "2020-12-25 12:00"), 24 * 2.4 * kTariff2PerKWh, 1e-9);
  EXPECT_NEAR(dayCost(total, 2, "2020-12-25 12:00"), 0.0, 1e-12);
  // Each tariff's hourly bars add up to its day, and the tariffs to the whole cost.
  double hours = 0.0;
  for (std::size_t k = 0; k < 3; ++k) {
    for (const auto& bar : rig.history.day(SeriesKey::cost(total, k), LocalDate{2020, 12, 24})) hours += bar.value;
  }
  EXPECT_NEAR(hours, dayCost(total, 0, "2020-12-24 12:00") + dayCost(total, 1, "2020-12-24 12:00"), 1e-9);
  // The Lab device (OFF) has no series; Main has its consumption, 3 tariffs and unpriced.
  const auto series = rig.history.series();
  const auto ofMain = [](const SeriesKey& k) { return k.kind == SeriesKind::Device && k.id == kMain; };
  const auto count = std::count_if(series.begin(), series.end(), ofMain);
  EXPECT_EQ(count, 5);
  const auto ofLab = [](const SeriesKey& k) { return k.kind == SeriesKind::Device && k.id == kLab; };
  EXPECT_TRUE(std::none_of(series.begin(), series.end(), ofLab));
}

TEST_F(RecorderCosts, ConsumptionNoRuleCoversIsReportedOnceAndKeptUnpriced) {
  runUntil("2020-12-26 01:00");
  // Saturday 26: example 4 has no rule; gas has weekday rules only.
  const PricedRow& main = device("2020-12-26 00:10", kMain);
  EXPECT_NEAR(main.unpricedDelta, 200.0, 1e-9);
  EXPECT_EQ(std::accumulate(main.costByTariff.begin(), main.costByTariff.end(), 0.0), 0.0);
  EXPECT_NEAR(aggregate("2020-12-26 00:10", Kind::ElectricityTotal).unpricedDelta, 400.0, 1e-9);
  ASSERT_EQ(capture.unpriced.size(), 2u) << "one event per energy and stretch, not one per sample";
  EXPECT_EQ(capture.unpriced[0].at, paris("2020-12-26 00:10"));
  EXPECT_EQ(capture.unpriced[0].detail,
            "electricity: no cost rule covers 2020-12-26 00:00 to 2020-12-28 00:00 "
            "(Europe/Paris); that consumption is not priced");
  EXPECT_EQ(capture.unpriced[1].detail,
            "gas: no cost rule covers 2020-12-26 00:00 to 2020-12-28 00:00 "
            "(Europe/Paris); that consumption is not priced");
  const SeriesKey unpriced = SeriesKey::unpriced(SeriesKey::device(kMain));
  EXPECT_NEAR(rig.history.total(unpriced, Period::Day, paris("2020-12-26 00:30")).value, 6 * 200.0, 1e-9);
  const PeriodTotal christmas = rig.history.total(unpriced, Period::Day, paris("2020-12-25 12:00"));
  EXPECT_EQ(christmas.value, 0.0);
  EXPECT_EQ(christmas.samples, 144u);  // known to be zero, not missing
}

TEST_F(RecorderCosts, AChangedPriceDoesNotRewriteRecordedCosts) {
  runUntil("2020-12-25 00:00");
  const SeriesKey main = SeriesKey::device(kMain);
  const double thursday = dayCost(main, 1, "2020-12-24 12:00");
  EXPECT_NEAR(thursday, 5 * 1.2 * kTariff2PerKWh, 1e-9);
  tariff::TariffPlan dearer = sitePlan();
  dearer.electricity.tariffs[1].prices = {tariff::Price{0.5000, std::nullopt}};
  rig.recorder.setTariffs(dearer);
  EXPECT_EQ(rig.recorder.settings().tariffs.electricity.tariffs[1].prices[0].pricePerUnit, 0.5000);
  runUntil("2020-12-25 12:00");
  EXPECT_EQ(dayCost(main, 1, "2020-12-24 12:00"), thursday);  // as recorded
  EXPECT_NEAR(dayCost(main, 1, "2020-12-25 06:00"), 12 * 1.2 * 0.5000, 1e-9);
  EXPECT_NEAR(device("2020-12-24 23:50", kMain).costByTariff[1], 0.2 * kTariff2PerKWh, kTolerance);
  // An invalid plan is refused and the one in force stays.
  tariff::TariffPlan broken = dearer;
  broken.electricity.rules[0].tariff = "Nowhere";
  EXPECT_THROW(rig.recorder.setTariffs(broken), std::invalid_argument);
  runUntil("2020-12-25 12:10");
  EXPECT_NEAR(device("2020-12-25 12:10", kMain).costByTariff[1], 0.2 * 0.5000, kTolerance);
}

TEST(RecorderCostsSettings, PricingNeedsTheSitesZone) {
  Engine engine(EngineConfig{paris("2020-12-24 00:00"), 1});
  const installation::Installation site = makeSite();
  acquisition::Measurements measurements;
  RecorderSettings settings;
  settings.tariffs = sitePlan();
  EXPECT_THROW(Recorder(engine, site, measurements, settings), std::invalid_argument);
  settings.tariffs = {};  // nothing billed: no zone needed, no costs
  Recorder unpriced(engine, site, measurements, settings);
  CostCapture capture;
  unpriced.addSink(capture);
  engine.runUntil(paris("2020-12-24 00:10"));
  ASSERT_FALSE(capture.devices.empty());
  for (const auto& [id, row] : capture.devices.begin()->second) EXPECT_TRUE(row.costByTariff.empty()) << id;
}

}  // namespace
}  // namespace ews::history::testing

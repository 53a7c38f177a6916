// The recorder's rows and aggregates over an hour of a small site read without faults.
#include <gtest/gtest.h>

#include "history_test_support.hpp"

namespace ews::history::testing {
namespace {

using Kind = recording::AggregateSample::Kind;

/// W for electricity, dm3/h for water and gas: per 10 min Main 200 Wh, Lights 100 Wh,
/// Sockets 50 Wh, Water 10 dm3, Gas 20 dm3, Slave 150 Wh.
double steadyPower(int id, Time) {
  switch (id) {
    case kMain: return 1200.0;
    case kLights: return 600.0;
    case kSockets: return 300.0;
    case kWater: return 60.0;
    case kGas: return 120.0;
    case kSlave: return 900.0;
    default: return 0.0;
  }
}

constexpr double kTolerance = 1e-9;

class RecorderTest : public ::testing::Test {
 protected:
  RecorderTest() : rig(paris("2026-01-05 00:00"), steadyPower) { rig.engine.runUntil(paris("2026-01-05 01:00")); }
  Rig rig;
};

TEST_F(RecorderTest, PublishesRowsThenAggregatesOnTheSampleGrid) {
  ASSERT_EQ(rig.sink.instants.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(rig.sink.instants[i], paris("2026-01-05 00:10") + minutes(10) * static_cast<std::int64_t>(i));
    EXPECT_EQ(rig.sink.order[2 * i], "samples");
    EXPECT_EQ(rig.sink.order[2 * i + 1], "aggregates");
  }
  EXPECT_EQ(rig.recorder.samplesTaken(), 6u);
}

TEST_F(RecorderTest, DeviceRowsCarryDeltaCounterAndRate) {
  const Time t = paris("2026-01-05 00:30");
  const auto& rows = rig.sink.rows.at(t);
  const CapturedRow& main = rows.at(kMain);
  EXPECT_NEAR(main.delta, 200.0, kTolerance);
  EXPECT_NEAR(main.counter, 600.0, kTolerance);
  EXPECT_NEAR(main.averageRate, 1200.0, 1e-6);
  EXPECT_FALSE(main.gap);
  EXPECT_NEAR(rows.at(kWater).delta, 10.0, kTolerance);
  EXPECT_NEAR(rows.at(kGas).delta, 20.0, kTolerance);
}

TEST_F(RecorderTest, InactiveDeviceHasNoRow) {
  for (const auto& [t, rows] : rig.sink.rows) EXPECT_FALSE(rows.contains(kLab));
}

TEST_F(RecorderTest, ExcludedDeviceKeepsItsRowButStaysOutOfEveryTotal) {
  const Time t = paris("2026-01-05 00:40");
  // Its own histogram ("Details") still has it.
  EXPECT_NEAR(rig.sink.rows.at(t).at(kLights).delta, 100.0, kTolerance);
  // Grand Total: Main + Sockets + the virtual Slave, not Lights.
  const auto* total = rig.sink.aggregate(t, Kind::ElectricityTotal);
  ASSERT_NE(total, nullptr);
  EXPECT_NEAR(total->delta, 400.0, kTolerance);
  EXPECT_FALSE(total->partial);
  // Its load has no other member: no partial row at all.
  EXPECT_EQ(rig.sink.aggregate(t, Kind::Load, 4), nullptr);  // Lighting
  // Its group counts Main and Sockets only.
  const auto* group = rig.sink.aggregate(t, Kind::Group, 1);
  ASSERT_NE(group, nullptr);
  EXPECT_NEAR(group->delta, 250.0, kTolerance);
}

TEST_F(RecorderTest, LoadsGroupsAndTotalsAddUp) {
  const Time t = paris("2026-01-05 01:00");
  const auto expect = [&](Kind kind, int id, double delta) {
    const auto* row = rig.sink.aggregate(t, kind, id);
    ASSERT_NE(row, nullptr) << static_cast<int>(kind) << " " << id;
    EXPECT_NEAR(row->delta, delta, kTolerance) << row->name;
  };
  expect(Kind::Load, 1, 200.0);   // Heating: Main
  expect(Kind::Load, 6, 50.0);    // Power sockets: Sockets
  expect(Kind::Load, 15, 150.0);  // Others: the virtual Slave (Lab is off)
  expect(Kind::Load, 16, 10.0);   // Water, dm3
  expect(Kind::Load, 17, 20.0);   // Gas, dm3
  expect(Kind::Group, 1, 250.0);  // Floor 1: electricity only (its gas counter is in the gas total)
  expect(Kind::ElectricityTotal, 0, 400.0);
  expect(Kind::WaterTotal, 0, 10.0);
  expect(Kind::GasTotal, 0, 20.0);
  // Loads by id, groups by id, then the three totals.
  const auto& rows = rig.sink.aggregates.at(t);
  ASSERT_GE(rows.size(), 3u);
  EXPECT_EQ(rows[rows.size() - 3].kind, Kind::ElectricityTotal);
  EXPECT_EQ(rows[rows.size() - 2].kind, Kind::WaterTotal);
  EXPECT_EQ(rows.back().kind, Kind::GasTotal);
}

TEST_F(RecorderTest, GasTotalCarriesItsKWhEquivalent) {
  const auto* gas = rig.sink.aggregate(paris("2026-01-05 00:20"), Kind::GasTotal);
  ASSERT_NE(gas, nullptr);
  EXPECT_NEAR(gas->gasKWhEquivalent, 20.0 / 1000.0 * 11.2, kTolerance);
  // History keeps it in Wh next to the dm3.
  const PeriodTotal wh = rig.history.total(SeriesKey::total(SeriesKind::GasWhEquivalent), Period::Day,
                                           paris("2026-01-05 00:30"));
  EXPECT_NEAR(wh.value, 6 * 20.0 / 1000.0 * 11.2 * 1000.0, 1e-6);
  EXPECT_EQ(wh.samples, 6u);
}

TEST(Recorder, GasFactorComesFromTheSettings) {
  RecorderSettings settings;
  settings.gasKWhPerM3 = 10.0;
  Rig rig(paris("2026-01-05 00:00"), [](int id, Time) { return id == kGas ? 600.0 : 0.0; }, {}, settings);
  rig.engine.runUntil(paris("2026-01-05 00:10"));
  const auto* gas = rig.sink.aggregate(paris("2026-01-05 00:10"), Kind::GasTotal);
  ASSERT_NE(gas, nullptr);
  EXPECT_NEAR(gas->delta, 100.0, kTolerance);
  EXPECT_NEAR(gas->gasKWhEquivalent, 1.0, kTolerance);
}

TEST(Recorder, StatisticsAreTimeWeightedOverTheInterval) {
  const Time start = paris("2026-01-05 00:00");
  // 1000 W for the first 6 minutes of each interval, then 2000 W.
  const auto power = [start](int id, Time t) {
    if (id != kMain) return 0.0;
    return (t - start) / minutes(1) % 10 < 6 ? 1000.0 : 2000.0;
  };
  Rig rig(start, power);
  rig.engine.runUntil(paris("2026-01-05 00:30"));
  for (const Time t : {paris("2026-01-05 00:10"), paris("2026-01-05 00:20"), paris("2026-01-05 00:30")}) {
    const auto& stats = rig.sink.rows.at(t).at(kMain).stats;
    ASSERT_TRUE(stats.contains("power.active.total"));
    const auto& p = stats.at("power.active.total");
    EXPECT_DOUBLE_EQ(p.min, 1000.0);
    EXPECT_DOUBLE_EQ(p.max, 2000.0);
    EXPECT_NEAR(p.average, 1400.0, 1e-9);
    EXPECT_FALSE(stats.contains("current.L1"));  // not reported by this device
  }
}

TEST(Recorder, EventsAreForwardedToEverySink) {
  Rig rig(paris("2026-01-05 00:00"), steadyPower);
  rig.recorder.publish(recording::Event{paris("2026-01-05 00:00"), kMain, "counter-wrap", "wrapped"});
  rig.recorder.eventInput().onEvent(recording::Event{paris("2026-01-05 00:01"), kMain, "status", "On -> Off"});
  ASSERT_EQ(rig.sink.events.size(), 2u);
  EXPECT_EQ(rig.sink.events[0].kind, "counter-wrap");
  EXPECT_EQ(rig.sink.events[1].kind, "status");
}

TEST(Recorder, DestroyedRecorderNoLongerSamples) {
  Engine engine(EngineConfig{paris("2026-01-05 00:00"), 1});
  const auto installation = makeSite();
  acquisition::Measurements measurements;
  {
    Recorder recorder(engine, installation, measurements, RecorderSettings{});
  }
  EXPECT_NO_THROW(engine.runUntil(paris("2026-01-05 01:00")));
}

}  // namespace
}  // namespace ews::history::testing

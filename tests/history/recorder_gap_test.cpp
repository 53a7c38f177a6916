// Gaps: a device that cannot be read for a while has gap rows with no delta, and what it
// consumed meanwhile lands in the interval where reading resumes, so totals stay right.
#include <gtest/gtest.h>

#include "history_test_support.hpp"

namespace ews::history::testing {
namespace {

using Kind = recording::AggregateSample::Kind;

double flatPower(int id, Time) {
  return id == kSockets ? 300.0 : id == kWater ? 60.0 : 1200.0;  // Sockets: 50 Wh per 10 min
}

TEST(RecorderGaps, CommunicationErrorCarriesTheConsumptionToTheResumingInterval) {
  // Sockets does not answer from 00:21 to 00:34 (the poll at 00:35 succeeds again).
  const auto offline = [](int id, Time t) {
    return id == kSockets && t >= paris("2026-01-05 00:21") && t < paris("2026-01-05 00:35");
  };
  Rig rig(paris("2026-01-05 00:00"), flatPower, offline);
  rig.engine.runUntil(paris("2026-01-06 00:00"));

  const auto row = [&](const char* local) { return rig.sink.rows.at(paris(local)).at(kSockets); };
  EXPECT_FALSE(row("2026-01-05 00:20").gap);
  EXPECT_TRUE(row("2026-01-05 00:30").gap);
  EXPECT_DOUBLE_EQ(row("2026-01-05 00:30").delta, 0.0);
  EXPECT_TRUE(row("2026-01-05 00:40").gap);  // back at 00:35, but lost at the start of the interval
  EXPECT_DOUBLE_EQ(row("2026-01-05 00:40").delta, 0.0);
  EXPECT_FALSE(row("2026-01-05 00:50").gap);
  EXPECT_NEAR(row("2026-01-05 00:50").delta, 150.0, 1e-9);  // three intervals at once

  // The totals the device is part of are flagged partial, the others not.
  EXPECT_TRUE(rig.sink.aggregate(paris("2026-01-05 00:30"), Kind::ElectricityTotal)->partial);
  EXPECT_TRUE(rig.sink.aggregate(paris("2026-01-05 00:40"), Kind::Load, 6)->partial);
  EXPECT_FALSE(rig.sink.aggregate(paris("2026-01-05 00:50"), Kind::ElectricityTotal)->partial);
  EXPECT_FALSE(rig.sink.aggregate(paris("2026-01-05 00:30"), Kind::WaterTotal)->partial);

  // Over the day nothing is lost: 144 intervals of 50 Wh.
  double sum = 0.0;
  for (const auto& [t, rows] : rig.sink.rows) sum += rows.at(kSockets).delta;
  EXPECT_NEAR(sum, 144 * 50.0, 1e-6);
  const PeriodTotal day = rig.history.total(SeriesKey::device(kSockets), Period::Day, paris("2026-01-05 12:00"));
  EXPECT_NEAR(day.value, 144 * 50.0, 1e-6);
  EXPECT_EQ(day.samples, 144u);
  EXPECT_EQ(day.gapSamples, 2u);
  const PeriodTotal grand = rig.history.total(SeriesKey::total(SeriesKind::ElectricityTotal), Period::Day,
                                              paris("2026-01-05 12:00"));
  EXPECT_NEAR(grand.value, 144 * (200.0 + 50.0 + 200.0), 1e-6);  // Main + Sockets + Slave
  EXPECT_EQ(grand.gapSamples, 2u);
  // The gap shows in the hour it happened in, never as a silent zero.
  const auto bars = rig.history.day(SeriesKey::device(kSockets), LocalDate{2026, 1, 5});
  ASSERT_EQ(bars.size(), 24u);
  EXPECT_TRUE(bars[0].hasGap());
  EXPECT_EQ(bars[0].gapSamples, 2u);
  EXPECT_NEAR(bars[0].value, 6 * 50.0, 1e-9);
  EXPECT_FALSE(bars[1].hasGap());
}

TEST(RecorderGaps, NothingIsCountedBeforeTheFirstReading) {
  // Water answers only from 00:15: what flowed before is unknown (the counter's baseline).
  const auto offline = [](int id, Time t) { return id == kWater && t < paris("2026-01-05 00:15"); };
  Rig rig(paris("2026-01-05 00:00"), flatPower, offline);
  rig.engine.runUntil(paris("2026-01-05 00:40"));
  const auto row = [&](const char* local) { return rig.sink.rows.at(paris(local)).at(kWater); };
  EXPECT_TRUE(row("2026-01-05 00:10").gap);
  EXPECT_TRUE(row("2026-01-05 00:20").gap);
  EXPECT_NEAR(row("2026-01-05 00:30").delta, 15.0, 1e-9);  // 00:15 to 00:30 at 60 dm3/h
  EXPECT_NEAR(row("2026-01-05 00:40").delta, 10.0, 1e-9);
}

TEST(RecorderGaps, ADeviceSwitchedOffHasNoRowsAndComesBackWithAGap) {
  Rig rig(paris("2026-01-05 00:00"), flatPower);
  rig.engine.schedule(paris("2026-01-05 00:25"), [&] { rig.installation.setDeviceOn("Sockets", false); });
  rig.engine.schedule(paris("2026-01-05 00:45"), [&] { rig.installation.setDeviceOn("Sockets", true); });
  rig.engine.runUntil(paris("2026-01-05 01:00"));
  EXPECT_FALSE(rig.sink.rows.at(paris("2026-01-05 00:30")).contains(kSockets));
  EXPECT_FALSE(rig.sink.rows.at(paris("2026-01-05 00:40")).contains(kSockets));
  EXPECT_TRUE(rig.sink.rows.at(paris("2026-01-05 00:50")).at(kSockets).gap);
  // The meter kept counting while the EWS did not show it: it lands in one interval.
  EXPECT_NEAR(rig.sink.rows.at(paris("2026-01-05 01:00")).at(kSockets).delta, 4 * 50.0, 1e-9);
  // While it was off, the Power sockets load had no counted member.
  EXPECT_EQ(rig.sink.aggregate(paris("2026-01-05 00:30"), Kind::Load, 6), nullptr);
}

TEST(RecorderGaps, ACounterNotUpdatedInTheIntervalIsAGap) {
  // The device answers (status On) but its counter stops being refreshed: a stuck poll.
  Engine engine(EngineConfig{paris("2026-01-05 00:00"), 1});
  const auto installation = makeSite();
  acquisition::Measurements measurements;
  Recorder recorder(engine, installation, measurements, RecorderSettings{});
  CapturingSink sink;
  recorder.addSink(sink);
  engine.schedule(paris("2026-01-05 00:05"), [&] {
    measurements.setStatus(kMain, acquisition::DeviceStatus::On);
    measurements.feedCounter(kMain, 1000.0, 0.0, paris("2026-01-05 00:05"));
  });
  engine.schedule(paris("2026-01-05 00:08"), [&] { measurements.feedCounter(kMain, 1100.0, 0.0, paris("2026-01-05 00:08")); });
  engine.schedule(paris("2026-01-05 00:25"), [&] { measurements.feedCounter(kMain, 1400.0, 0.0, paris("2026-01-05 00:25")); });
  engine.runUntil(paris("2026-01-05 00:30"));
  EXPECT_NEAR(sink.rows.at(paris("2026-01-05 00:10")).at(kMain).delta, 100.0, 1e-9);
  EXPECT_TRUE(sink.rows.at(paris("2026-01-05 00:20")).at(kMain).gap);
  EXPECT_NEAR(sink.rows.at(paris("2026-01-05 00:30")).at(kMain).delta, 300.0, 1e-9);
}

}  // namespace
}  // namespace ews::history::testing

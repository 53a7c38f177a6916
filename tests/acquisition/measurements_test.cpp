// Measurements: latest values with quality, statuses, and the consumption counter's rules
// (baseline, increments, wraps, resets, meter replacement): never a negative consumption.
#include <gtest/gtest.h>

#include <cmath>

#include "ews/acquisition/measurements.hpp"

namespace {

using ews::acquisition::DeviceStatus;
using ews::acquisition::Measurements;
using ews::acquisition::Quality;

const ews::Time t0 = ews::timeFromMicros(1'767'571'200'000'000);  // 2026-01-05T00:00Z
const double kU32x10Wh = std::ldexp(1.0, 32) * 10.0;

TEST(Measurements, UnknownDeviceIsOffWithNothingRead) {
  const Measurements m;
  EXPECT_EQ(m.status(7), DeviceStatus::Off);
  EXPECT_FALSE(m.latest(7, "voltage.L1N"));
  EXPECT_FALSE(m.consumption(7));
  EXPECT_TRUE(m.readings(7).empty());
}

TEST(Measurements, StoresLatestAndMarksStale) {
  Measurements m;
  m.setStatus(3, DeviceStatus::On);
  m.store(3, "voltage.L1N", 230.1, t0);
  m.store(3, "voltage.L1N", 229.9, t0 + ews::seconds(1));
  m.store(3, "current.L1", 4.0, t0 + ews::seconds(1));
  EXPECT_EQ(m.status(3), DeviceStatus::On);
  auto v = m.latest(3, "voltage.L1N");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->value, 229.9);
  EXPECT_EQ(v->at, t0 + ews::seconds(1));
  EXPECT_EQ(v->quality, Quality::Good);
  m.markStale(3, "voltage.L1N");
  EXPECT_EQ(m.latest(3, "voltage.L1N")->quality, Quality::Stale);
  EXPECT_EQ(m.latest(3, "current.L1")->quality, Quality::Good);
  m.markAllStale(3);
  EXPECT_EQ(m.latest(3, "current.L1")->quality, Quality::Stale);
  EXPECT_EQ(m.readings(3).size(), 2u);
  // A new reading is Good again; record() hands out a reference that stays valid.
  auto& reading = m.record(3, "current.L1", 5.0, t0 + ews::seconds(2));
  m.store(3, "frequency", 50.0, t0 + ews::seconds(2));
  reading.value = 6.0;
  EXPECT_EQ(m.latest(3, "current.L1")->value, 6.0);
  EXPECT_EQ(m.latest(3, "current.L1")->quality, Quality::Good);
  EXPECT_EQ(m.deviceIds(), std::vector<int>{3});
}

TEST(MeasurementsCounter, FirstReadingIsTheBaseline) {
  Measurements m;
  EXPECT_FALSE(m.feedCounter(1, 123'450.0, kU32x10Wh, t0));
  const auto c = m.consumption(1);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->total, 0.0);
  EXPECT_EQ(c->at, t0);
  EXPECT_EQ(c->corrections, 0u);
}

TEST(MeasurementsCounter, AddsIncrementsAndStandsStill) {
  Measurements m;
  m.feedCounter(1, 1000.0, kU32x10Wh, t0);
  EXPECT_FALSE(m.feedCounter(1, 1010.0, kU32x10Wh, t0 + ews::seconds(1)));
  EXPECT_FALSE(m.feedCounter(1, 1010.0, kU32x10Wh, t0 + ews::seconds(2)));
  EXPECT_FALSE(m.feedCounter(1, 1500.0, kU32x10Wh, t0 + ews::seconds(3)));
  EXPECT_EQ(m.consumption(1)->total, 500.0);
  EXPECT_EQ(m.consumption(1)->at, t0 + ews::seconds(3));
}

TEST(MeasurementsCounter, WrapAddsTheRangeNotANegative) {
  Measurements m;
  const double nearTop = kU32x10Wh - 30.0;
  m.feedCounter(1, nearTop, kU32x10Wh, t0);
  const auto event = m.feedCounter(1, 20.0, kU32x10Wh, t0 + ews::seconds(1));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, "counter-wrap");
  EXPECT_EQ(event->deviceId, 1);
  EXPECT_EQ(event->at, t0 + ews::seconds(1));
  EXPECT_EQ(m.consumption(1)->total, 50.0);  // 30 to the top, 20 after
  EXPECT_EQ(m.consumption(1)->corrections, 1u);
  m.feedCounter(1, 70.0, kU32x10Wh, t0 + ews::seconds(2));
  EXPECT_EQ(m.consumption(1)->total, 100.0);
}

TEST(MeasurementsCounter, SmallDropIsAResetAndAddsTheNewReading) {
  Measurements m;
  m.feedCounter(1, 5'000'000.0, kU32x10Wh, t0);
  m.feedCounter(1, 5'000'100.0, kU32x10Wh, t0 + ews::seconds(1));
  const auto event = m.feedCounter(1, 40.0, kU32x10Wh, t0 + ews::seconds(2));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, "counter-reset");
  EXPECT_EQ(m.consumption(1)->total, 140.0);  // 100 before the reset, 40 since
  EXPECT_EQ(m.consumption(1)->corrections, 1u);
}

TEST(MeasurementsCounter, WithoutARangeEveryDropIsAReset) {
  Measurements m;
  m.feedCounter(1, 1e9, 0.0, t0);
  const auto event = m.feedCounter(1, 10.0, 0.0, t0 + ews::seconds(1));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, "counter-reset");
  EXPECT_EQ(m.consumption(1)->total, 10.0);
}

TEST(MeasurementsCounter, ReplacedMeterStartsANewSegment) {
  Measurements m;
  m.feedCounter(1, 80'000.0, kU32x10Wh, t0);
  m.feedCounter(1, 80'500.0, kU32x10Wh, t0 + ews::minutes(10));
  m.replaceMeter(1, t0 + ews::minutes(15));
  // The new meter stands at 1 234 Wh (used in the factory, or higher than the old one):
  // neither a reset nor an increment.
  const auto event = m.feedCounter(1, 1'234.0, kU32x10Wh, t0 + ews::minutes(20));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, "meter-replaced");
  EXPECT_EQ(m.consumption(1)->total, 500.0);
  EXPECT_FALSE(m.feedCounter(1, 1'300.0, kU32x10Wh, t0 + ews::minutes(30)));
  EXPECT_EQ(m.consumption(1)->total, 566.0);
  EXPECT_EQ(m.consumption(1)->corrections, 1u);
  // Replaced by one reading more than the old one: still no jump.
  m.replaceMeter(1, t0 + ews::minutes(40));
  m.feedCounter(1, 9'000'000.0, kU32x10Wh, t0 + ews::minutes(50));
  EXPECT_EQ(m.consumption(1)->total, 566.0);
}

TEST(MeasurementsCounter, ReplacingAMeterNeverReadIsJustABaseline) {
  Measurements m;
  m.replaceMeter(1, t0);
  EXPECT_FALSE(m.feedCounter(1, 700.0, kU32x10Wh, t0 + ews::seconds(1)));
  EXPECT_EQ(m.consumption(1)->total, 0.0);
}

TEST(MeasurementsCounter, NeverDecreasesOverAnySequence) {
  // Random walks with resets, wraps and replacements: the total is monotonic.
  Measurements m;
  std::uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  double raw = 0.0;
  const double range = 65536.0 * 10.0;
  double previous = 0.0;
  for (int i = 0; i < 10'000; ++i) {
    const auto r = next() % 100;
    if (r < 3) {
      raw = static_cast<double>(next() % 100) * 10.0;  // reset
    } else if (r < 4) {
      m.replaceMeter(1, t0 + ews::seconds(i));
      raw = static_cast<double>(next() % 60000) * 10.0;
    } else {
      raw = std::fmod(raw + static_cast<double>(next() % 500) * 10.0, range);  // may wrap
    }
    m.feedCounter(1, raw, range, t0 + ews::seconds(i));
    const double total = m.consumption(1)->total;
    ASSERT_GE(total, previous) << "step " << i;
    previous = total;
  }
}

}  // namespace

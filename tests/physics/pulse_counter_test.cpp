#include "ews/physics/pulse_counter.hpp"

#include <gtest/gtest.h>

#include "physics_test_support.hpp"

namespace ews::physics {
namespace {

using testing::at;
using testing::kStart;

TEST(PulseCounter, WholePulsesTimesWeightAndRemainderCarried) {
  PulseCounter meter(300.0, kStart);  // 300 Wh/pulse
  meter.setFlow(1000.0);              // 1 kW
  // After 30 min: 500 Wh flowed, 1 pulse sent (300 Wh), 200 Wh waiting.
  EXPECT_EQ(meter.pulsesAt(at(minutes(30))), 1u);
  EXPECT_DOUBLE_EQ(meter.countedQuantityAt(at(minutes(30))), 300.0);
  EXPECT_NEAR(meter.exactQuantityAt(at(minutes(30))), 500.0, 1e-9);
  // The 200 Wh carry over: 30 min more makes 1000 Wh, 3 pulses, 100 Wh waiting.
  meter.advanceTo(at(minutes(30)));
  meter.setFlow(1000.0);
  EXPECT_EQ(meter.pulsesAt(at(hours(1))), 3u);
  EXPECT_DOUBLE_EQ(meter.countedQuantityAt(at(hours(1))), 900.0);
}

TEST(PulseCounter, ExactMultiplesDoNotLoseAPulse) {
  // 0.1 dm3/pulse, 36 dm3/h for 10 s = 0.1 dm3 exactly: one pulse, despite rounding.
  PulseCounter water(0.1, kStart);
  water.setFlow(36.0);
  EXPECT_EQ(water.pulsesAt(at(seconds(10))), 1u);
  EXPECT_EQ(water.pulsesAt(at(seconds(100))), 10u);
  EXPECT_EQ(water.pulsesAt(at(seconds(9))), 0u);
}

TEST(PulseCounter, NextPulseInstantAndNoFlowNoPulse) {
  PulseCounter gas(10.0, kStart, 5.0);  // 10 dm3/pulse, 5 dm3 already in
  EXPECT_EQ(gas.nextPulseAt(), kNever);
  gas.setFlow(60.0);  // 1 dm3 per minute: the next pulse at 10 dm3, 5 minutes away
  EXPECT_EQ(gas.nextPulseAt(), at(minutes(5)));
  EXPECT_EQ(gas.pulsesAt(at(minutes(5)) - microseconds(1)), 0u);
  EXPECT_EQ(gas.pulsesAt(at(minutes(5))), 1u);
  gas.advanceTo(at(minutes(7)));
  gas.setFlow(-50.0);  // a pulse meter never runs backwards
  EXPECT_EQ(gas.pulsesAt(at(hours(1))), 1u);
  EXPECT_THROW(PulseCounter(0.0, kStart), std::invalid_argument);
}

}  // namespace
}  // namespace ews::physics

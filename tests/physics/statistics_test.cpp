#include "ews/physics/statistics.hpp"

#include <gtest/gtest.h>

#include "physics_test_support.hpp"

namespace ews::physics {
namespace {

using testing::at;
using testing::kStart;

TEST(Statistics, AverageIsTimeWeightedNotSampleWeighted) {
  TimeWeightedStatistics voltage(kStart, 230.0);
  voltage.set(at(minutes(1)), 250.0);  // one minute at 230 V, then 9 minutes at 250 V
  const WindowStatistics window = voltage.windowAt(at(minutes(10)));
  EXPECT_NEAR(window.average, (230.0 * 1 + 250.0 * 9) / 10.0, 1e-9);
  EXPECT_DOUBLE_EQ(window.minimum, 230.0);
  EXPECT_DOUBLE_EQ(window.maximum, 250.0);
  EXPECT_EQ(window.from, kStart);
  EXPECT_EQ(window.to, at(minutes(10)));
}

TEST(Statistics, ShortSpikeCountsInMaxButBarelyInAverage) {
  TimeWeightedStatistics current(kStart, 10.0);
  current.set(at(minutes(5)), 100.0);
  current.set(at(minutes(5) + seconds(1)), 10.0);
  const WindowStatistics window = current.windowAt(at(minutes(10)));
  EXPECT_DOUBLE_EQ(window.maximum, 100.0);
  EXPECT_NEAR(window.average, 10.0 + 90.0 / 600.0, 1e-9);
}

TEST(Statistics, ClosingAWindowRestartsWithTheValueInForce) {
  TimeWeightedStatistics power(kStart, 1000.0);
  power.set(at(minutes(4)), 3000.0);
  const WindowStatistics first = power.closeWindow(at(minutes(10)));
  EXPECT_NEAR(first.average, (1000.0 * 4 + 3000.0 * 6) / 10.0, 1e-9);
  EXPECT_DOUBLE_EQ(first.minimum, 1000.0);

  // The next window starts at 3000 W: the old minimum is forgotten.
  const WindowStatistics empty = power.windowAt(at(minutes(10)));
  EXPECT_DOUBLE_EQ(empty.average, 3000.0);
  power.set(at(minutes(15)), 2000.0);
  const WindowStatistics second = power.closeWindow(at(minutes(20)));
  EXPECT_DOUBLE_EQ(second.minimum, 2000.0);
  EXPECT_DOUBLE_EQ(second.maximum, 3000.0);
  EXPECT_NEAR(second.average, 2500.0, 1e-9);
  EXPECT_EQ(second.from, at(minutes(10)));
  EXPECT_THROW(power.set(at(minutes(19)), 1.0), std::invalid_argument);
}

}  // namespace
}  // namespace ews::physics

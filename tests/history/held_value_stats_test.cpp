// The time-weighted statistics of one quantity over sample intervals.
#include <gtest/gtest.h>

#include "held_value_stats.hpp"

namespace ews::history::detail {
namespace {

const Time kStart = timeFromMicros(0);

TEST(HeldValueStats, WeightsEachReadingByHowLongItHeld) {
  HeldValueStats stats(kStart);
  stats.see(1000.0, kStart);
  stats.see(1000.0, kStart + minutes(1));  // a repeated value changes nothing
  stats.see(2000.0, kStart + minutes(6));
  const auto summary = stats.close(kStart + minutes(10));
  ASSERT_TRUE(summary);
  EXPECT_DOUBLE_EQ(summary->min, 1000.0);
  EXPECT_DOUBLE_EQ(summary->max, 2000.0);
  EXPECT_DOUBLE_EQ(summary->average, 1400.0);
}

TEST(HeldValueStats, AReadingAtTheSampleInstantBelongsToTheNextInterval) {
  HeldValueStats stats(kStart);
  stats.see(10.0, kStart);
  stats.see(99.0, kStart + minutes(10));
  const auto first = stats.close(kStart + minutes(10));
  ASSERT_TRUE(first);
  EXPECT_DOUBLE_EQ(first->max, 10.0);
  const auto second = stats.close(kStart + minutes(20));
  ASSERT_TRUE(second);
  EXPECT_DOUBLE_EQ(second->min, 99.0);
  EXPECT_DOUBLE_EQ(second->average, 99.0);
}

TEST(HeldValueStats, ACommunicationLossStopsTheHeldValue) {
  HeldValueStats stats(kStart);
  stats.see(100.0, kStart);
  stats.interrupt(kStart + minutes(2));
  stats.see(400.0, kStart + minutes(8));
  const auto summary = stats.close(kStart + minutes(10));
  ASSERT_TRUE(summary);
  // 2 min at 100 and 2 min at 400: the 6 unknown minutes do not count.
  EXPECT_DOUBLE_EQ(summary->average, 250.0);
  stats.interrupt(kStart + minutes(10));
  EXPECT_FALSE(stats.close(kStart + minutes(20)));  // nothing known in the whole interval
}

TEST(HeldValueStats, OldReadingsSeenLateAreNotCountedTwice) {
  HeldValueStats stats(kStart);
  stats.see(5.0, kStart + minutes(3));
  stats.see(7.0, kStart + minutes(3));  // same timestamp: already seen
  const auto summary = stats.close(kStart + minutes(10));
  ASSERT_TRUE(summary);
  EXPECT_DOUBLE_EQ(summary->max, 5.0);
}

}  // namespace
}  // namespace ews::history::detail

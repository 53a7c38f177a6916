#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "kernel_test_support.hpp"

namespace ews {
namespace {

using test::kT0;

class PeriodicTest : public ::testing::Test {
 protected:
  /// A task that records the time it was given and checks it equals now().
  std::function<void(Time)> recorder(std::vector<Time>& into) {
    return [this, &into](Time t) {
      EXPECT_EQ(t, engine.now());
      into.push_back(t);
    };
  }

  Engine engine{{.start = kT0, .seed = 1}};
  std::vector<Time> times;
};

TEST_F(PeriodicTest, OddPeriodNeverDriftsOverAHundredThousandTicks) {
  constexpr Duration kPeriod = microseconds(333'333);
  constexpr std::int64_t kTicks = 100'000;
  const Time first = kT0 + microseconds(17);
  engine.every(kPeriod, first, EventPhase::Update, recorder(times));
  engine.runUntil(first + kPeriod * (kTicks - 1));
  ASSERT_EQ(times.size(), std::size_t{kTicks});
  for (std::int64_t k = 0; k < kTicks; ++k) {
    ASSERT_EQ(times[static_cast<std::size_t>(k)], first + kPeriod * k) << "tick " << k;
  }
  EXPECT_EQ(engine.pendingEvents(), 1u);  // the next tick, beyond the end
}

TEST_F(PeriodicTest, StartsAtFirstEvenWhenItIsLater) {
  engine.every(seconds(10), kT0 + seconds(25), EventPhase::Update, recorder(times));
  engine.runUntil(kT0 + seconds(50));
  EXPECT_EQ(times, (std::vector<Time>{kT0 + seconds(25), kT0 + seconds(35), kT0 + seconds(45)}));
}

TEST_F(PeriodicTest, CancelFromInsideTheTaskStopsIt) {
  TaskId id;
  id = engine.every(seconds(1), kT0, EventPhase::Update, [&](Time t) {
    times.push_back(t);
    if (times.size() == 5) {
      EXPECT_TRUE(engine.cancelTask(id));
    }
  });
  engine.runUntil(kT0 + minutes(1));
  EXPECT_EQ(times.size(), 5u);
  EXPECT_EQ(times.back(), kT0 + seconds(4));
  EXPECT_EQ(engine.pendingEvents(), 0u);
  EXPECT_FALSE(engine.cancelTask(id));
}

TEST_F(PeriodicTest, CancelFromOutsideBetweenSlices) {
  const TaskId id = engine.every(seconds(1), kT0, EventPhase::Update, recorder(times));
  engine.runUntil(kT0 + seconds(3));
  EXPECT_TRUE(engine.cancelTask(id));
  EXPECT_FALSE(engine.cancelTask(id));
  engine.runUntil(kT0 + seconds(10));
  EXPECT_EQ(times.size(), 4u);  // 0, 1, 2, 3 s
}

TEST_F(PeriodicTest, CancelFromAnotherEventAtTheSameInstant) {
  const TaskId id = engine.every(seconds(1), kT0, EventPhase::Publish, recorder(times));
  engine.schedule(kT0 + seconds(2), EventPhase::Update, [&] { engine.cancelTask(id); });
  engine.runUntil(kT0 + seconds(10));
  EXPECT_EQ(times, (std::vector<Time>{kT0, kT0 + seconds(1)}));  // the 2 s Publish never ran
}

TEST_F(PeriodicTest, CancellingOneTaskLeavesOthersRunning) {
  std::vector<Time> other;
  const TaskId id = engine.every(seconds(1), kT0, EventPhase::Update, recorder(times));
  engine.every(seconds(1), kT0, EventPhase::Update, recorder(other));
  engine.cancelTask(id);
  engine.runUntil(kT0 + seconds(4));
  EXPECT_TRUE(times.empty());
  EXPECT_EQ(other.size(), 5u);
}

TEST_F(PeriodicTest, UnknownTaskIdsAreNotCancellable) {
  EXPECT_FALSE(engine.cancelTask(TaskId{}));
  EXPECT_FALSE(engine.cancelTask(TaskId{42}));
}

TEST_F(PeriodicTest, InvalidPeriodOrPastFirstThrows) {
  EXPECT_THROW(engine.every(Duration::zero(), kT0, EventPhase::Update, recorder(times)), std::invalid_argument);
  EXPECT_THROW(engine.every(-seconds(1), kT0, EventPhase::Update, recorder(times)), std::invalid_argument);
  engine.runUntil(kT0 + seconds(1));
  EXPECT_THROW(engine.every(seconds(1), kT0, EventPhase::Update, recorder(times)), std::logic_error);
  EXPECT_EQ(engine.pendingEvents(), 0u);
}

TEST_F(PeriodicTest, PhaseOrdersTasksOfTheSameInstant) {
  std::vector<int> order;
  engine.every(seconds(1), kT0, EventPhase::Publish, [&](Time) { order.push_back(3); });
  engine.every(seconds(1), kT0, EventPhase::Update, [&](Time) { order.push_back(2); });
  engine.every(seconds(1), kT0, EventPhase::Input, [&](Time) { order.push_back(0); });
  engine.runUntil(kT0 + seconds(1));
  EXPECT_EQ(order, (std::vector<int>{0, 2, 3, 0, 2, 3}));
}

TEST_F(PeriodicTest, TasksOfEqualPeriodKeepCreationOrderEveryTick) {
  std::vector<int> order;
  for (int i = 0; i < 5; ++i) engine.every(seconds(1), kT0, EventPhase::Update, [&order, i](Time) { order.push_back(i); });
  engine.runUntil(kT0 + seconds(2));
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace ews

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "ews/kernel/clock.hpp"
#include "ews/kernel/engine.hpp"
#include "kernel_test_support.hpp"

namespace ews {
namespace {

using std::chrono::steady_clock;
using test::elapsedMs;
using test::kT0;

// Tolerances are generous (the machine may be busy); the lower bounds are exact because a
// deadline is never served early.
constexpr double kLagToleranceMs = 50.0;
constexpr double kOverrunToleranceMs = 150.0;

/// An engine on a wall clock with a periodic task recording the wall time of each tick.
class WallClockTest : public ::testing::Test {
 protected:
  void useSpeed(double speed) {
    auto owned = std::make_unique<WallClock>(speed);
    clock = owned.get();
    engine.setClock(std::move(owned));
  }
  /// Ticks every `period` from kT0; `onTick(k)` runs after tick k's wall time is recorded.
  void tickEvery(Duration period, std::function<void(std::size_t)> onTick = {}) {
    engine.every(period, kT0, EventPhase::Update, [this, period, onTick](Time t) {
      EXPECT_EQ(t, kT0 + period * static_cast<std::int64_t>(tickWall.size()));
      tickWall.push_back(steady_clock::now());
      if (onTick) onTick(tickWall.size() - 1);
    });
  }
  /// Runs to `end` and returns the wall milliseconds it took; runStart is set before the run.
  double runTo(Time end) {
    if (tickWall.empty()) runStart = steady_clock::now();
    EXPECT_TRUE(engine.runUntil(end));
    return elapsedMs(runStart);
  }
  /// Wall milliseconds of tick k from the start of the run.
  double wallOfTickMs(std::size_t k) const { return elapsedMs(runStart, tickWall[k]); }

  Engine engine{{.start = kT0, .seed = 1}};
  WallClock* clock = nullptr;
  std::vector<steady_clock::time_point> tickWall;
  steady_clock::time_point runStart;
};

TEST(WallClock, SpeedMustBePositive) {
  EXPECT_THROW(WallClock(0.0), std::invalid_argument);
  EXPECT_THROW(WallClock(-1.0), std::invalid_argument);
  EXPECT_THROW(WallClock(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_EQ(WallClock(60.0).speed(), 60.0);
}

TEST_F(WallClockTest, RealTimeTicksAreServedOnTimeWithoutDrift) {
  useSpeed(1.0);
  tickEvery(milliseconds(1));
  const double tookMs = runTo(kT0 + milliseconds(200));
  ASSERT_EQ(tickWall.size(), 201u);
  EXPECT_GE(tookMs, 200.0);
  EXPECT_LT(tookMs, 200.0 + kOverrunToleranceMs);
  for (std::size_t k = 0; k < tickWall.size(); ++k) {
    const double errorMs = wallOfTickMs(k) - static_cast<double>(k);
    ASSERT_GE(errorMs, 0.0) << "tick " << k << " served early";
    ASSERT_LT(errorMs, kLagToleranceMs) << "tick " << k;
  }
  EXPECT_LT(toSeconds(clock->maxLag()) * 1e3, kLagToleranceMs);
}

TEST_F(WallClockTest, SpeedFactorScalesWallTime) {
  useSpeed(1000.0);
  tickEvery(seconds(1));  // 1 ms of wall time each
  const double tookMs = runTo(kT0 + seconds(100));
  ASSERT_EQ(tickWall.size(), 101u);
  EXPECT_GE(tookMs, 100.0);
  EXPECT_LT(tookMs, 100.0 + kOverrunToleranceMs);
  for (std::size_t k = 0; k < tickWall.size(); ++k) {
    const double errorMs = wallOfTickMs(k) - static_cast<double>(k);
    ASSERT_GE(errorMs, 0.0) << "tick " << k;
    ASSERT_LT(errorMs, kLagToleranceMs) << "tick " << k;
  }
}

TEST_F(WallClockTest, SlicedRunKeepsItsAnchor) {
  useSpeed(1.0);
  tickEvery(milliseconds(1));
  for (int slice = 1; slice <= 4; ++slice) runTo(kT0 + milliseconds(25 * slice));
  const double tookMs = elapsedMs(runStart);
  ASSERT_EQ(tickWall.size(), 101u);
  EXPECT_GE(tookMs, 100.0);
  EXPECT_LT(tookMs, 100.0 + kOverrunToleranceMs);
  for (std::size_t k = 0; k < tickWall.size(); ++k) {
    ASSERT_GE(wallOfTickMs(k), static_cast<double>(k)) << "tick " << k;
  }
}

TEST_F(WallClockTest, LateTickRaisesLagFiguresAndTheEngineCatchesUp) {
  constexpr std::size_t kSlowTick = 10;
  constexpr int kStallMs = 60;
  useSpeed(1.0);
  std::uint64_t lateBeforeStall = 0;
  tickEvery(milliseconds(1), [&](std::size_t k) {
    if (k == kSlowTick) {
      lateBeforeStall = clock->lateCount();
      std::this_thread::sleep_for(std::chrono::milliseconds(kStallMs));
    }
  });
  runTo(kT0 + milliseconds(150));
  ASSERT_EQ(tickWall.size(), 151u);

  // Tick 11 was due at 11 ms and served after the stall ended (>= 70 ms).
  EXPECT_GE(toSeconds(clock->maxLag()) * 1e3, kStallMs - 5.0);
  // Ticks 11 .. ~68 were more than 1 ms late.
  EXPECT_GE(clock->lateCount() - lateBeforeStall, 40u);
  // Catch-up: the overdue ticks ran back to back instead of 1 ms apart.
  EXPECT_LT(elapsedMs(tickWall[kSlowTick + 1], tickWall[kSlowTick + 50]), 25.0);
  // Then back on time: the schedule is absolute, so the stall is not carried forward.
  for (std::size_t k = 100; k < tickWall.size(); ++k) {
    const double errorMs = wallOfTickMs(k) - static_cast<double>(k);
    ASSERT_GE(errorMs, 0.0) << "tick " << k;
    ASSERT_LT(errorMs, kLagToleranceMs) << "tick " << k;
  }
  EXPECT_LT(toSeconds(clock->lastLag()) * 1e3, kLagToleranceMs);
}

TEST_F(WallClockTest, DispatchSequenceIsTheSameAsInVirtualTime) {
  auto scenario = [](Engine& e, std::vector<Time>& log) {
    auto rng = std::make_shared<RngStream>(e.rngFor("jitter"));
    e.every(milliseconds(100), kT0, EventPhase::Update, [&e, &log, rng](Time t) {
      log.push_back(t);
      e.scheduleIn(microseconds(rng->uniformInt(0, 50'000)), EventPhase::Publish, [&e, &log] { log.push_back(e.now()); });
    });
  };
  std::vector<Time> virtualLog;
  Engine virtualEngine({.start = kT0, .seed = 1});  // the fixture engine's seed
  scenario(virtualEngine, virtualLog);
  virtualEngine.runUntil(kT0 + minutes(1));

  std::vector<Time> wallLog;
  useSpeed(100'000.0);  // one simulated minute in 0.6 ms
  scenario(engine, wallLog);
  const auto start = steady_clock::now();
  runTo(kT0 + minutes(1));
  EXPECT_GE(elapsedMs(start), 0.6);
  EXPECT_EQ(wallLog, virtualLog);
  EXPECT_EQ(wallLog.size(), 2u * 600 + 1);  // the tick at 60 s has its jittered event pending
}

}  // namespace
}  // namespace ews

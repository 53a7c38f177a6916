#include "ews/kernel/input_queue.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "kernel_test_support.hpp"

namespace ews {
namespace {

using std::chrono::steady_clock;
using test::elapsedMs;
using test::kT0;

void runAll(std::deque<InputQueue::Command> commands) {
  for (auto& c : commands) c();
}

TEST(InputQueue, TakeAllReturnsCommandsInPostingOrder) {
  InputQueue queue;
  EXPECT_FALSE(queue.pending());
  EXPECT_FALSE(queue.mayHavePending());
  std::vector<int> ran;
  for (int i = 0; i < 3; ++i) queue.post([&ran, i] { ran.push_back(i); });
  EXPECT_TRUE(queue.pending());
  EXPECT_TRUE(queue.mayHavePending());
  runAll(queue.takeAll());
  EXPECT_EQ(ran, (std::vector<int>{0, 1, 2}));
  EXPECT_FALSE(queue.pending());
  EXPECT_FALSE(queue.mayHavePending());
  EXPECT_TRUE(queue.takeAll().empty());
}

TEST(InputQueue, PostsFromManyThreadsKeepEachThreadsOrder) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2000;
  InputQueue queue;
  std::vector<std::pair<int, int>> ran;  // (thread, sequence); only touched by this thread
  {
    std::vector<std::jthread> posters;
    for (int t = 0; t < kThreads; ++t) {
      posters.emplace_back([&queue, &ran, t] {
        for (int i = 0; i < kPerThread; ++i) queue.post([&ran, t, i] { ran.emplace_back(t, i); });
      });
    }
  }
  runAll(queue.takeAll());
  ASSERT_EQ(ran.size(), std::size_t{kThreads * kPerThread});
  std::vector<int> next(kThreads, 0);
  for (auto [t, i] : ran) EXPECT_EQ(i, next[static_cast<std::size_t>(t)]++);
}

TEST(InputQueue, WaitTimesOutWhenNothingHappens) {
  InputQueue queue;
  const auto start = steady_clock::now();
  EXPECT_FALSE(queue.waitUntil(start + std::chrono::milliseconds(20)));
  EXPECT_GE(elapsedMs(start), 20.0);
}

TEST(InputQueue, PostOrWakeEndsAWaitEarly) {
  InputQueue queue;
  for (bool wakeOnly : {false, true}) {
    const auto start = steady_clock::now();
    std::jthread other([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      if (wakeOnly) {
        queue.wake();
      } else {
        queue.post([] {});
      }
    });
    EXPECT_TRUE(queue.waitUntil(start + std::chrono::seconds(10)));
    EXPECT_LT(elapsedMs(start), 1000.0);
    queue.takeAll();
  }
}

TEST(InputQueue, WakeBeforeTheWaitIsNotLost) {
  InputQueue queue;
  queue.wake();
  const auto start = steady_clock::now();
  EXPECT_TRUE(queue.waitUntil(start + std::chrono::seconds(10)));
  EXPECT_LT(elapsedMs(start), 1000.0);
  EXPECT_FALSE(queue.waitUntil(steady_clock::now()));  // consumed
}

// --- Through the engine -------------------------------------------------------------------

class EngineInputTest : public ::testing::Test {
 protected:
  Engine engine{{.start = kT0, .seed = 1}};
  std::vector<std::pair<Time, int>> ran;
  Callback record(int id) {
    return [this, id] { ran.emplace_back(engine.now(), id); };
  }
};

TEST_F(EngineInputTest, VirtualModePostedCommandsRunBeforeTheNextEvent) {
  engine.schedule(kT0 + seconds(5), record(2));
  engine.post(record(0));
  engine.post(record(1));
  engine.runUntil(kT0 + seconds(10));
  EXPECT_EQ(ran, (std::vector<std::pair<Time, int>>{{kT0, 0}, {kT0, 1}, {kT0 + seconds(5), 2}}));
}

TEST_F(EngineInputTest, CommandPostedByACallbackRunsAtThatInstantBeforeTheNextEvent) {
  engine.schedule(kT0 + seconds(1), [this] {
    record(1)();
    engine.post([this] {
      record(2)();
      engine.schedule(engine.now(), EventPhase::Publish, record(4));  // a command may schedule at now
    });
  });
  engine.schedule(kT0 + seconds(1), EventPhase::Publish, record(3));
  engine.schedule(kT0 + seconds(2), record(5));
  engine.runUntil(kT0 + seconds(2));
  const Time t1 = kT0 + seconds(1);
  EXPECT_EQ(ran, (std::vector<std::pair<Time, int>>{{t1, 1}, {t1, 2}, {t1, 3}, {t1, 4}, {kT0 + seconds(2), 5}}));
}

TEST_F(EngineInputTest, VirtualModeStopFromACallbackEndsTheSliceEarly) {
  engine.schedule(kT0 + seconds(1), [this] { engine.requestStop(); });
  engine.schedule(kT0 + seconds(2), record(2));
  EXPECT_FALSE(engine.runUntil(kT0 + seconds(10)));
  EXPECT_EQ(engine.now(), kT0 + seconds(1));
  EXPECT_TRUE(ran.empty());
  EXPECT_TRUE(engine.runUntil(kT0 + seconds(10)));  // a new slice resumes
  EXPECT_EQ(ran, (std::vector<std::pair<Time, int>>{{kT0 + seconds(2), 2}}));
}

/// Wall clock at speed 1 with an event 10 s ahead: the engine is asleep waiting for it.
class WallInputTest : public EngineInputTest {
 protected:
  void SetUp() override {
    engine.setClock(std::make_unique<WallClock>(1.0));
    engine.schedule(kT0, EventPhase::Input, [this] { started.set_value(); });
    engine.schedule(kT0 + seconds(10), record(99));
  }
  /// Runs `fromOtherThread` on another thread once the run has started; returns the run's result.
  template <class Action>
  bool runWith(Action fromOtherThread) {
    std::jthread other([this, fromOtherThread] {
      started.get_future().wait();
      fromOtherThread();
    });
    runStart = steady_clock::now();
    return engine.runUntil(kT0 + seconds(10));
  }

  std::promise<void> started;
  steady_clock::time_point runStart;
};

TEST_F(WallInputTest, PostWakesTheWaitAndRunsOnTheEngineThreadInOrder) {
  constexpr int kCommands = 5;
  struct Seen {
    std::thread::id thread;
    Time now;
    steady_clock::time_point when;
  };
  std::vector<Seen> seen;
  steady_clock::time_point postedAt;
  const bool reachedEnd = runWith([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let the engine fall asleep
    postedAt = steady_clock::now();
    for (int i = 0; i < kCommands; ++i) {
      engine.post([&, i] {
        EXPECT_EQ(static_cast<int>(seen.size()), i);
        seen.push_back({std::this_thread::get_id(), engine.now(), steady_clock::now()});
        if (i == kCommands - 1) engine.requestStop();
      });
    }
  });
  EXPECT_FALSE(reachedEnd);
  ASSERT_EQ(seen.size(), std::size_t{kCommands});
  EXPECT_LT(elapsedMs(postedAt, seen.front().when), 100.0) << "the post should wake the 10 s wait";
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].thread, std::this_thread::get_id());
    // The current tick follows the wall clock from the start of the run.
    const double simulatedMs = toSeconds(seen[i].now - kT0) * 1e3;
    EXPECT_GE(simulatedMs, 0.0);
    EXPECT_LE(simulatedMs, elapsedMs(runStart, seen[i].when) + 1.0);
    EXPECT_GE(simulatedMs, 15.0);  // posted at least 20 ms of wall time into the run
    if (i > 0) {
      EXPECT_GE(seen[i].now, seen[i - 1].now);
    }
  }
  EXPECT_LT(engine.now(), kT0 + seconds(1));
  EXPECT_TRUE(ran.empty());  // the 10 s event did not run
}

TEST_F(WallInputTest, RequestStopFromAnotherThreadEndsTheRunEarly) {
  const bool reachedEnd = runWith([&] { engine.requestStop(); });
  EXPECT_FALSE(reachedEnd);
  EXPECT_LT(elapsedMs(runStart), 1000.0);
  EXPECT_LT(engine.now(), kT0 + seconds(10));
  EXPECT_TRUE(ran.empty());
  EXPECT_EQ(engine.pendingEvents(), 1u);
  // The engine can go on, here in virtual time.
  engine.setClock(std::make_unique<VirtualClock>());
  EXPECT_TRUE(engine.runUntil(kT0 + seconds(10)));
  EXPECT_EQ(ran, (std::vector<std::pair<Time, int>>{{kT0 + seconds(10), 99}}));
}

}  // namespace
}  // namespace ews

#include "ews/kernel/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

#include "kernel_test_support.hpp"

namespace ews {
namespace {

using test::Entry;
using test::expectThrowsWith;
using test::idsOf;
using test::kT0;
using test::Log;

class EngineTest : public ::testing::Test {
 protected:
  /// A callback that logs (engine.now(), id).
  Callback record(int id) {
    return [this, id] { log.push_back({engine.now(), id}); };
  }

  Engine engine{{.start = kT0, .seed = 7}};
  Log log;
};

TEST_F(EngineTest, StartsAtConfiguredTimeAndSeed) {
  EXPECT_EQ(engine.now(), kT0);
  EXPECT_EQ(engine.seed(), 7u);
  EXPECT_EQ(engine.pendingEvents(), 0u);
  EXPECT_EQ(engine.eventsDispatched(), 0u);
}

TEST_F(EngineTest, DispatchesInTimeOrderWithNowAtEachEventTime) {
  engine.schedule(kT0 + seconds(3), record(3));
  engine.schedule(kT0 + seconds(1), record(1));
  engine.scheduleIn(seconds(2), EventPhase::Update, record(2));
  engine.schedule(kT0, record(0));
  EXPECT_EQ(engine.pendingEvents(), 4u);
  EXPECT_TRUE(engine.runUntil(kT0 + seconds(10)));
  EXPECT_EQ(log, (Log{{kT0, 0}, {kT0 + seconds(1), 1}, {kT0 + seconds(2), 2}, {kT0 + seconds(3), 3}}));
  EXPECT_EQ(engine.eventsDispatched(), 4u);
  EXPECT_EQ(engine.pendingEvents(), 0u);
}

TEST_F(EngineTest, PhasesOrderAnInstantWhateverTheSchedulingOrder) {
  const Time t = kT0 + seconds(1);
  engine.schedule(t, EventPhase::Publish, record(3));
  engine.schedule(t, record(2));  // default phase: Update
  engine.schedule(t, EventPhase::Observe, record(1));
  engine.schedule(t, EventPhase::Input, record(0));
  engine.runUntil(t);
  EXPECT_EQ(idsOf(log), (std::vector<int>{0, 1, 2, 3}));
}

TEST_F(EngineTest, EqualTimeAndPhaseRunFirstInFirstOut) {
  std::vector<int> expected;
  for (int id = 0; id < 5000; ++id) {
    engine.schedule(kT0 + seconds(id % 2), record(id));
    expected.push_back(id);
  }
  std::stable_partition(expected.begin(), expected.end(), [](int id) { return id % 2 == 0; });
  engine.runFor(seconds(1));
  EXPECT_EQ(idsOf(log), expected);
}

TEST_F(EngineTest, EventsScheduledAtTheCurrentInstantRunInThatInstantInPhaseOrder) {
  const Time t = kT0 + seconds(5);
  engine.schedule(t, EventPhase::Observe, [this] {
    record(10)();
    engine.scheduleIn(Duration::zero(), EventPhase::Publish, record(40));
    engine.scheduleIn(Duration::zero(), EventPhase::Update, [this] {
      record(21)();
      engine.schedule(engine.now(), EventPhase::Update, record(22));  // chained within the phase
    });
  });
  engine.schedule(t, EventPhase::Update, record(20));     // scheduled first: runs first in Update
  engine.schedule(t, EventPhase::Publish, record(30));    // before 40, which was scheduled later
  engine.schedule(t + microseconds(1), record(50));
  engine.runUntil(t);  // end exactly on the instant: the whole instant runs in this slice
  EXPECT_EQ(log, (Log{{t, 10}, {t, 20}, {t, 21}, {t, 22}, {t, 30}, {t, 40}}));
  EXPECT_EQ(engine.pendingEvents(), 1u);
}

TEST_F(EngineTest, SchedulingInThePastThrows) {
  engine.runUntil(kT0 + seconds(10));
  expectThrowsWith<std::logic_error>([&] { engine.schedule(kT0 + seconds(5), record(0)); },
                                     "2026-01-05T00:00:05.000000Z");
  EXPECT_THROW(engine.scheduleIn(-microseconds(1), EventPhase::Update, record(0)), std::logic_error);
  EXPECT_EQ(engine.pendingEvents(), 0u);
  // The current instant itself is not the past.
  engine.schedule(engine.now(), record(1));
  engine.runUntil(engine.now());
  EXPECT_EQ(log, (Log{{kT0 + seconds(10), 1}}));
}

TEST_F(EngineTest, RunUntilBeforeNowThrows) {
  engine.runUntil(kT0 + seconds(1));
  EXPECT_THROW(engine.runUntil(kT0), std::invalid_argument);
  EXPECT_EQ(engine.now(), kT0 + seconds(1));
}

TEST_F(EngineTest, RunUntilEndsAtEndAndRunsEventsExactlyAtEnd) {
  engine.schedule(kT0 + seconds(5), record(5));
  engine.schedule(kT0 + seconds(5) + microseconds(1), record(6));
  EXPECT_TRUE(engine.runUntil(kT0 + seconds(5)));
  EXPECT_EQ(engine.now(), kT0 + seconds(5));
  EXPECT_EQ(idsOf(log), (std::vector<int>{5}));
  EXPECT_TRUE(engine.runUntil(kT0 + seconds(7)));  // nothing more until 7 s but the 1 us event
  EXPECT_EQ(engine.now(), kT0 + seconds(7));
  EXPECT_EQ(idsOf(log), (std::vector<int>{5, 6}));
  EXPECT_TRUE(engine.runFor(hours(1)));
  EXPECT_EQ(engine.now(), kT0 + seconds(7) + hours(1));
}

TEST_F(EngineTest, CancelledEventNeverRuns) {
  const EventId doomed = engine.schedule(kT0 + seconds(2), record(2));
  const EventId ranAlready = engine.schedule(kT0 + seconds(1), [this, &doomed] {
    record(1)();
    EXPECT_TRUE(engine.cancel(doomed));  // from inside a callback
  });
  engine.schedule(kT0 + seconds(3), record(3));
  engine.runUntil(kT0 + seconds(10));
  EXPECT_EQ(idsOf(log), (std::vector<int>{1, 3}));
  EXPECT_FALSE(engine.cancel(doomed));
  EXPECT_FALSE(engine.cancel(ranAlready));
  EXPECT_EQ(engine.eventsDispatched(), 2u);
}

TEST_F(EngineTest, CancelOfStaleIdDoesNotCancelAReusedSlot) {
  const EventId old = engine.schedule(kT0 + seconds(1), record(1));
  engine.runUntil(kT0 + seconds(1));
  engine.schedule(kT0 + seconds(2), record(2));
  EXPECT_FALSE(engine.cancel(old));
  engine.runUntil(kT0 + seconds(2));
  EXPECT_EQ(idsOf(log), (std::vector<int>{1, 2}));
}

TEST_F(EngineTest, CallbackExceptionPropagatesAndTheEngineStaysUsable) {
  engine.schedule(kT0 + seconds(1), [] { throw std::runtime_error("model failure"); });
  engine.schedule(kT0 + seconds(2), record(2));
  expectThrowsWith<std::runtime_error>([&] { engine.runUntil(kT0 + seconds(5)); }, "model failure");
  EXPECT_EQ(engine.now(), kT0 + seconds(1));
  EXPECT_TRUE(engine.runUntil(kT0 + seconds(5)));
  EXPECT_EQ(idsOf(log), (std::vector<int>{2}));
}

TEST_F(EngineTest, ReentrantRunUntilThrows) {
  engine.schedule(kT0 + seconds(1), [this] { engine.runUntil(kT0 + seconds(2)); });
  EXPECT_THROW(engine.runUntil(kT0 + seconds(5)), std::logic_error);
  EXPECT_TRUE(engine.runUntil(kT0 + seconds(5)));
}

TEST_F(EngineTest, ClockCannotBeNullOrChangedDuringARun) {
  EXPECT_THROW(engine.setClock(nullptr), std::invalid_argument);
  engine.schedule(kT0, [this] { engine.setClock(std::make_unique<VirtualClock>()); });
  EXPECT_THROW(engine.runUntil(kT0), std::logic_error);
  engine.setClock(std::make_unique<VirtualClock>());  // fine between runs
}

// ---------------------------------------------------------------------------------------
// Slicing: one runUntil(T) and any sequence of runUntil(t_i) ending at T dispatch the same
// events at the same times.

class CountingComponent final : public SteppedComponent {
 public:
  CountingComponent(std::string id, Log& log) : id_(std::move(id)), log_(log) {}
  const std::string& componentId() const override { return id_; }
  void observe(Time) override { seen_ = count_; }
  void update(Time t) override {
    count_ = seen_ + 1;
    if (count_ % 10 == 0) log_.push_back({t, 5000 + count_});
  }

 private:
  std::string id_;
  Log& log_;
  int count_ = 0;
  int seen_ = 0;
};

constexpr Time kScenarioEnd = kT0 + minutes(10);

/// Periodic tasks (one that cancels itself), a stepped component, and a chain of one-shot
/// events at RNG-driven delays (some zero) that spawn and cancel further events.
Log runSlicedScenario(const std::vector<Time>& sliceEnds) {
  Engine engine({.start = kT0, .seed = 99});
  Log log;
  auto record = [&](int id) { log.push_back({engine.now(), id}); };
  engine.every(microseconds(333'333), kT0, EventPhase::Update, [&](Time) { record(1); });
  engine.every(seconds(1), kT0 + milliseconds(500), EventPhase::Publish, [&](Time) { record(2); });
  TaskId selfCancelling;
  int selfRuns = 0;
  selfCancelling = engine.every(milliseconds(700), kT0, EventPhase::Input, [&](Time) {
    record(3);
    if (++selfRuns == 100) engine.cancelTask(selfCancelling);
  });
  CountingComponent meter("meter", log);
  engine.addStepped(meter, seconds(2));

  RngStream rng = engine.rngFor("arrivals");
  EventId lastDeparture;
  int arrivals = 0;
  std::function<void()> arrive = [&] {
    const int n = arrivals++;
    record(1000 + n);
    if (rng.bernoulli(0.3)) {
      const auto phase = static_cast<EventPhase>(rng.uniformInt(0, 3));
      lastDeparture = engine.scheduleIn(milliseconds(rng.uniformInt(0, 5000)), phase, [&record, n] { record(100'000 + n); });
    } else if (rng.bernoulli(0.2)) {
      engine.cancel(lastDeparture);
    }
    const auto delay = rng.bernoulli(0.1) ? Duration::zero() : milliseconds(rng.uniformInt(1, 3000));
    engine.scheduleIn(delay, EventPhase::Update, arrive);
  };
  engine.schedule(kT0, EventPhase::Input, arrive);

  for (const Time end : sliceEnds) {
    EXPECT_TRUE(engine.runUntil(end));
    EXPECT_EQ(engine.now(), end);
  }
  return log;
}

class SlicingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { reference = new Log(runSlicedScenario({kScenarioEnd})); }
  static void TearDownTestSuite() {
    delete reference;
    reference = nullptr;
  }
  static void expectSameAsOneRun(std::vector<Time> ends) {
    std::sort(ends.begin(), ends.end());
    ends.push_back(kScenarioEnd);
    const Log sliced = runSlicedScenario(ends);
    ASSERT_EQ(sliced.size(), reference->size());
    EXPECT_TRUE(sliced == *reference);
  }
  static Log* reference;
};
Log* SlicingTest::reference = nullptr;

TEST_F(SlicingTest, ReferenceRunIsRich) {
  const auto count = [](int low, int high) {
    return std::count_if(reference->begin(), reference->end(), [&](const Entry& e) { return e.id >= low && e.id < high; });
  };
  EXPECT_EQ(count(1, 2), 1801);    // 333333 us over 10 min: k = 0..1800
  EXPECT_EQ(count(2, 3), 600);     // 0.5 s, 1.5 s, ... 599.5 s
  EXPECT_EQ(count(3, 4), 100);     // cancelled itself after 100 runs
  EXPECT_EQ(count(5000, 6000), 30);  // 301 steps, logged every 10th
  EXPECT_GT(count(1000, 100'000), 300);
  EXPECT_GT(count(100'000, 200'000), 50);
  const auto sameInstant = std::adjacent_find(reference->begin(), reference->end(), [](const Entry& a, const Entry& b) {
    return a.at == b.at && a.id >= 1000 && b.id >= 1000 && a.id < 100'000 && b.id < 100'000;
  });
  EXPECT_NE(sameInstant, reference->end()) << "the scenario should chain zero-delay events";
}

TEST_F(SlicingTest, ThousandEqualSlices) {
  std::vector<Time> ends;
  for (int i = 1; i < 1000; ++i) ends.push_back(kT0 + (kScenarioEnd - kT0) * i / 1000);
  expectSameAsOneRun(ends);
}

TEST_F(SlicingTest, IrregularSlicesIncludingEmptyOnes) {
  RngStream rng(5, "slices");
  std::vector<Time> ends;
  for (int i = 0; i < 1000; ++i) ends.push_back(kT0 + microseconds(rng.uniformInt(0, toMicros(kScenarioEnd - kT0))));
  for (int i = 0; i < 20; ++i) ends.push_back(ends[static_cast<std::size_t>(i)]);  // zero-length slices
  ends.push_back(kT0);
  expectSameAsOneRun(ends);
}

TEST_F(SlicingTest, SlicesEndingExactlyOnEventTimes) {
  std::vector<Time> ends;
  for (std::size_t i = 0; i < reference->size(); i += 3) ends.push_back((*reference)[i].at);
  expectSameAsOneRun(ends);
}

TEST_F(SlicingTest, SlicesEndingOneMicrosecondAroundEventTimes) {
  std::vector<Time> ends;
  for (std::size_t i = 1; i < reference->size(); i += 5) {
    ends.push_back((*reference)[i].at - microseconds(1));
    ends.push_back((*reference)[i].at + microseconds(1));
  }
  ends.erase(std::remove_if(ends.begin(), ends.end(), [](Time t) { return t < kT0 || t > kScenarioEnd; }), ends.end());
  expectSameAsOneRun(ends);
}

TEST(ManyEngines, RepeatedRunsAreIdentical) {
  EXPECT_EQ(runSlicedScenario({kScenarioEnd}), runSlicedScenario({kScenarioEnd}));
}

TEST(ManyEngines, InterleavedEnginesDoNotInfluenceEachOther) {
  // No global state: two engines driven alternately, in different slices, log the same.
  struct Twin {
    Engine engine{{.start = kT0, .seed = 1}};
    RngStream rng = engine.rngFor("x");
    Log log;
    Twin() {
      engine.every(seconds(1), kT0, EventPhase::Update,
                   [this](Time t) { log.push_back({t, static_cast<int>(rng.uniformInt(0, 1'000'000))}); });
    }
  };
  Twin a;
  Twin b;
  for (int i = 1; i <= 60; ++i) {
    a.engine.runUntil(kT0 + seconds(i));
    b.engine.runUntil(kT0 + seconds(i) / 2);
  }
  b.engine.runUntil(kT0 + seconds(60));
  EXPECT_EQ(a.log.size(), 61u);
  EXPECT_EQ(a.log, b.log);
}

}  // namespace
}  // namespace ews

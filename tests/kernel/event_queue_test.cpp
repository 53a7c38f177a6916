#include "ews/kernel/event_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "ews/kernel/rng.hpp"
#include "kernel_test_support.hpp"

namespace ews {
namespace {

using test::Entry;
using test::idsOf;
using test::kT0;
using test::Log;

/// An EventQueue whose callbacks append (time, id) to a log, drained by popping.
class EventQueueTest : public ::testing::Test {
 protected:
  EventId push(Time at, int id, EventPhase phase = EventPhase::Update) {
    return queue.push(at, phase, [this, at, id] { log.push_back({at, id}); });
  }
  void drain() {
    while (!queue.empty()) {
      auto popped = queue.pop();
      popped.callback();
    }
  }

  EventQueue queue;
  Log log;
};

TEST_F(EventQueueTest, PopsInTimeOrder) {
  RngStream rng(11, "queue-times");
  std::vector<Entry> expected;
  for (int id = 0; id < 2000; ++id) {
    const Time at = kT0 + milliseconds(rng.uniformInt(0, 1'000'000));
    push(at, id);
    expected.push_back({at, id});
  }
  std::stable_sort(expected.begin(), expected.end(), [](const Entry& a, const Entry& b) { return a.at < b.at; });
  drain();
  EXPECT_EQ(log, expected);
}

TEST_F(EventQueueTest, PhasesOrderEqualTimesWhateverThePushOrder) {
  push(kT0, 3, EventPhase::Publish);
  push(kT0, 2, EventPhase::Update);
  push(kT0, 1, EventPhase::Observe);
  push(kT0, 0, EventPhase::Input);
  push(kT0 - microseconds(1), -1, EventPhase::Publish);  // earlier time beats any phase
  drain();
  EXPECT_EQ(idsOf(log), (std::vector<int>{-1, 0, 1, 2, 3}));
}

TEST_F(EventQueueTest, PoppedCarriesTimeAndPhase) {
  push(kT0 + seconds(2), 0, EventPhase::Observe);
  const auto popped = queue.pop();
  EXPECT_EQ(popped.at, kT0 + seconds(2));
  EXPECT_EQ(popped.phase, EventPhase::Observe);
  EXPECT_TRUE(popped.callback);
}

TEST_F(EventQueueTest, EqualTimeAndPhaseIsFirstInFirstOut) {
  constexpr int kCount = 10'000;
  // Interleave two phases and two instants so the heap has to reorder.
  for (int id = 0; id < kCount; ++id) {
    const Time at = id % 3 == 0 ? kT0 + seconds(1) : kT0;
    push(at, id, id % 2 == 0 ? EventPhase::Update : EventPhase::Publish);
  }
  drain();
  ASSERT_EQ(log.size(), std::size_t{kCount});
  auto key = [](int id) { return std::make_tuple(id % 3 == 0 ? 1 : 0, id % 2 == 0 ? 0 : 1, id); };
  for (std::size_t i = 1; i < log.size(); ++i) {
    EXPECT_LT(key(log[i - 1].id), key(log[i].id)) << "at position " << i;
  }
}

TEST_F(EventQueueTest, SteadyStreamOfInOrderPushesStaysInOrder) {
  // Like 3000 periodic tasks: each pop pushes one event a fixed delay later, with a few
  // cancellations along the way.
  constexpr int kPending = 3000;
  constexpr int kPops = 30'000;
  int nextId = 0;
  std::vector<EventId> ids;
  for (; nextId < kPending; ++nextId) ids.push_back(push(kT0 + milliseconds(nextId), nextId));
  int cancelled = 0;
  for (int i = 0; i < kPops; ++i) {
    auto popped = queue.pop();
    popped.callback();
    ids.push_back(push(popped.at + milliseconds(kPending), nextId++));
    if (i % 1000 == 0 && queue.cancel(ids[ids.size() - 10])) ++cancelled;
  }
  ASSERT_EQ(log.size(), std::size_t{kPops});
  for (std::size_t i = 1; i < log.size(); ++i) {
    ASSERT_LT(log[i - 1].id, log[i].id) << "at pop " << i;
    ASSERT_LT(log[i - 1].at, log[i].at) << "at pop " << i;
  }
  EXPECT_EQ(cancelled, kPops / 1000);
  EXPECT_EQ(queue.size(), std::size_t{kPending} - cancelled);
}

TEST_F(EventQueueTest, SizeAndNextTimeIgnoreCancelledEvents) {
  EXPECT_TRUE(queue.empty());
  EXPECT_FALSE(queue.nextTime().has_value());
  const EventId first = push(kT0 + seconds(1), 1);
  push(kT0 + seconds(2), 2);
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue.nextTime(), kT0 + seconds(1));
  EXPECT_TRUE(queue.cancel(first));
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.nextTime(), kT0 + seconds(2));
  drain();
  EXPECT_EQ(idsOf(log), (std::vector<int>{2}));
  EXPECT_TRUE(queue.empty());
  EXPECT_FALSE(queue.nextTime().has_value());
}

TEST_F(EventQueueTest, CancelledEventNeverRunsAndCancelIsOnce) {
  const EventId id = push(kT0, 1);
  push(kT0, 2);
  EXPECT_TRUE(queue.cancel(id));
  EXPECT_FALSE(queue.cancel(id));
  drain();
  EXPECT_EQ(idsOf(log), (std::vector<int>{2}));
  EXPECT_FALSE(queue.cancel(id));
}

TEST_F(EventQueueTest, CancelAfterRunReturnsFalse) {
  const EventId id = push(kT0, 1);
  drain();
  EXPECT_FALSE(queue.cancel(id));
}

TEST_F(EventQueueTest, StaleIdDoesNotCancelTheEventThatReusedItsSlot) {
  const EventId old = push(kT0, 1);
  drain();
  const EventId reused = push(kT0 + seconds(1), 2);  // most likely in the same slot
  EXPECT_NE(old, reused);
  EXPECT_FALSE(queue.cancel(old));
  drain();
  EXPECT_EQ(idsOf(log), (std::vector<int>{1, 2}));

  // Same after a cancellation frees the slot.
  const EventId cancelled = push(kT0 + seconds(2), 3);
  EXPECT_TRUE(queue.cancel(cancelled));
  drain();  // drops the cancelled head, releasing its slot
  push(kT0 + seconds(3), 4);
  EXPECT_FALSE(queue.cancel(cancelled));
  drain();
  EXPECT_EQ(idsOf(log), (std::vector<int>{1, 2, 4}));
}

TEST_F(EventQueueTest, InvalidIdsAreNotCancellable) {
  push(kT0, 1);
  EXPECT_FALSE(queue.cancel(EventId{}));
  EXPECT_FALSE(queue.cancel(EventId{0xffff'ffff'0000'0000ULL}));  // slot 0, wrong generation
  EXPECT_FALSE(queue.cancel(EventId{12345}));                     // no such slot
  EXPECT_EQ(queue.size(), 1u);
}

// Random pushes, cancels and pops against a plain ordered map as the reference model. The
// parameter is the percentage of pushes made in increasing (time, phase) order — the pattern
// of periodic tasks — mixed with pushes at random times, so any fast path for in-order
// pushes is exercised together with the general one.
class EventQueueModelTest : public EventQueueTest, public ::testing::WithParamInterface<int> {};

TEST_P(EventQueueModelTest, MatchesAnOrderedMapUnderRandomOperations) {
  using Key = std::tuple<Time, int, int>;  // time, phase, insertion sequence
  std::map<Key, int> model;
  std::vector<std::pair<EventId, Key>> handles;
  RngStream rng(12, "queue-model-" + std::to_string(GetParam()));
  Time now = kT0;
  Time lastInOrder = kT0;
  int sequence = 0;
  for (int step = 0; step < 50'000; ++step) {
    const auto op = rng.uniformInt(0, 9);
    if (op < 5) {
      const bool inOrder = rng.uniformInt(0, 99) < GetParam();
      const Time at = inOrder ? std::max(now, lastInOrder) + milliseconds(rng.uniformInt(0, 2))
                              : now + milliseconds(rng.uniformInt(0, 50));
      const auto phase = inOrder ? EventPhase::Publish : static_cast<EventPhase>(rng.uniformInt(0, 3));
      if (inOrder) lastInOrder = at;
      const Key key{at, static_cast<int>(phase), sequence};
      handles.emplace_back(push(at, sequence, phase), key);
      model.emplace(key, sequence++);
    } else if (op < 7 && !handles.empty()) {
      const auto pick = static_cast<std::size_t>(rng.uniformInt(0, static_cast<std::int64_t>(handles.size()) - 1));
      const auto [id, key] = handles[pick];
      EXPECT_EQ(queue.cancel(id), model.erase(key) == 1);
    } else if (!model.empty()) {
      ASSERT_FALSE(queue.empty());
      ASSERT_EQ(queue.nextTime(), std::get<0>(model.begin()->first));
      auto popped = queue.pop();
      popped.callback();
      ASSERT_EQ(log.back().id, model.begin()->second);
      ASSERT_EQ(static_cast<int>(popped.phase), std::get<1>(model.begin()->first));
      now = popped.at;
      model.erase(model.begin());
    }
    ASSERT_EQ(queue.size(), model.size());
  }
  EXPECT_GT(sequence, 20'000);
}

INSTANTIATE_TEST_SUITE_P(InOrderPercent, EventQueueModelTest, ::testing::Values(0, 50, 95, 100));

TEST_F(EventQueueTest, SameTimeEarlierPhasePushedAfterAPopRunsNext) {
  // The engine allows scheduling at the current time in an earlier phase than the event that
  // is running: that event must run next, before later phases at the same time and before
  // anything later, wherever those are stored.
  for (int id = 0; id < 600; ++id) push(kT0 + milliseconds(id * 7 % 600), 1000 + id, EventPhase::Publish);
  push(kT0, 1, EventPhase::Update);
  push(kT0, 2, EventPhase::Publish);
  auto popped = queue.pop();  // (kT0, Update)
  popped.callback();
  push(kT0, 3, EventPhase::Observe);
  push(kT0, 4, EventPhase::Input);
  push(kT0, 5, EventPhase::Update);
  for (int i = 0; i < 5; ++i) {
    popped = queue.pop();
    popped.callback();
  }
  // 1000 is the Publish at kT0 pushed first, so it precedes 2 (FIFO within the phase).
  EXPECT_EQ(idsOf(log), (std::vector<int>{1, 4, 3, 5, 1000, 2}));
}

TEST_F(EventQueueTest, PushesBeforeTheLastPopKeepTheirOrder) {
  // Not something the engine does, but the bare queue accepts it: refill the queue at times
  // earlier than what it already dispatched, with and without pending events.
  for (int round = 0; round < 3; ++round) {
    RngStream rng(13, "queue-past-" + std::to_string(round));
    std::vector<Entry> expected;
    for (int id = 0; id < 5000; ++id) {
      const Time at = kT0 + microseconds(rng.uniformInt(0, 3'600'000'000));
      push(at, id);
      expected.push_back({at, id});
    }
    std::stable_sort(expected.begin(), expected.end(), [](const Entry& a, const Entry& b) { return a.at < b.at; });
    log.clear();
    for (int i = 0; i < 2500; ++i) queue.pop().callback();
    std::vector<Entry> past;
    for (int id = 5000; id < 5100; ++id) {  // earlier than the events already dispatched
      const Time at = kT0 - microseconds(id);
      push(at, id);
      past.insert(past.begin(), Entry{at, id});
    }
    expected.insert(expected.begin() + 2500, past.begin(), past.end());
    drain();
    EXPECT_EQ(log, expected) << "round " << round;
  }
}

// Like EventQueueModelTest, over delays from a microsecond to days (so every level of a
// bucketed structure is used), with many events at the same instant, pushes at the current
// time in earlier phases, and bursts of cancellations.
TEST_F(EventQueueTest, MatchesAnOrderedMapOverWideTimeRanges) {
  using Key = std::tuple<Time, int, int>;  // time, phase, insertion sequence
  std::map<Key, int> model;
  std::vector<std::pair<EventId, Key>> handles;
  RngStream rng(14, "queue-model-wide");
  Time now = kT0;
  int sequence = 0;
  auto pushOne = [&](Time at, EventPhase phase) {
    const Key key{at, static_cast<int>(phase), sequence};
    handles.emplace_back(push(at, sequence, phase), key);
    model.emplace(key, sequence++);
  };
  for (int step = 0; step < 200'000; ++step) {
    const auto op = rng.uniformInt(0, 99);
    if (op < 50) {
      const auto scale = rng.uniformInt(0, 5);  // delays up to 1 us, 1 ms, 1 s, 1 h, 10 d, 0
      const std::int64_t maxDelay = scale == 0 ? 1 : scale == 1 ? 1'000 : scale == 2 ? 1'000'000
                                    : scale == 3 ? 3'600'000'000 : scale == 4 ? 864'000'000'000 : 0;
      pushOne(now + microseconds(rng.uniformInt(0, maxDelay)), static_cast<EventPhase>(rng.uniformInt(0, 3)));
    } else if (op < 52) {
      for (int i = 0; i < 50; ++i) pushOne(now + seconds(1), EventPhase::Update);  // a crowded instant
    } else if (op < 62 && !handles.empty()) {
      const auto pick = static_cast<std::size_t>(rng.uniformInt(0, static_cast<std::int64_t>(handles.size()) - 1));
      const auto [id, key] = handles[pick];
      EXPECT_EQ(queue.cancel(id), model.erase(key) == 1);
    } else if (op < 63) {
      for (int i = 0; i < 20 && !handles.empty(); ++i) {  // a burst, newest first
        const auto [id, key] = handles.back();
        handles.pop_back();
        EXPECT_EQ(queue.cancel(id), model.erase(key) == 1);
      }
    } else if (!model.empty()) {
      ASSERT_EQ(queue.nextTime(), std::get<0>(model.begin()->first));
      auto popped = queue.pop();
      popped.callback();
      ASSERT_EQ(log.back().id, model.begin()->second) << "at step " << step;
      ASSERT_EQ(static_cast<int>(popped.phase), std::get<1>(model.begin()->first));
      now = popped.at;
      model.erase(model.begin());
      if (op < 70) pushOne(now, EventPhase::Input);  // same time, possibly an earlier phase
    }
    ASSERT_EQ(queue.size(), model.size());
    if (handles.size() > 100'000) handles.erase(handles.begin(), handles.begin() + 50'000);
  }
  EXPECT_GT(sequence, 100'000);
  while (!model.empty()) {
    ASSERT_EQ(queue.nextTime(), std::get<0>(model.begin()->first));
    queue.pop().callback();
    ASSERT_EQ(log.back().id, model.begin()->second);
    model.erase(model.begin());
  }
  EXPECT_TRUE(queue.empty());
  EXPECT_FALSE(queue.nextTime().has_value());
}

}  // namespace
}  // namespace ews

#include "ews/kernel/stepped.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "kernel_test_support.hpp"

namespace ews {
namespace {

using test::kT0;

struct Call {
  char phase;  // 'o' observe, 'u' update
  std::string id;
  Time at;
  friend bool operator==(const Call&, const Call&) = default;
};
std::ostream& operator<<(std::ostream& out, const Call& c) {
  return out << c.phase << ':' << c.id << '@' << formatUtc(c.at);
}
using Trace = std::vector<Call>;

/// A component whose next value is the mean of its own and its neighbours' values at t.
/// With a single neighbour and no self weight it swaps values with that neighbour.
class Averager final : public SteppedComponent {
 public:
  Averager(std::string id, double value, Trace* trace = nullptr)
      : id_(std::move(id)), value_(value), trace_(trace) {}

  const std::string& componentId() const override { return id_; }
  void observe(Time t) override {
    if (trace_) trace_->push_back({'o', id_, t});
    double sum = includeSelf ? value_ : 0.0;
    for (const Averager* n : neighbours) sum += n->value_;
    intent_ = sum / static_cast<double>(neighbours.size() + (includeSelf ? 1 : 0));
  }
  void update(Time t) override {
    if (trace_) trace_->push_back({'u', id_, t});
    value_ = intent_;
  }
  double value() const { return value_; }

  std::vector<const Averager*> neighbours;
  bool includeSelf = true;

 private:
  std::string id_;
  double value_;
  double intent_ = 0.0;
  Trace* trace_;
};

/// A ring of averagers with distinct starting values.
struct Ring {
  explicit Ring(int size, Trace* trace = nullptr) {
    for (int i = 0; i < size; ++i) {
      nodes.push_back(std::make_unique<Averager>("node-" + std::to_string(i), i * i * 1.7 - 3.0 * i, trace));
    }
    for (int i = 0; i < size; ++i) {
      auto& n = *nodes[static_cast<std::size_t>(i)];
      n.neighbours = {nodes[static_cast<std::size_t>((i + size - 1) % size)].get(),
                      nodes[static_cast<std::size_t>((i + 1) % size)].get()};
    }
  }
  std::vector<double> values() const {
    std::vector<double> v;
    for (const auto& n : nodes) v.push_back(n->value());
    return v;
  }
  std::vector<std::unique_ptr<Averager>> nodes;
};

/// Runs a ring for `ticks` 1 s steps, adding the nodes in `addOrder`; returns final values.
std::vector<double> runRing(const std::vector<int>& addOrder, int ticks, Trace* trace = nullptr) {
  Ring ring(static_cast<int>(addOrder.size()), trace);
  Engine engine({.start = kT0, .seed = 1});
  for (int i : addOrder) engine.addStepped(*ring.nodes[static_cast<std::size_t>(i)], seconds(1));
  engine.runUntil(kT0 + seconds(ticks - 1));
  return ring.values();
}

class SteppedTest : public ::testing::Test {
 protected:
  Engine engine{{.start = kT0, .seed = 1}};
  Trace trace;
};

TEST_F(SteppedTest, ObserveSeesTheStateAtTSoTwoComponentsSwap) {
  Averager a("a", 1.0);
  Averager b("b", 2.0);
  for (auto [self, other] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    self->neighbours = {other};
    self->includeSelf = false;
  }
  engine.addStepped(b, seconds(1));
  engine.addStepped(a, seconds(1));
  engine.runUntil(kT0);  // one tick
  EXPECT_EQ(a.value(), 2.0);
  EXPECT_EQ(b.value(), 1.0);
  engine.runUntil(kT0 + seconds(1));
  EXPECT_EQ(a.value(), 1.0);
  EXPECT_EQ(b.value(), 2.0);
}

TEST_F(SteppedTest, ResultsDoNotDependOnTheOrderOfAddition) {
  std::vector<int> order{0, 1, 2, 3, 4, 5};
  const auto reference = runRing(order, 50);
  EXPECT_NE(reference, Ring(6).values());  // the values did move
  int permutations = 0;
  while (std::next_permutation(order.begin(), order.end())) {
    ASSERT_EQ(runRing(order, 50), reference) << "permutation " << permutations;
    ++permutations;
  }
  EXPECT_EQ(permutations, 719);
}

TEST_F(SteppedTest, EachTickObservesAllThenUpdatesAllInIdOrder) {
  runRing({4, 2, 0, 1, 3}, 2, &trace);
  Trace expected;
  for (int tick = 0; tick < 2; ++tick) {
    for (char phase : {'o', 'u'}) {
      for (int i = 0; i < 5; ++i) expected.push_back({phase, "node-" + std::to_string(i), kT0 + seconds(tick)});
    }
  }
  EXPECT_EQ(trace, expected);
}

TEST_F(SteppedTest, GroupsOfDifferentPeriodsObserveBeforeAnyUpdate) {
  Averager fast("fast", 0.0, &trace);
  Averager slow("slow", 10.0, &trace);
  fast.neighbours = {&slow};
  slow.neighbours = {&fast};
  engine.addStepped(fast, seconds(1));
  engine.addStepped(slow, seconds(2));
  engine.runUntil(kT0 + seconds(2));
  const Time t2 = kT0 + seconds(2);
  const Trace atT2(trace.end() - 4, trace.end());
  for (std::size_t i = 0; i < atT2.size(); ++i) {
    EXPECT_EQ(atT2[i].at, t2);
    EXPECT_EQ(atT2[i].phase, i < 2 ? 'o' : 'u') << "call " << i << ": " << atT2[i];
  }
  EXPECT_NE(atT2[0].id, atT2[1].id);
  EXPECT_NE(atT2[2].id, atT2[3].id);
  EXPECT_EQ(trace.size(), 2u * 3 + 2u * 2);  // fast: 0, 1, 2 s; slow: 0, 2 s
}

TEST_F(SteppedTest, DuplicateIdThrowsWhateverThePeriod) {
  Averager first("meter-1", 0.0);
  Averager sameId("meter-1", 0.0);
  engine.addStepped(first, seconds(1));
  EXPECT_THROW(engine.addStepped(sameId, seconds(1)), std::invalid_argument);
  test::expectThrowsWith<std::invalid_argument>([&] { engine.addStepped(sameId, seconds(5)); }, "meter-1");
}

TEST_F(SteppedTest, NonPositivePeriodThrows) {
  Averager a("a", 0.0);
  EXPECT_THROW(engine.addStepped(a, Duration::zero()), std::invalid_argument);
  EXPECT_THROW(engine.addStepped(a, -seconds(1)), std::invalid_argument);
}

/// First call received by `id` in the trace.
const Call* firstCallOf(const Trace& trace, const std::string& id) {
  const auto it = std::find_if(trace.begin(), trace.end(), [&](const Call& c) { return c.id == id; });
  return it == trace.end() ? nullptr : &*it;
}

TEST_F(SteppedTest, AddedMidRunStartsAtTheNextAlignedTick) {
  Averager early("early", 0.0, &trace);
  Averager late("late", 0.0, &trace);
  Averager lateSlow("late-slow", 0.0, &trace);
  Averager lateOdd("late-odd", 0.0, &trace);
  engine.addStepped(early, seconds(1));
  engine.runUntil(kT0 + milliseconds(2500));
  engine.addStepped(late, seconds(1));       // existing group
  engine.runUntil(kT0 + milliseconds(3500));
  engine.addStepped(lateSlow, seconds(2));   // new group, aligned on the engine's start
  engine.addStepped(lateOdd, seconds(3));
  engine.runUntil(kT0 + seconds(10));
  EXPECT_EQ(*firstCallOf(trace, "late"), (Call{'o', "late", kT0 + seconds(3)}));
  EXPECT_EQ(*firstCallOf(trace, "late-slow"), (Call{'o', "late-slow", kT0 + seconds(4)}));
  EXPECT_EQ(*firstCallOf(trace, "late-odd"), (Call{'o', "late-odd", kT0 + seconds(6)}));
}

TEST_F(SteppedTest, AddedAfterAnAlignedTickRanStartsAtTheFollowingOne) {
  Averager early("early", 0.0, &trace);
  Averager late("late", 0.0, &trace);
  engine.addStepped(early, seconds(1));
  engine.runUntil(kT0 + seconds(3));  // the 3 s step ran in this slice
  engine.addStepped(late, seconds(1));
  engine.runUntil(kT0 + seconds(5));
  EXPECT_EQ(*firstCallOf(trace, "late"), (Call{'o', "late", kT0 + seconds(4)}));
}

TEST_F(SteppedTest, AddedByAnInputEventAtAnAlignedTickStepsInThatTick) {
  Averager early("early", 0.0, &trace);
  Averager late("late", 0.0, &trace);
  engine.addStepped(early, seconds(1));
  engine.schedule(kT0 + seconds(3), EventPhase::Input, [&] { engine.addStepped(late, seconds(1)); });
  engine.runUntil(kT0 + seconds(3));
  EXPECT_EQ(*firstCallOf(trace, "late"), (Call{'o', "late", kT0 + seconds(3)}));
}

// A component added between the observe and update passes of a tick must not be updated
// without having observed: its first call is always observe().
TEST_F(SteppedTest, AddedDuringUpdatePhaseOfATickIsNotUpdatedWithoutObserving) {
  Averager early("early", 0.0, &trace);
  Averager late("late", 0.0, &trace);
  engine.addStepped(early, seconds(1));
  // Scheduled now, so it runs before the group's update pass at 3 s (FIFO within Update).
  engine.schedule(kT0 + seconds(3), EventPhase::Update, [&] { engine.addStepped(late, seconds(1)); });
  engine.runUntil(kT0 + seconds(5));
  const Call* first = firstCallOf(trace, "late");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->phase, 'o') << "first call: " << *first;
}

}  // namespace
}  // namespace ews

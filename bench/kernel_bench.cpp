// Kernel throughput: event scheduling and dispatch, periodic tasks, two-phase steps, RNG.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "ews/kernel/engine.hpp"
#include "ews/kernel/event_queue.hpp"
#include "ews/kernel/rng.hpp"
#include "ews/kernel/stepped.hpp"

namespace {

using namespace ews;

constexpr Time kStart = timeFromMicros(1'767'571'200'000'000);  // 2026-01-05T00:00:00Z
constexpr int kDevices = 255;                                    // an EWS 255's full bus
constexpr Duration kPollPeriod = seconds(1);
constexpr Duration kHour = hours(1);

enum class Order { Random, Increasing };

/// Offsets (from the current time) of `count` events, random over one hour or increasing.
std::vector<Duration> eventOffsets(std::size_t count, Order order) {
  std::vector<Duration> offsets(count);
  RngStream rng(1, "bench-offsets");
  for (std::size_t i = 0; i < count; ++i) {
    offsets[i] = order == Order::Random ? microseconds(rng.uniformInt(0, toMicros(kHour)))
                                        : microseconds(static_cast<std::int64_t>(i) * 3);
  }
  return offsets;
}

/// Schedules N trivial events and dispatches them all. The engine is reused across
/// iterations (as in a long run), so its queue storage is warm after the first one.
/// Target: >= 10 million events/s on one core.
void BM_ScheduleDispatch(benchmark::State& state, Order order) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const auto offsets = eventOffsets(count, order);
  const Duration span = *std::max_element(offsets.begin(), offsets.end());
  Engine engine({.start = kStart, .seed = 1});
  std::uint64_t fired = 0;
  for (auto _ : state) {
    const Time base = engine.now();
    for (const Duration offset : offsets) engine.schedule(base + offset, [&fired] { ++fired; });
    engine.runUntil(base + span);
  }
  if (fired != count * static_cast<std::uint64_t>(state.iterations())) state.SkipWithError("events lost");
  state.SetItemsProcessed(static_cast<std::int64_t>(fired));
}
BENCHMARK_CAPTURE(BM_ScheduleDispatch, random_times, Order::Random)->Arg(1 << 20)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScheduleDispatch, increasing_times, Order::Increasing)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

/// Classic "hold" model: a steady pending set of `pending` events; each dispatched event
/// schedules one more at a random delay in [0, 1 s]. Closer to a running twin than
/// BM_ScheduleDispatch (255 devices keep a few hundred events pending).
void BM_HoldModel(benchmark::State& state) {
  struct Context {
    Engine engine{{.start = kStart, .seed = 1}};
    std::vector<Duration> delays;
    std::size_t next = 0;
    void hold() {
      engine.scheduleIn(delays[next++ & (delays.size() - 1)], EventPhase::Update, [this] { hold(); });
    }
  } context;
  RngStream rng(1, "bench-hold");
  for (int i = 0; i < 4096; ++i) context.delays.push_back(microseconds(rng.uniformInt(0, 1'000'000)));
  for (std::int64_t i = 0; i < state.range(0); ++i) context.hold();
  const std::uint64_t before = context.engine.eventsDispatched();
  for (auto _ : state) context.engine.runFor(seconds(10));
  state.SetItemsProcessed(static_cast<std::int64_t>(context.engine.eventsDispatched() - before));
}
BENCHMARK(BM_HoldModel)->Arg(255)->Arg(1 << 16)->ArgName("pending");

/// The bare EventQueue (no engine loop): push N then pop N, to separate queue cost from
/// run-loop cost.
void BM_EventQueuePushPop(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const auto offsets = eventOffsets(count, Order::Random);
  EventQueue queue;
  std::uint64_t fired = 0;
  for (auto _ : state) {
    for (const Duration offset : offsets) queue.push(kStart + offset, EventPhase::Update, [&fired] { ++fired; });
    while (!queue.empty()) queue.pop().callback();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(fired));
}
BENCHMARK(BM_EventQueuePushPop)->Arg(1 << 20)->ArgName("events")->Unit(benchmark::kMillisecond);

/// 255 polled devices: one periodic task each at 1 s, for one simulated hour.
void BM_PeriodicTasks(benchmark::State& state) {
  std::uint64_t dispatched = 0;
  std::vector<std::uint64_t> polls(kDevices, 0);
  for (auto _ : state) {
    Engine engine({.start = kStart, .seed = 1});
    for (std::size_t d = 0; d < polls.size(); ++d) {
      engine.every(kPollPeriod, kStart, EventPhase::Update, [&polls, d](Time) { ++polls[d]; });
    }
    engine.runUntil(kStart + kHour - microseconds(1));
    dispatched += engine.eventsDispatched();
  }
  benchmark::DoNotOptimize(polls.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(dispatched));
  state.counters["events_per_run"] = static_cast<double>(dispatched) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_PeriodicTasks)->Unit(benchmark::kMillisecond);

/// A trivial two-phase component: reads its neighbour's value at t, then adopts it.
class Follower final : public SteppedComponent {
 public:
  explicit Follower(std::string id, double value) : id_(std::move(id)), value_(value) {}
  const std::string& componentId() const override { return id_; }
  void observe(Time) override { intent_ = 0.5 * (value_ + neighbour->value_); }
  void update(Time) override { value_ = intent_; }
  const Follower* neighbour = nullptr;
  double value() const { return value_; }

 private:
  std::string id_;
  double value_;
  double intent_ = 0.0;
};

/// 255 two-phase components stepped at 1 s for one simulated hour; items = component steps.
void BM_SteppedComponents(benchmark::State& state) {
  std::vector<std::unique_ptr<Follower>> components;
  for (int i = 0; i < kDevices; ++i) components.push_back(std::make_unique<Follower>("dev-" + std::to_string(i), i));
  for (std::size_t i = 0; i < components.size(); ++i) {
    components[i]->neighbour = components[(i + 1) % components.size()].get();
  }
  std::int64_t steps = 0;
  for (auto _ : state) {
    Engine engine({.start = kStart, .seed = 1});
    for (auto& c : components) engine.addStepped(*c, kPollPeriod);
    engine.runUntil(kStart + kHour - microseconds(1));
    steps += kDevices * (kHour / kPollPeriod);
  }
  benchmark::DoNotOptimize(components.front()->value());
  state.SetItemsProcessed(steps);
}
BENCHMARK(BM_SteppedComponents)->Unit(benchmark::kMillisecond);

void BM_RngUniform(benchmark::State& state) {
  RngStream rng(42, "dev-1");
  double sum = 0.0;
  for (auto _ : state) {
    sum += rng.uniform01();
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RngUniform);

}  // namespace

#pragma once
// One discrete-event engine: a pending-event queue, a current time, a clock (virtual or wall),
// an input queue for other threads, periodic tasks and two-phase stepped components.
// There is no global engine (docs/design.md decision 9): a process may hold many (a master and its
// slaves, a test, a notebook).
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "ews/kernel/clock.hpp"
#include "ews/kernel/event_queue.hpp"
#include "ews/kernel/input_queue.hpp"
#include "ews/kernel/rng.hpp"
#include "ews/kernel/stepped.hpp"
#include "ews/kernel/time.hpp"

namespace ews {

struct EngineConfig {
  Time start{};            ///< simulated time at construction
  std::uint64_t seed = 1;  ///< scenario seed; every random stream derives from it
};

/// Handle of a periodic task.
struct TaskId {
  std::size_t value = 0;
  bool valid() const { return value != 0; }
};

class Engine {
 public:
  explicit Engine(EngineConfig config = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Time now() const { return now_; }
  std::uint64_t seed() const { return seed_; }

  /// Schedules `callback` at `at` (>= now()) in `phase`. Throws std::logic_error for the past.
  EventId schedule(Time at, EventPhase phase, Callback callback);
  EventId schedule(Time at, Callback callback) { return schedule(at, EventPhase::Update, std::move(callback)); }
  EventId scheduleIn(Duration delay, EventPhase phase, Callback callback) {
    return schedule(now_ + delay, phase, std::move(callback));
  }
  bool cancel(EventId id) { return queue_.cancel(id); }
  std::size_t pendingEvents() const { return queue_.size(); }

  /// Runs `task(t)` at t = first + k x period for k = 0, 1, ... (computed by multiplication,
  /// never by accumulation) until cancelled.
  TaskId every(Duration period, Time first, EventPhase phase, std::function<void(Time)> task);
  bool cancelTask(TaskId id);

  /// Steps `component` every `period` from the engine's start time, in two phases with all
  /// other components of the same period. Ids must be unique per engine. The component must
  /// outlive the engine's runs.
  void addStepped(SteppedComponent& component, Duration period);

  /// Dispatches every event with time <= end, then sets now() = end. Slicing a run with
  /// several runUntil calls gives exactly the same dispatch sequence as one call.
  /// Returns false if stopped by requestStop() before reaching `end`.
  bool runUntil(Time end);
  bool runFor(Duration span) { return runUntil(now_ + span); }

  /// Any thread: the current runUntil returns at the next opportunity. A request made while
  /// no run is in progress is dropped: each runUntil starts with the flag cleared.
  void requestStop();
  /// Any thread: run `command` on the engine's thread at its current tick.
  void post(InputQueue::Command command) { inputs_.post(std::move(command)); }

  /// Replaces the clock (VirtualClock by default). Not during a run.
  void setClock(std::unique_ptr<Clock> clock);
  Clock& clock() { return *clock_; }

  /// The random stream of component `componentId` under this engine's seed.
  RngStream rngFor(std::string_view componentId) const { return RngStream(seed_, componentId); }

  std::uint64_t eventsDispatched() const { return eventsDispatched_; }

 private:
  struct PeriodicTask;
  struct StepGroup;
  void schedulePeriodic(PeriodicTask& task);
  void drainInputs();
  void dispatchNext();

  Time start_;
  Time now_;
  std::uint64_t seed_;
  EventQueue queue_;
  InputQueue inputs_;
  std::unique_ptr<Clock> clock_;
  std::atomic<bool> stopRequested_{false};
  bool running_ = false;
  std::uint64_t eventsDispatched_ = 0;
  std::vector<std::unique_ptr<PeriodicTask>> tasks_;  // index + 1 = TaskId
  std::map<std::int64_t, std::unique_ptr<StepGroup>> stepGroups_;  // by period in us
};

}  // namespace ews

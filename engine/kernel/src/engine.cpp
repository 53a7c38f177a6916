#include "ews/kernel/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace ews {

struct Engine::PeriodicTask {
  Duration period;
  Time first;
  EventPhase phase;
  std::function<void(Time)> task;
  std::int64_t nextIndex = 0;
  EventId pending;
  bool cancelled = false;
};

/// Components stepped at one period, kept sorted by id; their observe and update passes are
/// two periodic tasks in the Observe and Update phases.
struct Engine::StepGroup {
  std::vector<SteppedComponent*> components;
  /// The components that observed at the current tick: the update pass steps exactly these,
  /// so a component added between the two passes (or during one) starts at the next tick.
  std::vector<SteppedComponent*> stepping;
};

Engine::Engine(EngineConfig config)
    : start_(config.start), now_(config.start), seed_(config.seed), clock_(std::make_unique<VirtualClock>()) {}

Engine::~Engine() = default;

EventId Engine::schedule(Time at, EventPhase phase, Callback callback) {
  if (at < now_) {
    throw std::logic_error(fmt::format("cannot schedule an event at {} before the current time {}",
                                       formatUtc(at), formatUtc(now_)));
  }
  return queue_.push(at, phase, std::move(callback));
}

void Engine::schedulePeriodic(PeriodicTask& task) {
  const Time at = task.first + task.period * task.nextIndex;
  task.pending = queue_.push(at, task.phase, [this, &task, at] {
    ++task.nextIndex;
    schedulePeriodic(task);  // before running: the task may cancel itself
    task.task(at);
  });
}

TaskId Engine::every(Duration period, Time first, EventPhase phase, std::function<void(Time)> task) {
  if (period <= Duration::zero()) throw std::invalid_argument("periodic task: period must be > 0");
  if (first < now_) throw std::logic_error("periodic task: first occurrence before the current time");
  auto periodic = std::make_unique<PeriodicTask>();
  periodic->period = period;
  periodic->first = first;
  periodic->phase = phase;
  periodic->task = std::move(task);
  tasks_.push_back(std::move(periodic));
  schedulePeriodic(*tasks_.back());
  return TaskId{tasks_.size()};
}

bool Engine::cancelTask(TaskId id) {
  if (!id.valid() || id.value > tasks_.size()) return false;
  PeriodicTask& task = *tasks_[id.value - 1];
  if (task.cancelled) return false;
  task.cancelled = true;
  queue_.cancel(task.pending);
  return true;
}

void Engine::addStepped(SteppedComponent& component, Duration period) {
  if (period <= Duration::zero()) throw std::invalid_argument("stepped component: period must be > 0");
  for (const auto& [periodMicros, group] : stepGroups_) {
    for (const SteppedComponent* existing : group->components) {
      if (existing->componentId() == component.componentId()) {
        throw std::invalid_argument(fmt::format("duplicate stepped component id '{}'", component.componentId()));
      }
    }
  }
  auto& slot = stepGroups_[period.count()];
  if (!slot) {
    slot = std::make_unique<StepGroup>();
    StepGroup* group = slot.get();
    // First tick: the first multiple of the period from the start that is not in the past.
    const std::int64_t elapsedTicks = (now_ - start_ + period - Duration{1}) / period;
    const Time first = start_ + period * elapsedTicks;
    every(period, first, EventPhase::Observe, [group](Time t) {
      group->stepping = group->components;
      for (SteppedComponent* c : group->stepping) c->observe(t);
    });
    every(period, first, EventPhase::Update, [group](Time t) {
      for (SteppedComponent* c : group->stepping) c->update(t);
    });
  }
  auto& components = slot->components;
  const auto at = std::lower_bound(components.begin(), components.end(), &component,
                                   [](const SteppedComponent* a, const SteppedComponent* b) {
                                     return a->componentId() < b->componentId();
                                   });
  components.insert(at, &component);
}

void Engine::setClock(std::unique_ptr<Clock> clock) {
  if (running_) throw std::logic_error("cannot change the clock during a run");
  if (!clock) throw std::invalid_argument("clock must not be null");
  clock_ = std::move(clock);
}

void Engine::requestStop() {
  stopRequested_ = true;
  inputs_.wake();
}

void Engine::drainInputs() {
  if (!inputs_.mayHavePending()) return;
  for (auto& command : inputs_.takeAll()) command();
}

void Engine::dispatchNext() {
  auto event = queue_.pop();
  now_ = event.at;
  ++eventsDispatched_;
  event.callback();
}

bool Engine::runUntil(Time end) {
  if (running_) throw std::logic_error("runUntil called re-entrantly");
  if (end < now_) throw std::invalid_argument("runUntil: end is before the current time");
  running_ = true;
  stopRequested_ = false;
  clock_->start(now_);
  bool reachedEnd = false;
  try {
    while (!stopRequested_) {
      drainInputs();
      if (stopRequested_) break;
      const auto next = queue_.nextTime();
      const bool eventDue = next && *next <= end;
      const Time target = eventDue ? *next : end;
      if (!clock_->waitUntil(target, inputs_)) {
        // Woken early: posted commands run at the clock's current tick.
        now_ = clock_->currentTick(now_, target);
        continue;
      }
      if (!eventDue) {
        now_ = end;
        reachedEnd = true;
        break;
      }
      dispatchNext();
    }
  } catch (...) {
    running_ = false;
    throw;
  }
  running_ = false;
  return reachedEnd;
}

}  // namespace ews

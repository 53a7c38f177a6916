#pragma once
// The two clocks of the one run loop (docs/design.md decision 2). The engine asks its clock to wait
// until a simulated instant is due; the virtual clock answers at once (jump to the next
// event), the wall clock sleeps until an absolute wall deadline.
#include <chrono>
#include <cstdint>

#include "ews/kernel/input_queue.hpp"
#include "ews/kernel/time.hpp"

namespace ews {

class Clock {
 public:
  virtual ~Clock() = default;
  /// Called when a run starts at simulated time `simNow`.
  virtual void start(Time simNow) = 0;
  /// Blocks until simulated time `target` is due. Returns false when woken early by the input
  /// queue (a post or a stop request) before `target` was due.
  virtual bool waitUntil(Time target, InputQueue& inputs) = 0;
  /// The simulated instant that is "now" for this clock, clamped to [earliest, latest]; posted
  /// commands run at this tick.
  virtual Time currentTick(Time earliest, Time latest) const = 0;
};

/// Virtual time: every instant is due at once; the run jumps from event to event.
class VirtualClock final : public Clock {
 public:
  void start(Time) override {}
  bool waitUntil(Time, InputQueue&) override { return true; }
  Time currentTick(Time earliest, Time) const override { return earliest; }
};

/// Wall-clock pacing: simulated instant t is due at wallAnchor + (t - simAnchor) / speed.
/// Deadlines are computed from the anchor every time (never accumulated), so there is no
/// drift over many ticks. When the engine falls behind it does not sleep until it has caught
/// up (best-effort catch-up); the lag figures tell how late instants were served.
class WallClock final : public Clock {
 public:
  /// speed: simulated seconds per wall second (1 = real time, 3600 = one hour per second).
  explicit WallClock(double speed = 1.0);

  void start(Time simNow) override;
  bool waitUntil(Time target, InputQueue& inputs) override;
  Time currentTick(Time earliest, Time latest) const override;

  double speed() const { return speed_; }
  /// Wall-time lateness of the last instant served (0 when it was on time).
  Duration lastLag() const { return lastLag_; }
  Duration maxLag() const { return maxLag_; }
  std::uint64_t lateCount() const { return lateCount_; }
  /// Instants served later than this count as late.
  static constexpr Duration kLateThreshold = milliseconds(1);

 private:
  std::chrono::steady_clock::time_point deadlineOf(Time target) const;

  double speed_;
  bool started_ = false;
  Time simAnchor_{};
  std::chrono::steady_clock::time_point wallAnchor_{};
  Duration lastLag_{0};
  Duration maxLag_{0};
  std::uint64_t lateCount_ = 0;
};

}  // namespace ews

#pragma once
// Thread-safe queue through which other threads (web handlers, a Python caller, a Modbus
// server) hand commands to an engine (docs/design.md decision 8: nobody calls into the engine from a
// foreign thread). The engine drains it at its current tick; a post wakes a wall-clock wait.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace ews {

class InputQueue {
 public:
  using Command = std::function<void()>;

  /// Any thread. The command runs on the engine's thread at the engine's current tick.
  void post(Command command);
  /// Any thread. Wakes a pending wait without posting anything (used by requestStop).
  void wake();

  /// Engine thread. Takes every pending command, in posting order.
  std::deque<Command> takeAll();
  bool pending() const;
  /// Engine thread, lock-free: false means nothing was posted since the last takeAll().
  bool mayHavePending() const { return mayHavePending_.load(std::memory_order_acquire); }

  /// Engine thread. Blocks until `deadline`, a post or a wake. True when woken early.
  bool waitUntil(std::chrono::steady_clock::time_point deadline);

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Command> commands_;
  bool woken_ = false;
  // Checked by the engine before every event: keeps the mutex off the dispatch hot path.
  std::atomic<bool> mayHavePending_{false};
};

}  // namespace ews

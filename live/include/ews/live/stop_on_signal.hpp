#pragma once
// Turns SIGINT / SIGTERM into Engine::requestStop() for the lifetime of the object, so a long
// run (virtual or wall clock) ends cleanly and still writes its outputs. Signals are taken by
// a dedicated sigwait thread, not an asynchronous handler: requestStop() locks a mutex, which a
// signal handler must not do. Construct it before starting any other thread.
#include <atomic>
#include <csignal>
#include <functional>
#include <thread>

#include "ews/kernel/engine.hpp"

namespace ews::live {

class StopOnSignal {
 public:
  explicit StopOnSignal(Engine& engine);
  /// Calls `onSignal` (on the waiter thread) instead: a command whose engine changes during its
  /// life (`ews serve` restarting after a restore) stops the one running at that moment.
  explicit StopOnSignal(std::function<void()> onSignal);
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

  /// The signal that stopped the run, or 0.
  int receivedSignal() const { return received_.load(); }

 private:
  sigset_t previousMask_{};
  std::atomic<int> received_{0};
  std::thread waiter_;
};

}  // namespace ews::live

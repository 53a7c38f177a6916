#include "ews/live/stop_on_signal.hpp"

#include <pthread.h>

namespace ews::live {

namespace {
// SIGUSR1 is only used to wake the waiter thread when the object is destroyed.
sigset_t watchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);
  return set;
}
}  // namespace

StopOnSignal::StopOnSignal(Engine& engine) : StopOnSignal([&engine] { engine.requestStop(); }) {}

StopOnSignal::StopOnSignal(std::function<void()> onSignal) {
  const sigset_t set = watchedSignals();
  pthread_sigmask(SIG_BLOCK, &set, &previousMask_);
  waiter_ = std::thread([this, onSignal = std::move(onSignal), set] {
    int signal = 0;
    sigwait(&set, &signal);
    if (signal == SIGUSR1) return;
    received_ = signal;
    onSignal();
  });
}

StopOnSignal::~StopOnSignal() {
  if (received_.load() == 0) pthread_kill(waiter_.native_handle(), SIGUSR1);
  waiter_.join();
  pthread_sigmask(SIG_SETMASK, &previousMask_, nullptr);
}

}  // namespace ews::live

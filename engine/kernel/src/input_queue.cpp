#include "ews/kernel/input_queue.hpp"

namespace ews {

void InputQueue::post(Command command) {
  {
    std::lock_guard lock(mutex_);
    commands_.push_back(std::move(command));
    mayHavePending_.store(true, std::memory_order_release);
  }
  changed_.notify_all();
}

void InputQueue::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  changed_.notify_all();
}

std::deque<InputQueue::Command> InputQueue::takeAll() {
  std::lock_guard lock(mutex_);
  std::deque<Command> taken;
  taken.swap(commands_);
  mayHavePending_.store(false, std::memory_order_release);
  return taken;
}

bool InputQueue::pending() const {
  std::lock_guard lock(mutex_);
  return !commands_.empty();
}

bool InputQueue::waitUntil(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  const bool early = changed_.wait_until(lock, deadline, [this] { return woken_ || !commands_.empty(); });
  woken_ = false;
  return early;
}

}  // namespace ews

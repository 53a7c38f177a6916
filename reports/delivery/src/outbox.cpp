#include "ews/delivery/outbox.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ews::delivery {

namespace {
std::string waitText(std::chrono::milliseconds wait) {
  using namespace std::chrono;
  if (wait >= std::chrono::minutes(1) && wait % std::chrono::minutes(1) == milliseconds(0)) return fmt::format("{} min", duration_cast<std::chrono::minutes>(wait).count());
  if (wait >= std::chrono::seconds(1)) return fmt::format("{:.1f} s", duration<double>(wait).count());
  return fmt::format("{} ms", wait.count());
}
}  // namespace

std::chrono::milliseconds RetryPolicy::waitAfter(int n) const {
  std::chrono::milliseconds wait = firstWait;
  for (int i = 1; i < n && wait < longestWait; ++i) wait *= 2;
  return std::min(wait, longestWait);
}

Outbox::Outbox(RetryPolicy policy, DeliveryLog log, std::function<void()> duty, std::chrono::milliseconds dutyPeriod)
    : policy_(policy), log_(std::move(log)), duty_(std::move(duty)), dutyPeriod_(dutyPeriod) {
  worker_ = std::thread([this] { run(); });
}

Outbox::~Outbox() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
  for (const auto& item : waiting_) {
    log_(item.delivery.kind, item.delivery.deviceId, item.delivery.at,
         fmt::format("{}: not sent, the box stopped after {} attempt(s)", item.delivery.what, item.attempts));
  }
}

void Outbox::post(Delivery delivery) {
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back({std::move(delivery), 0, Clock::now()});
  }
  changed_.notify_all();
}

std::size_t Outbox::pending() const {
  std::lock_guard lock(mutex_);
  return waiting_.size() + inFlight_;
}

bool Outbox::waitIdle(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return waiting_.empty() && inFlight_ == 0; });
}

void Outbox::attempt(Waiting& item) {
  const SendOutcome outcome = item.delivery.attempt();
  ++item.attempts;
  const Delivery& d = item.delivery;
  if (outcome.ok) {
    log_(d.kind, d.deviceId, d.at, fmt::format("{}: sent ({})", d.what, outcome.answer));
    return;
  }
  if (item.attempts >= policy_.attempts) {
    log_(d.kind, d.deviceId, d.at, fmt::format("{}: given up after {} attempts: {}", d.what, item.attempts, outcome.answer));
    return;
  }
  const auto wait = policy_.waitAfter(item.attempts);
  log_(d.kind, d.deviceId, d.at,
       fmt::format("{}: attempt {} of {} failed: {}; next in {}", d.what, item.attempts, policy_.attempts, outcome.answer,
                   waitText(wait)));
  item.due = Clock::now() + wait;
  std::lock_guard lock(mutex_);
  waiting_.push_back(std::move(item));
}

void Outbox::run() {
  Clock::time_point nextDuty = Clock::now();
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const auto now = Clock::now();
    if (duty_ && now >= nextDuty) {
      nextDuty = now + dutyPeriod_;
      lock.unlock();
      duty_();
      lock.lock();
      continue;
    }
    const auto due = std::min_element(waiting_.begin(), waiting_.end(),
                                      [](const Waiting& a, const Waiting& b) { return a.due < b.due; });
    if (due != waiting_.end() && due->due <= now) {
      Waiting item = std::move(*due);
      waiting_.erase(due);
      ++inFlight_;
      lock.unlock();
      attempt(item);
      lock.lock();
      --inFlight_;
      changed_.notify_all();
      continue;
    }
    Clock::time_point wake = duty_ ? nextDuty : now + std::chrono::hours(1);
    if (due != waiting_.end()) wake = std::min(wake, due->due);
    changed_.wait_until(lock, wake);
  }
}

}  // namespace ews::delivery

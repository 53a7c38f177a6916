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

Time wallNow() { return std::chrono::floor<Duration>(std::chrono::system_clock::now()); }
}  // namespace

std::optional<std::string> completeParcel(Parcel& parcel) {
  if (!parcel.makeFile) return std::nullopt;
  try {
    parcel.message.attachments.push_back(parcel.makeFile());
  } catch (const std::exception& error) {
    return fmt::format("making the report failed: {}", error.what());
  }
  parcel.makeFile = nullptr;
  return std::nullopt;
}

std::chrono::milliseconds RetryPolicy::waitAfter(int n) const {
  std::chrono::milliseconds wait = firstWait;
  for (int i = 1; i < n && wait < longestWait; ++i) wait *= 2;
  return std::min(wait, longestWait);
}

Outbox::Outbox(RetryPolicy policy, DeliveryLog log, std::function<void()> duty, std::chrono::milliseconds dutyPeriod,
               OutboxKeeper* keeper)
    : policy_(policy), log_(std::move(log)), duty_(std::move(duty)), dutyPeriod_(dutyPeriod), keeper_(keeper) {
  worker_ = std::thread([this] { run(); });
}

Outbox::~Outbox() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
  for (auto& item : waiting_) {
    Delivery& d = item.delivery;
    // Kept after each failure already; one never tried yet is kept now, due at once.
    if (keeper_ && d.parcel && d.keptId == 0) d.keptId = keeper_->keep(d, item.attempts, wallNow());
    if (d.keptId != 0) {
      log_(d.kind, d.deviceId, d.at,
           fmt::format("{}: not sent yet, the box stopped after {} attempt(s); kept for the next start", d.what, item.attempts));
    } else {
      log_(d.kind, d.deviceId, d.at, fmt::format("{}: not sent, the box stopped after {} attempt(s)", d.what, item.attempts));
    }
  }
}

void Outbox::post(Delivery delivery) {
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back({std::move(delivery), 0, Clock::now()});
  }
  changed_.notify_all();
}

void Outbox::resume(Delivery delivery, int attempts, Time nextAttempt) {
  const Duration wait = std::max(Duration::zero(), nextAttempt - wallNow());
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back({std::move(delivery), attempts, Clock::now() + std::chrono::duration_cast<Clock::duration>(wait)});
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
  Delivery& d = item.delivery;
  if (outcome.ok || item.attempts >= policy_.attempts) {
    if (outcome.ok) {
      log_(d.kind, d.deviceId, d.at, fmt::format("{}: sent ({})", d.what, outcome.answer));
    } else {
      log_(d.kind, d.deviceId, d.at, fmt::format("{}: given up after {} attempts: {}", d.what, item.attempts, outcome.answer));
    }
    if (keeper_ && d.keptId != 0) keeper_->forget(d);
    return;
  }
  const auto wait = policy_.waitAfter(item.attempts);
  item.due = Clock::now() + wait;
  // Kept before the line is logged: whoever reads the failure may stop the box at once.
  if (keeper_ && d.parcel) d.keptId = keeper_->keep(d, item.attempts, wallNow() + std::chrono::duration_cast<Duration>(wait));
  log_(d.kind, d.deviceId, d.at,
       fmt::format("{}: attempt {} of {} failed: {}; next in {}", d.what, item.attempts, policy_.attempts, outcome.answer,
                   waitText(wait)));
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

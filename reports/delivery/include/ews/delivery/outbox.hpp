#pragma once
// The deliveries waiting to go out (docs/delivery.md, "Failures"): one worker thread sends
// them, so the engine never waits for a mail server; a failed attempt is logged with the
// server's answer and tried again later, each wait twice the one before; a delivery that still
// fails after the last attempt is logged as given up. Deliveries do not wait for each other:
// one failing never holds back the next schedule's. The worker also runs a periodic duty (the
// Telegram subscriptions) between deliveries. With a keeper, a delivery that failed (or was
// not tried yet when the box stops) is kept in the site database and resumed at the next
// start, so a restart loses no message and sends none twice.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ews/delivery/mail_sender.hpp"
#include "ews/kernel/time.hpp"

namespace ews::delivery {

struct RetryPolicy {
  std::chrono::milliseconds firstWait{std::chrono::minutes(1)};
  std::chrono::milliseconds longestWait{std::chrono::hours(1)};
  int attempts = 8;  ///< 1 + 7 retries: 1+2+4+...+64 min, about two hours in all
  /// The wait after attempt `n` (1-based) failed.
  std::chrono::milliseconds waitAfter(int n) const;
};

/// What a delivery sends, as data: what a keeper stores.
struct Parcel {
  enum class Channel { Email, Telegram };
  Channel channel = Channel::Email;
  MailMessage message;  ///< Telegram: the text, and the first attachment as a document
  /// An attachment still to be made (an automatic report's file), made once on the worker
  /// before the first send; throws when it cannot (the attempt fails and is retried).
  std::function<MailAttachment()> makeFile;
};

/// Makes the parcel's pending file (once); the reason when it cannot.
std::optional<std::string> completeParcel(Parcel& parcel);

/// Something to send. `attempt` runs on the worker thread and must not throw.
struct Delivery {
  std::string kind;  ///< the events kind its log lines get: "email", "telegram", "report", "alert"
  int deviceId = 0;  ///< the device an alert is about; 0 otherwise
  Time at{};         ///< the engine's time it was posted at: its log lines carry it
  std::string what;  ///< "monthly summary report 2026-03 to a@b.c"
  std::function<SendOutcome()> attempt;
  /// What `attempt` sends (it may complete its file); null: the delivery is not kept.
  std::shared_ptr<Parcel> parcel = {};
  std::int64_t keptId = 0;  ///< its row in the keeper; 0: not kept (yet)
};

/// Keeps the deliveries still waiting across restarts. Called on the worker thread, and by the
/// outbox's destructor once the worker stopped.
class OutboxKeeper {
 public:
  virtual ~OutboxKeeper() = default;
  /// Stores `delivery` (its parcel) with its attempts so far and the wall-clock instant of its
  /// next attempt, or updates its row (keptId); returns the row's id, 0 when it cannot be kept.
  virtual std::int64_t keep(const Delivery& delivery, int attempts, Time nextAttempt) = 0;
  /// `delivery` (kept: its keptId set) was sent or given up.
  virtual void forget(const Delivery& delivery) = 0;
};

/// Where the worker writes its log lines (the events table, on the worker's own connection).
using DeliveryLog = std::function<void(const std::string& kind, int deviceId, Time at, const std::string& detail)>;

class Outbox {
 public:
  /// `duty` (may be empty) runs on the worker every `dutyPeriod` (wall clock). `keeper` (may be
  /// null; must outlive the outbox) keeps what fails for the next start.
  Outbox(RetryPolicy policy, DeliveryLog log, std::function<void()> duty = {},
         std::chrono::milliseconds dutyPeriod = std::chrono::seconds(20), OutboxKeeper* keeper = nullptr);
  /// Stops the worker; deliveries still waiting are kept (with a keeper and a parcel) or
  /// logged as not sent.
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  /// Any thread.
  void post(Delivery delivery);
  /// A delivery kept by an earlier run (its keptId set): tried at `nextAttempt` (wall clock),
  /// or at once when that has passed, with `attempts` already made.
  void resume(Delivery delivery, int attempts, Time nextAttempt);
  /// Deliveries not yet sent or given up (tests wait on it).
  std::size_t pending() const;
  /// Blocks until nothing is pending or `timeout` passed; true when nothing is pending.
  bool waitIdle(std::chrono::milliseconds timeout) const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Waiting {
    Delivery delivery;
    int attempts = 0;
    Clock::time_point due;
  };
  void run();
  void attempt(Waiting& item);

  RetryPolicy policy_;
  DeliveryLog log_;
  std::function<void()> duty_;
  std::chrono::milliseconds dutyPeriod_;
  OutboxKeeper* keeper_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<Waiting> waiting_;
  std::size_t inFlight_ = 0;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace ews::delivery

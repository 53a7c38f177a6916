#pragma once
// The Connector's scheduler (manual 7.12, "Scheduler"; docs/connector.md): an engine task that,
// at the start of each local hour of the site's time zone, asks whether the settings schedule a
// transfer in it, and runs the due transfers and the page's "Send now" one at a time. A failed
// scheduled transfer is retried with back-off until it succeeds, the attempts run out, or the
// next scheduled hour comes (which sends everything anyway). On a wall-clock site the transfer
// runs on a worker thread so polling goes on; in virtual time it runs on the engine's thread
// (the simulated clock stands still meanwhile, so the run stays deterministic).
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "ews/connector/connector.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::run {

class ConnectorTask {
 public:
  /// What a transfer does: sendCsvTree on the data folder, or a test's stand-in. Called with
  /// the engine time of the attempt; on the worker thread when `onWorkerThread`.
  using Transfer = std::function<connector::SendOutcome(Time now, const connector::SendRequest& request)>;

  struct Options {
    bool onWorkerThread = true;
    Duration checkPeriod = minutes(1);  ///< how often the hour and the retries are looked at
    Duration firstRetry = minutes(2);   ///< doubled after each failure ...
    Duration maxRetry = minutes(30);    ///< ... up to this
    int maxAttempts = 6;                ///< of one scheduled transfer
  };

  /// `engine`, `db` (the engine thread's connection, for reading the settings) and `zone`
  /// must outlive the task. Nothing runs before start().
  ConnectorTask(Engine& engine, const sitedb::Database& db, const TimeZone& zone, Transfer transfer, Options options);
  /// The real transfer: sendCsvTree on `dataDir` through a connection of its own.
  static Transfer csvTreeTransfer(const std::filesystem::path& dataDir, const TimeZone& zone);
  ~ConnectorTask();  ///< cancels the task, waits for a transfer in progress
  ConnectorTask(const ConnectorTask&) = delete;
  ConnectorTask& operator=(const ConnectorTask&) = delete;

  void start();
  /// The page's "Send now" (the engine's thread: post it from others): one attempt, after the
  /// transfer in progress if there is one.
  void sendNow(const std::string& author);

  /// Transfers started so far (tests).
  int attempts() const { return attempts_; }

 private:
  struct Pending {
    connector::SendRequest request;
    bool scheduled = false;  ///< retried on failure
    int attempt = 0;
    Time notBefore{};
  };

  void check(Time now);
  void launch(Time now);
  void finished(const connector::SendOutcome& outcome, Time now);

  Engine& engine_;
  const sitedb::Database& db_;
  const TimeZone& zone_;
  Transfer transfer_;
  Options options_;
  std::optional<TaskId> task_;
  std::optional<Time> lastHour_;  ///< start of the local hour last looked at
  std::optional<Pending> scheduled_;
  std::optional<Pending> manual_;
  std::optional<Pending> running_;  ///< what the worker does now
  std::thread worker_;
  /// False once destroyed: a worker's result posted just before is dropped (both on the
  /// engine's thread).
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  int attempts_ = 0;
};

}  // namespace ews::run

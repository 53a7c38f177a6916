#include "ews/run/connector_task.hpp"

#include <fmt/format.h>

#include "ews/connector/schedule.hpp"
#include "ews/sitedb/settings_store.hpp"

namespace ews::run {

ConnectorTask::ConnectorTask(Engine& engine, const sitedb::Database& db, const TimeZone& zone, Transfer transfer,
                             Options options)
    : engine_(engine), db_(db), zone_(zone), transfer_(std::move(transfer)), options_(options) {}

ConnectorTask::Transfer ConnectorTask::csvTreeTransfer(const std::filesystem::path& dataDir, const TimeZone& zone) {
  return [dataDir, &zone](Time now, const connector::SendRequest& request) {
    // Its own connection: the transfer may run on a worker thread while the engine's thread
    // writes the history through another one (SQLite's WAL lets both go on).
    const sitedb::Database db(dataDir / "ews.db", sitedb::Database::Mode::ReadWrite);
    return connector::sendCsvTree(db, dataDir, now, zone, request);
  };
}

ConnectorTask::~ConnectorTask() {
  *alive_ = false;
  if (task_) engine_.cancelTask(*task_);
  if (worker_.joinable()) worker_.join();
}

void ConnectorTask::start() {
  task_ = engine_.every(options_.checkPeriod, engine_.now(), EventPhase::Publish, [this](Time now) { check(now); });
}

void ConnectorTask::sendNow(const std::string& author) {
  manual_ = Pending{connector::SendRequest{"send now", author}, false, 1, engine_.now()};
  check(engine_.now());
}

void ConnectorTask::check(Time now) {
  const Time hour = connector::localHourStart(zone_, now);
  // A new local hour: due when the settings schedule it. The hour the box starts in counts only
  // when the start is at its beginning (a restart at 03:20 does not resend 03:00's transfer).
  const bool newHour = lastHour_ ? hour != *lastHour_ : now - hour < options_.checkPeriod;
  lastHour_ = hour;
  if (newHour) {
    sitedb::ConnectorSettings settings;
    try {
      settings = sitedb::load<sitedb::ConnectorSettings>(db_);
    } catch (const std::exception&) {
      settings.mode = sitedb::ConnectorSettings::Mode::Off;  // sendCsvTree logs the damage when asked
    }
    if (settings.mode != sitedb::ConnectorSettings::Mode::Off &&
        connector::isScheduledHour(settings, zone_.toLocal(hour))) {
      // Replaces a transfer still being retried: this one sends everything that one would.
      scheduled_ = Pending{connector::SendRequest{"schedule", ""}, true, 1, now};
    }
  }
  if (running_) return;
  if (manual_) {
    launch(now);
  } else if (scheduled_ && now >= scheduled_->notBefore) {
    launch(now);
  }
}

void ConnectorTask::launch(Time now) {
  Pending pending = manual_ ? *manual_ : *scheduled_;
  (manual_ ? manual_ : scheduled_).reset();
  if (pending.scheduled && pending.attempt > 1) pending.request.trigger = fmt::format("schedule, retry {}", pending.attempt - 1);
  running_ = pending;
  ++attempts_;
  if (!options_.onWorkerThread) {
    finished(transfer_(now, pending.request), now);
    return;
  }
  if (worker_.joinable()) worker_.join();  // the previous transfer, long done
  worker_ = std::thread([this, now, request = pending.request, alive = alive_] {
    connector::SendOutcome outcome = transfer_(now, request);
    // Back to the engine's thread, which owns the state.
    engine_.post([this, alive, outcome = std::move(outcome)] {
      if (*alive) finished(outcome, engine_.now());
    });
  });
}

void ConnectorTask::finished(const connector::SendOutcome& outcome, Time now) {
  Pending done = *running_;
  running_.reset();
  const bool failed = outcome.status == connector::SendOutcome::Status::Failed;
  if (failed && done.scheduled && !scheduled_ && done.attempt < options_.maxAttempts) {
    Duration wait = options_.firstRetry;
    for (int i = 1; i < done.attempt && wait < options_.maxRetry; ++i) wait *= 2;
    done.attempt += 1;
    done.notBefore = now + std::min(wait, options_.maxRetry);
    done.request.trigger = "schedule";
    scheduled_ = done;
  }
  if (manual_ || (scheduled_ && now >= scheduled_->notBefore)) check(now);
}

}  // namespace ews::run

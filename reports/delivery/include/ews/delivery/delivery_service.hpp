#pragma once
// The box's outgoing messages on a running site (manual 8.6, docs/delivery.md): automatic
// reports sent at their local times as engine tasks (so they fire in virtual time too), alerts
// from the stack's events, and the Telegram subscriptions (who sent the bot the password).
// Everything that talks to a server runs on the outbox's worker thread, with its own
// connection to the site database for the settings it reads and the log lines it writes.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "ews/delivery/alert_filter.hpp"
#include "ews/delivery/kept_deliveries.hpp"
#include "ews/delivery/mail_sender.hpp"
#include "ews/delivery/outbox.hpp"
#include "ews/delivery/report_schedule.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/recording/sample.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::delivery {

/// Makes the file of an automatic report (the PDF or the reportdata.zip of reports/export);
/// runs on the worker thread; throws to say it could not (logged, tried again).
using ReportMaker = std::function<MailAttachment(const sitedb::Database& db, const sitedb::AutomaticReport& report,
                                                 const ReportWindow& window)>;

struct DeliveryOptions {
  std::filesystem::path database;  ///< the site database; the worker opens its own connection
  std::string siteName;
  ReportMaker reportMaker;
  RetryPolicy retry;
  MailOptions mail;
  AlertThrottle::Rule throttle;
  /// How often (wall clock) the bot's updates are read for new subscribers.
  std::chrono::milliseconds telegramPoll{std::chrono::seconds(20)};
};

/// One Telegram poll (docs/delivery.md): reads the bot's updates after the offset kept in the
/// database's meta table (so each update is read once, across restarts and `ews notify`); a
/// chat that sent the password becomes an enabled recipient (saved, answered). Writes its log
/// lines through `log`, at `now`. Does nothing without a token and a password.
void pollTelegramSubscriptions(const sitedb::Database& db, Time now, const DeliveryLog& log,
                               const std::string& caFile = {});

/// Sends `text` to every enabled Telegram recipient; one outcome for all (ok when each went).
SendOutcome sendTelegramToAll(const sitedb::TelegramSettings& settings, const std::string& text,
                              const MailAttachment* document = nullptr, const std::string& caFile = {});

/// The log line writer of the delivery: an events row of `kind` by author "delivery".
DeliveryLog eventLog(const sitedb::Database& db);

class DeliveryService : public recording::SampleSink {
 public:
  /// `engine` and `zone` must outlive the service. `settingsDb` is read on the engine's thread
  /// (the settings, once a minute of engine time).
  DeliveryService(Engine& engine, const TimeZone& zone, const sitedb::Database& settingsDb, DeliveryOptions options);
  ~DeliveryService() override;

  /// Starts the minute task (reports due, alert windows ended, settings reread).
  void start();
  /// The installation alerts are checked against (set again after a configuration change).
  void setInstallation(std::shared_ptr<const installation::Installation> installation);

  // recording::SampleSink: the stack's events and states (engine thread).
  void onSamples(Time, std::span<const recording::DeviceSample>) override {}
  void onStates(Time t, std::span<const recording::StateSample> samples) override;
  void onEvent(const recording::Event& event) override;

  /// Instants reports were handed to the outbox at (tests).
  const std::vector<Time>& reportsFired() const { return fired_; }
  Outbox& outbox() { return *outbox_; }

 private:
  void everyMinute(Time now);
  void raise(Alert alert);
  /// `sentAt`: the engine time it goes (a held alert's summary goes after its event).
  void sendAlert(const Alert& alert, Time sentAt);
  void sendReport(const sitedb::AutomaticReport& report, Time at);
  /// Hands `parcel` to the outbox (kept across restarts when it fails).
  void post(std::string kind, int deviceId, Time at, std::string what, Parcel parcel);
  /// Runs on the worker: makes a pending file, then sends with the settings as saved now.
  SendOutcome send(Parcel& parcel);

  Engine& engine_;
  const TimeZone& zone_;
  const sitedb::Database& settingsDb_;
  DeliveryOptions options_;
  std::unique_ptr<sitedb::Database> workerDb_;  ///< used on the worker thread only
  std::unique_ptr<SiteOutboxKeeper> keeper_;    ///< over workerDb_
  std::unique_ptr<Outbox> outbox_;
  std::shared_ptr<const installation::Installation> installation_;
  sitedb::ReportSettings reports_;
  sitedb::AlertSettings alerts_;
  std::map<std::string, Time> nextDue_;  ///< by the report's settings text
  std::map<std::pair<int, std::string>, int> lastStates_;
  AlertThrottle throttle_;
  std::optional<TaskId> task_;
  std::vector<Time> fired_;
};

}  // namespace ews::delivery

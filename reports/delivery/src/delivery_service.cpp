#include "ews/delivery/delivery_service.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>

#include "ews/delivery/telegram_bot.hpp"
#include "ews/sitedb/history_writer.hpp"
#include "ews/sitedb/settings_store.hpp"

namespace ews::delivery {

namespace {
using sitedb::AutomaticReport;

/// The next update id the bot has not given yet (Telegram's getUpdates offset).
constexpr std::string_view kTelegramOffsetKey = "delivery_telegram_offset";

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string reportTitle(const AutomaticReport& report, const ReportWindow& window) {
  return fmt::format("{} {} report {}", report.period == AutomaticReport::Period::Yearly ? "yearly" : "monthly",
                     report.kind == AutomaticReport::Kind::Detailed ? "detailed" : "summary", window.periodText());
}

/// The settings text of a report: its schedule restarts when any of it changes.
std::string keyOf(const AutomaticReport& report, std::size_t index) {
  sitedb::ReportSettings one;
  one.reports = {report};
  return fmt::format("{}:{}", index, sitedb::toJson(one, sitedb::SecretView::Clear));
}
}  // namespace

DeliveryLog eventLog(const sitedb::Database& db) {
  return [&db](const std::string& kind, int deviceId, Time at, const std::string& detail) {
    sitedb::appendEvent(db, recording::Event{at, deviceId, kind, detail}, "delivery");
  };
}

SendOutcome sendTelegramToAll(const sitedb::TelegramSettings& settings, const std::string& text,
                              const MailAttachment* document, const std::string& caFile) {
  if (!settings.configured()) return {false, "no bot token is set"};
  const TelegramBot bot(settings, std::chrono::seconds(20), caFile);
  std::vector<std::string> answers;
  bool allOk = true;
  int sent = 0;
  for (const auto& recipient : settings.recipients) {
    if (!recipient.enabled) continue;
    const SendOutcome one = document ? bot.sendDocument(recipient.chatId, *document, text) : bot.sendMessage(recipient.chatId, text);
    allOk = allOk && one.ok;
    ++sent;
    answers.push_back(one.answer);
  }
  if (sent == 0) return {false, "no enabled Telegram recipient"};
  return {allOk, fmt::format("{}", fmt::join(answers, "; "))};
}

void pollTelegramSubscriptions(const sitedb::Database& db, Time now, const DeliveryLog& log, const std::string& caFile) {
  sitedb::TelegramSettings settings = sitedb::load<sitedb::TelegramSettings>(db);
  if (!settings.configured() || !settings.password.isSet()) return;
  std::int64_t offset = 0;
  if (const auto stored = db.meta(kTelegramOffsetKey)) offset = std::strtoll(stored->c_str(), nullptr, 10);
  const TelegramBot bot(settings, std::chrono::seconds(20), caFile);
  const UpdateBatch batch = bot.updates(offset);
  if (!batch.ok) {
    log("telegram", 0, now, fmt::format("reading the bot's messages failed: {}", batch.answer));
    return;
  }
  bool added = false;
  for (const auto& update : batch.updates) {
    offset = std::max(offset, update.updateId + 1);
    if (update.chatId == 0 || trim(update.text) != settings.password.reveal()) continue;
    const bool known = std::any_of(settings.recipients.begin(), settings.recipients.end(),
                                   [&](const sitedb::TelegramRecipient& r) { return r.chatId == update.chatId; });
    if (known) continue;
    settings.recipients.push_back({update.chatId, update.name.substr(0, 200), true});
    added = true;
    log("telegram", 0, now, fmt::format("'{}' (chat {}) sent the password: added to the recipients", update.name, update.chatId));
    const SendOutcome reply = bot.sendMessage(update.chatId, "You will receive the notifications of this Energy Web Server.");
    if (!reply.ok) log("telegram", 0, now, fmt::format("answering chat {} failed: {}", update.chatId, reply.answer));
  }
  if (added) sitedb::save(db, settings, "telegram", now);
  if (!batch.updates.empty()) db.setMeta(kTelegramOffsetKey, std::to_string(offset));
}

DeliveryService::DeliveryService(Engine& engine, const TimeZone& zone, const sitedb::Database& settingsDb,
                                 DeliveryOptions options)
    : engine_(engine), zone_(zone), settingsDb_(settingsDb), options_(std::move(options)), throttle_(options_.throttle) {
  workerDb_ = std::make_unique<sitedb::Database>(options_.database, sitedb::Database::Mode::ReadWrite);
  const DeliveryLog log = eventLog(*workerDb_);
  keeper_ = std::make_unique<SiteOutboxKeeper>(*workerDb_, log);
  // What an earlier run could not send goes on (its attempts counted, its next attempt kept).
  // Read before the worker starts: from then on the connection is the worker's alone.
  std::vector<KeptDelivery> kept = keptDeliveries(*workerDb_);
  for (const KeptDelivery& one : kept) {
    const Delivery& d = one.delivery;
    log(d.kind, d.deviceId, d.at, fmt::format("{}: resumed after a restart ({} attempt(s) so far)", d.what, one.attempts));
  }
  outbox_ = std::make_unique<Outbox>(
      options_.retry, log,
      [this, log] {
        // The poll runs on the wall clock, beside the engine: its lines carry the wall time.
        const Time now = std::chrono::floor<Duration>(std::chrono::system_clock::now());
        try {
          pollTelegramSubscriptions(*workerDb_, now, log, options_.mail.caFile);
        } catch (const std::exception& error) {
          log("telegram", 0, now, fmt::format("reading the bot's messages failed: {}", error.what()));
        }
      },
      options_.telegramPoll, keeper_.get());
  for (KeptDelivery& one : kept) {
    one.delivery.attempt = [this, parcel = one.delivery.parcel] { return send(*parcel); };
    outbox_->resume(std::move(one.delivery), one.attempts, one.nextAttempt);
  }
}

DeliveryService::~DeliveryService() {
  if (task_) engine_.cancelTask(*task_);
  outbox_.reset();  // the worker stops before its connection closes
}

void DeliveryService::setInstallation(std::shared_ptr<const installation::Installation> installation) {
  installation_ = std::move(installation);
  lastStates_.clear();
}

void DeliveryService::start() {
  // On whole minutes: a report's time of day is a whole minute.
  const Time now = engine_.now();
  const Time first = Time{((now.time_since_epoch() + minutes(1) - Duration(1)) / minutes(1)) * minutes(1)};
  everyMinute(now);
  task_ = engine_.every(minutes(1), first, EventPhase::Publish, [this](Time t) { everyMinute(t); });
}

void DeliveryService::everyMinute(Time now) {
  reports_ = sitedb::load<sitedb::ReportSettings>(settingsDb_);
  alerts_ = sitedb::load<sitedb::AlertSettings>(settingsDb_);
  std::map<std::string, Time> next;
  for (std::size_t i = 0; i < reports_.reports.size(); ++i) {
    const AutomaticReport& report = reports_.reports[i];
    if (!report.enabled) continue;
    const std::string key = keyOf(report, i);
    const auto known = nextDue_.find(key);
    Time due = known != nextDue_.end() ? known->second : nextDelivery(report, now, zone_);
    if (now >= due) {
      sendReport(report, now);
      due = nextDelivery(report, now, zone_);
    }
    next[key] = due;
  }
  nextDue_ = std::move(next);
  for (Alert& summary : throttle_.flush(now)) sendAlert(summary, now);
}

void DeliveryService::sendReport(const AutomaticReport& report, Time at) {
  fired_.push_back(at);
  const ReportWindow window = reportWindow(report, at, zone_);
  const std::string title = reportTitle(report, window);
  Parcel parcel;
  parcel.message.to = report.recipients;
  parcel.message.subject = fmt::format("{}: {}", options_.siteName, title);
  parcel.message.text = fmt::format("The {} of {} is attached.\n", title, options_.siteName);
  // Made on the worker at the first attempt, once for all the attempts.
  parcel.makeFile = [this, report, window]() -> MailAttachment {
    if (!options_.reportMaker) throw std::runtime_error("this build cannot make reports");
    return options_.reportMaker(*workerDb_, report, window);
  };
  post("report", 0, at, fmt::format("{} to {}", title, fmt::join(report.recipients, ", ")), std::move(parcel));
}

void DeliveryService::post(std::string kind, int deviceId, Time at, std::string what, Parcel parcel) {
  auto shared = std::make_shared<Parcel>(std::move(parcel));
  outbox_->post({std::move(kind), deviceId, at, std::move(what), [this, shared] { return send(*shared); }, shared});
}

SendOutcome DeliveryService::send(Parcel& parcel) {
  if (const auto error = completeParcel(parcel)) return {false, *error};
  if (parcel.channel == Parcel::Channel::Email) {
    return sendMail(sitedb::load<sitedb::EmailSettings>(*workerDb_), parcel.message, options_.mail);
  }
  const MailAttachment* document = parcel.message.attachments.empty() ? nullptr : &parcel.message.attachments.front();
  return sendTelegramToAll(sitedb::load<sitedb::TelegramSettings>(*workerDb_), parcel.message.text, document,
                           options_.mail.caFile);
}

void DeliveryService::onStates(Time t, std::span<const recording::StateSample> samples) {
  for (const auto& sample : samples) {
    const auto key = std::make_pair(sample.deviceId, std::string(sample.channel));
    const auto known = lastStates_.find(key);
    if (known == lastStates_.end()) {
      lastStates_.emplace(key, sample.state);  // the first reading is no change
      continue;
    }
    if (known->second == sample.state) continue;
    const int before = known->second;
    known->second = sample.state;
    raise({t, sample.deviceId, {}, sitedb::AlertKind::StateChange,
           fmt::format("{} {} -> {}", sample.channel, before, sample.state), 0});
  }
}

void DeliveryService::onEvent(const recording::Event& event) {
  if (const auto kind = alertKindOf(event)) raise({event.at, event.deviceId, {}, *kind, event.detail, 0});
}

void DeliveryService::raise(Alert alert) {
  if (!alerts_.sends(alert.kind) || (!alerts_.sendEmail && !alerts_.sendTelegram)) return;
  if (!installation_ || !mayAlert(*installation_, alert.deviceId)) return;
  alert.deviceName = installation_->device(alert.deviceId).name;
  if (throttle_.admit(alert)) sendAlert(alert, alert.at);
}

void DeliveryService::sendAlert(const Alert& alert, Time sentAt) {
  const std::string text = alertText(alert, options_.siteName, zone_);
  if (alerts_.sendEmail) {
    Parcel mail;
    mail.message = {alerts_.emailRecipients, alerts_.emailSubject, text, {}};
    post("alert", alert.deviceId, sentAt, fmt::format("alert e-mail to {}: {}", fmt::join(alerts_.emailRecipients, ", "), text),
         std::move(mail));
  }
  if (alerts_.sendTelegram) {
    Parcel message;
    message.channel = Parcel::Channel::Telegram;
    message.message.text = text;
    post("alert", alert.deviceId, sentAt, fmt::format("alert Telegram: {}", text), std::move(message));
  }
}

}  // namespace ews::delivery

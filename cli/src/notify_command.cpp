// `ews notify ...` (docs/cli.md, docs/delivery.md): the E-mail, Telegram, Automatic reports and
// Alert settings pages from the command line - show or change a section, send the pages'
// tests, read the bot's new subscribers - on a data folder, with the same library calls.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "ews/delivery/delivery_service.hpp"
#include "ews/delivery/test_messages.hpp"
#include "ews/sitedb/backup.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/settings_store.hpp"

namespace ews::cli {

namespace {
Time wallNow() { return std::chrono::floor<Duration>(std::chrono::system_clock::now()); }

template <class Section>
int showOrChange(const sitedb::Database& db, const NotifyOptions& options) {
  if (!options.json.empty()) {
    Section section = sitedb::load<Section>(db);
    sitedb::applyJson(section, options.json);
    sitedb::save(db, section, "cli", wallNow());
  }
  fmt::print("{}\n", sitedb::loadForApi<Section>(db));
  return kOk;
}

int settings(const sitedb::Database& db, const NotifyOptions& options) {
  const std::string& s = options.section;
  if (s == "email") return showOrChange<sitedb::EmailSettings>(db, options);
  if (s == "telegram") return showOrChange<sitedb::TelegramSettings>(db, options);
  if (s == "reports") return showOrChange<sitedb::ReportSettings>(db, options);
  if (s == "alerts") return showOrChange<sitedb::AlertSettings>(db, options);
  fmt::print(stderr, "ews notify settings: --section must be email, telegram, reports or alerts, not '{}'\n", s);
  return kUsage;
}
}  // namespace

int runNotify(const NotifyOptions& options) {
  const std::filesystem::path dataDir(options.dataDir);
  if (!std::filesystem::is_regular_file(dataDir / sitedb::kDatabaseFileName)) {
    fmt::print(stderr, "ews notify: {}: no site database ({})\n", dataDir.string(), sitedb::kDatabaseFileName);
    return kInvalidInput;
  }
  const sitedb::Database db(dataDir / sitedb::kDatabaseFileName, sitedb::Database::Mode::ReadWrite);
  const std::string siteName = std::filesystem::absolute(dataDir).lexically_normal().filename().string();
  try {
    if (options.action == "settings") return settings(db, options);
    delivery::SendOutcome outcome;
    if (options.action == "test-mail") {
      delivery::MailOptions mail;
      mail.caFile = options.caFile;
      outcome = delivery::sendTestMail(db, wallNow(), "cli", siteName, mail);
    } else if (options.action == "test-telegram") {
      outcome = delivery::sendTestTelegram(db, wallNow(), "cli", siteName, options.caFile);
    } else {  // poll-telegram
      const auto log = delivery::eventLog(db);
      const auto before = sitedb::load<sitedb::TelegramSettings>(db).recipients.size();
      delivery::pollTelegramSubscriptions(db, wallNow(), log, options.caFile);
      const auto after = sitedb::load<sitedb::TelegramSettings>(db).recipients.size();
      fmt::print("{} new subscriber(s), {} in all\n", after - before, after);
      return kOk;
    }
    fmt::print("{}: {}\n", outcome.ok ? "sent" : "failed", outcome.answer);
    return outcome.ok ? kOk : kRuntimeError;
  } catch (const sitedb::FieldError& error) {
    fmt::print(stderr, "ews notify: {}\n", error.what());
    return kInvalidInput;
  }
}

}  // namespace ews::cli

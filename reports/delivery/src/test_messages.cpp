#include "ews/delivery/test_messages.hpp"

#include <fmt/format.h>

#include "ews/delivery/delivery_service.hpp"
#include "ews/sitedb/history_writer.hpp"
#include "ews/sitedb/settings_store.hpp"

namespace ews::delivery {

namespace {
void logOutcome(const sitedb::Database& db, Time now, const std::string& kind, const std::string& author,
                const std::string& what, const SendOutcome& outcome) {
  sitedb::appendEvent(db, recording::Event{now, 0, kind, fmt::format("{}: {} ({})", what, outcome.ok ? "sent" : "failed", outcome.answer)},
                      author);
}
}  // namespace

SendOutcome sendTestMail(const sitedb::Database& db, Time now, const std::string& author, const std::string& siteName,
                         const MailOptions& options) {
  const auto settings = sitedb::load<sitedb::EmailSettings>(db);
  const SendOutcome outcome = sendMail(settings, testMail(settings, siteName), options);
  logOutcome(db, now, "email", author, fmt::format("test e-mail to {}", settings.sender), outcome);
  return outcome;
}

SendOutcome sendTestTelegram(const sitedb::Database& db, Time now, const std::string& author, const std::string& siteName,
                             const std::string& caFile) {
  const auto settings = sitedb::load<sitedb::TelegramSettings>(db);
  const SendOutcome outcome = sendTelegramToAll(
      settings, fmt::format("Test message from the Energy Web Server of {}: the Telegram settings work.", siteName), nullptr,
      caFile);
  logOutcome(db, now, "telegram", author, "test message", outcome);
  return outcome;
}

}  // namespace ews::delivery

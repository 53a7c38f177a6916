#pragma once
// A client of Telegram's Bot API (manual 8.6.2, docs/delivery.md): the updates sent to the bot
// (to find who sent the password), and messages and documents sent by it. The base URL is a
// setting, so the tests talk to a local fake Bot API. The token is part of every request's
// path: it is never put in an answer or a log line.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ews/delivery/mail_sender.hpp"
#include "ews/sitedb/settings.hpp"

namespace ews::delivery {

/// A text message someone sent to the bot.
struct BotUpdate {
  std::int64_t updateId = 0;
  std::int64_t chatId = 0;
  std::string name;  ///< the sender's first and last name, or @username
  std::string text;
};

struct UpdateBatch {
  bool ok = false;
  std::string answer;  ///< the failure's reason when !ok
  std::vector<BotUpdate> updates;
};

class TelegramBot {
 public:
  /// `settings.token` must be set. `caFile` as in MailOptions.
  TelegramBot(const sitedb::TelegramSettings& settings, std::chrono::seconds timeout = std::chrono::seconds(20),
              std::string caFile = {});

  /// Updates after `offset` (Telegram's rule: asking with offset N confirms every update
  /// below N, which the server then forgets). At most `limit`; no long poll.
  UpdateBatch updates(std::int64_t offset, int limit = 100) const;
  SendOutcome sendMessage(std::int64_t chatId, const std::string& text) const;
  SendOutcome sendDocument(std::int64_t chatId, const MailAttachment& document, const std::string& caption) const;

 private:
  /// {status, body} of one request; throws Poco::Exception for a network failure.
  std::pair<int, std::string> request(const std::string& method, const std::string& contentType,
                                      const std::string& body) const;
  SendOutcome outcomeOf(const std::string& method, std::int64_t chatId, int status, const std::string& body) const;

  std::string apiUrl_;
  std::string token_;
  std::chrono::seconds timeout_;
  std::string caFile_;
};

}  // namespace ews::delivery

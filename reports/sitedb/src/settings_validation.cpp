// The rules of each settings section (docs/users.md, "Settings"). The first failure is thrown as
// a FieldError named as the JSON form names it ("email.smtp_port", "reports.reports[0].devices").
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/settings.hpp"
#include "settings_fields.hpp"

namespace ews::sitedb {

namespace {
using settings_fields::isHost;
constexpr std::size_t kMaxAddressLength = 254;  // RFC 5321's path limit
constexpr std::size_t kMaxTextLength = 200;     // names, subjects, paths: far above any real one

bool hasControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
  });
}

/// Free text shown on pages or put in a mail header: control characters (CR LF above all)
/// would let a value inject header lines.
void checkText(std::string_view text, const std::string& field) {
  if (hasControl(text)) throw FieldError(field, "must not contain control characters");
  if (text.size() > kMaxTextLength) throw FieldError(field, fmt::format("must be at most {} bytes", kMaxTextLength));
}

/// A practical check, not RFC 5322: one '@' between a non-empty local part and domain, no
/// space, and none of the separators the pages use between addresses.
bool isEmailAddress(std::string_view text) {
  if (text.empty() || text.size() > kMaxAddressLength || hasControl(text)) return false;
  if (text.find_first_of(" ,;<>\"") != std::string_view::npos) return false;
  const auto at = text.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < text.size() &&
         text.find('@', at + 1) == std::string_view::npos;
}

void checkPort(const std::optional<std::uint16_t>& port, const std::string& field) {
  if (port && *port == 0) throw FieldError(field, "must be between 1 and 65535");
}

void checkAddresses(const std::vector<std::string>& addresses, const std::string& field) {
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    if (!isEmailAddress(addresses[i])) {
      throw FieldError(fmt::format("{}[{}]", field, i), fmt::format("'{}' is not an e-mail address", addresses[i]));
    }
  }
}

/// A Telegram bot token: "<bot id>:<key>", digits then letters, digits, '_' or '-'.
bool isBotToken(std::string_view token) {
  const auto colon = token.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == token.size()) return false;
  const auto id = token.substr(0, colon);
  const auto key = token.substr(colon + 1);
  return std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         std::all_of(key.begin(), key.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

/// The Bot API's base: http(s)://host[:port][/path], no query, no space.
void checkApiUrl(std::string_view url, const std::string& field) {
  checkText(url, field);
  const bool https = url.starts_with("https://");
  if (!https && !url.starts_with("http://")) throw FieldError(field, "must begin with https:// or http://");
  const auto rest = url.substr(https ? 8 : 7);
  if (rest.empty() || rest.front() == '/') throw FieldError(field, "must name a host");
  if (rest.find_first_of(" ?#") != std::string_view::npos) throw FieldError(field, "must have no space, query or fragment");
}

/// 7.12: paths are relative to the remote home, and only the manual's keywords are expanded.
void checkDestination(std::string_view destination, const std::string& field) {
  checkText(destination, field);
  if (!destination.empty() && destination.front() == '/') {
    throw FieldError(field, "must be relative to the remote home folder (no leading '/')");
  }
  for (std::string_view rest = destination; !rest.empty();) {
    const auto slash = rest.find('/');
    if (rest.substr(0, slash) == "..") throw FieldError(field, "must not contain '..'");
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  static constexpr std::array<std::string_view, 4> kKeywords{"%date", "%dow", "%day", "%hour"};
  for (auto percent = destination.find('%'); percent != std::string_view::npos;
       percent = destination.find('%', percent + 1)) {
    const auto rest = destination.substr(percent);
    if (std::none_of(kKeywords.begin(), kKeywords.end(), [&](std::string_view k) { return rest.starts_with(k); })) {
      throw FieldError(field, "'%' must begin one of %date, %day, %dow, %hour");
    }
  }
}
/// The text form of a private key: the first line of an OpenSSH or PEM file.
bool isPrivateKeyText(std::string_view key) {
  constexpr std::size_t kMaxKeyBytes = 16 * 1024;  // an RSA 8192 key in PEM is under 7 kB
  return key.size() <= kMaxKeyBytes && key.starts_with("-----BEGIN ") &&
         key.find("PRIVATE KEY-----") != std::string_view::npos;
}
}  // namespace

void validate(const EmailSettings& settings) {
  if (!settings.sender.empty() && !isEmailAddress(settings.sender)) {
    throw FieldError("email.sender", fmt::format("'{}' is not an e-mail address", settings.sender));
  }
  checkText(settings.user, "email.user");
  if (!settings.smtpServer.empty() && !isHost(settings.smtpServer)) {
    throw FieldError("email.smtp_server", "must be a host name or an IP address");
  }
  checkPort(settings.smtpPort, "email.smtp_port");
  if (!settings.sender.empty() && settings.smtpServer.empty()) {
    throw FieldError("email.smtp_server", "required when a sender is set");
  }
  if (settings.sender.empty() && !settings.smtpServer.empty()) {
    throw FieldError("email.sender", "required when an SMTP server is set");
  }
}

void validate(const TelegramSettings& settings) {
  checkText(settings.botName, "telegram.bot_name");
  if (settings.token.isSet() && !isBotToken(settings.token.reveal())) {
    throw FieldError("telegram.token", "must look like <bot id digits>:<key> as BotFather gives it");
  }
  if (settings.password.isSet()) {
    const std::string& password = settings.password.reveal();
    checkText(password, "telegram.password");
    if (password.size() < 4) throw FieldError("telegram.password", "must be at least 4 characters");
  }
  std::set<std::int64_t> chats;
  for (std::size_t i = 0; i < settings.recipients.size(); ++i) {
    const auto& recipient = settings.recipients[i];
    const std::string field = fmt::format("telegram.recipients[{}]", i);
    if (recipient.chatId == 0) throw FieldError(field + ".chat_id", "must not be 0");
    if (!chats.insert(recipient.chatId).second) {
      throw FieldError(field + ".chat_id", fmt::format("chat {} is listed twice", recipient.chatId));
    }
    checkText(recipient.name, field + ".name");
  }
  checkApiUrl(settings.apiUrl, "telegram.api_url");
}

void validate(const ReportSettings& settings) {
  for (std::size_t i = 0; i < settings.reports.size(); ++i) {
    const auto& report = settings.reports[i];
    const std::string field = fmt::format("reports.reports[{}]", i);
    if (report.kind == AutomaticReport::Kind::Detailed && report.devices.empty()) {
      throw FieldError(field + ".devices", "a detailed report needs at least one device");
    }
    if (report.kind == AutomaticReport::Kind::Summary && !report.devices.empty()) {
      throw FieldError(field + ".devices", "a summary report covers the whole site: no devices");
    }
    std::set<std::string_view> devices;
    for (std::size_t d = 0; d < report.devices.size(); ++d) {
      const std::string deviceField = fmt::format("{}.devices[{}]", field, d);
      if (report.devices[d].empty()) throw FieldError(deviceField, "must not be empty");
      checkText(report.devices[d], deviceField);
      if (!devices.insert(report.devices[d]).second) {
        throw FieldError(deviceField, fmt::format("'{}' is listed twice", report.devices[d]));
      }
    }
    if (report.sendMinute < 0 || report.sendMinute >= 24 * 60) throw FieldError(field + ".time", "must be 00:00 to 23:59");
    if (report.recipients.empty()) throw FieldError(field + ".recipients", "at least one e-mail address");
    checkAddresses(report.recipients, field + ".recipients");
  }
}

void validate(const AlertSettings& settings) {
  if (settings.sendEmail && settings.emailRecipients.empty()) {
    throw FieldError("alerts.email_recipients", "at least one e-mail address when alerts are sent by e-mail");
  }
  checkAddresses(settings.emailRecipients, "alerts.email_recipients");
  checkText(settings.emailSubject, "alerts.email_subject");
}

void validate(const ConnectorSettings& settings) {
  if (!settings.address.empty() && !isHost(settings.address)) {
    throw FieldError("connector.address", "must be a host name or an IP address");
  }
  checkPort(settings.port, "connector.port");
  checkText(settings.username, "connector.username");
  std::set<std::string_view> folders;
  for (std::size_t i = 0; i < settings.sourceFolders.size(); ++i) {
    const std::string& folder = settings.sourceFolders[i];
    const std::string field = fmt::format("connector.source_folders[{}]", i);
    if (std::find(kCsvTreeFolders.begin(), kCsvTreeFolders.end(), folder) == kCsvTreeFolders.end()) {
      throw FieldError(field, fmt::format("'{}' is not a folder of the CSV tree ({})", folder,
                                          fmt::join(kCsvTreeFolders, ", ")));
    }
    if (!folders.insert(folder).second) throw FieldError(field, fmt::format("'{}' is listed twice", folder));
  }
  checkDestination(settings.destination, "connector.destination");
  switch (settings.day.kind) {
    case UploadDay::Kind::EveryDay:
      break;
    case UploadDay::Kind::DayOfWeek:
      if (settings.day.value < 1 || settings.day.value > 7) throw FieldError("connector.day", "weekday out of range");
      break;
    case UploadDay::Kind::DayOfMonth:
      if (settings.day.value < 1 || settings.day.value > 31) {
        throw FieldError("connector.day", "day of month must be between 1 and 31");
      }
      break;
  }
  if (settings.hour && (*settings.hour < 0 || *settings.hour > 23)) {
    throw FieldError("connector.hour", "must be between 0 and 23, or *");
  }
  if (settings.privateKey.isSet() && !isPrivateKeyText(settings.privateKey.reveal())) {
    throw FieldError("connector.private_key", "must be a private key in OpenSSH or PEM text (-----BEGIN ...)");
  }
  if (settings.mode != ConnectorSettings::Mode::Off) {
    if (settings.address.empty()) throw FieldError("connector.address", "required when the connector is on");
    if (settings.username.empty()) throw FieldError("connector.username", "required when the connector is on");
    if (!settings.password.isSet() && !settings.privateKey.isSet()) {
      throw FieldError("connector.password", "a password or a private key is required when the connector is on");
    }
    if (settings.destination.empty()) throw FieldError("connector.destination", "required when the connector is on");
  }
}

}  // namespace ews::sitedb

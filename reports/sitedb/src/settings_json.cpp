// The JSON form of each settings section, through Poco::JSON: the one form both the database
// (SecretView::Clear) and the API (SecretView::Masked) use, so they never drift apart.
#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <array>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/settings.hpp"
#include "settings_fields.hpp"

namespace ews::sitedb {

namespace {
using namespace settings_fields;
using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

template <class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<EmailSettings::Security, 3> kSecurityNames{
    {{EmailSettings::Security::None, "none"}, {EmailSettings::Security::StartTls, "starttls"},
     {EmailSettings::Security::Tls, "tls"}}};
constexpr Names<AutomaticReport::Kind, 2> kReportKindNames{
    {{AutomaticReport::Kind::Summary, "summary"}, {AutomaticReport::Kind::Detailed, "detailed"}}};
constexpr Names<AutomaticReport::Period, 2> kPeriodNames{
    {{AutomaticReport::Period::Monthly, "monthly"}, {AutomaticReport::Period::Yearly, "yearly"}}};
constexpr Names<AutomaticReport::Format, 2> kFormatNames{
    {{AutomaticReport::Format::Pdf, "pdf"}, {AutomaticReport::Format::Csv, "csv"}}};
constexpr Names<AutomaticReport::Frequency, 3> kFrequencyNames{
    {{AutomaticReport::Frequency::Daily, "daily"}, {AutomaticReport::Frequency::Weekly, "weekly"},
     {AutomaticReport::Frequency::Monthly, "monthly"}}};
constexpr Names<ConnectorSettings::Mode, 3> kModeNames{
    {{ConnectorSettings::Mode::Off, "off"}, {ConnectorSettings::Mode::Sftp, "sftp"},
     {ConnectorSettings::Mode::Scp, "scp"}}};
// Index + 1 is the ISO weekday; the manual's %dow spelling.
constexpr std::array<std::string_view, 7> kWeekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

template <class E, std::size_t N>
std::string nameOf(const Names<E, N>& names, E value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return std::string(name);
  }
  return {};
}

// --- writing ---

Array::Ptr stringArray(const std::vector<std::string>& values) {
  Array::Ptr array = new Array;
  for (const auto& value : values) array->add(value);
  return array;
}

Var optionalPort(const std::optional<std::uint16_t>& port) { return port ? Var(int{*port}) : Var(); }

// --- reading ---

Object::Ptr asObject(const Var& value, const std::string& field) {
  if (value.type() != typeid(Object::Ptr)) throw FieldError(field, "must be an object");
  return value.extract<Object::Ptr>();
}

Array::Ptr asArray(const Var& value, const std::string& field) {
  if (value.type() != typeid(Array::Ptr)) throw FieldError(field, "must be a list");
  return value.extract<Array::Ptr>();
}

std::vector<std::string> asStringList(const Var& value, const std::string& field) {
  const auto array = asArray(value, field);
  std::vector<std::string> values;
  for (std::size_t i = 0; i < array->size(); ++i) {
    values.push_back(asString(array->get(static_cast<unsigned>(i)), fmt::format("{}[{}]", field, i)));
  }
  return values;
}

/// null: the default port; otherwise 1…65535.
std::optional<std::uint16_t> asOptionalPort(const Var& value, const std::string& field) {
  if (value.isEmpty()) return std::nullopt;
  const auto port = asInteger(value, field);
  if (port < 1 || port > 65535) throw FieldError(field, "must be between 1 and 65535");
  return static_cast<std::uint16_t>(port);
}

template <class E, std::size_t N>
E asEnum(const Var& value, const std::string& field, const Names<E, N>& names) {
  const std::string text = asString(value, field);
  for (const auto& [candidate, name] : names) {
    if (name == text) return candidate;
  }
  std::vector<std::string_view> allowed;
  for (const auto& entry : names) allowed.push_back(entry.second);
  throw FieldError(field, fmt::format("'{}' is not one of {}", text, fmt::join(allowed, ", ")));
}

/// "*", "mon" … "sun", or a day of the month (string or integer); the range is validate()'s.
UploadDay asUploadDay(const Var& value, const std::string& field) {
  if (value.isInteger() && !value.isBoolean()) {
    return {UploadDay::Kind::DayOfMonth, static_cast<int>(asInteger(value, field))};
  }
  const std::string text = asString(value, field);
  if (text == "*") return {};
  for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
    if (text == kWeekdays[i]) return {UploadDay::Kind::DayOfWeek, static_cast<int>(i) + 1};
  }
  if (!text.empty() && text.size() <= 2 && text.find_first_not_of("0123456789") == std::string::npos) {
    return {UploadDay::Kind::DayOfMonth, std::stoi(text)};
  }
  throw FieldError(field, "must be *, mon … sun, or a day of the month");
}

/// "*" (every hour) or an hour, as string or integer; the range is validate()'s.
std::optional<int> asHour(const Var& value, const std::string& field) {
  if (value.isInteger() && !value.isBoolean()) return static_cast<int>(asInteger(value, field));
  const std::string text = asString(value, field);
  if (text == "*") return std::nullopt;
  if (!text.empty() && text.size() <= 2 && text.find_first_not_of("0123456789") == std::string::npos) {
    return std::stoi(text);
  }
  throw FieldError(field, "must be * or an hour 0 … 23");
}

/// "HH:MM", 00:00 to 23:59, as minutes after midnight.
int asMinuteOfDay(const Var& value, const std::string& field) {
  const std::string text = asString(value, field);
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    throw FieldError(field, fmt::format("'{}' must be a time HH:MM", text));
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (hour > 23 || minute > 59) throw FieldError(field, fmt::format("'{}' is not a time of day (00:00 to 23:59)", text));
  return hour * 60 + minute;
}

std::string prefix(std::string_view section) { return std::string(section) + "."; }

TelegramRecipient readRecipient(const Var& value, const std::string& field) {
  TelegramRecipient recipient;
  const auto object = asObject(value, field);
  for (const auto& [key, member] : *object) {
    const std::string memberField = field + "." + key;
    if (key == "chat_id") {
      recipient.chatId = asInteger(member, memberField);
    } else if (key == "name") {
      recipient.name = asString(member, memberField);
    } else if (key == "enabled") {
      recipient.enabled = asBool(member, memberField);
    } else {
      unknownField(memberField);
    }
  }
  return recipient;
}

AutomaticReport readReport(const Var& value, const std::string& field) {
  AutomaticReport report;
  const auto object = asObject(value, field);
  for (const auto& [key, member] : *object) {
    const std::string memberField = field + "." + key;
    if (key == "kind") {
      report.kind = asEnum(member, memberField, kReportKindNames);
    } else if (key == "period") {
      report.period = asEnum(member, memberField, kPeriodNames);
    } else if (key == "format") {
      report.format = asEnum(member, memberField, kFormatNames);
    } else if (key == "frequency") {
      report.frequency = asEnum(member, memberField, kFrequencyNames);
    } else if (key == "devices") {
      report.devices = asStringList(member, memberField);
    } else if (key == "recipients") {
      report.recipients = asStringList(member, memberField);
    } else if (key == "enabled") {
      report.enabled = asBool(member, memberField);
    } else if (key == "time") {
      report.sendMinute = asMinuteOfDay(member, memberField);
    } else {
      unknownField(memberField);
    }
  }
  return report;
}
}  // namespace

// --- email ---

std::string toJson(const EmailSettings& settings, SecretView view) {
  auto object = newObject();
  object->set("sender", settings.sender);
  object->set("user", settings.user);
  setSecret(*object, "password", settings.password, view);
  object->set("smtp_server", settings.smtpServer);
  object->set("smtp_port", optionalPort(settings.smtpPort));
  object->set("security", nameOf(kSecurityNames, settings.security));
  return stringify(object);
}

void applyJson(EmailSettings& settings, std::string_view json) {
  const std::string section = prefix(EmailSettings::kSection);
  EmailSettings next = settings;  // all or nothing: a bad field leaves `settings` as it was
  const auto object = parseObject(json, std::string(EmailSettings::kSection));  // kept alive for the loop
  for (const auto& [key, value] : *object) {
    const std::string field = section + key;
    if (key == "sender") {
      next.sender = asString(value, field);
    } else if (key == "user") {
      next.user = asString(value, field);
    } else if (key == "password") {
      next.password = Secret(asString(value, field));
    } else if (key == "smtp_server") {
      next.smtpServer = asString(value, field);
    } else if (key == "smtp_port") {
      next.smtpPort = asOptionalPort(value, field);
    } else if (key == "security") {
      next.security = asEnum(value, field, kSecurityNames);
    } else if (key != "password_set") {
      unknownField(field);
    }
  }
  settings = std::move(next);
}

// --- telegram ---

std::string toJson(const TelegramSettings& settings, SecretView view) {
  auto object = newObject();
  object->set("bot_name", settings.botName);
  setSecret(*object, "token", settings.token, view);
  setSecret(*object, "password", settings.password, view);
  Array::Ptr recipients = new Array;
  for (const auto& recipient : settings.recipients) {
    auto item = newObject();
    item->set("chat_id", Poco::Int64{recipient.chatId});
    item->set("name", recipient.name);
    item->set("enabled", recipient.enabled);
    recipients->add(item);
  }
  object->set("recipients", recipients);
  object->set("api_url", settings.apiUrl);
  return stringify(object);
}

void applyJson(TelegramSettings& settings, std::string_view json) {
  const std::string section = prefix(TelegramSettings::kSection);
  TelegramSettings next = settings;
  const auto object = parseObject(json, std::string(TelegramSettings::kSection));  // kept alive for the loop
  for (const auto& [key, value] : *object) {
    const std::string field = section + key;
    if (key == "bot_name") {
      next.botName = asString(value, field);
    } else if (key == "token") {
      next.token = Secret(asString(value, field));
    } else if (key == "password") {
      next.password = Secret(asString(value, field));
    } else if (key == "recipients") {
      const auto array = asArray(value, field);
      next.recipients.clear();
      for (std::size_t i = 0; i < array->size(); ++i) {
        next.recipients.push_back(
            readRecipient(array->get(static_cast<unsigned>(i)), fmt::format("{}[{}]", field, i)));
      }
    } else if (key == "api_url") {
      next.apiUrl = asString(value, field);
    } else if (key != "token_set" && key != "password_set") {
      unknownField(field);
    }
  }
  settings = std::move(next);
}

// --- automatic reports ---

std::string toJson(const ReportSettings& settings, SecretView /*view: no secret*/) {
  auto object = newObject();
  Array::Ptr reports = new Array;
  for (const auto& report : settings.reports) {
    auto item = newObject();
    item->set("kind", nameOf(kReportKindNames, report.kind));
    item->set("period", nameOf(kPeriodNames, report.period));
    item->set("format", nameOf(kFormatNames, report.format));
    item->set("frequency", nameOf(kFrequencyNames, report.frequency));
    item->set("devices", stringArray(report.devices));
    item->set("recipients", stringArray(report.recipients));
    item->set("enabled", report.enabled);
    item->set("time", fmt::format("{:02}:{:02}", report.sendMinute / 60, report.sendMinute % 60));
    reports->add(item);
  }
  object->set("reports", reports);
  return stringify(object);
}

void applyJson(ReportSettings& settings, std::string_view json) {
  const std::string section = prefix(ReportSettings::kSection);
  ReportSettings next = settings;
  const auto object = parseObject(json, std::string(ReportSettings::kSection));  // kept alive for the loop
  for (const auto& [key, value] : *object) {
    const std::string field = section + key;
    if (key == "reports") {
      const auto array = asArray(value, field);
      next.reports.clear();
      for (std::size_t i = 0; i < array->size(); ++i) {
        next.reports.push_back(readReport(array->get(static_cast<unsigned>(i)), fmt::format("{}[{}]", field, i)));
      }
    } else {
      unknownField(field);
    }
  }
  settings = std::move(next);
}

// --- alerts ---

std::string toJson(const AlertSettings& settings, SecretView /*view: no secret*/) {
  auto object = newObject();
  auto events = newObject();
  for (const AlertKind kind : kAllAlertKinds) events->set(std::string(alertKindId(kind)), settings.sends(kind));
  object->set("events", events);
  object->set("send_email", settings.sendEmail);
  object->set("email_recipients", stringArray(settings.emailRecipients));
  object->set("email_subject", settings.emailSubject);
  object->set("send_telegram", settings.sendTelegram);
  return stringify(object);
}

void applyJson(AlertSettings& settings, std::string_view json) {
  const std::string section = prefix(AlertSettings::kSection);
  AlertSettings next = settings;
  const auto object = parseObject(json, std::string(AlertSettings::kSection));  // kept alive for the loop
  for (const auto& [key, value] : *object) {
    const std::string field = section + key;
    if (key == "events") {
      // Only the kinds named change, like any other field.
      const auto kinds = asObject(value, field);
      for (const auto& [id, on] : *kinds) {
        const std::string kindField = field + "." + id;
        bool known = false;
        for (const AlertKind kind : kAllAlertKinds) {
          if (alertKindId(kind) == id) {
            next.setSends(kind, asBool(on, kindField));
            known = true;
          }
        }
        if (!known) unknownField(kindField);
      }
    } else if (key == "send_email") {
      next.sendEmail = asBool(value, field);
    } else if (key == "email_recipients") {
      next.emailRecipients = asStringList(value, field);
    } else if (key == "email_subject") {
      next.emailSubject = asString(value, field);
    } else if (key == "send_telegram") {
      next.sendTelegram = asBool(value, field);
    } else {
      unknownField(field);
    }
  }
  settings = std::move(next);
}

// --- connector ---

std::string toJson(const ConnectorSettings& settings, SecretView view) {
  auto object = newObject();
  object->set("mode", nameOf(kModeNames, settings.mode));
  object->set("address", settings.address);
  object->set("port", optionalPort(settings.port));
  object->set("username", settings.username);
  setSecret(*object, "password", settings.password, view);
  setSecret(*object, "private_key", settings.privateKey, view);
  object->set("source_folders", stringArray(settings.sourceFolders));
  object->set("destination", settings.destination);
  std::string day = "*";
  if (settings.day.kind == UploadDay::Kind::DayOfWeek && settings.day.value >= 1 && settings.day.value <= 7) {
    day = kWeekdays[static_cast<std::size_t>(settings.day.value - 1)];
  } else if (settings.day.kind != UploadDay::Kind::EveryDay) {
    day = std::to_string(settings.day.value);
  }
  object->set("day", day);
  object->set("hour", settings.hour ? std::to_string(*settings.hour) : std::string("*"));
  return stringify(object);
}

void applyJson(ConnectorSettings& settings, std::string_view json) {
  const std::string section = prefix(ConnectorSettings::kSection);
  ConnectorSettings next = settings;
  const auto object = parseObject(json, std::string(ConnectorSettings::kSection));  // kept alive for the loop
  for (const auto& [key, value] : *object) {
    const std::string field = section + key;
    if (key == "mode") {
      next.mode = asEnum(value, field, kModeNames);
    } else if (key == "address") {
      next.address = asString(value, field);
    } else if (key == "port") {
      next.port = asOptionalPort(value, field);
    } else if (key == "username") {
      next.username = asString(value, field);
    } else if (key == "password") {
      next.password = Secret(asString(value, field));
    } else if (key == "private_key") {
      next.privateKey = Secret(asString(value, field));
    } else if (key == "source_folders") {
      next.sourceFolders = asStringList(value, field);
    } else if (key == "destination") {
      next.destination = asString(value, field);
    } else if (key == "day") {
      next.day = asUploadDay(value, field);
    } else if (key == "hour") {
      next.hour = asHour(value, field);
    } else if (key != "password_set" && key != "private_key_set") {
      unknownField(field);
    }
  }
  settings = std::move(next);
}


}  // namespace ews::sitedb

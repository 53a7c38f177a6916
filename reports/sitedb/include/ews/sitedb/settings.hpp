#pragma once
// The notification and connector settings of the web server (manual 8.6, 7.12; docs/users.md,
// "Settings"): one struct per section, the defaults a new box starts from, their validation and
// their JSON form. They are kept in the site database (settings_store.hpp) and used by later
// issues (the e-mail and Telegram senders, the automatic reports, the connector).
//
// Secrets (passwords, the bot token) are write-only through the API: toJson(…, Masked) says
// only whether one is set. They are stored clear in the database file, the box's private data
// (docs/users.md explains why they are not encrypted there).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ews::sitedb {

/// A write-only setting value. Only the code that uses it (a sender) calls reveal(); pages get
/// isSet(). Deliberately not formattable, so it cannot end up in a log line by accident.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string clear) : clear_(std::move(clear)) {}
  bool isSet() const { return !clear_.empty(); }
  const std::string& reveal() const { return clear_; }
  bool operator==(const Secret&) const = default;

 private:
  std::string clear_;
};

/// 8.6.1: the sender's account; alerts and reports name their own recipients.
struct EmailSettings {
  static constexpr std::string_view kSection = "email";
  enum class Security { None, StartTls, Tls };

  std::string sender;                     ///< full address, also the recipient of "Test"
  std::string user;                       ///< account name at the provider
  Secret password;
  std::string smtpServer;                 ///< "smtp.gmail.com"
  std::optional<std::uint16_t> smtpPort;  ///< nullopt: the usual port of `security`
  Security security = Security::Tls;      ///< the manual's "Enable SSL" is Tls

  /// 465 for Tls (the manual's default port), 587 for StartTls, 25 for None, unless set.
  std::uint16_t effectivePort() const;
  /// A sender and a server are set: mail can be sent.
  bool configured() const { return !sender.empty() && !smtpServer.empty(); }
  bool operator==(const EmailSettings&) const = default;
};

/// A Telegram account that asked the bot for notifications (it sent the password).
struct TelegramRecipient {
  std::int64_t chatId = 0;  ///< Telegram's chat id (negative for groups)
  std::string name;
  bool enabled = true;      ///< the manual's per-user enable/disable
  bool operator==(const TelegramRecipient&) const = default;
};

/// 8.6.2: the bot that sends, and who receives.
struct TelegramSettings {
  static constexpr std::string_view kSection = "telegram";

  std::string botName;
  Secret token;     ///< "<bot id>:<key>" from BotFather
  Secret password;  ///< what a Telegram user sends to the bot to ask for notifications
  std::vector<TelegramRecipient> recipients;
  /// The Bot API's base URL: Telegram's own on a box; a local fake Bot API in tests.
  std::string apiUrl = std::string(kDefaultApiUrl);
  static constexpr std::string_view kDefaultApiUrl = "https://api.telegram.org";

  bool configured() const { return token.isSet(); }
  bool operator==(const TelegramSettings&) const = default;
};

/// 8.6.3: one automatic report sent by e-mail.
struct AutomaticReport {
  enum class Kind { Summary, Detailed };
  enum class Period { Monthly, Yearly };             ///< what one report covers
  enum class Format { Pdf, Csv };
  enum class Frequency { Daily, Weekly, Monthly };   ///< how often it is sent

  Kind kind = Kind::Summary;
  Period period = Period::Monthly;
  Format format = Format::Pdf;
  Frequency frequency = Frequency::Monthly;
  std::vector<std::string> devices;     ///< Detailed only: device names of the configuration
  std::vector<std::string> recipients;  ///< e-mail addresses
  bool enabled = true;
  /// The local time of day it is sent at, minutes after midnight (JSON "HH:MM"). The manual
  /// names no time; 06:00 sends the day's, week's or month's report before work starts.
  int sendMinute = 6 * 60;
  bool operator==(const AutomaticReport&) const = default;
};

struct ReportSettings {
  static constexpr std::string_view kSection = "reports";
  std::vector<AutomaticReport> reports;
  bool operator==(const ReportSettings&) const = default;
};

/// 8.6.4: the events that send an alert, and the Data & Chart thresholds the manual also
/// enables on this page.
enum class AlertKind { StateChange, MeasureThreshold, ConfigurationError, CommunicationError, ChartThreshold };
inline constexpr std::size_t kAlertKindCount = 5;
inline constexpr std::array<AlertKind, kAlertKindCount> kAllAlertKinds{
    AlertKind::StateChange, AlertKind::MeasureThreshold, AlertKind::ConfigurationError,
    AlertKind::CommunicationError, AlertKind::ChartThreshold};
/// "state_change", "measure_threshold", "configuration_error", "communication_error", "chart_threshold".
std::string_view alertKindId(AlertKind kind);

struct AlertSettings {
  static constexpr std::string_view kSection = "alerts";

  std::array<bool, kAlertKindCount> events{};  ///< indexed by AlertKind; none by default
  bool sendEmail = false;
  std::vector<std::string> emailRecipients;
  std::string emailSubject = "Energy Web Server alert";
  bool sendTelegram = false;  ///< to the enabled Telegram recipients

  bool sends(AlertKind kind) const { return events[static_cast<std::size_t>(kind)]; }
  void setSends(AlertKind kind, bool on) { events[static_cast<std::size_t>(kind)] = on; }
  bool operator==(const AlertSettings&) const = default;
};

/// 7.12 "Scheduler": the day of an upload.
struct UploadDay {
  enum class Kind { EveryDay, DayOfWeek, DayOfMonth };
  Kind kind = Kind::EveryDay;  ///< "*"
  int value = 0;               ///< DayOfWeek: 1 Monday … 7 Sunday (ISO); DayOfMonth: 1…31
  bool operator==(const UploadDay&) const = default;
};

/// 7.12: copies the CSV tree to a remote server.
struct ConnectorSettings {
  static constexpr std::string_view kSection = "connector";
  enum class Mode { Off, Sftp, Scp };
  static constexpr std::uint16_t kDefaultPort = 22;

  Mode mode = Mode::Off;
  std::string address;                 ///< IP address or DNS name
  std::optional<std::uint16_t> port;   ///< nullopt: 22
  std::string username;
  Secret password;
  /// An OpenSSH or PEM private key (text), used instead of the password when set.
  Secret privateKey;
  std::vector<std::string> sourceFolders;  ///< CSV tree folders (8.4.3); empty: all of them
  std::string destination;                 ///< relative to the remote home; %date %day %dow %hour
  UploadDay day;
  std::optional<int> hour = 0;             ///< 0…23; nullopt: every hour ("*")

  std::uint16_t effectivePort() const { return port.value_or(kDefaultPort); }
  bool operator==(const ConnectorSettings&) const = default;
};

/// The folders of the CSV tree a connector may upload (manual 8.4.3, docs/csv-tree.md).
inline constexpr std::array<std::string_view, 7> kCsvTreeFolders{"devices",      "energy",   "eqcheck", "gas",
                                                                 "overallTotal", "settings", "water"};

/// Validation: throws FieldError naming the first bad field ("email.smtp_port").
void validate(const EmailSettings& settings);
void validate(const TelegramSettings& settings);
void validate(const ReportSettings& settings);
void validate(const AlertSettings& settings);
void validate(const ConnectorSettings& settings);

/// Clear: the stored form, secrets included. Masked: the API's form, where a secret `x` becomes
/// `"x_set": true|false`.
enum class SecretView { Clear, Masked };

/// One JSON object per section; field names are snake_case ("smtp_server").
std::string toJson(const EmailSettings& settings, SecretView view);
std::string toJson(const TelegramSettings& settings, SecretView view);
std::string toJson(const ReportSettings& settings, SecretView view);
std::string toJson(const AlertSettings& settings, SecretView view);
std::string toJson(const ConnectorSettings& settings, SecretView view);

/// Sets the fields present in `json` on `settings` and keeps the others, so the API may send
/// only what changed and a masked document sent back keeps the stored secrets ("x_set" is
/// ignored). A secret given as "" is cleared. Throws FieldError naming an unknown field, a
/// value of the wrong type or out of range, or JSON that does not parse. Does not validate().
void applyJson(EmailSettings& settings, std::string_view json);
void applyJson(TelegramSettings& settings, std::string_view json);
void applyJson(ReportSettings& settings, std::string_view json);
void applyJson(AlertSettings& settings, std::string_view json);
void applyJson(ConnectorSettings& settings, std::string_view json);

}  // namespace ews::sitedb

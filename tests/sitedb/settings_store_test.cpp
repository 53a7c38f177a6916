// The notification and connector settings in the site database (docs/users.md, "Settings"):
// defaults, round trips, validation naming the field, write-only secrets, events.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "ews/sitedb/database.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/settings.hpp"
#include "ews/sitedb/settings_store.hpp"

namespace ews::sitedb {
namespace {

namespace fs = std::filesystem;

const Time kNow = timeFromMicros(1'767'225'600'000'000);  // 2026-01-01T00:00:00Z

class SettingsStoreTest : public ::testing::Test {
 protected:
  SettingsStoreTest() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("ews-sitedb-settings-") + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::make_unique<Database>(dir_ / "site.db", Database::Mode::ReadWrite);
  }
  ~SettingsStoreTest() override {
    db_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  std::int64_t eventCount() const { return db_->queryInt("SELECT COUNT(*) FROM events").value_or(0); }
  std::int64_t rowCount() const { return db_->queryInt("SELECT COUNT(*) FROM settings").value_or(0); }
  std::string storedJson(const char* section) const {
    Statement row = db_->prepare("SELECT json FROM settings WHERE section = ?");
    row.bind(1, section);
    return row.step() ? row.text(0) : std::string();
  }

  /// save() is refused with a FieldError on `field`, and nothing is written.
  template <class Section>
  void expectRefused(const Section& settings, const std::string& field) {
    const auto events = eventCount();
    const auto stored = storedJson(std::string(Section::kSection).c_str());
    try {
      save(*db_, settings, "administrator", kNow);
      ADD_FAILURE() << "expected a FieldError on " << field;
    } catch (const FieldError& error) {
      EXPECT_EQ(error.field(), field) << error.what();
    }
    EXPECT_EQ(eventCount(), events);
    EXPECT_EQ(storedJson(std::string(Section::kSection).c_str()), stored);
  }

  fs::path dir_;
  std::unique_ptr<Database> db_;
};

EmailSettings sampleEmail() {
  EmailSettings email;
  email.sender = "ews@example.com";
  email.user = "ews";
  email.password = Secret("s3cret-mail");
  email.smtpServer = "smtp.example.com";
  email.smtpPort = 587;
  email.security = EmailSettings::Security::StartTls;
  return email;
}

TelegramSettings sampleTelegram() {
  TelegramSettings telegram;
  telegram.botName = "site_bot";
  telegram.token = Secret("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
  telegram.password = Secret("letmein");
  telegram.recipients = {{42, "Ana", true}, {-1001234567890, "Maintenance group", false}};
  return telegram;
}

ReportSettings sampleReports() {
  ReportSettings reports;
  AutomaticReport summary;
  summary.recipients = {"boss@example.com", "accounting@example.com"};
  AutomaticReport detailed;
  detailed.kind = AutomaticReport::Kind::Detailed;
  detailed.period = AutomaticReport::Period::Yearly;
  detailed.format = AutomaticReport::Format::Csv;
  detailed.frequency = AutomaticReport::Frequency::Weekly;
  detailed.devices = {"Main meter", "Chiller"};
  detailed.recipients = {"facility@example.com"};
  detailed.enabled = false;
  reports.reports = {summary, detailed};
  return reports;
}

AlertSettings sampleAlerts() {
  AlertSettings alerts;
  alerts.setSends(AlertKind::StateChange, true);
  alerts.setSends(AlertKind::CommunicationError, true);
  alerts.sendEmail = true;
  alerts.emailRecipients = {"oncall@example.com"};
  alerts.emailSubject = "Site A alert";
  alerts.sendTelegram = true;
  return alerts;
}

ConnectorSettings sampleConnector() {
  ConnectorSettings connector;
  connector.mode = ConnectorSettings::Mode::Sftp;
  connector.address = "backup.example.com";
  connector.port = 2222;
  connector.username = "ews";
  connector.password = Secret("s3cret-sftp");
  connector.sourceFolders = {"devices", "energy"};
  connector.destination = "sites/a/backup%date";
  connector.day = {UploadDay::Kind::DayOfWeek, 1};
  connector.hour = 3;
  return connector;
}

TEST_F(SettingsStoreTest, ASectionNeverSavedReadsAsItsDefaults) {
  const auto email = load<EmailSettings>(*db_);
  EXPECT_EQ(email, EmailSettings{});
  EXPECT_FALSE(email.configured());
  EXPECT_EQ(email.security, EmailSettings::Security::Tls);
  EXPECT_EQ(email.effectivePort(), 465);  // the manual's default port
  EXPECT_EQ(load<TelegramSettings>(*db_), TelegramSettings{});
  EXPECT_TRUE(load<ReportSettings>(*db_).reports.empty());
  const auto alerts = load<AlertSettings>(*db_);
  for (const AlertKind kind : kAllAlertKinds) EXPECT_FALSE(alerts.sends(kind));
  EXPECT_FALSE(alerts.sendEmail || alerts.sendTelegram);
  const auto connector = load<ConnectorSettings>(*db_);
  EXPECT_EQ(connector.mode, ConnectorSettings::Mode::Off);
  EXPECT_EQ(connector.effectivePort(), 22);  // 7.12: empty port means 22
  EXPECT_EQ(connector.day.kind, UploadDay::Kind::EveryDay);
  EXPECT_EQ(connector.hour, 0);
  EXPECT_EQ(rowCount(), 0) << "loading writes nothing";
}

TEST_F(SettingsStoreTest, EverySectionRoundTripsThroughTheDatabaseFile) {
  EXPECT_TRUE(save(*db_, sampleEmail(), "administrator", kNow));
  EXPECT_TRUE(save(*db_, sampleTelegram(), "administrator", kNow));
  EXPECT_TRUE(save(*db_, sampleReports(), "greenUp", kNow));
  EXPECT_TRUE(save(*db_, sampleAlerts(), "greenUp", kNow));
  EXPECT_TRUE(save(*db_, sampleConnector(), "administrator", kNow));
  EXPECT_EQ(rowCount(), 5);
  db_.reset();

  const Database reader(dir_ / "site.db", Database::Mode::ReadOnly);
  EXPECT_EQ(load<EmailSettings>(reader), sampleEmail());
  EXPECT_EQ(load<TelegramSettings>(reader), sampleTelegram());
  EXPECT_EQ(load<ReportSettings>(reader), sampleReports());
  EXPECT_EQ(load<AlertSettings>(reader), sampleAlerts());
  EXPECT_EQ(load<ConnectorSettings>(reader), sampleConnector());
  // The sender needs the clear secret.
  EXPECT_EQ(load<EmailSettings>(reader).password.reveal(), "s3cret-mail");
  EXPECT_EQ(load<ConnectorSettings>(reader).password.reveal(), "s3cret-sftp");
}

TEST_F(SettingsStoreTest, EachChangeIsOneEventNamingTheFieldsNotTheirValues) {
  EXPECT_TRUE(save(*db_, sampleEmail(), "administrator", kNow));
  EXPECT_EQ(eventCount(), 1);
  EXPECT_FALSE(save(*db_, sampleEmail(), "administrator", kNow + seconds(5))) << "unchanged: nothing written";
  EXPECT_EQ(eventCount(), 1);

  auto email = sampleEmail();
  email.password = Secret("another-secret");
  email.smtpServer = "mail.example.org";
  EXPECT_TRUE(save(*db_, email, "greenUp", kNow + seconds(10)));
  Statement row = db_->prepare("SELECT at_us, device, kind, detail, author FROM events ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(row.step());
  EXPECT_EQ(row.int64(0), toMicros(kNow + seconds(10)));
  EXPECT_EQ(row.int64(1), 0);
  EXPECT_EQ(row.text(2), "settings");
  EXPECT_EQ(row.text(3), "email settings changed: password, smtp_server");
  EXPECT_EQ(row.text(4), "greenUp");
  Statement stored = db_->prepare("SELECT updated_at_us, author FROM settings WHERE section = 'email'");
  ASSERT_TRUE(stored.step());
  EXPECT_EQ(stored.int64(0), toMicros(kNow + seconds(10)));
  EXPECT_EQ(stored.text(1), "greenUp");
}

TEST_F(SettingsStoreTest, SecretsAreWriteOnlyThroughTheApi) {
  save(*db_, sampleEmail(), "administrator", kNow);
  save(*db_, sampleTelegram(), "administrator", kNow);
  save(*db_, sampleConnector(), "administrator", kNow);

  const std::string email = loadForApi<EmailSettings>(*db_);
  EXPECT_EQ(email.find("s3cret-mail"), std::string::npos) << email;
  EXPECT_NE(email.find("\"password_set\":true"), std::string::npos) << email;
  EXPECT_EQ(email.find("\"password\":"), std::string::npos) << email;
  EXPECT_NE(email.find("\"smtp_server\":\"smtp.example.com\""), std::string::npos) << email;

  const std::string telegram = loadForApi<TelegramSettings>(*db_);
  EXPECT_EQ(telegram.find("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"), std::string::npos) << telegram;
  EXPECT_EQ(telegram.find("letmein"), std::string::npos) << telegram;
  EXPECT_NE(telegram.find("\"token_set\":true"), std::string::npos) << telegram;
  EXPECT_NE(telegram.find("\"chat_id\":-1001234567890"), std::string::npos) << telegram;

  const std::string connector = loadForApi<ConnectorSettings>(*db_);
  EXPECT_EQ(connector.find("s3cret-sftp"), std::string::npos) << connector;
  EXPECT_NE(connector.find("\"password_set\":true"), std::string::npos) << connector;
  EXPECT_NE(toJson(EmailSettings{}, SecretView::Masked).find("\"password_set\":false"), std::string::npos);

  // Stored clear in the box's private database (docs/users.md says why).
  EXPECT_NE(storedJson("email").find("s3cret-mail"), std::string::npos);

  // The masked document sent back keeps the stored secret; "" clears it.
  auto edited = load<EmailSettings>(*db_);
  applyJson(edited, email);
  EXPECT_EQ(edited.password.reveal(), "s3cret-mail");
  applyJson(edited, R"({"user":"ews2"})");
  EXPECT_EQ(edited.user, "ews2");
  EXPECT_EQ(edited.password.reveal(), "s3cret-mail");
  applyJson(edited, R"({"password":""})");
  EXPECT_FALSE(edited.password.isSet());
}

TEST_F(SettingsStoreTest, JsonFieldsAreCheckedByNameAndABadDocumentChangesNothing) {
  auto expectJsonError = [](auto settings, const char* json, const std::string& what) {
    const auto before = settings;
    try {
      applyJson(settings, json);
      ADD_FAILURE() << "expected a FieldError: " << what;
    } catch (const FieldError& error) {
      EXPECT_EQ(std::string(error.what()), what);
    }
    EXPECT_EQ(settings, before) << "all or nothing";
  };
  expectJsonError(sampleEmail(), R"({"user":"x","smtp_prot":25})", "email.smtp_prot: unknown field");
  expectJsonError(sampleEmail(), R"({"user":"x","smtp_port":"25"})", "email.smtp_port: must be an integer");
  expectJsonError(sampleEmail(), R"({"smtp_port":70000})", "email.smtp_port: must be between 1 and 65535");
  expectJsonError(sampleEmail(), R"({"security":"ssl"})", "email.security: 'ssl' is not one of none, starttls, tls");
  expectJsonError(sampleEmail(), R"(["sender"])", "email: must be a JSON object");
  expectJsonError(sampleTelegram(), R"({"recipients":[{"chat_id":1,"nick":"x"}]})",
                  "telegram.recipients[0].nick: unknown field");
  expectJsonError(sampleReports(), R"({"reports":[{"kind":"weekly"}]})",
                  "reports.reports[0].kind: 'weekly' is not one of summary, detailed");
  expectJsonError(sampleAlerts(), R"({"events":{"tripped":true}})", "alerts.events.tripped: unknown field");
  expectJsonError(sampleConnector(), R"({"day":"monday"})", "connector.day: must be *, mon … sun, or a day of the month");
  expectJsonError(sampleConnector(), R"({"hour":"noon"})", "connector.hour: must be * or an hour 0 … 23");
  EmailSettings email;
  EXPECT_THROW(applyJson(email, "{not json"), FieldError);

  // The manual's forms of the connector's scheduler.
  ConnectorSettings connector;
  applyJson(connector, R"({"day":"15","hour":"*","port":null})");
  EXPECT_EQ(connector.day, (UploadDay{UploadDay::Kind::DayOfMonth, 15}));
  EXPECT_EQ(connector.hour, std::nullopt);
  EXPECT_EQ(connector.port, std::nullopt);
  applyJson(connector, R"({"day":"sun","hour":23})");
  EXPECT_EQ(connector.day, (UploadDay{UploadDay::Kind::DayOfWeek, 7}));
  EXPECT_EQ(connector.hour, 23);
  const std::string json = toJson(connector, SecretView::Masked);
  EXPECT_NE(json.find("\"day\":\"sun\",\"hour\":\"23\""), std::string::npos) << json;

  AlertSettings alerts = sampleAlerts();
  applyJson(alerts, R"({"events":{"chart_threshold":true}})");
  EXPECT_TRUE(alerts.sends(AlertKind::ChartThreshold));
  EXPECT_TRUE(alerts.sends(AlertKind::StateChange)) << "kinds not named are kept";
}

TEST_F(SettingsStoreTest, ValidationNamesTheFieldAndWritesNothing) {
  save(*db_, sampleEmail(), "administrator", kNow);

  auto email = sampleEmail();
  email.sender = "not an address";
  expectRefused(email, "email.sender");
  email = sampleEmail();
  email.smtpPort = 0;
  expectRefused(email, "email.smtp_port");
  email = sampleEmail();
  email.smtpServer = "";
  expectRefused(email, "email.smtp_server");
  email = sampleEmail();
  email.smtpServer = "smtp://mail";
  expectRefused(email, "email.smtp_server");
  EXPECT_EQ(load<EmailSettings>(*db_), sampleEmail());

  auto telegram = sampleTelegram();
  telegram.token = Secret("not-a-token");
  expectRefused(telegram, "telegram.token");
  telegram = sampleTelegram();
  telegram.recipients.push_back({42, "Ana again", true});
  expectRefused(telegram, "telegram.recipients[2].chat_id");
  telegram = sampleTelegram();
  telegram.password = Secret("abc");
  expectRefused(telegram, "telegram.password");

  auto reports = sampleReports();
  reports.reports[1].devices.clear();
  expectRefused(reports, "reports.reports[1].devices");
  reports = sampleReports();
  reports.reports[0].devices = {"Main meter"};
  expectRefused(reports, "reports.reports[0].devices");
  reports = sampleReports();
  reports.reports[0].recipients[1] = "accounting";
  expectRefused(reports, "reports.reports[0].recipients[1]");
  reports = sampleReports();
  reports.reports[0].recipients.clear();
  expectRefused(reports, "reports.reports[0].recipients");

  auto alerts = sampleAlerts();
  alerts.emailRecipients.clear();
  expectRefused(alerts, "alerts.email_recipients");
  alerts = sampleAlerts();
  alerts.emailSubject = "Alert\r\nBcc: everyone@example.com";
  expectRefused(alerts, "alerts.email_subject");

  auto connector = sampleConnector();
  connector.address = "";
  expectRefused(connector, "connector.address");
  connector = sampleConnector();
  connector.sourceFolders = {"energy", "photos"};
  expectRefused(connector, "connector.source_folders[1]");
  connector = sampleConnector();
  connector.destination = "/etc/backup";
  expectRefused(connector, "connector.destination");
  connector = sampleConnector();
  connector.destination = "backup%month";
  expectRefused(connector, "connector.destination");
  connector = sampleConnector();
  connector.destination = "a/../../b";
  expectRefused(connector, "connector.destination");
  connector = sampleConnector();
  connector.hour = 24;
  expectRefused(connector, "connector.hour");
  connector = sampleConnector();
  connector.day = {UploadDay::Kind::DayOfMonth, 32};
  expectRefused(connector, "connector.day");

  // Off, the connector needs no server; %day, %dow, %hour are the manual's keywords.
  ConnectorSettings off;
  off.destination = "energyOf%dow-%day-%hour";
  EXPECT_TRUE(save(*db_, off, "administrator", kNow));
}

TEST(EmailSettingsTest, TheUsualPortOfEachSecurity) {
  EmailSettings email;
  EXPECT_EQ(email.effectivePort(), 465);
  email.security = EmailSettings::Security::StartTls;
  EXPECT_EQ(email.effectivePort(), 587);
  email.security = EmailSettings::Security::None;
  EXPECT_EQ(email.effectivePort(), 25);
  email.smtpPort = 2525;
  EXPECT_EQ(email.effectivePort(), 2525);
}

// Delivery (docs/delivery.md): the Bot API's base URL and the report's local send time.
TEST_F(SettingsStoreTest, TheBotApiUrlAndTheReportTimeRoundTripAndAreChecked) {
  auto telegram = sampleTelegram();
  EXPECT_EQ(telegram.apiUrl, "https://api.telegram.org");
  telegram.apiUrl = "http://127.0.0.1:8081";
  save(*db_, telegram, "administrator", kNow);
  EXPECT_EQ(load<TelegramSettings>(*db_).apiUrl, "http://127.0.0.1:8081");
  EXPECT_NE(loadForApi<TelegramSettings>(*db_).find("\"api_url\":\"http://127.0.0.1:8081\""), std::string::npos);
  for (const char* bad : {"ftp://x", "https://", "https://host/?q=1", "http:// host"}) {
    telegram.apiUrl = bad;
    expectRefused(telegram, "telegram.api_url");
  }

  auto reports = sampleReports();
  EXPECT_EQ(reports.reports[0].sendMinute, 6 * 60);
  applyJson(reports, R"({"reports": [{"recipients": ["a@example.com"], "time": "23:45"}]})");
  EXPECT_EQ(reports.reports.at(0).sendMinute, 23 * 60 + 45);
  EXPECT_NE(toJson(reports, SecretView::Masked).find("\"time\":\"23:45\""), std::string::npos);
  for (const char* bad : {"24:00", "7:00", "12:60", "noon"}) {
    auto before = reports;
    try {
      applyJson(reports, fmt::format(R"({{"reports": [{{"recipients": ["a@example.com"], "time": "{}"}}]}})", bad));
      ADD_FAILURE() << bad << " was accepted";
    } catch (const FieldError& error) {
      EXPECT_EQ(error.field(), "reports.reports[0].time") << bad;
    }
    EXPECT_EQ(reports, before);
  }
  reports.reports[0].sendMinute = 24 * 60;
  expectRefused(reports, "reports.reports[0].time");
}

}  // namespace
}  // namespace ews::sitedb

// The Connector's pure parts (docs/connector.md): the destination keywords, the scheduler's
// hours, the scheduler task in virtual time across a DST change with retries, and the settings'
// new fields. The transfers themselves are tested against a real sshd in test_connector_ssh.py.
#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "ews/connector/destination.hpp"
#include "ews/connector/schedule.hpp"
#include "ews/run/connector_task.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/known_hosts.hpp"
#include "ews/sitedb/settings_store.hpp"

namespace ews {
namespace {

namespace fs = std::filesystem;
using sitedb::ConnectorSettings;
using sitedb::UploadDay;

TEST(ConnectorDestination, ExpandsTheManualsKeywordsInLocalTime) {
  const LocalDateTime wednesday{2022, 11, 30, 14, 5, 59};
  EXPECT_EQ(connector::expandDestination("path/backup%date", wednesday), "path/backup202211301405");  // manual's example
  EXPECT_EQ(connector::expandDestination("path/energyOf%dow", wednesday), "path/energyOfwed");
  EXPECT_EQ(connector::expandDestination("d%day/h%hour/%dow%day", LocalDateTime{2026, 3, 1, 0, 0, 0}), "d01/h00/sun01");
  EXPECT_EQ(connector::expandDestination("plain/name", wednesday), "plain/name");
}

TEST(ConnectorSchedule, DayAndHourWithStars) {
  ConnectorSettings settings;  // default: every day at 0h
  const LocalDateTime monday0{2026, 1, 5, 0, 0, 0};
  const LocalDateTime monday3{2026, 1, 5, 3, 0, 0};
  EXPECT_TRUE(connector::isScheduledHour(settings, monday0));
  EXPECT_FALSE(connector::isScheduledHour(settings, monday3));
  settings.hour.reset();  // "*": every hour
  EXPECT_TRUE(connector::isScheduledHour(settings, monday3));
  settings.day = {UploadDay::Kind::DayOfWeek, 1};  // mon
  settings.hour = 0;
  EXPECT_TRUE(connector::isScheduledHour(settings, monday0));
  EXPECT_FALSE(connector::isScheduledHour(settings, LocalDateTime{2026, 1, 6, 0, 0, 0}));
  settings.day = {UploadDay::Kind::DayOfMonth, 1};  // the 1st at 3h (the manual's last example)
  settings.hour = 3;
  EXPECT_TRUE(connector::isScheduledHour(settings, LocalDateTime{2026, 2, 1, 3, 0, 0}));
  EXPECT_FALSE(connector::isScheduledHour(settings, LocalDateTime{2026, 2, 2, 3, 0, 0}));
  settings.day = {UploadDay::Kind::DayOfMonth, 31};
  EXPECT_FALSE(connector::isScheduledHour(settings, LocalDateTime{2026, 4, 30, 3, 0, 0}));  // April has no 31st
}

class ConnectorTaskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("connector_task_" + std::to_string(::getpid()) + "_" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    db_ = std::make_unique<sitedb::Database>(folder_ / "ews.db", sitedb::Database::Mode::ReadWrite);
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(folder_);
  }

  void configure(UploadDay day, std::optional<int> hour) {
    ConnectorSettings settings;
    settings.mode = ConnectorSettings::Mode::Sftp;
    settings.address = "127.0.0.1";
    settings.username = "ews";
    settings.password = sitedb::Secret("pw");
    settings.destination = "site/%date";
    settings.day = day;
    settings.hour = hour;
    sitedb::save(*db_, settings, "test", Time{});
  }

  struct Attempt {
    Time at;
    std::string trigger;
  };

  /// Runs a task in virtual time from `start` for `span`; each transfer fails while `fail` says so.
  std::vector<Attempt> run(Time start, Duration span, const std::function<bool(int)>& fail,
                           const std::function<void(Engine&, run::ConnectorTask&)>& during = {}) {
    Engine engine(EngineConfig{start});
    std::vector<Attempt> attempts;
    run::ConnectorTask::Options options;
    options.onWorkerThread = false;  // virtual time: on the engine's thread
    run::ConnectorTask task(
        engine, *db_, zone_,
        [&](Time now, const connector::SendRequest& request) {
          attempts.push_back({now, request.trigger});
          connector::SendOutcome outcome;
          outcome.status = fail(static_cast<int>(attempts.size())) ? connector::SendOutcome::Status::Failed
                                                                   : connector::SendOutcome::Status::Sent;
          return outcome;
        },
        options);
    task.start();
    if (during) during(engine, task);
    engine.runUntil(start + span);
    return attempts;
  }

  std::string local(Time t) const { return zone_.format(t, "%F %H:%M %z"); }

  fs::path folder_;
  std::unique_ptr<sitedb::Database> db_;
  TimeZone zone_{"Europe/Paris"};
};

TEST_F(ConnectorTaskTest, DailyAtTwoAndThreeLocalAcrossTheSpringChange) {
  // 2026-03-29: Paris skips 02:00-03:00. A transfer at 3h runs at 03:00 local every day, an
  // hour after 2h's UTC instant on the change day; one at 2h does not run that day (no 2h).
  configure({}, 3);
  const Time start = zone_.toUtc({2026, 3, 27, 12, 0, 0});
  auto attempts = run(start, days(4), [](int) { return false; });
  std::vector<std::string> at;
  for (const auto& attempt : attempts) at.push_back(local(attempt.at));
  EXPECT_EQ(at, (std::vector<std::string>{"2026-03-28 03:00 +0100", "2026-03-29 03:00 +0200",
                                          "2026-03-30 03:00 +0200", "2026-03-31 03:00 +0200"}));
  configure({}, 2);
  attempts = run(start, days(4), [](int) { return false; });
  at.clear();
  for (const auto& attempt : attempts) at.push_back(local(attempt.at));
  EXPECT_EQ(at, (std::vector<std::string>{"2026-03-28 02:00 +0100", "2026-03-30 02:00 +0200",
                                          "2026-03-31 02:00 +0200"}));
}

TEST_F(ConnectorTaskTest, EveryHourAcrossTheAutumnChangeRunsTheRepeatedHourTwice) {
  configure({}, std::nullopt);  // day *, hour *
  const Time start = zone_.toUtc({2026, 10, 25, 0, 30, 0});
  const auto attempts = run(start, hours(5), [](int) { return false; });
  std::vector<std::string> at;
  for (const auto& attempt : attempts) at.push_back(local(attempt.at));
  // Each local hour once; 02:00 twice because it exists twice (+02:00 then +01:00).
  EXPECT_EQ(at, (std::vector<std::string>{"2026-10-25 01:00 +0200", "2026-10-25 02:00 +0200",
                                          "2026-10-25 02:00 +0100", "2026-10-25 03:00 +0100",
                                          "2026-10-25 04:00 +0100"}));
}

TEST_F(ConnectorTaskTest, FailuresAreRetriedWithBackOffAndTheNextScheduleStillRuns) {
  configure({UploadDay::Kind::DayOfWeek, 1}, 0);  // Mondays at 0h
  const Time start = zone_.toUtc({2026, 1, 4, 23, 30, 0});  // Sunday evening
  // Every attempt of the first Monday fails; the next Monday's succeeds at once.
  const auto attempts = run(start, days(8), [](int n) { return n <= 6; });
  ASSERT_EQ(attempts.size(), 7u);
  std::vector<std::string> at;
  std::vector<std::string> triggers;
  for (const auto& attempt : attempts) {
    at.push_back(local(attempt.at));
    triggers.push_back(attempt.trigger);
  }
  // 2, 4, 8, 16, 30 (capped) minutes apart, six attempts in all, then nothing until next Monday.
  EXPECT_EQ(at, (std::vector<std::string>{"2026-01-05 00:00 +0100", "2026-01-05 00:02 +0100",
                                          "2026-01-05 00:06 +0100", "2026-01-05 00:14 +0100",
                                          "2026-01-05 00:30 +0100", "2026-01-05 01:00 +0100",
                                          "2026-01-12 00:00 +0100"}));
  EXPECT_EQ(triggers[0], "schedule");
  EXPECT_EQ(triggers[1], "schedule, retry 1");
  EXPECT_EQ(triggers[5], "schedule, retry 5");
  EXPECT_EQ(triggers[6], "schedule");
}

TEST_F(ConnectorTaskTest, SendNowRunsAtOnceWhateverTheScheduleAndIsNotRetried) {
  configure({UploadDay::Kind::DayOfMonth, 1}, 3);
  const Time start = zone_.toUtc({2026, 1, 10, 12, 0, 0});
  const auto attempts = run(start, hours(6), [](int) { return true; }, [](Engine& engine, run::ConnectorTask& task) {
    engine.schedule(engine.now() + minutes(90), [&task] { task.sendNow("administrator"); });
  });
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(local(attempts[0].at), "2026-01-10 13:30 +0100");
  EXPECT_EQ(attempts[0].trigger, "send now");
}

TEST_F(ConnectorTaskTest, OffSendsNothing) {
  ConnectorSettings settings;
  settings.hour.reset();
  sitedb::save(*db_, settings, "test", Time{});
  EXPECT_TRUE(run(zone_.toUtc({2026, 1, 10, 0, 0, 0}), days(2), [](int) { return false; }).empty());
}

TEST_F(ConnectorTaskTest, HostKeysAreKeptPerAddressAndPort) {
  EXPECT_FALSE(sitedb::knownHostKey(*db_, "10.0.0.9", 22));
  sitedb::recordHostKey(*db_, "10.0.0.9", 22, {"ssh-ed25519", "SHA256:abc"});
  EXPECT_EQ(sitedb::knownHostKey(*db_, "10.0.0.9", 22), (sitedb::HostKey{"ssh-ed25519", "SHA256:abc"}));
  EXPECT_FALSE(sitedb::knownHostKey(*db_, "10.0.0.9", 2222));
  EXPECT_TRUE(sitedb::forgetHostKey(*db_, "10.0.0.9", 22));
  EXPECT_FALSE(sitedb::knownHostKey(*db_, "10.0.0.9", 22));
}

TEST_F(ConnectorTaskTest, SettingsKeepTheKeyWriteOnlyAndRefuseBadValues) {
  ConnectorSettings settings;
  settings.mode = ConnectorSettings::Mode::Scp;
  settings.address = "backup.example.com";
  settings.username = "ews";
  settings.destination = "x/%dow";
  // On without a password or a key: refused, nothing stored.
  try {
    sitedb::save(*db_, settings, "test", Time{});
    FAIL() << "saved without credentials";
  } catch (const sitedb::FieldError& error) {
    EXPECT_EQ(error.field(), "connector.password");
  }
  settings.privateKey = sitedb::Secret("not a key");
  try {
    sitedb::save(*db_, settings, "test", Time{});
    FAIL() << "saved a bad key";
  } catch (const sitedb::FieldError& error) {
    EXPECT_EQ(error.field(), "connector.private_key");
  }
  settings.privateKey = sitedb::Secret("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
  EXPECT_TRUE(sitedb::save(*db_, settings, "test", Time{}));
  const std::string api = sitedb::loadForApi<ConnectorSettings>(*db_);
  EXPECT_NE(api.find("\"private_key_set\":true"), std::string::npos) << api;
  EXPECT_EQ(api.find("BEGIN"), std::string::npos) << api;
  // The masked form sent back keeps the stored key.
  auto reloaded = sitedb::load<ConnectorSettings>(*db_);
  sitedb::applyJson(reloaded, api);
  EXPECT_EQ(reloaded, settings);
  // The settings event names the fields, never the key.
  auto event = db_->prepare("SELECT detail FROM events WHERE kind = 'settings' ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(event.step());
  EXPECT_NE(event.text(0).find("private_key"), std::string::npos) << event.text(0);
  EXPECT_EQ(event.text(0).find("BEGIN"), std::string::npos) << event.text(0);
}


}  // namespace
}  // namespace ews

// The automatic reports' schedule (docs/delivery.md): next local instants across the DST
// changes of Europe/Paris, and a service on a virtual-time engine firing at those instants over
// simulated months, the report maker and a failing mail server notwithstanding.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "ews/delivery/delivery_service.hpp"
#include "ews/delivery/report_schedule.hpp"
#include "ews/sitedb/settings_store.hpp"

namespace ews::delivery {
namespace {

namespace fs = std::filesystem;
using sitedb::AutomaticReport;

const TimeZone& paris() {
  static const TimeZone zone("Europe/Paris");
  return zone;
}

Time local(const char* text) { return paris().toUtc(parseLocalDateTime(text)); }

AutomaticReport report(AutomaticReport::Frequency frequency, int minute) {
  AutomaticReport r;
  r.frequency = frequency;
  r.sendMinute = minute;
  r.recipients = {"boss@example.com"};
  return r;
}

TEST(ReportScheduleTest, DailyAtTheLocalTimeOnBothSidesOfTheSpringChange) {
  const auto daily = report(AutomaticReport::Frequency::Daily, 6 * 60);
  // 2026-03-29: Paris goes from UTC+1 to UTC+2 at 02:00.
  Time t = local("2026-03-27T12:00");
  std::vector<std::string> seen;
  for (int i = 0; i < 4; ++i) {
    t = nextDelivery(daily, t, paris());
    seen.push_back(paris().format(t, "%F %H:%M %z"));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"2026-03-28 06:00 +0100", "2026-03-29 06:00 +0200", "2026-03-30 06:00 +0200",
                                            "2026-03-31 06:00 +0200"}));
  // 23 h between the two sides of the change, not 24.
  EXPECT_EQ(local("2026-03-29T06:00") - local("2026-03-28T06:00"), hours(23));
}

TEST(ReportScheduleTest, ATimeTheSpringChangeSkipsIsSentAfterTheGapAndAFoldedTimeOnce) {
  const auto daily = report(AutomaticReport::Frequency::Daily, 2 * 60 + 30);
  const Time spring = nextDelivery(daily, local("2026-03-28T12:00"), paris());
  EXPECT_EQ(paris().format(spring, "%F %H:%M %z"), "2026-03-29 03:30 +0200");
  // 2026-10-25: 02:30 happens twice (UTC+2 then UTC+1): sent at the first only.
  const Time autumn = nextDelivery(daily, local("2026-10-24T12:00"), paris());
  EXPECT_EQ(paris().format(autumn, "%F %H:%M %z"), "2026-10-25 02:30 +0200");
  EXPECT_EQ(paris().format(nextDelivery(daily, autumn, paris()), "%F %H:%M %z"), "2026-10-26 02:30 +0100");
}

TEST(ReportScheduleTest, WeeklyOnMondaysMonthlyOnTheFirstAndWhatTheyCover) {
  const auto weekly = report(AutomaticReport::Frequency::Weekly, 7 * 60 + 15);
  EXPECT_EQ(paris().format(nextDelivery(weekly, local("2026-03-25T00:00"), paris()), "%F %a %H:%M"), "2026-03-30 Mon 07:15");
  auto monthly = report(AutomaticReport::Frequency::Monthly, 0);
  const Time first = nextDelivery(monthly, local("2026-03-10T00:00"), paris());
  EXPECT_EQ(paris().format(first, "%F %H:%M %z"), "2026-04-01 00:00 +0200");
  const ReportWindow window = reportWindow(monthly, first, paris());
  EXPECT_EQ(window.periodText(), "2026-03");
  EXPECT_EQ(window.first, std::chrono::year_month_day(std::chrono::year(2026), std::chrono::March, std::chrono::day(1)));
  EXPECT_EQ(window.last, std::chrono::year_month_day(std::chrono::year(2026), std::chrono::March, std::chrono::day(31)));
  monthly.period = AutomaticReport::Period::Yearly;
  EXPECT_EQ(reportWindow(monthly, local("2027-01-01T00:00"), paris()).periodText(), "2026");
}

class DeliveryServiceTest : public ::testing::Test {
 protected:
  DeliveryServiceTest() {
    dir_ = fs::temp_directory_path() / ("ews-delivery-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::make_unique<sitedb::Database>(dir_ / "site.db", sitedb::Database::Mode::ReadWrite);
  }
  ~DeliveryServiceTest() override {
    db_.reset();
    fs::remove_all(dir_);
  }
  std::vector<std::string> events(const char* kind) const {
    sitedb::Statement rows = db_->prepare("SELECT detail FROM events WHERE kind = ? ORDER BY id");
    rows.bind(1, kind);
    std::vector<std::string> out;
    while (rows.step()) out.push_back(rows.text(0));
    return out;
  }
  fs::path dir_;
  std::unique_ptr<sitedb::Database> db_;
};

TEST_F(DeliveryServiceTest, ReportsFireAtTheirLocalInstantsInVirtualTimeAcrossTheSpringChange) {
  sitedb::ReportSettings settings;
  settings.reports = {report(AutomaticReport::Frequency::Daily, 6 * 60), report(AutomaticReport::Frequency::Weekly, 2 * 60 + 30)};
  sitedb::save(*db_, settings, "administrator", local("2026-03-01T00:00"));
  // No mail server answers on port 1 of 127.0.0.1: every send fails, is logged and retried,
  // and the next schedule fires all the same.
  sitedb::EmailSettings email;
  email.sender = "ews@example.com";
  email.smtpServer = "127.0.0.1";
  email.smtpPort = 1;
  email.security = sitedb::EmailSettings::Security::None;
  sitedb::save(*db_, email, "administrator", local("2026-03-01T00:00"));

  Engine engine(EngineConfig{local("2026-03-20T00:00"), 1});
  DeliveryOptions options;
  options.database = dir_ / "site.db";
  options.siteName = "Test site";
  int made = 0;
  options.reportMaker = [&made](const sitedb::Database&, const AutomaticReport&, const ReportWindow& window) {
    ++made;
    return MailAttachment{"monthly_report_" + window.periodText() + ".csv", "text/csv", "a;b\n"};
  };
  options.retry = {std::chrono::milliseconds(20), std::chrono::milliseconds(40), 2};
  options.mail.timeout = std::chrono::seconds(2);
  DeliveryService service(engine, paris(), *db_, options);
  service.start();
  engine.runUntil(local("2026-04-03T00:00"));

  std::vector<std::string> fired;
  for (Time t : service.reportsFired()) fired.push_back(paris().format(t, "%F %H:%M %z"));
  std::vector<std::string> expected;
  for (int d = 20; d <= 31; ++d) {
    expected.push_back(fmt::format("2026-03-{} 06:00 {}", d, d < 29 ? "+0100" : "+0200"));
    if (d == 23) expected.push_back("2026-03-23 02:30 +0100");  // weekly, Monday, before its 06:00
    if (d == 30) expected.push_back("2026-03-30 02:30 +0200");
  }
  for (const char* d : {"2026-04-01", "2026-04-02"}) expected.push_back(fmt::format("{} 06:00 +0200", d));
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> sorted = fired;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, expected);

  ASSERT_TRUE(service.outbox().waitIdle(std::chrono::seconds(60)));
  const auto log = events("report");
  ASSERT_EQ(log.size(), 2 * expected.size());  // a failed attempt and a given-up line each
  EXPECT_NE(log[0].find("attempt 1 of 2 failed: 127.0.0.1:1:"), std::string::npos) << log[0];
  EXPECT_NE(log[1].find("given up after 2 attempts"), std::string::npos) << log[1];
  EXPECT_EQ(made, static_cast<int>(expected.size()));  // made once, not once per attempt
}

}  // namespace
}  // namespace ews::delivery

// The outbox survives a restart (docs/delivery.md, "Failures never lose data"): a delivery that
// failed is a row of the site database with its message, files, attempts and next instant;
// a new outbox resumes it with its attempts counted, and the row goes when it is sent.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "ews/delivery/kept_deliveries.hpp"
#include "ews/sitedb/outbox_rows.hpp"

namespace ews::delivery {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

class KeptDeliveriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ews-kept-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::make_unique<sitedb::Database>(dir_ / "site.db", sitedb::Database::Mode::ReadWrite);
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }
  DeliveryLog log() {
    return [this](const std::string&, int, Time, const std::string& detail) {
      std::lock_guard lock(mutex_);
      lines_.push_back(detail);
    };
  }
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

  fs::path dir_;
  std::unique_ptr<sitedb::Database> db_;
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

Delivery report(std::shared_ptr<Parcel> parcel, std::function<SendOutcome()> attempt) {
  return {"report", 0, timeFromMicros(1'774'000'000'000'000), "monthly summary report 2026-03 to a@b.c", std::move(attempt),
          std::move(parcel)};
}

TEST_F(KeptDeliveriesTest, AFailedReportIsKeptWithItsFileThenResumedOnceAndRemovedWhenSent) {
  const std::string pdf("%PDF-1.7\0\x01\xff binary", 19);  // a NUL and bytes that are no UTF-8
  int made = 0;
  {
    SiteOutboxKeeper keeper(*db_, log());
    Outbox outbox({1h, 1h, 8}, log(), {}, 20s, &keeper);
    auto parcel = std::make_shared<Parcel>();
    parcel->message = {{"a@b.c", "d@e.f"}, "Site: monthly summary report 2026-03", "The report is attached.\n", {}};
    parcel->makeFile = [&made, pdf] {
      ++made;
      return MailAttachment{"monthly_report_2026-03.pdf", "application/pdf", pdf};
    };
    outbox.post(report(parcel, [parcel] {
      EXPECT_TRUE(!completeParcel(*parcel));
      return SendOutcome{false, "127.0.0.1:1: Connection refused"};
    }));
    for (int i = 0; i < 500 && lines().empty(); ++i) std::this_thread::sleep_for(10ms);
  }  // the box stops
  EXPECT_EQ(made, 1);
  const auto rows = sitedb::outboxRows(*db_);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].attempts, 1);
  EXPECT_EQ(rows[0].recipients, (std::vector<std::string>{"a@b.c", "d@e.f"}));
  ASSERT_EQ(rows[0].files.size(), 1u);
  EXPECT_EQ(rows[0].files[0].content, pdf);
  const auto now = std::chrono::floor<Duration>(std::chrono::system_clock::now());
  EXPECT_GT(rows[0].nextAttempt, now + 50min);  // the hour's wait, in wall time
  EXPECT_EQ(lines().back(),
            "monthly summary report 2026-03 to a@b.c: not sent yet, the box stopped after 1 attempt(s); kept for the next start");

  // The next start: the stored instant has passed (set back), it goes at once, once.
  sitedb::OutboxRow due = rows[0];
  due.nextAttempt = now - 1s;
  sitedb::keepOutboxRow(*db_, due);
  std::vector<MailMessage> sent;
  {
    SiteOutboxKeeper keeper(*db_, log());
    Outbox outbox({1h, 1h, 8}, log(), {}, 20s, &keeper);
    for (KeptDelivery& kept : keptDeliveries(*db_)) {
      EXPECT_EQ(kept.attempts, 1);
      kept.delivery.attempt = [&sent, parcel = kept.delivery.parcel] {
        sent.push_back(parcel->message);
        return SendOutcome{true, "accepted"};
      };
      outbox.resume(std::move(kept.delivery), kept.attempts, kept.nextAttempt);
    }
    ASSERT_TRUE(outbox.waitIdle(10s));
  }
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to, (std::vector<std::string>{"a@b.c", "d@e.f"}));
  ASSERT_EQ(sent[0].attachments.size(), 1u);
  EXPECT_EQ(sent[0].attachments[0].content, pdf);
  EXPECT_EQ(made, 1);  // not made again
  EXPECT_TRUE(sitedb::outboxRows(*db_).empty());
  EXPECT_EQ(lines().back(), "monthly summary report 2026-03 to a@b.c: sent (accepted)");
}

TEST_F(KeptDeliveriesTest, AResumedDeliveryWaitsForItsStoredInstant) {
  SiteOutboxKeeper keeper(*db_, log());
  Outbox outbox({1h, 1h, 8}, log(), {}, 20s, &keeper);
  auto parcel = std::make_shared<Parcel>();
  parcel->message.text = "alert";
  std::atomic<int> tries{0};
  Delivery d = report(parcel, [&tries] {
    ++tries;
    return SendOutcome{true, "ok"};
  });
  const auto now = std::chrono::floor<Duration>(std::chrono::system_clock::now());
  outbox.resume(std::move(d), 2, now + 300ms);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(tries, 0);
  ASSERT_TRUE(outbox.waitIdle(10s));
  EXPECT_EQ(tries, 1);
}

TEST_F(KeptDeliveriesTest, AVersion2DatabaseGainsTheOutboxKeepingItsEvents) {
  db_->exec("INSERT INTO events(at_us, device, kind, detail) VALUES(1, 0, 'email', 'kept')");
  db_->exec("DROP TABLE outbox; DROP TABLE outbox_files; PRAGMA user_version = 2");
  db_.reset();
  db_ = std::make_unique<sitedb::Database>(dir_ / "site.db", sitedb::Database::Mode::ReadWrite);
  EXPECT_EQ(db_->queryInt("PRAGMA user_version"), sitedb::kSchemaVersion);
  EXPECT_EQ(db_->queryInt("SELECT COUNT(*) FROM events WHERE detail = 'kept'"), 1);
  EXPECT_TRUE(sitedb::outboxRows(*db_).empty());
  sitedb::OutboxRow row;
  row.kind = "alert";
  row.channel = "telegram";
  row.text = "alert";
  row.id = sitedb::keepOutboxRow(*db_, row);
  EXPECT_EQ(sitedb::outboxRows(*db_), std::vector<sitedb::OutboxRow>{row});
}

}  // namespace
}  // namespace ews::delivery

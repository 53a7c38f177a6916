// The alarms page's queries (sitedb/event_query): pages newest first with their filters, and
// counts kept incrementally that always equal a full count, also after events were appended and
// after the table was replaced by a shorter one (a restored backup).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "ews/sitedb/event_query.hpp"
#include "ews/sitedb/history_writer.hpp"

namespace ews::sitedb {
namespace {

namespace fs = std::filesystem;

class EventQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("ews-event-query-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    fs::remove(path_);
    db_ = std::make_unique<Database>(path_, Database::Mode::ReadWrite);
  }
  void TearDown() override {
    db_.reset();
    fs::remove(path_);
  }
  /// Events minute after minute from 2026-01-05T08:00Z: device i % 3, "status" or "dlm" by turns.
  void append(int from, int to) {
    for (int i = from; i < to; ++i) {
      appendEvent(*db_, recording::Event{timeFromMicros(1'767'600'000'000'000LL + i * 60'000'000LL), i % 3,
                                         i % 2 == 0 ? "status" : "dlm", "event " + std::to_string(i)},
                  "");
    }
  }
  std::int64_t fullCount(const EventFilter& filter) {
    EventCounts fresh;
    return fresh.count(*db_, filter);
  }

  fs::path path_;
  std::unique_ptr<Database> db_;
};

TEST_F(EventQueryTest, PagesAreNewestFirstAndFiltered) {
  append(0, 10);
  EventCounts counts;
  EventFilter status;
  status.kind = "status";
  status.from = timeFromMicros(1'767'600'000'000'000LL + 60'000'000LL);
  const EventPage page = readEventPage(*db_, status, 1, 2, counts);
  EXPECT_EQ(page.total, 4);  // events 2, 4, 6, 8
  ASSERT_EQ(page.events.size(), 2u);
  EXPECT_EQ(page.events[0].event.detail, "event 6");
  EXPECT_EQ(page.events[1].event.detail, "event 4");
  EventFilter notStatus;
  notStatus.excludedKinds = {"status"};
  notStatus.deviceId = 1;
  EXPECT_EQ(readEventPage(*db_, notStatus, 0, 50, counts).total, 2);  // events 1 and 7
  EXPECT_EQ(counts.kinds(*db_, {}), (std::vector<std::string>{"dlm", "status"}));
  EXPECT_EQ(counts.kinds(*db_, {"dlm"}), std::vector<std::string>{"status"});
}

TEST_F(EventQueryTest, IncrementalCountsEqualFullCountsAfterAppendsAndAfterARestore) {
  EventCounts counts;
  EventFilter dlm;
  dlm.kind = "dlm";
  EventFilter device2;
  device2.deviceId = 2;
  append(0, 100);
  EXPECT_EQ(counts.count(*db_, dlm), 50);
  EXPECT_EQ(counts.count(*db_, device2), fullCount(device2));
  append(100, 157);
  EXPECT_EQ(counts.count(*db_, dlm), fullCount(dlm));
  EXPECT_EQ(counts.count(*db_, device2), fullCount(device2));
  appendEvent(*db_, recording::Event{timeFromMicros(1'767'600'000'000'000LL), 0, "security", "locked"}, "");
  EXPECT_EQ(counts.kinds(*db_, {}), (std::vector<std::string>{"dlm", "security", "status"}));
  // A restored, shorter table: its last id went down, everything is counted again.
  db_->exec("DELETE FROM events");
  append(0, 5);
  EXPECT_EQ(counts.count(*db_, dlm), 2);
  EXPECT_EQ(counts.kinds(*db_, {}), (std::vector<std::string>{"dlm", "status"}));
}

/// The details of a page, for comparing two ways of reading it.
std::vector<std::string> detailsOf(const EventPage& page) {
  std::vector<std::string> out;
  for (const auto& stored : page.events) out.push_back(stored.event.detail);
  return out;
}

TEST_F(EventQueryTest, DeepPagesFromKeysEqualPagesFromOffsets) {
  append(0, 3000);
  // Events at the same instant as others (ties broken by id) and older ones appended later.
  for (int i = 0; i < 40; ++i) {
    appendEvent(*db_, recording::Event{timeFromMicros(1'767'600'000'000'000LL + (i * 37 % 3000) * 60'000'000LL), i % 3,
                                       "status", "late " + std::to_string(i)},
                "");
  }
  EventCounts counts;
  EventAnchors anchors;
  EventFilter all;
  EventFilter status;
  status.kind = "status";
  EventFilter excluded;
  excluded.excludedKinds = {"dlm"};
  excluded.deviceId = 2;
  for (const EventFilter* filter : {&all, &status, &excluded}) {
    for (const std::int64_t offset : {0LL, 499LL, 500LL, 501LL, 999LL, 1000LL, 1234LL, 2950LL, 3100LL}) {
      EXPECT_EQ(detailsOf(readEventPage(*db_, *filter, offset, 50, counts, &anchors)),
                detailsOf(readEventPage(*db_, *filter, offset, 50, counts)))
          << "offset " << offset;
    }
  }
  // Appended after the keys were found, newer and older than them: the keys' positions move.
  append(3000, 3100);
  for (int i = 0; i < 30; ++i) {
    appendEvent(*db_, recording::Event{timeFromMicros(1'767'600'000'000'000LL), 1, "status", "oldest " + std::to_string(i)},
                "");
  }
  for (const EventFilter* filter : {&all, &status, &excluded}) {
    for (const std::int64_t offset : {450LL, 500LL, 600LL, 1000LL, 2000LL, 3000LL}) {
      EXPECT_EQ(detailsOf(readEventPage(*db_, *filter, offset, 50, counts, &anchors)),
                detailsOf(readEventPage(*db_, *filter, offset, 50, counts)))
          << "offset " << offset << " after appends";
    }
  }
}

}  // namespace
}  // namespace ews::sitedb

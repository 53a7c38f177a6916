// System information (manual 8.8), the box's own daily database copy and "Optimize", on real
// files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "backup_test_support.hpp"
#include "ews/reports/folder_lock.hpp"
#include "ews/sitedb/daily_backup.hpp"
#include "ews/sitedb/system_info.hpp"

namespace {
namespace fs = std::filesystem;
using namespace ews;
using namespace ews::sitedb;
using namespace ews::sitedb::testing;
using ::testing::HasSubstr;

class SystemInfoTest : public TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    dir_ = root_ / "data";
    makeDataFolder(dir_, 100, 3, "site");
  }
  fs::path dir_;
};

TEST_F(SystemInfoTest, OneQueryGivesEveryFigure) {
  Database db(dir_ / "ews.db", Database::Mode::ReadWrite);
  recordStart(db, kNow);
  const CpuUse cpu = measureCpu(::getpid(), milliseconds(50));
  const SystemInfo info = querySystemInfo(dir_, db, "1.2.3", cpu);
  EXPECT_EQ(info.softwareVersion, "1.2.3");
  EXPECT_EQ(info.lastRestart, std::optional<Time>(kNow));
  EXPECT_GE(info.databaseBytes, fs::file_size(dir_ / "ews.db"));
  EXPECT_GT(info.freeBytes, 0u);
  EXPECT_GE(info.filesystemBytes, info.freeBytes);
  ASSERT_TRUE(info.cpu.machinePercent.has_value());
  EXPECT_GE(*info.cpu.machinePercent, 0.0);
  EXPECT_LE(*info.cpu.machinePercent, 100.0);
  EXPECT_TRUE(info.cpu.processPercent.has_value());
  EXPECT_GE(info.cpu.interval, milliseconds(50));
  EXPECT_FALSE(info.autoBackup.attemptedAt.has_value());
  EXPECT_FALSE(info.lastUserBackup.has_value());
  EXPECT_GT(info.health.pageCount, 0);
  EXPECT_GT(info.health.pageSizeBytes, 0);
  EXPECT_FALSE(info.runningPid.has_value());
}

TEST_F(SystemInfoTest, ProcessCpuCountsABusyThread) {
  CpuSampler sampler(::getpid());
  std::atomic<bool> stop{false};
  std::thread busy([&] {
    volatile std::uint64_t spin = 0;
    while (!stop) spin = spin + 1;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const CpuUse use = sampler.sample();
  stop = true;
  busy.join();
  ASSERT_TRUE(use.processPercent.has_value());
  EXPECT_GT(*use.processPercent, 1.0);
  EXPECT_LE(*use.processPercent, *use.machinePercent + 1.0);  // the process is part of the machine
}

TEST_F(SystemInfoTest, RunningEwsIsFoundFromItsFolderLock) {
  EXPECT_FALSE(folderLockHolder(dir_).has_value());
  {
    reports::FolderLock lock(dir_, "ews live test");
    EXPECT_EQ(folderLockHolder(dir_), std::optional<int>(::getpid()));
  }
  EXPECT_FALSE(folderLockHolder(dir_).has_value());
}

TEST_F(SystemInfoTest, DailyBackupOncePerDayKeepingTheNewest) {
  Database db(dir_ / "ews.db", Database::Mode::ReadWrite);
  DailyBackup::Options options;
  options.keepCopies = 3;
  DailyBackup daily(dir_, options);
  daily.resume(db);
  EXPECT_TRUE(daily.due(kNow));
  for (int day = 0; day < 5; ++day) {
    const Time at = kNow + days(day);
    ASSERT_TRUE(daily.due(at)) << day;
    const DailyBackup::Result result = daily.run(db, at);
    ASSERT_TRUE(result.ok) << result.message;
    EXPECT_FALSE(daily.due(at + hours(13)));  // 23:00 the same day
    EXPECT_TRUE(daily.due(at + hours(14)));   // 00:00 the next
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir_ / "backups")) files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"auto-2026-01-07.db", "auto-2026-01-08.db", "auto-2026-01-09.db"}));
  // A copy is a whole database, one file.
  EXPECT_EQ(totalsOf(dir_ / "backups/auto-2026-01-09.db"), totalsOf(dir_ / "ews.db"));

  const AutoBackupStatus status = readAutoBackupStatus(db);
  EXPECT_TRUE(status.ok);
  EXPECT_EQ(status.succeededAt, std::optional<Time>(kNow + days(4)));
  EXPECT_EQ(status.message, "backups/auto-2026-01-09.db");
  const SystemInfo info = querySystemInfo(dir_, db, "x", {});
  EXPECT_EQ(info.autoBackup.attemptedAt, std::optional<Time>(kNow + days(4)));

  // After a restart: the day's copy exists, none is due until tomorrow.
  DailyBackup restarted(dir_, options);
  restarted.resume(db);
  EXPECT_FALSE(restarted.due(kNow + days(4) + hours(1)));
  EXPECT_TRUE(restarted.due(kNow + days(5)));
}

TEST_F(SystemInfoTest, FailedDailyBackupIsRecordedAndRetriedLater) {
  Database db(dir_ / "ews.db", Database::Mode::ReadWrite);
  DailyBackup daily(root_ / "nowhere");  // no ews.db there
  const DailyBackup::Result result = daily.run(db, kNow);
  EXPECT_FALSE(result.ok);
  EXPECT_THAT(result.message, HasSubstr("no site database"));
  const AutoBackupStatus status = readAutoBackupStatus(db);
  EXPECT_FALSE(status.ok);
  EXPECT_EQ(status.attemptedAt, std::optional<Time>(kNow));
  EXPECT_FALSE(status.succeededAt.has_value());
  EXPECT_FALSE(daily.due(kNow + minutes(30)));
  EXPECT_TRUE(daily.due(kNow + hours(1)));
}

TEST_F(SystemInfoTest, HealthAdvisesOptimizeAndOptimizeFreesPages) {
  Database db(dir_ / "ews.db", Database::Mode::ReadWrite);
  db.exec("PRAGMA auto_vacuum = NONE; VACUUM");  // as a database made before incremental mode
  insertBuckets(db, 1000, 30'000, 3);
  db.exec("DELETE FROM buckets WHERE key >= 2000");
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const DatabaseHealth before = databaseHealth(db);
  EXPECT_EQ(before.autoVacuum, "none");
  EXPECT_GE(before.freePercent, kOptimizeFreePercent);
  EXPECT_TRUE(before.optimizeAdvised);
  EXPECT_THAT(before.advice, HasSubstr("free pages"));

  // While an ews may be writing: statistics, but no full VACUUM; it says why pages remain.
  const OptimizeReport online = optimize(db, kNow);
  EXPECT_TRUE(online.analysed);
  EXPECT_FALSE(online.fullVacuum);
  EXPECT_THAT(online.note, HasSubstr("free pages stay"));
  EXPECT_TRUE(online.after.analysed);
  EXPECT_EQ(online.after.lastOptimize, std::optional<Time>(kNow));

  // Stopped: one full VACUUM, which also switches the file to incremental vacuum.
  OptimizeOptions offline;
  offline.allowFullVacuum = true;
  const OptimizeReport full = optimize(db, kNow, offline);
  EXPECT_TRUE(full.fullVacuum);
  EXPECT_EQ(full.after.freelistCount, 0);
  EXPECT_EQ(full.after.autoVacuum, "incremental");
  EXPECT_FALSE(full.after.optimizeAdvised) << full.after.advice;

  // From then on free pages go back in small steps, no full VACUUM needed.
  insertBuckets(db, 20'000, 10'000, 3);
  db.exec("DELETE FROM buckets WHERE key >= 20000");
  OptimizeOptions steps;
  steps.pagesPerStep = 64;
  steps.pauseBetweenSteps = milliseconds(0);
  const OptimizeReport incremental = optimize(db, kNow, steps);
  EXPECT_GT(incremental.before.freelistCount, 64);
  EXPECT_GT(incremental.incrementalSteps, 1);
  EXPECT_EQ(incremental.after.freelistCount, 0);
  EXPECT_FALSE(incremental.fullVacuum);
}

TEST_F(SystemInfoTest, IncrementalOptimizeLetsAWriterCommitBetweenSteps) {
  {
    Database db(dir_ / "ews.db", Database::Mode::ReadWrite);
    db.exec("PRAGMA auto_vacuum = INCREMENTAL; VACUUM");
    insertBuckets(db, 1000, 20'000, 3);
    db.exec("DELETE FROM buckets WHERE key >= 1000");
  }
  std::atomic<bool> stop{false};
  std::atomic<int> commits{0};
  std::atomic<std::int64_t> longestCommitUs{0};
  std::thread writer([&] {
    Database db(dir_ / "ews.db", Database::Mode::ReadWrite);
    for (int key = 100'000; !stop && key < 200'000; ++key) {
      const auto start = std::chrono::steady_clock::now();
      insertBuckets(db, key, 1, 3);
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
      longestCommitUs = std::max<std::int64_t>(longestCommitUs, us.count());
      ++commits;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  Database db(dir_ / "ews.db", Database::Mode::ReadWrite);
  OptimizeOptions steps;
  steps.pagesPerStep = 32;
  steps.pauseBetweenSteps = milliseconds(2);
  const int commitsBefore = commits;
  const OptimizeReport report = optimize(db, kNow, steps);
  const int commitsAfter = commits;
  stop = true;
  writer.join();
  EXPECT_GT(report.incrementalSteps, 5);
  EXPECT_GT(commitsAfter, commitsBefore);
  // Each step is a short transaction: the writer never waits anywhere near the busy timeout.
  EXPECT_LT(longestCommitUs.load(), 1'000'000);
  EXPECT_LT(report.longestLockHold, seconds(1));
}

}  // namespace

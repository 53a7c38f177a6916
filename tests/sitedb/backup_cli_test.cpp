// `ews backup`, `ews restore` and `ews info` (docs/backup.md): the real binary's exit codes
// and messages on a data folder made here.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "backup_test_support.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/reports/folder_lock.hpp"
#include "ews_command.hpp"  // tests/cli

namespace {
namespace fs = std::filesystem;
using namespace ews::sitedb::testing;
using ews::cli::testing::runEws;
using ::testing::HasSubstr;

class BackupCliTest : public TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    data_ = root_ / "data";
    makeDataFolder(data_, 50, 2, "cli");
  }
  fs::path data_;
};

TEST_F(BackupCliTest, BackupRestoreAndInfo) {
  const auto backup = runEws("backup --data " + data_.string());
  ASSERT_EQ(backup.exitCode, 0) << backup.output;
  EXPECT_THAT(backup.output, HasSubstr((data_ / "database.zip").string() + ": "));
  EXPECT_THAT(backup.output,
              HasSubstr(fmt::format("schema version {}, configuration version 3), 3 CSV files", ews::sitedb::kSchemaVersion)));

  const fs::path fresh = root_ / "fresh";
  const auto restore = runEws("restore --data " + fresh.string() + " " + (data_ / "database.zip").string());
  ASSERT_EQ(restore.exitCode, 0) << restore.output;
  EXPECT_THAT(restore.output, HasSubstr("restored into " + fresh.string() + ": 4 files"));
  EXPECT_EQ(totalsOf(fresh / "ews.db"), totalsOf(data_ / "ews.db"));

  const auto info = runEws("info --data " + fresh.string());
  ASSERT_EQ(info.exitCode, 0) << info.output;
  for (const char* line : {"Software version", "Last restart         never recorded", "ews process          not running",
                           "Machine CPU", "Database size", "Free space", "Automatic backup     never made",
                           "Database health"}) {
    EXPECT_THAT(info.output, HasSubstr(line));
  }
  const auto json = runEws("info --json --data " + fresh.string());
  ASSERT_EQ(json.exitCode, 0) << json.output;
  EXPECT_THAT(json.output, HasSubstr("\"software_version\": "));
  EXPECT_THAT(json.output, HasSubstr("\"optimize_advised\": "));

  const auto optimize = runEws("info --optimize --data " + fresh.string());
  ASSERT_EQ(optimize.exitCode, 0) << optimize.output;
  // A database created by this ews is in incremental mode from its first table: no full VACUUM.
  EXPECT_THAT(optimize.output, HasSubstr("incremental vacuum steps"));
  EXPECT_THAT(optimize.output, HasSubstr("auto_vacuum incremental, analysed"));
}

TEST_F(BackupCliTest, RefusalsAndTheirExitCodes) {
  ASSERT_EQ(runEws("backup --data " + data_.string()).exitCode, 0);
  const std::string bytes = readBytes(data_ / "database.zip");
  writeBytes(root_ / "cut.zip", bytes.substr(0, bytes.size() - 100));
  const auto before = fingerprint(data_);
  const auto truncated = runEws("restore --data " + data_.string() + " " + (root_ / "cut.zip").string());
  EXPECT_EQ(truncated.exitCode, 2) << truncated.output;
  EXPECT_THAT(truncated.output, HasSubstr((root_ / "cut.zip").string() + ": not a zip archive (truncated?)"));
  EXPECT_THAT(truncated.output, HasSubstr("nothing was changed"));
  EXPECT_EQ(fingerprint(data_), before);

  {
    ews::reports::FolderLock running(data_, "ews live site.yaml");
    const auto busy = runEws("restore --data " + data_.string() + " " + (data_ / "database.zip").string());
    EXPECT_EQ(busy.exitCode, 1) << busy.output;
    EXPECT_THAT(busy.output, HasSubstr("in use by process"));
    EXPECT_THAT(busy.output, HasSubstr("ews live site.yaml"));
    // Backup and info go on while the folder is in use, and info names the process.
    EXPECT_EQ(runEws("backup --data " + data_.string()).exitCode, 0);
    const auto info = runEws("info --data " + data_.string());
    EXPECT_EQ(info.exitCode, 0) << info.output;
    EXPECT_THAT(info.output, HasSubstr(fmt::format("ews process          pid {}", ::getpid())));
  }

  fs::create_directories(root_ / "empty");
  EXPECT_EQ(runEws("backup --data " + (root_ / "empty").string()).exitCode, 2);
  EXPECT_EQ(runEws("info --data " + (root_ / "empty").string()).exitCode, 2);
  EXPECT_EQ(runEws("restore --data " + data_.string()).exitCode, 64);  // no archive given
  const auto missing = runEws("restore --data " + data_.string() + " " + (root_ / "nope.zip").string());
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_THAT(missing.output, HasSubstr("nope.zip: no such archive"));
}

}  // namespace

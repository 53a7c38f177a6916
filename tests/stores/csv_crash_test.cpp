// Crash safety of the CSV tree: a kill -9 during recording keeps only complete lines, loses
// at most one flush interval, and a restarted writer continues without duplicates.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "ews/stores/local_time_text.hpp"
#include "ews/stores/csv_tree_writer.hpp"
#include "synthetic_site.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using ews::stores::CsvTreeWriter;
using ews::stores::FlushPolicy;
using namespace ews::stores::testing;

/// Every data row of every CSV file under `root` (settings excluded), checked: complete
/// lines with a parseable date-time, strictly increasing per file except for files with
/// several rows per instant. Returns rows per file.
std::map<std::string, std::vector<ews::Time>> rowTimes(const fs::path& root) {
  std::map<std::string, std::vector<ews::Time>> times;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().parent_path().filename() == "settings") continue;
    const std::string text = readText(entry.path());
    EXPECT_TRUE(text.empty() || text.back() == '\n') << entry.path() << ": a truncated last line";
    const auto lines = readLines(entry.path());
    auto& fileTimes = times[fs::relative(entry.path(), root).string()];
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const auto t = ews::stores::csv::parseLocalTimeWithOffset(splitCsv(lines[i], ';')[0]);
      EXPECT_TRUE(t.has_value()) << entry.path() << ": " << lines[i];
      if (t) fileTimes.push_back(*t);
    }
  }
  return times;
}

void expectOneRowPerInstant(const std::map<std::string, std::vector<ews::Time>>& times, std::size_t rows) {
  for (const auto& [file, fileTimes] : times) {
    const bool twoPerInstant = file.find("_stat_") != std::string::npos;  // two quantities
    EXPECT_EQ(fileTimes.size(), twoPerInstant ? 2 * rows : rows) << file;
    for (std::size_t i = 0; i < fileTimes.size(); ++i) {
      EXPECT_EQ(fileTimes[i], SyntheticSite::timeOf(static_cast<int>(twoPerInstant ? i / 2 : i))) << file << " row " << i;
    }
  }
}

TEST(CsvCrash, KillDuringRecordingKeepsWholeLinesAndResumesWithoutDuplicates) {
  TempDir dir;
  constexpr int kRows = 10;
  constexpr int kFlushEvery = 4;
  const auto child = runChild({EWS_STORES_HELPER, "csv", dir.path().string(), std::to_string(kRows),
                               std::to_string(kFlushEvery), "kill"});
  ASSERT_TRUE(child.killedBySigkill) << child.output;
  // Flushes after rows 4 and 8: the last 2 rows (< one flush interval) are lost.
  expectOneRowPerInstant(rowTimes(dir.path()), 8);

  SyntheticSite site;
  const ews::TimeZone paris("Europe/Paris");
  {
    CsvTreeWriter writer(dir.path(), site.layout(), paris);
    for (int row = 0; row < 16; ++row) site.feed(writer, row);
    EXPECT_GT(writer.rejectedRows(), 0U);
    EXPECT_NE(writer.lastRejection().find("refused"), std::string::npos);
    EXPECT_EQ(writer.configurationVersion(), 1);  // same configuration as before the crash
  }
  expectOneRowPerInstant(rowTimes(dir.path()), 16);
}

TEST(CsvCrash, ATruncatedLastLineIsCutOnReopen) {
  TempDir dir;
  SyntheticSite site;
  const ews::TimeZone paris("Europe/Paris");
  {
    CsvTreeWriter writer(dir.path(), site.layout(), paris);
    for (int row = 0; row < 4; ++row) site.feed(writer, row);
  }
  const fs::path energy = dir.path() / "devices/1/1_energy_2026-01.csv";
  std::ofstream(energy, std::ios::app) << "2026-01-01 01:40:00+01:00;10";  // a write cut short
  {
    CsvTreeWriter writer(dir.path(), site.layout(), paris);
    for (int row = 0; row < 6; ++row) site.feed(writer, row);
  }
  const auto lines = readLines(energy);
  ASSERT_EQ(lines.size(), 7U);
  EXPECT_EQ(lines[5], "2026-01-01 01:40:00+01:00;1007,500;1,500;9,000;0");
  expectOneRowPerInstant(rowTimes(dir.path()), 6);
}

TEST(CsvCrash, RowsAreOnDiskAfterEachFlushInterval) {
  TempDir dir;
  SyntheticSite site;
  const ews::TimeZone paris("Europe/Paris");
  CsvTreeWriter::Options options;
  options.flush = FlushPolicy{3, std::chrono::milliseconds{0}};
  CsvTreeWriter writer(dir.path(), site.layout(), paris, options);
  const fs::path energy = dir.path() / "devices/1/1_energy_2026-01.csv";
  for (int row = 0; row < 2; ++row) site.feed(writer, row);
  EXPECT_FALSE(fs::exists(energy));
  site.feed(writer, 2);
  EXPECT_EQ(readLines(energy).size(), 4U);
  EXPECT_EQ(readLines(dir.path() / "overallTotal/values_2026-01.csv").size(), 4U);  // the instant's aggregates too
}

}  // namespace

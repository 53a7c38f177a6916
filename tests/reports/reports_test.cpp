#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ews/kernel/csv.hpp"
#include "ews/reports/atomic_file.hpp"
#include "ews/reports/csv_format.hpp"
#include "ews/reports/json_writer.hpp"
#include "ews/reports/trace_csv_writer.hpp"

namespace {
namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class ReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ews-reports-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ReportsTest, AtomicFileAppearsOnlyOnCommit) {
  const fs::path path = dir_ / "out.txt";
  {
    ews::reports::AtomicFile file(path.string());
    file.stream() << "new";
    EXPECT_FALSE(fs::exists(path));
    file.commit();
  }
  EXPECT_EQ(readFile(path), "new");
}

TEST_F(ReportsTest, AbandonedAtomicFileKeepsThePreviousContent) {
  const fs::path path = dir_ / "out.txt";
  std::ofstream(path) << "old";
  {
    ews::reports::AtomicFile file(path.string());
    file.stream() << "half-written";
  }  // no commit: as if the run failed
  EXPECT_EQ(readFile(path), "old");
  EXPECT_FALSE(fs::exists(dir_ / "out.txt.partial"));
}

TEST_F(ReportsTest, AtomicFileInAMissingFolderNamesThePath) {
  try {
    ews::reports::AtomicFile file((dir_ / "no" / "such" / "file.csv").string());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("file.csv.partial"), std::string::npos) << e.what();
  }
}

TEST(CsvFormat, DecimalAndFieldSeparators) {
  const ews::reports::CsvFormat comma{',', ';'};
  const ews::reports::CsvFormat point{'.', ','};
  EXPECT_EQ(comma.number(1234.5), "1234,500");
  EXPECT_EQ(point.number(1234.5), "1234.500");
  EXPECT_EQ(point.number(-0.0001), "0.000");  // no "-0.000"
  EXPECT_EQ(point.number(-2.5, 1), "-2.5");
}

TEST(JsonWriter, NestedDeterministicOutputWithEscapes) {
  ews::reports::JsonWriter json;
  json.beginObject()
      .value("name", "quote \" and \\ and\nnewline")
      .value("count", std::uint64_t{3})
      .value("ok", true)
      .number("energyWh", 12.3456, 2)
      .beginArray("empty")
      .endArray()
      .beginArray("items")
      .beginObject()
      .value("id", std::int64_t{-1})
      .endObject()
      .endArray()
      .endObject();
  EXPECT_EQ(json.str(),
            "{\n"
            "  \"name\": \"quote \\\" and \\\\ and\\nnewline\",\n"
            "  \"count\": 3,\n"
            "  \"ok\": true,\n"
            "  \"energyWh\": 12.35,\n"
            "  \"empty\": [],\n"
            "  \"items\": [\n"
            "    {\n"
            "      \"id\": -1\n"
            "    }\n"
            "  ]\n"
            "}\n");
}

TEST(JsonWriter, UnclosedDocumentIsAnError) {
  ews::reports::JsonWriter json;
  json.beginObject();
  EXPECT_THROW((void)json.str(), std::logic_error);
}

TEST_F(ReportsTest, TraceCsvWriterRowsAndHeader) {
  const ews::TimeZone paris("Europe/Paris");
  const fs::path path = dir_ / "trace.csv";
  const std::string name = "Main meter";
  ews::recording::DeviceSample sample;
  sample.deviceId = 1;
  sample.deviceName = &name;
  sample.counter = 1500.25;
  sample.delta = 100.0;
  sample.averageRate = 600.0;
  {
    ews::reports::TraceCsvWriter writer(path.string(), ews::reports::CsvFormat{',', ';'}, paris);
    writer.onSamples(ews::timeFromMicros(1'767'571'800'000'000), std::span(&sample, 1));  // 2026-01-05T00:10Z
    writer.close();
    EXPECT_EQ(writer.rowsWritten(), 1u);
  }
  const std::string text = readFile(path);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "time_utc;time_local;device_id;device;medium;counter_Wh_or_dm3;delta_Wh_or_dm3;average_W_or_dm3_per_h");
  EXPECT_NE(text.find("2026-01-05T00:10:00.000000Z;2026-01-05 01:10:00.000000+0100;1;Main meter;electricity;"
                      "1500,250;100,000;600,000\n"),
            std::string::npos)
      << text;
}

TEST_F(ReportsTest, TraceCsvNamesReadBackWhateverTheSeparators) {
  const ews::TimeZone paris("Europe/Paris");
  const std::vector<std::string> names = {"Sockets; floor 1", "Sockets, floor 2", "The \"big\" meter\nwing B"};
  for (const ews::reports::CsvFormat format : {ews::reports::CsvFormat{',', ';'}, ews::reports::CsvFormat{'.', ','},
                                               ews::reports::CsvFormat{',', ','}}) {
    const fs::path path = dir_ / "trace.csv";
    std::vector<ews::recording::DeviceSample> samples(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      samples[i].deviceId = static_cast<int>(i + 1);
      samples[i].deviceName = &names[i];
      samples[i].counter = 1500.25;
    }
    {
      ews::reports::TraceCsvWriter writer(path.string(), format, paris);
      writer.onSamples(ews::timeFromMicros(1'767'571'800'000'000), samples);
      writer.close();
    }
    const auto table = ews::csv::read(readFile(path), {.separator = format.fieldSeparator});
    ASSERT_TRUE(table.problems.empty()) << table.problems.front().reason;
    ASSERT_EQ(table.records.size(), names.size() + 1);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto& fields = table.records[i + 1].fields;
      ASSERT_EQ(fields.size(), 8u);
      EXPECT_EQ(fields[3].text, names[i]);
      EXPECT_EQ(fields[5].text, format.decimalSeparator == ',' ? "1500,250" : "1500.250");
    }
  }
}

}  // namespace

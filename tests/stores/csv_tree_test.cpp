// The manual's CSV tree (8.4.3): names, columns, separators, months in local time, versions.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <set>

#include "ews/kernel/csv.hpp"

#include "ews/stores/csv_tree_writer.hpp"
#include "synthetic_site.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using ews::stores::CsvTreeWriter;
using namespace ews::stores::testing;

ews::Time utc(int year, unsigned month, unsigned day, int hour, int minute) {
  return ews::TimeZone("UTC").toUtc(ews::LocalDateTime{year, month, day, hour, minute, 0});
}

class CsvTree : public ::testing::Test {
 protected:
  TempDir dir_;
  SyntheticSite site_;
  ews::TimeZone paris_{"Europe/Paris"};
  fs::path root() const { return dir_.path(); }
};

TEST_F(CsvTree, FileNamesFollowTheManual) {
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    for (int row = 0; row < 3; ++row) site_.feed(writer, row);
  }
  for (const char* file :
       {"devices/1/1_energy_2026-01.csv", "devices/1/1_stat_2026-01.csv", "devices/2/2_energy_2026-01.csv",
        "devices/3/3_water_2026-01.csv", "devices/4/4_gas_2026-01.csv", "energy/devices_2026-01_v1.csv",
        "energy/loads_2026-01_v1.csv", "energy/groups_2026-01_v1.csv", "water/devices_2026-01_v1.csv",
        "water/groups_2026-01_v1.csv", "gas/devices_2026-01_v1.csv", "gas/groups_2026-01_v1.csv",
        "overallTotal/values_2026-01.csv", "settings/devices_v1.csv", "settings/loads_groups_v1.csv",
        "energy/devices_cost_2026-01_v1.csv", "energy/loads_cost_2026-01_v1.csv", "energy/groups_cost_2026-01_v1.csv",
        "water/devices_cost_2026-01_v1.csv", "water/groups_cost_2026-01_v1.csv", "overallTotal/cost_2026-01_v1.csv",
        "settings/tariffs_v1.csv"}) {
    EXPECT_TRUE(fs::exists(root() / file)) << file;
  }
  EXPECT_FALSE(fs::exists(root() / "devices/2/2_stat_2026-01.csv"));  // device 2 has no statistics
  EXPECT_FALSE(fs::exists(root() / "gas/devices_cost_2026-01_v1.csv"));  // gas is not billed
  EXPECT_FALSE(fs::exists(root() / "eqcheck"));  // the EN 50160 check is not built: nothing to write
}

TEST_F(CsvTree, DeviceEnergyColumnsWithTheDefaultSeparators) {
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    for (int row = 0; row < 4; ++row) site_.feed(writer, row);
  }
  const auto energy = readLines(root() / "devices/1/1_energy_2026-01.csv");
  ASSERT_EQ(energy.size(), 5U);
  EXPECT_EQ(energy[0], "date_time;counter_Wh;delta_Wh;average_W;gap");
  EXPECT_EQ(energy[1], "2026-01-01 01:00:00+01:00;1001,500;1,500;9,000;0");
  EXPECT_EQ(energy[2], "2026-01-01 01:10:00+01:00;1003,000;1,500;9,000;0");
  // A communication gap: the consumption is unknown, not zero.
  EXPECT_EQ(readLines(root() / "devices/2/2_energy_2026-01.csv")[4], "2026-01-01 01:30:00+01:00;;;;1");
  EXPECT_EQ(readLines(root() / "devices/3/3_water_2026-01.csv")[0],
            "date_time;counter_dm3;delta_dm3;average_dm3_per_h;gap");
  const auto stat = readLines(root() / "devices/1/1_stat_2026-01.csv");
  ASSERT_EQ(stat.size(), 9U);  // two quantities per instant
  EXPECT_EQ(stat[0], "date_time;quantity;min;max;average");
  EXPECT_EQ(stat[1], "2026-01-01 01:00:00+01:00;power.active.total;100,000;200,000;150,000");
  EXPECT_EQ(stat[2], "2026-01-01 01:00:00+01:00;current.L1;0,000;0,000;0,000");
}

TEST_F(CsvTree, BothDecimalAndBothFieldSeparators) {
  for (const char decimal : {'.', ','}) {
    for (const char separator : {';', ','}) {
      const fs::path tree = root() / fmt::format("tree-{}{}", decimal == '.' ? "point" : "comma",
                                                 separator == ';' ? "semicolon" : "comma");
      {
        CsvTreeWriter::Options options;
        options.format = {decimal, separator};
        CsvTreeWriter writer(tree, site_.layout(), paris_, options);
        site_.feed(writer, 0);
      }
      const std::string d(1, decimal);
      const auto row = splitCsv(readLines(tree / "devices/1/1_energy_2026-01.csv")[1], separator);
      EXPECT_EQ(row, (std::vector<std::string>{"2026-01-01 01:00:00+01:00", "1001" + d + "500", "1" + d + "500",
                                               "9" + d + "000", "0"}));
      // A name holding separators and quotes is quoted, and reads back whole.
      const auto header = splitCsv(readLines(tree / "energy/devices_2026-01_v1.csv")[0], separator);
      EXPECT_EQ(header, (std::vector<std::string>{"date_time", "1 Main meter (Wh)", "2 Lighting; \"floor\", 1 (Wh)"}));
      const auto values = splitCsv(readLines(tree / "energy/devices_2026-01_v1.csv")[1], separator);
      EXPECT_EQ(values, (std::vector<std::string>{"2026-01-01 01:00:00+01:00", "1" + d + "500", "3" + d + "000"}));
    }
  }
}

TEST_F(CsvTree, AggregateFilesPerLoadGroupAndTotals) {
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    site_.feed(writer, 2);
  }
  EXPECT_EQ(readLines(root() / "energy/loads_2026-01_v1.csv"),
            (std::vector<std::string>{"date_time;Heating (Wh);Lighting (Wh);Others (Wh)",
                                      "2026-01-01 01:20:00+01:00;12,000;42,000;152,000"}));
  EXPECT_EQ(readLines(root() / "energy/groups_2026-01_v1.csv"),
            (std::vector<std::string>{"date_time;Building A (Wh);Floor 1 (Wh)", "2026-01-01 01:20:00+01:00;102,000;202,000"}));
  EXPECT_EQ(readLines(root() / "water/groups_2026-01_v1.csv"),
            (std::vector<std::string>{"date_time;Water A (dm3);total (dm3)", "2026-01-01 01:20:00+01:00;302,000;52,000"}));
  EXPECT_EQ(readLines(root() / "gas/groups_2026-01_v1.csv"),
            (std::vector<std::string>{"date_time;total (dm3);total (kWh equivalent)", "2026-01-01 01:20:00+01:00;22,000;11,000"}));
  EXPECT_EQ(readLines(root() / "overallTotal/values_2026-01.csv"),
            (std::vector<std::string>{"date_time;electricity (Wh);water (dm3);gas (dm3);gas (kWh equivalent)",
                                      "2026-01-01 01:20:00+01:00;1002,000;52,000;22,000;11,000"}));
  EXPECT_EQ(readLines(root() / "gas/devices_2026-01_v1.csv"),
            (std::vector<std::string>{"date_time;4 Gas meter (dm3)", "2026-01-01 01:20:00+01:00;6,000"}));
}

TEST_F(CsvTree, MonthsRollOverAtLocalMidnightOfTheFirstAlsoInSummerTime) {
  // Winter (+01:00): 31 Dec 23:50 local is still December, 1 Jan 00:00 local is January.
  // Summer (+02:00): 31 Mar 23:50 local is March, 1 Apr 00:00 local (22:00 UTC) is April.
  const std::array<ews::Time, 5> instants = {utc(2025, 12, 31, 22, 50), utc(2025, 12, 31, 23, 0),
                                             utc(2026, 3, 31, 21, 50), utc(2026, 3, 31, 22, 0),
                                             utc(2026, 4, 1, 0, 0)};
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    for (std::size_t i = 0; i < instants.size(); ++i) site_.feed(writer, static_cast<int>(i), instants[i]);
  }
  const auto dates = [&](const char* file) {
    std::vector<std::string> firstFields;
    for (const auto& line : readLines(root() / file)) firstFields.push_back(splitCsv(line, ';')[0]);
    return firstFields;
  };
  EXPECT_EQ(dates("devices/1/1_energy_2025-12.csv"), (std::vector<std::string>{"date_time", "2025-12-31 23:50:00+01:00"}));
  EXPECT_EQ(dates("devices/1/1_energy_2026-01.csv"), (std::vector<std::string>{"date_time", "2026-01-01 00:00:00+01:00"}));
  EXPECT_EQ(dates("devices/1/1_energy_2026-03.csv"), (std::vector<std::string>{"date_time", "2026-03-31 23:50:00+02:00"}));
  EXPECT_EQ(dates("devices/1/1_energy_2026-04.csv"),
            (std::vector<std::string>{"date_time", "2026-04-01 00:00:00+02:00", "2026-04-01 02:00:00+02:00"}));
  EXPECT_TRUE(fs::exists(root() / "energy/loads_2026-04_v1.csv"));
  EXPECT_TRUE(fs::exists(root() / "overallTotal/values_2025-12.csv"));
}

TEST_F(CsvTree, TheAutumnRepeatedHourStaysInOrderAcrossARestart) {
  // 02:50+02:00, then 02:00+01:00: local clock time goes back, the instants do not.
  const std::array<ews::Time, 3> instants = {utc(2026, 10, 25, 0, 50), utc(2026, 10, 25, 1, 0),
                                             utc(2026, 10, 25, 1, 10)};
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    site_.feed(writer, 0, instants[0]);
    site_.feed(writer, 1, instants[1]);
  }
  CsvTreeWriter resumed(root(), site_.layout(), paris_);
  for (std::size_t i = 0; i < instants.size(); ++i) site_.feed(resumed, static_cast<int>(i), instants[i]);
  resumed.flush();
  const auto lines = readLines(root() / "devices/1/1_energy_2026-10.csv");
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(splitCsv(lines[1], ';')[0], "2026-10-25 02:50:00+02:00");
  EXPECT_EQ(splitCsv(lines[2], ';')[0], "2026-10-25 02:00:00+01:00");
  EXPECT_EQ(splitCsv(lines[3], ';')[0], "2026-10-25 02:10:00+01:00");
  EXPECT_GT(resumed.rejectedRows(), 0U);
}

TEST_F(CsvTree, CostFilesPerTariff) {
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    for (int row = 0; row < 4; ++row) site_.feed(writer, row);
  }
  const auto devices = readLines(root() / "energy/devices_cost_2026-01_v1.csv");
  ASSERT_EQ(devices.size(), 5U);
  EXPECT_EQ(devices[0], "date_time;1 Main meter [Day] (EUR);1 Main meter [Night] (EUR);"
                        "\"2 Lighting; \"\"floor\"\", 1 [Day] (EUR)\";\"2 Lighting; \"\"floor\"\", 1 [Night] (EUR)\"");
  EXPECT_EQ(devices[1], "2026-01-01 01:00:00+01:00;0,001500;0,003000;0,003000;0,006000");
  EXPECT_EQ(devices[4], "2026-01-01 01:30:00+01:00;0,001500;0,003000;;");  // device 2's gap: unknown
  EXPECT_EQ(readLines(root() / "water/devices_cost_2026-01_v1.csv")[1], "2026-01-01 01:00:00+01:00;0,004500");
  EXPECT_EQ(readLines(root() / "energy/loads_cost_2026-01_v1.csv"),
            (std::vector<std::string>{"date_time;Heating [Day] (EUR);Heating [Night] (EUR);Lighting [Day] (EUR);"
                                      "Lighting [Night] (EUR);Others [Day] (EUR);Others [Night] (EUR)",
                                      "2026-01-01 01:00:00+01:00;0,010000;0,020000;0,040000;0,080000;0,150000;0,300000",
                                      "2026-01-01 01:10:00+01:00;0,011000;0,022000;0,041000;0,082000;0,151000;0,302000",
                                      "2026-01-01 01:20:00+01:00;0,012000;0,024000;0,042000;0,084000;0,152000;0,304000",
                                      "2026-01-01 01:30:00+01:00;0,013000;0,026000;0,043000;0,086000;0,153000;0,306000"}));
  EXPECT_EQ(readLines(root() / "water/groups_cost_2026-01_v1.csv")[1], "2026-01-01 01:00:00+01:00;0,300000");
  const auto overall = readLines(root() / "overallTotal/cost_2026-01_v1.csv");
  EXPECT_EQ(overall[0], "date_time;electricity [Day] (EUR);electricity [Night] (EUR);electricity total (EUR);"
                        "electricity unpriced (Wh);water [DEFAULT] (EUR);water total (EUR);water unpriced (dm3)");
  EXPECT_EQ(overall[1], "2026-01-01 01:00:00+01:00;1,000000;2,000000;3,000000;0,000;0,050000;0,050000;0,000");
  EXPECT_EQ(readLines(root() / "settings/tariffs_v1.csv"),
            (std::vector<std::string>{"energy;position;name;colour;currency", "electricity;1;Day;#0072B2;EUR",
                                      "electricity;2;Night;#E69F00;EUR", "water;1;DEFAULT;#009E73;EUR"}));
}

TEST_F(CsvTree, RenamingATariffStartsANewVersionOfTheCostFiles) {
  auto renamed = site_.layout();
  renamed.tariffs[1].name = "Off-peak";
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    site_.feed(writer, 0);
    writer.updateLayout(renamed);
    EXPECT_EQ(writer.configurationVersion(), 2);
    site_.feed(writer, 1);
  }
  EXPECT_EQ(readLines(root() / "energy/loads_cost_2026-01_v1.csv").size(), 2U);
  EXPECT_EQ(readLines(root() / "energy/loads_cost_2026-01_v2.csv")[0],
            "date_time;Heating [Day] (EUR);Heating [Off-peak] (EUR);Lighting [Day] (EUR);Lighting [Off-peak] (EUR);"
            "Others [Day] (EUR);Others [Off-peak] (EUR)");
  EXPECT_EQ(readLines(root() / "settings/tariffs_v2.csv")[2], "electricity;2;Off-peak;#E69F00;EUR");
  // A tree without tariffs has no tariffs file, and keeps its version when reopened.
  const fs::path plain = root() / "plain";
  auto unpriced = site_.layout();
  unpriced.tariffs.clear();
  EXPECT_EQ(CsvTreeWriter(plain, unpriced, paris_).configurationVersion(), 1);
  EXPECT_EQ(CsvTreeWriter(plain, unpriced, paris_).configurationVersion(), 1);
  EXPECT_FALSE(fs::exists(plain / "settings/tariffs_v1.csv"));
}

TEST_F(CsvTree, AConfigurationChangeIncreasesTheFileVersion) {
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    EXPECT_EQ(writer.configurationVersion(), 1);
    site_.feed(writer, 0);
  }
  auto changed = site_.layout();
  changed.groups.push_back({4, "Workshop", ews::installation::Medium::Electricity, true});
  changed.devices[0].groupIds.push_back(4);
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);  // same configuration: same version
    EXPECT_EQ(writer.configurationVersion(), 1);
    site_.feed(writer, 1);
    writer.updateLayout(changed);
    EXPECT_EQ(writer.configurationVersion(), 2);
    site_.feed(writer, 2);
  }
  EXPECT_TRUE(fs::exists(root() / "settings/devices_v2.csv"));
  EXPECT_TRUE(fs::exists(root() / "settings/loads_groups_v2.csv"));
  EXPECT_EQ(readLines(root() / "energy/groups_2026-01_v1.csv").size(), 3U);  // header + rows 0, 1
  EXPECT_EQ(readLines(root() / "energy/groups_2026-01_v2.csv"),
            (std::vector<std::string>{"date_time;Building A (Wh);Floor 1 (Wh);Workshop (Wh)",
                                      "2026-01-01 01:20:00+01:00;102,000;202,000;"}));
  const auto settings = readLines(root() / "settings/devices_v2.csv");
  EXPECT_EQ(settings[0],
            "id;name;gateway;gateway_ip;gateway_port;modbus_address;family;model;medium;load_id;load;groups;on;"
            "exclude_from_totals");
  EXPECT_EQ(settings[1],
            "1;Main meter;Gateway 1;192.168.1.10;502;11;multifunction-meter;4 120 53;electricity;1;Heating;"
            "Building A | Workshop;1;0");
  EXPECT_EQ(readLines(root() / "settings/loads_groups_v2.csv").back(), "group;4;Workshop;electricity;1");
  // Unversioned files go on across the change.
  EXPECT_EQ(readLines(root() / "devices/1/1_energy_2026-01.csv").size(), 4U);
}

TEST_F(CsvTree, ThdHarmonicsAndStateFiles) {
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    const ews::Time t = SyntheticSite::timeOf(0);
    const std::array<ews::recording::ThdSample, 1> thd = {{{1, "voltage.L1", 2.5}}};
    const std::array<double, 3> spectrum = {1.0, 3.25, 0.5};
    const std::array<ews::recording::HarmonicsSample, 1> harmonics = {{{1, "current.L1", 2, spectrum}}};
    const std::array<ews::recording::StateSample, 2> states = {{{2, "input.1", 1}, {2, "input.2", 0}}};
    writer.onThd(t, thd);
    writer.onHarmonics(t, harmonics);
    writer.onStates(t, states);
  }
  EXPECT_EQ(readLines(root() / "devices/1/1_thd_2026-01.csv"),
            (std::vector<std::string>{"date_time;quantity;thd_percent", "2026-01-01 01:00:00+01:00;voltage.L1;2,500"}));
  const auto harmonics = readLines(root() / "devices/1/1_harmonics_2026-01.csv");
  ASSERT_EQ(harmonics.size(), 4U);
  EXPECT_EQ(harmonics[0], "date_time;quantity;rank;percent_of_fundamental");
  EXPECT_EQ(harmonics[2], "2026-01-01 01:00:00+01:00;current.L1;3;3,250");
  EXPECT_EQ(readLines(root() / "devices/2/2_state_2026-01.csv"),
            (std::vector<std::string>{"date_time;channel;state", "2026-01-01 01:00:00+01:00;input.1;1",
                                      "2026-01-01 01:00:00+01:00;input.2;0"}));
}

}  // namespace

namespace {

TEST_F(CsvTree, EqCheckFilePerDeviceAndWeek) {
  ews::recording::WeeklyQualityCheck check;
  check.deviceId = 1;
  check.week = "2026-W13";
  check.weekStart = utc(2026, 3, 22, 23, 0);  // Monday 2026-03-23 00:00 in Paris
  check.weekEnd = utc(2026, 3, 29, 22, 0);    // Monday 2026-03-30 00:00, summer time: 167 h
  check.intervals = 1002;
  check.voltageIntervals = 1002;
  check.voltageInRangePercent = 94.5;
  check.thdIntervals = 1002;
  check.thdWithinLimitPercent = 100.0;
  check.ok = false;
  check.summary = "KO (voltage within 230 V +/- 10 % 94.5 % < 95 %) [frequency not recorded]";
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    writer.onQualityCheck(check);
  }
  const std::vector<std::string> expected = {
      "week;week_start;week_end;intervals;voltage_intervals;voltage_in_range_percent;thd_intervals;"
      "thd_within_limit_percent;frequency_intervals;frequency_in_range_percent;result;detail",
      "2026-W13;2026-03-23 00:00:00+01:00;2026-03-30 00:00:00+02:00;1002;1002;94,500;1002;100,000;0;;KO;"
      "KO (voltage within 230 V +/- 10 % 94.5 % < 95 %) [frequency not recorded]"};
  EXPECT_EQ(readLines(root() / "eqcheck/1_eqcheck_2026-W13.csv"), expected);
  // A restarted run replaying the week keeps the stored result.
  {
    CsvTreeWriter writer(root(), site_.layout(), paris_);
    check.ok = true;
    check.summary = "OK";
    writer.onQualityCheck(check);
  }
  EXPECT_EQ(readLines(root() / "eqcheck/1_eqcheck_2026-W13.csv"), expected);
}

}  // namespace

namespace {

/// Every CSV file of a tree written with `format`, read back by the project's one CSV reader: no
/// quoting problem, every row as wide as its header, and `names` found as whole fields.
void expectTreeReadsBack(const fs::path& root, const std::vector<std::string>& names, char separator) {
  std::set<std::string> fields;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".csv") continue;
    ++files;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const ews::csv::Table table = ews::csv::read(text, {.separator = separator});
    EXPECT_TRUE(table.problems.empty()) << entry.path() << ": " << table.problems.front().reason;
    ASSERT_FALSE(table.records.empty()) << entry.path();
    for (const auto& record : table.records) {
      EXPECT_EQ(record.fields.size(), table.records.front().fields.size()) << entry.path() << ":" << record.line;
      for (const auto& field : record.fields) fields.insert(field.text);
    }
  }
  EXPECT_GT(files, 10);
  for (const auto& name : names) {
    EXPECT_TRUE(fields.contains(name)) << name;
    // A column header: "<name> (Wh)" for a load or group, "<ID> <name> (Wh)" for a device.
    const bool header = std::any_of(fields.begin(), fields.end(), [&name](const std::string& field) {
      return field.ends_with(name + " (Wh)") || field.ends_with(name + " (dm3)");
    });
    EXPECT_TRUE(header) << name;
  }
}

}  // namespace

TEST_F(CsvTree, NamesWithSeparatorsQuotesAndLineBreaksReadBackFromEveryFile) {
  auto layout = site_.layout();
  layout.devices[0].name = "Sockets; floor 1";
  layout.loads[0].name = "The \"big\" heater\nwing B";
  layout.groups[0].name = "Building A, east";
  const std::vector<std::string> names = {"Sockets; floor 1", "The \"big\" heater\nwing B", "Building A, east"};
  struct Case {
    std::string folder;
    ews::reports::CsvFormat format;
  };
  for (const Case& c : {Case{"semicolon", {',', ';'}}, Case{"comma-point", {'.', ','}}, Case{"comma-comma", {',', ','}}}) {
    SCOPED_TRACE(c.folder);
    {
      CsvTreeWriter writer(root() / c.folder, layout, paris_, {.format = c.format});
      site_.feed(writer, 0);
      site_.feed(writer, 1);
    }
    expectTreeReadsBack(root() / c.folder, names, c.format.fieldSeparator);
  }
}

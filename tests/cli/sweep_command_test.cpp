// `ews sweep` end to end: the command line, the checks of the base scenario and of every
// combination, their exit codes, the table whatever the jobs, and the three run engines (the
// grid itself is covered by sweep_test.cpp with a fake runner).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "ews_command.hpp"

namespace {
using namespace ews::cli::testing;

TEST_F(CliTest, SweepBadSetOptionIsAUsageError) {
  auto result = runEws("sweep " + scenarioPath("default.yaml") + " --set dlm.hysteresis");
  EXPECT_EQ(result.exitCode, 64) << result.output;
  EXPECT_NE(result.output.find("ews sweep: --set dlm.hysteresis: expected KEY=VALUE[,VALUE...]"), std::string::npos)
      << result.output;

  result = runEws("sweep " + scenarioPath("default.yaml") + " --set dlm.step1=75 --set dlm.firstStep=60");
  EXPECT_EQ(result.exitCode, 64) << result.output;
  EXPECT_NE(result.output.find("--set dlm.firstStep=60: sets dlm.firstStep like --set dlm.step1=75"), std::string::npos)
      << result.output;

  result = runEws("sweep " + scenarioPath("default.yaml") + " --set run.seed=1,2 --seed 3");
  EXPECT_EQ(result.exitCode, 64) << result.output;
  EXPECT_NE(result.output.find("--set run.seed=1,2: sets run.seed like --seed"), std::string::npos) << result.output;

  result = runEws("sweep " + scenarioPath("default.yaml") + " --set dlm.hysteresis=1 --duration 0s");
  EXPECT_EQ(result.exitCode, 64) << result.output;
  EXPECT_NE(result.output.find("ews sweep: --duration: must be > 0"), std::string::npos) << result.output;

  EXPECT_EQ(runEws("sweep " + scenarioPath("default.yaml") + " --set dlm.hysteresis=1 --duration 5x").exitCode, 64);
  EXPECT_EQ(runEws("sweep " + scenarioPath("default.yaml") + " --set dlm.hysteresis=1 --jobs 0").exitCode, 64);
  EXPECT_EQ(runEws("sweep " + scenarioPath("default.yaml") + " --set dlm.hysteresis=1 --seed x").exitCode, 64);
}

TEST_F(CliTest, SweepBadValuesAreInvalidInputNamingTheOption) {
  const fs::path scenario = dir_ / "site.yaml";
  std::ofstream(scenario) << "run:\n"                           // 1
                             "  start: \"2026-01-05T00:00\"\n"  // 2
                             "  duration: 1d\n"                  // 3
                             "dlm:\n"                            // 4
                             "  hysteresis: 2\n";                // 5
  const fs::path table = dir_ / "kpis.csv";
  const auto result = runEws("sweep " + scenario.string() + " --out " + table.string() +
                             " --set dlm.hysteresis=0,150 --set dlm.hysterisis=1");
  EXPECT_EQ(result.exitCode, 2) << result.output;
  EXPECT_NE(result.output.find("ews sweep: --set dlm.hysteresis=0,150: " + scenario.string() +
                               ":5:15: dlm.hysteresis: must be between 0 and 100 %, got 150 %"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("ews sweep: --set dlm.hysterisis=1: " + scenario.string() +
                               ": dlm.hysterisis: unknown key 'hysterisis' (did you mean 'hysteresis'?)"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("2 errors"), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(table));
  EXPECT_FALSE(fs::exists(dir_ / "kpis.csv.partial"));
}

TEST_F(CliTest, SweepOfAnInvalidScenarioPrintsItsDiagnostics) {
  const fs::path bad = dir_ / "bad.yaml";
  std::ofstream(bad) << "name: broken\nrun:\n  duration: 1d\n";
  const auto result = runEws("sweep " + bad.string() + " --set dlm.hysteresis=1");
  EXPECT_EQ(result.exitCode, 2) << result.output;
  EXPECT_NE(result.output.find(bad.string() + ":3:3: run.start: missing required key 'start'"), std::string::npos)
      << result.output;
}

TEST_F(CliTest, SweepTableIsTheSameWhateverTheJobs) {
  const std::string common = "sweep " + scenarioPath("default.yaml") +
                             " --set dlm.hysteresis=0,5 --set dlm.step1=75,50 --duration 10h --seed 3 --quiet --out ";
  const auto one = runEws(common + (dir_ / "one.csv").string() + " --jobs 1");
  ASSERT_EQ(one.exitCode, 0) << one.output;
  const auto four = runEws(common + (dir_ / "four.csv").string() + " --jobs 4");
  ASSERT_EQ(four.exitCode, 0) << four.output;
  EXPECT_TRUE(one.output.empty()) << one.output;  // --quiet
  const std::string table = readFile(dir_ / "one.csv");
  EXPECT_EQ(table, readFile(dir_ / "four.csv"));
  EXPECT_EQ(table.rfind("dlm.hysteresis,dlm.step1,", 0), 0u) << table;
  EXPECT_NE(table.find("\n0,75,"), std::string::npos) << table;
  EXPECT_NE(table.find("\n5,50,"), std::string::npos) << table;
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 5);  // the header and 4 rows
  EXPECT_FALSE(fs::exists(dir_ / "one.csv.partial"));
}

TEST_F(CliTest, SweepEnginesGiveTheSameTableShapeAndCloseKpis) {
  // The direct and coalesced runs feed the same controller from the models (docs/dlm.md): the
  // same columns and rows as the Modbus twin, and on default.yaml's day the same sessions and
  // delivered energy within 1 % (polling delays differ).
  const std::string common = "sweep " + scenarioPath("default.yaml") + " --set dlm.hysteresis=0,5 --quiet --out ";
  std::map<std::string, std::string> tables;
  for (const std::string engine : {"modbus", "direct", "coalesced"}) {
    const auto result = runEws(common + (dir_ / (engine + ".csv")).string() + " --engine " + engine);
    ASSERT_EQ(result.exitCode, 0) << engine << ": " << result.output;
    tables[engine] = readFile(dir_ / (engine + ".csv"));
  }
  const auto header = [](const std::string& table) { return table.substr(0, table.find('\n')); };
  const auto column = [](const std::string& table, std::size_t row, std::size_t index) {
    std::istringstream lines(table);
    std::string line;
    for (std::size_t i = 0; i <= row; ++i) std::getline(lines, line);
    std::istringstream fields(line);
    std::string field;
    for (std::size_t i = 0; i <= index; ++i) std::getline(fields, field, ',');
    return std::stod(field);
  };
  for (const std::string engine : {"direct", "coalesced"}) {
    EXPECT_EQ(header(tables[engine]), header(tables["modbus"])) << engine;
    for (std::size_t row = 1; row <= 2; ++row) {
      EXPECT_EQ(column(tables[engine], row, 1), column(tables["modbus"], row, 1)) << engine << ": sessions";
      EXPECT_NEAR(column(tables[engine], row, 2), column(tables["modbus"], row, 2), 0.01 * column(tables["modbus"], row, 2))
          << engine << ": energy delivered";
    }
  }
  EXPECT_EQ(runEws(common + (dir_ / "x.csv").string() + " --engine fast").exitCode, 64);
}

}  // namespace

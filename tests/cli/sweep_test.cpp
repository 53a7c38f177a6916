// `ews sweep` without running the twin: the --set options, the grid and its order, the edits of
// the YAML tree, the checks of every combination through the loader, the thread pool (with a
// fake runner whose runs end in a scrambled order) and the KPI table.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

#include "ews/kernel/diagnostic.hpp"
#include "ews/run/sweep_grid.hpp"
#include "ews/scenario/yaml_edit.hpp"
#include "ews/run/sweep_runner.hpp"

namespace ews::run {
namespace {

// ---- --set options ----

TEST(SweepOptions, KeyValuesAndAliases) {
  const SweepKey hysteresis = parseSetOption("dlm.hysteresis=0,5,10");
  EXPECT_EQ(hysteresis.option, "--set dlm.hysteresis=0,5,10");
  EXPECT_EQ(hysteresis.key, "dlm.hysteresis");
  EXPECT_EQ(hysteresis.path, "dlm.hysteresis");
  EXPECT_EQ(hysteresis.values, (std::vector<std::string>{"0", "5", "10"}));

  const SweepKey step1 = parseSetOption("dlm.step1=75,60");
  EXPECT_EQ(step1.key, "dlm.step1");
  EXPECT_EQ(step1.path, "dlm.firstStep");
  EXPECT_EQ(parseSetOption("dlm.step2=50").path, "dlm.secondStep");
  EXPECT_EQ(parseSetOption("loadProfiles[1].scale=0.5").path, "loadProfiles[1].scale");
  EXPECT_EQ(parseSetOption("dlm.holdTime=30s,1min").values, (std::vector<std::string>{"30s", "1min"}));
}

TEST(SweepOptions, UsageErrorsNameTheOption) {
  const auto messageOf = [](const char* text) {
    try {
      parseSetOption(text);
    } catch (const SweepUsageError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(messageOf("dlm.hysteresis"), "--set dlm.hysteresis: expected KEY=VALUE[,VALUE...], e.g. dlm.hysteresis=0,5,10");
  EXPECT_EQ(messageOf("dlm.hysteresis=0,,5"), "--set dlm.hysteresis=0,,5: empty value in the list '0,,5'");
  EXPECT_EQ(messageOf("dlm.hysteresis="), "--set dlm.hysteresis=: empty value in the list ''");
  EXPECT_EQ(messageOf("dlm.hysteresis=5,0,5"), "--set dlm.hysteresis=5,0,5: value '5' is given twice");
  EXPECT_EQ(messageOf("dlm..hysteresis=5"), "--set dlm..hysteresis=5: 'dlm..hysteresis' is not a key: a part between dots is empty");
  EXPECT_EQ(messageOf("=5"), "--set =5: '' is not a key: a part between dots is empty");
  EXPECT_EQ(messageOf("sessions[x].battery=5"),
            "--set sessions[x].battery=5: 'sessions[x].battery' is not a key: expected [index] with a number");
}

// ---- the grid ----

TEST(SweepGridOrder, CartesianProductLastKeyFastest) {
  const SweepGrid grid({parseSetOption("dlm.hysteresis=0,5,10"), parseSetOption("dlm.step1=75,60")});
  ASSERT_EQ(grid.size(), 6u);
  const std::vector<std::vector<std::string>> expected{{"0", "75"}, {"0", "60"},  {"5", "75"},
                                                       {"5", "60"}, {"10", "75"}, {"10", "60"}};
  for (std::size_t i = 0; i < grid.size(); ++i) EXPECT_EQ(grid.values(i), expected[i]) << i;
  EXPECT_EQ(grid.describe(3), "--set dlm.hysteresis=5 --set dlm.step1=60");
  EXPECT_EQ(SweepGrid({}).size(), 1u);
  EXPECT_TRUE(SweepGrid({}).values(0).empty());
}

TEST(SweepGridOrder, TwoSettingsOfOneKeyAreRefused) {
  const auto messageOf = [](std::vector<SweepKey> keys) {
    try {
      SweepGrid grid(std::move(keys));
    } catch (const SweepUsageError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(messageOf({parseSetOption("dlm.step1=75"), parseSetOption("dlm.firstStep=60")}),
            "--set dlm.firstStep=60: sets dlm.firstStep like --set dlm.step1=75");
  EXPECT_EQ(messageOf({parseSetOption("dlm=x"), parseSetOption("dlm.hysteresis=5")}),
            "--set dlm.hysteresis=5: sets dlm.hysteresis like --set dlm=x");
  // dlm.step1 and dlm.step10 are different keys.
  EXPECT_EQ(messageOf({parseSetOption("dlm.step1=75"), parseSetOption("dlm.step10=60")}), "accepted");

  std::vector<SweepKey> huge;
  for (int k = 0; k < 7; ++k) huge.push_back(parseSetOption(fmt::format("k{}=0,1,2,3,4,5,6,7", k)));
  EXPECT_NE(messageOf(huge).find("more than 1000000 combinations"), std::string::npos);
}

TEST(SweepGridOrder, KeyForAField) {
  const SweepGrid grid({parseSetOption("dlm.step1=75,60"), parseSetOption("loadProfiles[0].scale=1,2")});
  const auto optionFor = [&](std::string_view field) {
    const SweepKey* key = grid.keyFor(field);
    return key == nullptr ? std::string() : key->option;
  };
  EXPECT_EQ(optionFor("dlm.firstStep"), "--set dlm.step1=75,60");
  EXPECT_EQ(optionFor("loadProfiles[0].scale"), "--set loadProfiles[0].scale=1,2");
  EXPECT_EQ(optionFor("loadProfiles[0]"), "--set loadProfiles[0].scale=1,2");  // around it
  EXPECT_EQ(optionFor("dlm.secondStep"), "");
  EXPECT_EQ(optionFor("loadProfiles[01]"), "");
  EXPECT_EQ(optionFor(""), "");
}

// ---- editing the YAML tree ----

TEST(SweepYamlEdits, SetsCreatesAndIndexes) {
  YAML::Node document = YAML::Load(
      "run: {start: \"2026-01-05T00:00\"}\n"
      "dlm:\n"
      "loadProfiles: [{name: a, kind: constant, power: 1}, {name: b, kind: constant, power: 2}]\n");
  scenario::setYamlValue(document, "run.seed", "7");
  scenario::setYamlValue(document, "dlm.hysteresis", "5");  // an empty `dlm:` becomes a map
  scenario::setYamlValue(document, "loadProfiles[1].power", "3kW");
  scenario::setYamlValue(document, "ews.modbus.baud", "9600");  // maps created on the way
  EXPECT_EQ(document["run"]["seed"].Scalar(), "7");
  EXPECT_EQ(document["run"]["start"].Scalar(), "2026-01-05T00:00");
  EXPECT_EQ(document["dlm"]["hysteresis"].Scalar(), "5");
  EXPECT_EQ(document["loadProfiles"][1]["power"].Scalar(), "3kW");
  EXPECT_EQ(document["loadProfiles"][0]["power"].Scalar(), "1");
  EXPECT_EQ(document["ews"]["modbus"]["baud"].Scalar(), "9600");
}

TEST(SweepYamlEdits, PathsThatCannotBeSet) {
  const auto reasonOf = [](const char* path) {
    YAML::Node document = YAML::Load("run: {seed: 1}\nloadProfiles: [{name: a}]\n");
    try {
      scenario::setYamlValue(document, path, "5");
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("set");
  };
  EXPECT_EQ(reasonOf("run.seed.x"), "run.seed is a value, not a map");
  EXPECT_EQ(reasonOf("loadProfiles.power"), "loadProfiles is a list, not a map");
  EXPECT_EQ(reasonOf("loadProfiles[3].power"), "loadProfiles has 1 items: no [3]");
  EXPECT_EQ(reasonOf("run[0]"), "run is a map, not a list");
  EXPECT_EQ(reasonOf("loadProfiles[0].name"), "set");
}

// ---- the core, with a fake runner ----

// Line 3: dlm, a meter and two stations.
const std::string kScenario =
    "name: sweep-test\n"                                                                       // 1
    "run: {start: \"2026-01-05T00:00\", duration: 1h, seed: 3}\n"                              // 2
    "dlm: {on: true, totalMeter: Meter, maxCurrent: 100, hysteresis: 2, firstStep: 80}\n"      // 3
    "installation: {gateways: [{ip: 10.0.0.2, devices: [\n"                                    // 4
    "  {name: Meter, family: multifunction-meter, address: 1},\n"                              // 5
    "  {name: CP1, family: charging-station, address: 2}]}]}\n";                               // 6

SweepInput inputOf(std::vector<std::string> sets) {
  std::vector<SweepKey> keys;
  for (const auto& text : sets) keys.push_back(parseSetOption(text));
  return SweepInput{kScenario, "site.yaml", SweepGrid(std::move(keys)), std::nullopt, std::nullopt};
}

/// KPIs that echo the settings, after a wait that makes early combinations end last.
KpiColumns fakeRun(const scenario::Scenario& s) {
  std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(30 - 2 * s.dlm.hysteresisPct)));
  return {{"hysteresis_pct", s.dlm.hysteresisPct},
          {"first_step_pct", s.dlm.firstStepPct},
          {"seed", static_cast<double>(s.run.seed)},
          {"duration_s", toSeconds(s.run.duration)}};
}

TEST(SweepCore, RowsInGridOrderWithTheValuesApplied) {
  SweepInput input = inputOf({"dlm.hysteresis=0,5,10", "dlm.step1=75,60"});
  input.seed = 9;  // --seed
  EXPECT_TRUE(checkCombinations(input, 4).empty());
  std::vector<std::size_t> endOrder;
  const SweepTable table = runCombinations(input, fakeRun, 6, [&](std::size_t index, std::size_t ended, double) {
    endOrder.push_back(index);
    EXPECT_EQ(ended, endOrder.size());
  });
  EXPECT_EQ(table.keyColumns, (std::vector<std::string>{"dlm.hysteresis", "dlm.step1"}));
  EXPECT_EQ(table.kpiColumns, (std::vector<std::string>{"hysteresis_pct", "first_step_pct", "seed", "duration_s"}));
  ASSERT_EQ(table.rows.size(), 6u);
  EXPECT_EQ(endOrder.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    const auto& row = table.rows[i];
    EXPECT_EQ(row.keyValues, input.grid.values(i));
    EXPECT_DOUBLE_EQ(row.kpiValues[0], std::stod(row.keyValues[0]));
    EXPECT_DOUBLE_EQ(row.kpiValues[1], std::stod(row.keyValues[1]));  // dlm.step1 is dlm.firstStep
    EXPECT_DOUBLE_EQ(row.kpiValues[2], 9.0);
    EXPECT_DOUBLE_EQ(row.kpiValues[3], 3600.0);
  }
  EXPECT_EQ(formatKpiCsv(table),
            "dlm.hysteresis,dlm.step1,hysteresis_pct,first_step_pct,seed,duration_s\n"
            "0,75,0,75,9,3600\n"
            "0,60,0,60,9,3600\n"
            "5,75,5,75,9,3600\n"
            "5,60,5,60,9,3600\n"
            "10,75,10,75,9,3600\n"
            "10,60,10,60,9,3600\n");
}

TEST(SweepCore, SameCsvWhateverTheNumberOfJobs) {
  const SweepInput input = inputOf({"dlm.hysteresis=0,2.5,5,7.5,10", "dlm.secondStep=10,20,30"});
  const std::string oneJob = formatKpiCsv(runCombinations(input, fakeRun, 1));
  EXPECT_EQ(formatKpiCsv(runCombinations(input, fakeRun, 4)), oneJob);
  EXPECT_EQ(formatKpiCsv(runCombinations(input, fakeRun, 64)), oneJob);
}

TEST(SweepCore, ProblemsNameTheirOptionAndPosition) {
  // 150 % is out of range; a second step of 90 % is above the first (80 %); hysterisis is no
  // key; a key under a scalar cannot be set at all.
  auto problems = checkCombinations(inputOf({"dlm.hysteresis=0,150", "dlm.secondStep=50,90"}), 3);
  ASSERT_EQ(problems.size(), 2u);
  // secondStep is a new key of the dlm map: reported at the map.
  EXPECT_EQ(problems[0], "--set dlm.secondStep=50,90: site.yaml:3:6: dlm.secondStep: the second reduction step "
                         "(90 %) must not exceed the first (80 %)");
  EXPECT_EQ(problems[1], "--set dlm.hysteresis=0,150: site.yaml:3:65: dlm.hysteresis: must be between 0 and 100 %, "
                         "got 150 %");

  problems = checkCombinations(inputOf({"dlm.hysterisis=0,5"}), 2);
  ASSERT_EQ(problems.size(), 1u);  // told once, not per combination
  EXPECT_EQ(problems[0],
            "--set dlm.hysterisis=0,5: site.yaml: dlm.hysterisis: unknown key 'hysterisis' (did you mean 'hysteresis'?)");

  // The installation's own rules too, as `ews validate`: CP1 on the meter's address.
  problems = checkCombinations(inputOf({"installation.gateways[0].devices[1].address=2,1"}), 2);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("--set installation.gateways[0].devices[1].address=2,1: site.yaml:6:", 0), 0u)
      << problems[0];
  EXPECT_NE(problems[0].find(": installation.gateways[0].devices[1].address: "), std::string::npos) << problems[0];

  problems = checkCombinations(inputOf({"run.seed.value=1"}), 1);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "--set run.seed.value=1: run.seed is a value, not a map");

}

TEST(SweepCore, SeedAndDurationOverrideTheLoadedScenario) {
  // An override at 00:30 is within the scenario's hour; a 10-minute run (like `ews run
  // --duration 10min`) simply ends before it rather than making it an error.
  const std::string text =
      "run: {start: \"2026-01-05T00:00\", duration: 1h}\n"
      "installation: {gateways: [{ip: 10.0.0.2, devices: [{name: CP1, family: charging-station, address: 2}]}]}\n"
      "dlm: {overrides: [{at: \"2026-01-05T00:30\", station: CP1, startWait: wait}]}\n";
  const SweepInput input{text, "site.yaml", SweepGrid({parseSetOption("dlm.hysteresis=1")}), 11, minutes(10)};
  EXPECT_TRUE(checkCombinations(input, 1).empty());
  const scenario::Scenario s = loadCombination(input, 0);
  EXPECT_EQ(s.run.seed, 11u);
  EXPECT_EQ(s.run.duration, minutes(10));
  EXPECT_EQ(s.dlm.overrides.size(), 1u);
}

TEST(SweepCore, AProblemOutsideTheSweptKeysNamesTheCombination) {
  // Renaming the meter breaks dlm.totalMeter, which no option sets.
  const auto problems = checkCombinations(inputOf({"installation.gateways[0].devices[0].name=Meter,Main"}), 2);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "--set installation.gateways[0].devices[0].name=Main: site.yaml:3:29: dlm.totalMeter: "
                         "no device named 'Meter' in the installation");
}

TEST(SweepCore, TheFirstFailureInGridOrderIsReported) {
  const SweepInput input = inputOf({"dlm.hysteresis=0,1,2,3,4,5,6,7"});
  const SweepRunner failing = [](const scenario::Scenario& s) -> KpiColumns {
    // Later combinations fail sooner: the report must still be the earliest in the grid.
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(40 - 5 * s.dlm.hysteresisPct)));
    if (s.dlm.hysteresisPct >= 2) throw std::runtime_error(fmt::format("boom at {}", s.dlm.hysteresisPct));
    return {{"x", 1.0}};
  };
  for (const unsigned jobs : {1U, 8U}) {
    try {
      runCombinations(input, failing, jobs);
      ADD_FAILURE() << "expected a failure";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "combination 3 of 8 --set dlm.hysteresis=2: boom at 2") << jobs << " jobs";
    }
  }
}

TEST(SweepCore, EveryRunMustReturnTheSameColumns) {
  const SweepRunner uneven = [](const scenario::Scenario& s) -> KpiColumns {
    if (s.dlm.hysteresisPct > 0) return {{"a", 1.0}, {"c", 2.0}};
    return {{"a", 1.0}, {"b", 2.0}};
  };
  try {
    runCombinations(inputOf({"dlm.hysteresis=0,5"}), uneven, 2);
    ADD_FAILURE() << "expected a failure";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "combination 2 of 2 --set dlm.hysteresis=5 returned the KPI columns [a, c], "
                 "combination 1 of 2 --set dlm.hysteresis=0 returned [a, b]");
  }
}

TEST(SweepCore, CsvIsForPrograms) {
  SweepTable table;
  table.keyColumns = {"dlm.step1", "installation.site"};
  table.kpiColumns = {"energy_kWh", "ratio, \"x\""};
  table.rows.push_back({{"75", "Car park, north"}, {1234.5, 0.1}});
  table.rows.push_back({{"60", "A"}, {-0.0, 1e-7}});
  table.rows.push_back({{"60", "B"}, {std::numeric_limits<double>::quiet_NaN(), 2500.0}});
  EXPECT_EQ(formatKpiCsv(table),
            "dlm.step1,installation.site,energy_kWh,\"ratio, \"\"x\"\"\"\n"
            "75,\"Car park, north\",1234.5,0.1\n"
            "60,A,0,1e-07\n"
            "60,B,,2500\n");
}

}  // namespace
}  // namespace ews::run

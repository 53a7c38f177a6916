// End-to-end tests of the `ews` command: the real binary on the shipped scenarios.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ews_command.hpp"

namespace {
namespace fs = std::filesystem;
using namespace ews::cli::testing;

TEST_F(CliTest, ValidateAcceptsShippedScenarios) {
  for (const char* name : {"default.yaml", "reference-255.yaml"}) {
    const auto result = runEws("validate " + scenarioPath(name));
    EXPECT_EQ(result.exitCode, 0) << name << ": " << result.output;
    EXPECT_NE(result.output.find("valid scenario"), std::string::npos) << result.output;
  }
}

TEST_F(CliTest, ValidateReportsPositionFieldAndReason) {
  const fs::path bad = dir_ / "bad.yaml";
  std::ofstream(bad) << "name: broken\nrun:\n  duration: 1d\n  sede: 4\n";
  const auto result = runEws("validate " + bad.string());
  EXPECT_EQ(result.exitCode, 2) << result.output;
  EXPECT_NE(result.output.find(bad.string() + ":4:3: run.sede: unknown key"), std::string::npos) << result.output;
}

TEST_F(CliTest, ValidateMissingFileIsInvalidInput) {
  const auto result = runEws("validate " + (dir_ / "nope.yaml").string());
  EXPECT_EQ(result.exitCode, 2) << result.output;
  EXPECT_NE(result.output.find("nope.yaml"), std::string::npos) << result.output;
}

TEST_F(CliTest, RunWritesOutputsUnderOutDir) {
  const auto result = runEws("run " + scenarioPath("default.yaml") + " --quiet --duration 2h --out " + (dir_ / "a").string());
  ASSERT_EQ(result.exitCode, 0) << result.output;
  for (const char* file : {"trace.csv", "trace.h5", "summary.json", "scenario.yaml"}) {
    EXPECT_TRUE(fs::exists(dir_ / "a" / file)) << file;
  }
  EXPECT_FALSE(fs::exists(dir_ / "a" / "trace.csv.partial"));
  EXPECT_TRUE(fs::is_directory(dir_ / "a" / "csv" / "devices"));
  const std::string trace = readFile(dir_ / "a" / "trace.csv");
  // 2 h at the default 10 min sample rate: 12 sample instants, one row per recorded device each.
  EXPECT_GT(std::count(trace.begin(), trace.end(), '\n'), 12);
  EXPECT_EQ(readFile(dir_ / "a" / "scenario.yaml"), readFile(scenarioPath("default.yaml")));
}

TEST_F(CliTest, SameSeedGivesByteIdenticalOutputs) {
  const std::string common = "run " + scenarioPath("default.yaml") + " --quiet --seed 7 --out ";
  ASSERT_EQ(runEws(common + (dir_ / "a").string()).exitCode, 0);
  ASSERT_EQ(runEws(common + (dir_ / "b").string()).exitCode, 0);
  // Every file the run produced: trace.csv, trace.h5, summary.json and the whole CSV tree.
  std::size_t compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "a")) {
    // ews.lock names the process that held the folder: not an output.
    if (!entry.is_regular_file() || entry.path().filename() == "ews.lock") continue;
    const fs::path relative = fs::relative(entry.path(), dir_ / "a");
    const std::string a = readFile(entry.path());
    EXPECT_FALSE(a.empty()) << relative;
    EXPECT_EQ(a, readFile(dir_ / "b" / relative)) << relative;
    ++compared;
  }
  EXPECT_GE(compared, 10u);
  EXPECT_TRUE(fs::exists(dir_ / "a" / "trace.h5"));
  EXPECT_TRUE(fs::exists(dir_ / "a" / "csv" / "overallTotal"));
}

TEST_F(CliTest, RecordedTotalsAgreeWithTheSimulationsGroundTruth) {
  ASSERT_EQ(runEws("run " + scenarioPath("default.yaml") + " --quiet --out " + (dir_ / "a").string()).exitCode, 0);
  const std::string summary = readFile(dir_ / "a" / "summary.json");
  const auto electricityAfter = [&](const std::string& key) {
    const auto at = summary.find("\"electricityWh\"", summary.find("\"" + key + "\""));
    return std::stod(summary.substr(summary.find(':', at) + 1));
  };
  const double recordedWh = electricityAfter("recorded");
  const double truthWh = electricityAfter("groundTruth");
  EXPECT_GT(truthWh, 100000.0);
  // Polled through the simulated lines at register resolution (10 Wh) and sampled every 10 min:
  // the recorded day differs from the exact one by the consumption after the last sample only.
  EXPECT_NEAR(recordedWh, truthWh, truthWh * 0.001);
  // Nothing counted twice: the grand total is the main meter's own consumption, both as
  // recorded, within the acquisition's resolution (its energy register counts 10 Wh).
  const auto meters = summary.find("\"mainMeters\"");
  ASSERT_NE(meters, std::string::npos) << summary;
  EXPECT_NE(summary.find("\"name\": \"Main meter\"", meters), std::string::npos) << summary;
  const auto mainAt = summary.find("\"recordedWh\"", meters);
  const double mainWh = std::stod(summary.substr(summary.find(':', mainAt) + 1));
  EXPECT_NEAR(recordedWh, mainWh, 10.0);
}

TEST_F(CliTest, ValidateWarnsOfDoubleCountingWithoutFailing) {
  // default.yaml as it was shipped before: its stations counted under the main meter (the
  // exclusions between the first station and the car park lighting removed).
  std::string text = readFile(scenarioPath("default.yaml"));
  const std::string exclusion = "excludeFromTotals: true";
  const auto lighting = text.find("name: Car park lighting");
  for (auto at = text.find(exclusion, text.find("name: Green'Up 1")); at < lighting;
       at = text.find(exclusion, at)) {
    text.replace(at, exclusion.size(), "excludeFromTotals: false");
  }
  const fs::path file = dir_ / "counted-twice.yaml";
  std::ofstream(file) << text;
  const auto result = runEws("validate " + file.string());
  EXPECT_EQ(result.exitCode, 0) << result.output;
  EXPECT_NE(result.output.find("devices[0].excludeFromTotals: warning: device 'Green'Up 1' is counted in the totals "
                               "and is downstream of 'Main meter'"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("device 'Green'Up 2' is counted"), std::string::npos) << result.output;
  // As shipped: no warning.
  EXPECT_EQ(runEws("validate " + scenarioPath("default.yaml")).output.find("warning"), std::string::npos);
}

TEST_F(CliTest, DifferentSeedChangesTheTrace) {
  const std::string common = "run " + scenarioPath("default.yaml") + " --quiet --duration 6h --out ";
  ASSERT_EQ(runEws(common + (dir_ / "a").string() + " --seed 1").exitCode, 0);
  ASSERT_EQ(runEws(common + (dir_ / "b").string() + " --seed 2").exitCode, 0);
  EXPECT_NE(readFile(dir_ / "a" / "trace.csv"), readFile(dir_ / "b" / "trace.csv"));
}

TEST_F(CliTest, PagesInPlainHttpAreRefusedOffLoopbackAndWithoutData) {
  // The codes would cross the network in clear: refused before anything starts.
  auto result = runEws("serve " + scenarioPath("default.yaml") + " --data " + (dir_ / "d").string() +
                       " --listen 0.0.0.0:0 --plain-http --duration 1min");
  EXPECT_EQ(result.exitCode, 64) << result.output;
  EXPECT_NE(result.output.find("--plain-http: only on a loopback address"), std::string::npos) << result.output;
  result = runEws("twin " + scenarioPath("default.yaml") + " --web-listen 127.0.0.1:0 --plain-http --duration 1min");
  EXPECT_EQ(result.exitCode, 64) << result.output;
  EXPECT_NE(result.output.find("--web-listen needs --data"), std::string::npos) << result.output;
}

TEST_F(CliTest, BadCommandLineIsUsageError) {
  EXPECT_EQ(runEws("run " + scenarioPath("default.yaml") + " --duration 5x --out " + dir_.string()).exitCode, 64);
  EXPECT_EQ(runEws("run " + scenarioPath("default.yaml") + " --clock sundial").exitCode, 64);
  EXPECT_EQ(runEws("frobnicate").exitCode, 64);
  EXPECT_EQ(runEws("--help").exitCode, 0);
}

TEST_F(CliTest, WallClockRunIsPacedBySpeed) {
  // 1 simulated hour at 36000x takes about 0.1 s of wall time; it must not run instantly.
  const auto start = std::chrono::steady_clock::now();
  const auto result = runEws("run " + scenarioPath("default.yaml") +
                             " --quiet --clock wall --speed 36000 --duration 1h --out " + (dir_ / "w").string());
  const double wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(result.exitCode, 0) << result.output;
  EXPECT_GE(wallSeconds, 0.1);
  EXPECT_TRUE(fs::exists(dir_ / "w" / "trace.csv"));
}

// A generic meter's registers must end at 0xFFFF: `ews validate` refuses the file where the word
// count is written, rather than `ews run` failing later without a position.
TEST_F(CliTest, ValidateRefusesAGenericRegisterRunningPastTheLastOne) {
  const fs::path file = dir_ / "generic-past-end.yaml";
  std::ofstream(file) << "run:\n  start: \"2026-01-05T00:00:00\"\n"
                         "installation:\n"
                         "  gateways:\n"
                         "    - ip: 10.0.0.2\n"
                         "      devices:\n"
                         "        - {family: generic-modbus, address: 1, generic: {register: \"0xFFFE\", words: 4}}\n";
  const auto result = runEws("validate " + file.string());
  EXPECT_EQ(result.exitCode, 2) << result.output;
  EXPECT_NE(result.output.find(file.string() + ":7:85: installation.gateways[0].devices[0].generic.words: register "
                                               "0xFFFE plus 4 words runs past 0xFFFF, the last register"),
            std::string::npos)
      << result.output;
}

}  // namespace

// ---- ews live: the command-line errors, and a site whose gateways do not answer ----

TEST_F(CliTest, LiveRejectsAnUnknownGateway) {
  const auto result = runEws("live " + scenarioPath("default.yaml") + " --gateway 'Nope=127.0.0.1:1502'");
  EXPECT_EQ(result.exitCode, 64) << result.output;
  EXPECT_NE(result.output.find("no gateway 'Nope'"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("'Car park gateway'"), std::string::npos) << "lists the known ones: " << result.output;
}

TEST_F(CliTest, LiveRejectsAMalformedEndpoint) {
  for (const char* value : {"Local=127.0.0.1", "Local=127.0.0.1:99999", "Local=:502", "Local127.0.0.1:502"}) {
    const auto result = runEws("live " + scenarioPath("default.yaml") + " --gateway '" + value + "'");
    EXPECT_EQ(result.exitCode, 64) << value << ": " << result.output;
    EXPECT_NE(result.output.find("expected NAME=HOST:PORT"), std::string::npos) << result.output;
  }
}

TEST_F(CliTest, LiveRefusesTheLocalLineWithoutASerialPort) {
  const auto result = runEws("live " + scenarioPath("default.yaml") + " --gateway 'Car park gateway=127.0.0.1:1'");
  EXPECT_EQ(result.exitCode, 64) << result.output;
  EXPECT_NE(result.output.find("--serial"), std::string::npos) << result.output;
}

// Port 1 on loopback refuses connections: every device ends in communication error (3 failed
// polls, one cycle per second of engine time), the process goes on probing them until
// --duration and writes its outputs. --speed 5: 20 engine seconds in 4 wall seconds.
TEST_F(CliTest, LiveKeepsRunningWhenNoGatewayAnswers) {
  const auto result = runEws("live " + scenarioPath("default.yaml") +
                             " --gateway Local=127.0.0.1:1 --gateway 'Car park gateway=127.0.0.1:1' --speed 10 --duration 40s --out " +
                             dir_.string());
  EXPECT_EQ(result.exitCode, 0) << result.output;
  EXPECT_NE(result.output.find("devices: 10 communication error"), std::string::npos) << result.output;
  for (const char* file : {"summary.json", "trace.csv", "trace.h5", "scenario.yaml"}) {
    EXPECT_TRUE(fs::exists(dir_ / file)) << file;
  }
  EXPECT_NE(readFile(dir_ / "summary.json").find("\"status\": \"communication error\""), std::string::npos);
}

// Without --duration, live runs until a signal; SIGTERM ends it cleanly with its outputs.
TEST_F(CliTest, LiveStopsCleanlyOnSigterm) {
  const auto result = runEws("live " + scenarioPath("default.yaml") +
                             " --gateway Local=127.0.0.1:1 --gateway 'Car park gateway=127.0.0.1:1' --out " +
                             dir_.string() + " 2>&1 & PID=$!; sleep 1; kill -TERM $PID; wait $PID");
  EXPECT_EQ(result.exitCode, 0) << result.output;
  EXPECT_NE(result.output.find("stopped by signal"), std::string::npos) << result.output;
  EXPECT_TRUE(fs::exists(dir_ / "summary.json"));
  EXPECT_NE(readFile(dir_ / "summary.json").find("\"completed\": false"), std::string::npos);
}

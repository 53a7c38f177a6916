// The `dlm:` keys of the newer firmware (load control, control logic, hold, waiting, skip and
// settle times) and the management page's per-session overrides; EV sessions replayed from a CSV
// file (`sessionsFile`); loading an edited YAML document (loadScenarioYaml + parseScenarioDocument).
#include <gtest/gtest.h>

#include "ews/kernel/csv.hpp"
#include "ews/scenario/document.hpp"
#include "scenario_test_support.hpp"

namespace ews::scenario {
namespace {

using testing::columnOf;
using testing::diagnosticsOf;
using testing::hasDiagnostic;
using testing::hasDiagnosticIn;
using testing::kRunHeader;
using testing::parseValid;

// A one-day run from 2026-01-05 00:00 Paris (lines 1-2), a meter and three stations (lines 3-7).
const std::string kSite = kRunHeader +
                          "installation: {gateways: [{ip: 10.0.0.2, devices: [\n"            // 3
                          "  {name: Meter, family: multifunction-meter, address: 1},\n"      // 4
                          "  {name: CP1, family: charging-station, address: 2, phase: L2},\n"  // 5
                          "  {name: CP2, family: charging-station, address: 3},\n"           // 6
                          "  {name: CP3, family: charging-station, address: 4}]}]}\n";       // 7

// ---- dlm: load control, control logic, timers ----

TEST(DlmTimers, DefaultsAreTheReleaseNotesRecommendations) {
  const Scenario s = parseValid(kSite + "dlm: {on: true, totalMeter: Meter, maxCurrent: 100}\n");
  EXPECT_TRUE(s.dlm.loadControl);
  EXPECT_TRUE(s.dlm.controlLogic);
  EXPECT_EQ(s.dlm.holdTime, seconds(60));
  EXPECT_EQ(s.dlm.waitingTime, seconds(90));
  EXPECT_EQ(s.dlm.skipTime, seconds(300));
  EXPECT_EQ(s.dlm.settleTime, seconds(5));
  EXPECT_TRUE(s.dlm.overrides.empty());
}

TEST(DlmTimers, ValuesAndPositions) {
  const std::string yaml = kSite +
                           "dlm:\n"                      // 8
                           "  loadControl: off\n"        // 9
                           "  controlLogic: no\n"        // 10
                           "  holdTime: 30s\n"           // 11
                           "  waitingTime: 2min\n"       // 12
                           "  skipTime: 10min\n"         // 13
                           "  settleTime: 2500ms\n";     // 14
  const Scenario s = parseValid(yaml);
  EXPECT_FALSE(s.dlm.loadControl);
  EXPECT_FALSE(s.dlm.controlLogic);
  EXPECT_EQ(s.dlm.holdTime, seconds(30));
  EXPECT_EQ(s.dlm.waitingTime, minutes(2));
  EXPECT_EQ(s.dlm.skipTime, minutes(10));
  EXPECT_EQ(s.dlm.settleTime, milliseconds(2500));
  EXPECT_EQ(s.dlm.fieldLocs.at("skipTime").line, 13);
  EXPECT_EQ(s.dlm.fieldLocs.at("skipTime").column, 13);
}

TEST(DlmTimers, Errors) {
  const auto d = diagnosticsOf(kSite +
                               "dlm:\n"                      // 8
                               "  loadControl: maybe\n"      // 9
                               "  holdTime: 2h\n"            // 10
                               "  waitingTime: 0s\n"         // 11
                               "  skipTime: 300\n"           // 12
                               "  settleTime: 1d\n"          // 13
                               "  holdtime: 1s\n");          // 14
  ASSERT_EQ(d.size(), 6u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 9, 16, "dlm.loadControl", "expected a boolean (true/false), got 'maybe'"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 13, "dlm.holdTime", "must be between 0s and 1h, got 2h"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 16, "dlm.waitingTime", "must be between 1s and 1d, got 0s"));
  EXPECT_TRUE(hasDiagnostic(d, 12, 13, "dlm.skipTime", "(e.g. 500ms, 15min, 1h30min, 1d)"));
  EXPECT_TRUE(hasDiagnostic(d, 13, 15, "dlm.settleTime", "must be between 0s and 10min, got 1d"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 3, "dlm.holdtime", "unknown key 'holdtime' (did you mean 'holdTime'?)"));
}

// ---- dlm.overrides: the management page's Start / Wait and Normal / Priority ----

TEST(DlmOverrides, CommandsOfTheManagementPage) {
  const std::string yaml = kSite +
                           "dlm:\n"                                                                      // 8
                           "  overrides:\n"                                                              // 9
                           "    - {at: \"2026-01-05T09:00\", station: CP1, startWait: wait}\n"           // 10
                           "    - {at: \"2026-01-05 10:30:15\", station: CP2, priority: priority}\n"     // 11
                           "    - {at: \"2026-01-05T11:00\", station: CP1, startWait: start, priority: normal}\n";  // 12
  const Scenario s = parseValid(yaml);
  ASSERT_EQ(s.dlm.overrides.size(), 3u);
  const auto& wait = s.dlm.overrides[0];
  EXPECT_EQ(formatUtc(wait.at), "2026-01-05T08:00:00.000000Z");  // Paris is UTC+1 in January
  EXPECT_EQ(wait.station, "CP1");
  EXPECT_EQ(wait.start, std::optional<bool>(false));
  EXPECT_FALSE(wait.priority.has_value());
  EXPECT_EQ(formatUtc(s.dlm.overrides[1].at), "2026-01-05T09:30:15.000000Z");
  EXPECT_FALSE(s.dlm.overrides[1].start.has_value());
  EXPECT_EQ(s.dlm.overrides[1].priority, std::optional<bool>(true));
  EXPECT_EQ(s.dlm.overrides[2].start, std::optional<bool>(true));
  EXPECT_EQ(s.dlm.overrides[2].priority, std::optional<bool>(false));
  EXPECT_EQ(wait.loc.line, 10);
  EXPECT_EQ(wait.loc.column, 7);
  EXPECT_EQ(wait.fieldLocs.at("station").column, columnOf(yaml, "CP1, startWait: wait"));
}

TEST(DlmOverrides, FieldErrors) {
  const std::string yaml =
      kSite +
      "dlm:\n"                                                                             // 8
      "  overrides:\n"                                                                     // 9
      "    - {station: CP1, startWait: start}\n"                                          // 10
      "    - {at: \"2026-01-04T23:59\", station: CP1, startWait: go}\n"                   // 11
      "    - {at: \"2026-01-06T00:00\", station: CP1, priority: high}\n"                  // 12
      "    - {at: \"2026-01-05T12:00\", station: CP1}\n"                                  // 13
      "    - {at: \"2026-01-05T12:00\", startWait: wait, when: now}\n"                    // 14
      "    - {at: \"2026-01-05T25:00\", station: CP1, startWait: wait}\n";                // 15
  const auto d = diagnosticsOf(yaml);
  ASSERT_EQ(d.size(), 9u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 10, 7, "dlm.overrides[0].at", "missing required key 'at'"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 12, "dlm.overrides[1].at",
                            "must be within the run (from 2026-01-05T00:00:00 for 1d), got 2026-01-04T23:59"));
  EXPECT_TRUE(hasDiagnostic(d, 11, columnOf(yaml, "go}"), "dlm.overrides[1].startWait",
                            "unknown value 'go' (expected one of: start, wait)"));
  // The run's end is outside it: [start, start + duration).
  EXPECT_TRUE(hasDiagnostic(d, 12, 12, "dlm.overrides[2].at", "must be within the run"));
  EXPECT_TRUE(hasDiagnostic(d, 12, columnOf(yaml, "high}"), "dlm.overrides[2].priority",
                            "unknown value 'high' (expected one of: normal, priority)"));
  EXPECT_TRUE(hasDiagnostic(d, 13, 7, "dlm.overrides[3]",
                            "an override sets startWait (start or wait), priority (normal or priority), or both"));
  EXPECT_TRUE(hasDiagnostic(d, 14, 7, "dlm.overrides[4].station", "missing required key 'station'"));
  EXPECT_TRUE(hasDiagnostic(d, 14, columnOf(yaml, "when"), "dlm.overrides[4].when", "unknown key 'when'"));
  EXPECT_TRUE(hasDiagnostic(d, 15, 12, "dlm.overrides[5].at", "is not a valid time of day"));
}

TEST(DlmOverrides, StationsMustBeChargingStations) {
  const std::string yaml = kSite +
                           "dlm:\n"                                                             // 8
                           "  overrides:\n"                                                     // 9
                           "    - {at: \"2026-01-05T09:00\", station: Meter, startWait: wait}\n"  // 10
                           "    - {at: \"2026-01-05T09:00\", station: CP9, startWait: wait}\n";   // 11
  const auto d = diagnosticsOf(yaml);
  ASSERT_EQ(d.size(), 2u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 10, 41, "dlm.overrides[0].station", "device 'Meter' is not a charging station"));
  EXPECT_TRUE(hasDiagnostic(d, 11, 41, "dlm.overrides[1].station", "no device named 'CP9' in the installation"));
}

// ---- sessionsFile: EV sessions replayed from a CSV file ----

class SessionsFile : public testing::TempFiles {
 protected:
  /// kSite with `sessionsFile` naming `path` (line 8), then `extra` (line 9 on).
  static std::string scenarioWith(const std::string& path, const std::string& extra = "") {
    return kSite + "sessionsFile: \"" + path + "\"\n" + extra;
  }
};

TEST_F(SessionsFile, RowsBecomeSessionsAfterTheInlineOnes) {
  const std::string path = write("cars.csv",
                                 "\xEF\xBB\xBF# exported from the car park's booking system\n"            // 1
                                 "station;arrival;departure;energy_kWh;battery_kWh;max_power_kW\n"         // 2
                                 "CP2;2026-01-05T08:00;2026-01-05T17:30;22,5;60;11\n"                      // 3
                                 "\n"                                                                      // 4
                                 "CP1 ; 2026-01-05 09:15:30 ; 2026-01-05T18:00 ; 8 ; ; \n");              // 5
  const Scenario s = parseValid(scenarioWith(
      path, "sessions:\n  - {station: CP3, arrival: \"2026-01-05T07:00\", departure: \"2026-01-05T08:00\", "
            "energyWanted: 5}\n"));
  ASSERT_EQ(s.sessions.size(), 3u);
  EXPECT_EQ(s.sessions[0].station, "CP3");  // inline first
  const EvSessionSpec& first = s.sessions[1];
  EXPECT_EQ(first.station, "CP2");
  EXPECT_EQ(formatUtc(first.arrival), "2026-01-05T07:00:00.000000Z");
  EXPECT_EQ(formatUtc(first.departure), "2026-01-05T16:30:00.000000Z");
  EXPECT_DOUBLE_EQ(first.energyWantedKWh, 22.5);  // decimal comma with ';'
  EXPECT_DOUBLE_EQ(first.batteryKWh, 60.0);
  EXPECT_DOUBLE_EQ(first.maxPowerKW, 11.0);
  EXPECT_EQ(first.phases, 3);  // the station's, as for inline sessions
  EXPECT_EQ(first.loc.file, path);
  EXPECT_EQ(first.loc.line, 3);
  EXPECT_EQ(first.fieldLocs.at("energyWanted").line, 3);
  EXPECT_EQ(first.fieldLocs.at("energyWanted").column, 39);

  const EvSessionSpec& second = s.sessions[2];
  EXPECT_EQ(second.station, "CP1");
  EXPECT_EQ(formatUtc(second.arrival), "2026-01-05T08:15:30.000000Z");
  EXPECT_DOUBLE_EQ(second.batteryKWh, 50.0);  // empty optional cells keep the defaults
  EXPECT_EQ(second.phases, 1);
  EXPECT_DOUBLE_EQ(second.maxPowerKW, 7.4);
  EXPECT_EQ(second.fieldLocs.at("arrival").column, 7);
}

TEST_F(SessionsFile, StationNamesWrittenByTheCsvWriterReadBack) {
  // Names with the separator, a quote and a line break, written by the project's one CSV writer
  // with either separator, are the stations the file names.
  const std::vector<std::string> names = {"Sockets; floor 1", "Sockets, floor 2", "The \"big\" one\nbay 3"};
  const std::string site = kRunHeader +
                           "installation: {gateways: [{ip: 10.0.0.2, devices: [\n"
                           "  {name: Meter, family: multifunction-meter, address: 1},\n"
                           "  {name: \"Sockets; floor 1\", family: charging-station, address: 2},\n"
                           "  {name: \"Sockets, floor 2\", family: charging-station, address: 3},\n"
                           "  {name: \"The \\\"big\\\" one\\nbay 3\", family: charging-station, address: 4}]}]}\n";
  for (const char separator : {';', ','}) {
    std::string text = csv::row({"station", "arrival", "departure", "energy_kWh"}, separator);
    for (const auto& name : names) {
      text += csv::row({name, "2026-01-05T08:00", "2026-01-05T12:00", separator == ';' ? "7,5" : "7.5"}, separator);
    }
    const std::string path = write(separator == ';' ? "semicolon.csv" : "comma.csv", text);
    const Scenario s = parseValid(site + "sessionsFile: \"" + path + "\"\n");
    ASSERT_EQ(s.sessions.size(), names.size()) << text;
    for (std::size_t i = 0; i < names.size(); ++i) {
      EXPECT_EQ(s.sessions[i].station, names[i]);
      EXPECT_DOUBLE_EQ(s.sessions[i].energyWantedKWh, 7.5);
    }
    EXPECT_EQ(s.sessions[2].loc.line, 4);  // the third row starts on line 4; its line break makes line 5
  }
}

TEST_F(SessionsFile, AnUnclosedQuoteIsNamedAtItsLineAndColumn) {
  const std::string path = write("cars.csv",
                                 "station;arrival;departure;energy_kWh\n"
                                 "CP2;2026-01-05T08:00;2026-01-05T12:00;\"5\n");
  const auto d = diagnosticsOf(scenarioWith(path));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 2, 39, "sessionsFile", "quote opened here is never closed")) << testing::listOf(d);
}

TEST_F(SessionsFile, ColumnsInAnyOrderWithCommas) {
  const std::string path = write("cars.csv",
                                 "energy_kWh,phases,target_soc_pct,initial_soc_pct,departure,arrival,station\n"
                                 "12.5,1,80,30,2026-01-05T12:00,2026-01-05T08:00,CP2\n");
  const Scenario s = parseValid(scenarioWith(path));
  ASSERT_EQ(s.sessions.size(), 1u);
  EXPECT_EQ(s.sessions[0].station, "CP2");
  EXPECT_DOUBLE_EQ(s.sessions[0].energyWantedKWh, 12.5);
  EXPECT_EQ(s.sessions[0].phases, 1);
  EXPECT_DOUBLE_EQ(s.sessions[0].maxPowerKW, 7.4);  // the default for a single-phase car
  EXPECT_DOUBLE_EQ(s.sessions[0].initialSocPct, 30.0);
  EXPECT_DOUBLE_EQ(s.sessions[0].targetSocPct, 80.0);
}

TEST_F(SessionsFile, RelativeToTheScenarioFile) {
  write("data/cars.csv", "station,arrival,departure,energy_kWh\nCP2,2026-01-05T08:00,2026-01-05T09:00,5\n");
  const std::string scenarioPath = write("site.yaml", scenarioWith("data/cars.csv"));
  const Scenario s = loadScenarioFile(scenarioPath);
  ASSERT_EQ(s.sessions.size(), 1u);
  EXPECT_EQ(s.sessions[0].loc.file, (dir_ / "data/cars.csv").string());
}

TEST_F(SessionsFile, BadRowsNameTheirFileLineColumnAndColumnName) {
  const std::string path = write("cars.csv",
                                 "station,arrival,departure,energy_kWh,initial_soc_pct,target_soc_pct,phases\n"  // 1
                                 "CP2,2026-01-05T08:00,2026-01-05T07:00,lots,,,\n"                             // 2
                                 "CP2,2026-01-05T08:00,2026-01-05T09:00,5,50,40,2\n"                           // 3
                                 ",2026-01-05T10:00,2026-01-05T11:00,-1,,,\n"                                  // 4
                                 "CP2,2026-01-05 10:00,tomorrow,5,,,\n"                                        // 5
                                 "CP2,2026-01-05T10:00,2026-01-05T11:00\n");                                   // 6
  const auto d = diagnosticsOf(scenarioWith(path));
  ASSERT_EQ(d.size(), 8u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnosticIn(d, path, 2, 22, "sessionsFile.departure",
                              "must be after the arrival (2026-01-05T08:00), got 2026-01-05T07:00"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 2, 39, "sessionsFile.energy_kWh", "expected a number, got 'lots'"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 3, 44, "sessionsFile.target_soc_pct",
                              "must not be below initial_soc_pct (50 %), got 40 %"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 3, 47, "sessionsFile.phases", "must be one of 1, 3, got 2"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 4, 1, "sessionsFile.station", "missing value"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 4, 36, "sessionsFile.energy_kWh", "must be greater than 0 kWh, got -1 kWh"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 5, 22, "sessionsFile.departure",
                              "expected a local date-time YYYY-MM-DDTHH:MM[:SS], got 'tomorrow'"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 6, 1, "sessionsFile", "expected 7 fields like the header (line 1), got 3"));
  EXPECT_EQ(d[0].str(), path + ":2:22: sessionsFile.departure: must be after the arrival (2026-01-05T08:00), got "
                               "2026-01-05T07:00");
}

TEST_F(SessionsFile, StationsAndOverlapsAreCheckedWithTheInlineSessions) {
  const std::string path = write("cars.csv",
                                 "station,arrival,departure,energy_kWh\n"     // 1
                                 "CP9,2026-01-05T08:00,2026-01-05T09:00,5\n"  // 2
                                 "Meter,2026-01-05T08:00,2026-01-05T09:00,5\n"  // 3
                                 "CP2,2026-01-05T08:30,2026-01-05T09:30,5\n"  // 4: overlaps the inline one
                                 "CP2,2026-01-05T09:00,2026-01-05T10:00,5\n");  // 5: overlaps line 4
  const auto d = diagnosticsOf(scenarioWith(
      path, "sessions:\n"                                                                                    // 9
            "  - {station: CP2, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T09:00\", energyWanted: 5}\n"  // 10
            "  - {station: CP1, arrival: \"2026-01-05T12:00\", departure: \"2026-01-05T14:00\", energyWanted: 5}\n"  // 11
            "  - {station: CP1, arrival: \"2026-01-05T13:00\", departure: \"2026-01-05T15:00\", energyWanted: 5}\n"));  // 12
  ASSERT_EQ(d.size(), 5u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 12, 29, "sessions[2].arrival", "station 'CP1' is still occupied by sessions[1]"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 2, 1, "sessionsFile.station", "no device named 'CP9' in the installation"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 3, 1, "sessionsFile.station", "device 'Meter' is not a charging station"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 4, 5, "sessionsFile.arrival",
                              "station 'CP2' is still occupied by sessions[0] at this arrival"));
  EXPECT_TRUE(hasDiagnosticIn(d, path, 5, 5, "sessionsFile.arrival",
                              "station 'CP2' is still occupied by the session on line 4 of " + path));
}

TEST_F(SessionsFile, HeaderErrors) {
  auto d = diagnosticsOf(scenarioWith(write("a.csv", "station,arival,departure,energy_kWh,colour\n")));
  ASSERT_EQ(d.size(), 3u) << testing::listOf(d);
  const std::string a = (dir_ / "a.csv").string();
  EXPECT_TRUE(hasDiagnosticIn(d, a, 1, 9, "sessionsFile", "unknown column 'arival' (did you mean 'arrival'?)"));
  EXPECT_TRUE(hasDiagnosticIn(d, a, 1, 37, "sessionsFile",
                              "unknown column 'colour' (expected one of: station, arrival, departure, energy_kWh, "
                              "battery_kWh, initial_soc_pct, target_soc_pct, max_power_kW, phases)"));
  EXPECT_TRUE(hasDiagnosticIn(d, a, 1, 1, "sessionsFile",
                              "missing column 'arrival' (the header must name station, arrival, departure, energy_kWh)"));

  d = diagnosticsOf(scenarioWith(write("b.csv", "station;arrival;departure;energy_kWh;station\n")));
  EXPECT_TRUE(hasDiagnosticIn(d, (dir_ / "b.csv").string(), 1, 38, "sessionsFile",
                              "duplicate column 'station' (first at column 1)"));

  // No header: the first row is data.
  d = diagnosticsOf(scenarioWith(write("c.csv", "CP2,2026-01-05T08:00,2026-01-05T09:00,5\n")));
  ASSERT_EQ(d.size(), 1u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnosticIn(d, (dir_ / "c.csv").string(), 1, 1, "sessionsFile",
                              "expected a header line naming the columns (station, arrival, departure, energy_kWh; "
                              "optional: battery_kWh, initial_soc_pct, target_soc_pct, max_power_kW, phases), got 'CP2'"));

  d = diagnosticsOf(scenarioWith(write("d.csv", "# nothing but a comment\n")));
  EXPECT_TRUE(hasDiagnosticIn(d, (dir_ / "d.csv").string(), 1, 1, "sessionsFile", "expected a header line"));
}

TEST_F(SessionsFile, TooManyBadRowsStopTheFile) {
  std::string rows = "station,arrival,departure,energy_kWh\n";
  for (int i = 0; i < 30; ++i) rows += "CP2,2026-01-05T08:00,2026-01-05T09:00,none\n";
  const auto d = diagnosticsOf(scenarioWith(write("noise.csv", rows)));
  ASSERT_EQ(d.size(), 11u);
  EXPECT_NE(d.back().reason.find("more than 10 errors in this sessions file; stopped reading it"), std::string::npos);
}

TEST_F(SessionsFile, FileLevelProblemsPointAtTheKey) {
  const std::string missing = (dir_ / "missing.csv").string();
  auto d = diagnosticsOf(scenarioWith(missing));
  EXPECT_TRUE(hasDiagnostic(d, 8, 15, "sessionsFile",
                            "cannot open sessions file '" + missing + "': No such file or directory"));
  d = diagnosticsOf(scenarioWith(""));
  EXPECT_TRUE(hasDiagnostic(d, 8, 15, "sessionsFile", "expected the path of a CSV file of sessions"));
  // A header alone is a day without cars.
  EXPECT_TRUE(parseValid(scenarioWith(write("none.csv", "station,arrival,departure,energy_kWh\n"))).sessions.empty());
}

// ---- loadScenarioYaml + parseScenarioDocument: a document edited before it is parsed ----

TEST(ScenarioDocument, EditedValuesAreCheckedAndReportedAtTheirKey) {
  const std::string yaml = kSite + "dlm: {on: true, totalMeter: Meter, maxCurrent: 100, hysteresis: 2}\n";  // 8
  YAML::Node document = loadScenarioYaml(yaml, "site.yaml");
  document["dlm"]["hysteresis"] = "5";
  document["run"]["seed"] = "7";
  const Scenario s = parseScenarioDocument(document, "site.yaml");
  EXPECT_DOUBLE_EQ(s.dlm.hysteresisPct, 5.0);
  EXPECT_EQ(s.run.seed, 7u);
  EXPECT_EQ(s.file, "site.yaml");

  document["dlm"]["hysteresis"] = "150";
  document["dlm"]["hysterisis"] = "1";
  try {
    parseScenarioDocument(document, "site.yaml");
    ADD_FAILURE() << "expected the edited document to be rejected";
  } catch (const ValidationError& e) {
    const auto& d = e.diagnostics();
    ASSERT_EQ(d.size(), 2u) << e.what();
    // A replaced value keeps the position of the value it replaces; a new key has none.
    EXPECT_EQ(d[0].str(), "site.yaml: dlm.hysterisis: unknown key 'hysterisis' (did you mean 'hysteresis'?)");
    EXPECT_EQ(d[1].str(), "site.yaml:8:65: dlm.hysteresis: must be between 0 and 100 %, got 150 %");
  }
}

TEST(ScenarioDocument, DocumentLevelProblemsAreThrownByLoadScenarioYaml) {
  try {
    loadScenarioYaml("run: [1\n", "bad.yaml");
    ADD_FAILURE() << "expected a syntax error";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_NE(e.diagnostics()[0].reason.find("YAML syntax error"), std::string::npos);
  }
  EXPECT_THROW(loadScenarioYaml("a: 1\n---\nb: 2\n", "two.yaml"), ValidationError);
}

}  // namespace
}  // namespace ews::scenario

// The load-profile kinds trace, office and home, and the EV session fields targetSoc,
// maxPower and phases: values, defaults and errors with exact positions, including the
// positions of problems inside trace CSV files.
#include <gtest/gtest.h>

#include "scenario_test_support.hpp"

namespace ews::scenario {
namespace {

using testing::diagnosticsOf;
using testing::hasDiagnostic;
using testing::kRunHeader;
using testing::parseValid;
using testing::columnOf;

class TraceFiles : public testing::TempFiles {};

std::string traceProfile(const std::string& file, const std::string& extra = "") {
  return kRunHeader + "loadProfiles:\n  - {name: rec, kind: trace, file: \"" + file + "\"" + extra + "}\n";
}

TEST_F(TraceFiles, OffsetSecondsWithHeaderAndDecimalCommas) {
  const std::string path = write("office.csv",
                                 "\xEF\xBB\xBF# recorded on site, saved by a spreadsheet (BOM)\n"
                                 "time;power\n"
                                 "0;1200,5\n"
                                 "\n"
                                 "900;3400\n"
                                 "1800 ; 2000\n");
  const Scenario s = parseValid(traceProfile(path));
  ASSERT_EQ(s.loadProfiles.size(), 1u);
  const auto& p = s.loadProfiles[0];
  EXPECT_EQ(p.kind, LoadProfileSpec::Kind::Trace);
  EXPECT_EQ(p.tracePath, path);
  EXPECT_EQ(p.traceOrigin, s.run.start);  // offsets count from the run start
  ASSERT_EQ(p.tracePointsW.size(), 3u);
  EXPECT_EQ(p.tracePointsW[1].first, seconds(900));
  EXPECT_DOUBLE_EQ(p.tracePointsW[0].second, 1200.5);
  EXPECT_EQ(p.interpolation, LoadProfileSpec::Interpolation::Step);
  EXPECT_EQ(p.traceEnd, LoadProfileSpec::TraceEnd::Loop);
  EXPECT_EQ(p.tracePeriod, seconds(2700));  // span + the last interval
}

TEST_F(TraceFiles, LocalDateTimesAndExplicitOptions) {
  const std::string path = write("dt.csv",
                                 "2026-01-05T08:00:00,100\n"
                                 "2026-01-05T08:30:00,250.5\n"
                                 "2026-01-05 09:00,0\n");
  const Scenario s = parseValid(traceProfile(path, ", interpolation: linear, end: loop, period: 1d"));
  const auto& p = s.loadProfiles[0];
  // 08:00 Paris = 07:00 UTC in January.
  EXPECT_EQ(formatUtc(p.traceOrigin), "2026-01-05T07:00:00.000000Z");
  EXPECT_EQ(p.tracePointsW[2].first, hours(1));
  EXPECT_EQ(p.interpolation, LoadProfileSpec::Interpolation::Linear);
  EXPECT_EQ(p.tracePeriod, days(1));

  const Scenario held = parseValid(traceProfile(path, ", end: hold"));
  EXPECT_EQ(held.loadProfiles[0].traceEnd, LoadProfileSpec::TraceEnd::Hold);
  EXPECT_EQ(held.loadProfiles[0].tracePeriod, Duration::zero());
}

TEST_F(TraceFiles, RelativePathsAreBesideTheScenarioFile) {
  write("traces/day.csv", "0,10\n3600,20\n");
  const std::string scenarioPath = write("site.yaml", traceProfile("traces/day.csv"));
  const Scenario s = loadScenarioFile(scenarioPath);
  EXPECT_EQ(s.loadProfiles[0].traceFile, "traces/day.csv");
  EXPECT_EQ(s.loadProfiles[0].tracePath, (dir_ / "traces/day.csv").string());
  EXPECT_EQ(s.loadProfiles[0].tracePointsW.size(), 2u);
}

TEST_F(TraceFiles, BadRowsAreReportedAtTheirCsvLineAndColumn) {
  const std::string path = write("bad.csv",
                                 "time,power\n"           // 1: header
                                 "0,100\n"                // 2
                                 "60,abc\n"               // 3
                                 "120,5\n"                // 4
                                 "90,10\n"                // 5: goes back in time
                                 "x,1\n"                  // 6
                                 "200,1,2\n"              // 7
                                 "2026-01-05T10:00,5\n"   // 8: notation change
                                 "  -1,3\n"               // 9
                                 "300,-5\n");             // 10
  const auto d = diagnosticsOf(traceProfile(path));
  ASSERT_EQ(d.size(), 7u) << testing::listOf(d);
  const std::string field = "loadProfiles[0].file";
  const auto at = [&](int line, int column, const std::string& reason) {
    for (const auto& diagnostic : d) {
      if (diagnostic.where.file == path && diagnostic.where.line == line && diagnostic.where.column == column &&
          diagnostic.field == field && diagnostic.reason.find(reason) != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(at(3, 4, "expected a power in W, got 'abc'")) << testing::listOf(d);
  EXPECT_TRUE(at(10, 5, "power must be at least 0 W, got -5 W")) << testing::listOf(d);
  EXPECT_TRUE(at(5, 1, "time '90' must come after the previous row's (line 4)")) << testing::listOf(d);
  EXPECT_TRUE(at(6, 1, "expected a time: seconds from the run start or a local date-time")) << testing::listOf(d);
  EXPECT_TRUE(at(7, 1, "expected 2 columns (time, power in W), got 3")) << testing::listOf(d);
  EXPECT_TRUE(at(8, 1, "expected seconds from the run start like line 2, got '2026-01-05T10:00'")) << testing::listOf(d);
  EXPECT_TRUE(at(9, 3, "seconds from the run start must be between 0 and")) << testing::listOf(d);
  EXPECT_EQ(d[0].str(), path + ":3:4: loadProfiles[0].file: expected a power in W, got 'abc'");
}

TEST_F(TraceFiles, DstGapInADateTimeRow) {
  const std::string path = write("dst.csv", "2026-03-29T01:00,1\n2026-03-29T02:30,2\n");
  const auto d = diagnosticsOf(traceProfile(path));
  ASSERT_EQ(d.size(), 1u) << testing::listOf(d);
  EXPECT_EQ(d[0].where.file, path);
  EXPECT_EQ(d[0].where.line, 2);
  EXPECT_NE(d[0].reason.find("does not exist in Europe/Paris"), std::string::npos);
}

TEST_F(TraceFiles, TooManyErrorsStopTheFile) {
  std::string rows;
  for (int i = 0; i < 30; ++i) rows += "bad,row\n";
  const auto d = diagnosticsOf(traceProfile(write("noise.csv", "0,1\n" + rows)));
  ASSERT_EQ(d.size(), 11u);
  EXPECT_NE(d.back().reason.find("more than 10 errors in this trace file; stopped reading it"), std::string::npos);
}

TEST_F(TraceFiles, FileLevelProblemsPointAtTheFileKey) {
  const std::string missing = (dir_ / "missing.csv").string();
  auto d = diagnosticsOf(traceProfile(missing));
  // kRunHeader is 2 lines; the profile is on line 4, the `file:` value (its quote) at column 36.
  EXPECT_TRUE(hasDiagnostic(d, 4, 36, "loadProfiles[0].file",
                            "cannot open trace file '" + missing + "': No such file or directory"));

  d = diagnosticsOf(traceProfile(write("empty.csv", "# nothing\ntime;power\n")));
  EXPECT_TRUE(hasDiagnostic(d, 4, 36, "loadProfiles[0].file", "has no data rows"));

  d = diagnosticsOf(traceProfile(dir_.string()));
  EXPECT_TRUE(hasDiagnostic(d, 4, 36, "loadProfiles[0].file", "cannot read trace file"));
  EXPECT_TRUE(hasDiagnostic(d, 4, 36, "loadProfiles[0].file", "Is a directory"));

  d = diagnosticsOf(kRunHeader + "loadProfiles:\n  - {name: rec, kind: trace}\n");
  EXPECT_TRUE(hasDiagnostic(d, 4, 5, "loadProfiles[0].file", "missing required key 'file'"));
}

TEST_F(TraceFiles, PeriodAndKindSpecificKeys) {
  const std::string path = write("h.csv", "0,1\n3600,2\n7200,3\n");
  const std::string yaml = traceProfile(path, ", period: 1h");
  auto d = diagnosticsOf(yaml);
  EXPECT_TRUE(hasDiagnostic(d, 4, columnOf(yaml, "1h}"), "loadProfiles[0].period",
                            "must be longer than the trace (first to last row: 2h), got 1h"))
      << testing::listOf(d);
  d = diagnosticsOf(traceProfile(path, ", end: hold, period: 1d, interpolation: cubic"));
  EXPECT_EQ(d.size(), 2u) << testing::listOf(d);
  EXPECT_NE(testing::listOf(d).find("loadProfiles[0].period: 'period' applies only to end: loop"), std::string::npos);
  EXPECT_NE(testing::listOf(d).find("unknown value 'cubic' (expected one of: step, linear)"), std::string::npos);
  d = diagnosticsOf(kRunHeader + "loadProfiles: [{name: c, kind: constant, power: 1, file: x.csv, peakPower: 1}]\n");
  EXPECT_TRUE(hasDiagnostic(d, 3, 58, "loadProfiles[0].file", "'file' applies only to kind trace"));
  EXPECT_TRUE(hasDiagnostic(d, 3, 76, "loadProfiles[0].peakPower", "'peakPower' applies only to kinds office and home"));
}

TEST(StochasticProfiles, FieldsAndErrors) {
  const Scenario s = parseValid(kRunHeader +
                                "loadProfiles:\n"
                                "  - {name: hq, kind: office, peakPower: 40kW, basePower: 3kW, noise: 2%}\n"
                                "  - {name: flat, kind: home, peakPower: 9000}\n");
  EXPECT_EQ(s.loadProfiles[0].kind, LoadProfileSpec::Kind::Office);
  EXPECT_DOUBLE_EQ(s.loadProfiles[0].peakPowerW, 40000.0);
  EXPECT_DOUBLE_EQ(s.loadProfiles[0].basePowerW, 3000.0);
  EXPECT_EQ(s.loadProfiles[1].kind, LoadProfileSpec::Kind::Home);
  EXPECT_DOUBLE_EQ(s.loadProfiles[1].basePowerW, 0.0);

  const auto d = diagnosticsOf(kRunHeader +
                               "loadProfiles:\n"                                                  // 3
                               "  - {name: a, kind: office}\n"                                   // 4
                               "  - {name: b, kind: home, peakPower: 0}\n"                       // 5
                               "  - {name: c, kind: home, peakPower: 5kW, basePower: 6kW}\n"     // 6
                               "  - {name: d, kind: office, peakPower: 5kW, points: []}\n");     // 7
  ASSERT_EQ(d.size(), 4u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 4, 5, "loadProfiles[0].peakPower", "missing required key 'peakPower'"));
  EXPECT_TRUE(hasDiagnostic(d, 5, 38, "loadProfiles[1].peakPower", "must be greater than 0 W, got 0 W"));
  EXPECT_TRUE(hasDiagnostic(d, 6, 54, "loadProfiles[2].basePower", "must not exceed peakPower (5000 W), got 6000 W"));
  EXPECT_TRUE(hasDiagnostic(d, 7, 53, "loadProfiles[3].points", "'points' applies only to kind daily"));
}

const std::string kStations =
    "installation: {gateways: [{ip: 10.0.0.2, devices: [\n"                              // 3
    "  {name: CP1, family: charging-station, address: 1, phase: L2},\n"                   // 4
    "  {name: CP3, family: charging-station, address: 2}]}]}\n";                          // 5

TEST(SessionFields, DefaultsFollowTheStation) {
  const Scenario s = parseValid(kRunHeader + kStations +
                                "sessions:\n"
                                "  - {station: CP1, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T12:00\", energyWanted: 10}\n"
                                "  - {station: CP3, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T12:00\", energyWanted: 10}\n"
                                "  - {station: CP3, arrival: \"2026-01-05T13:00\", departure: \"2026-01-05T14:00\", energyWanted: 10,\n"
                                "     targetSoc: 80%, maxPower: 11kW, phases: 1, initialSoc: 30}\n");
  ASSERT_EQ(s.sessions.size(), 3u);
  EXPECT_EQ(s.sessions[0].phases, 1);
  EXPECT_DOUBLE_EQ(s.sessions[0].maxPowerKW, 7.4);
  EXPECT_DOUBLE_EQ(s.sessions[0].targetSocPct, 100.0);
  EXPECT_EQ(s.sessions[1].phases, 3);
  EXPECT_DOUBLE_EQ(s.sessions[1].maxPowerKW, 22.0);
  EXPECT_EQ(s.sessions[2].phases, 1);
  EXPECT_DOUBLE_EQ(s.sessions[2].maxPowerKW, 11.0);
  EXPECT_DOUBLE_EQ(s.sessions[2].targetSocPct, 80.0);
  EXPECT_NE(s.sessions[2].fieldLocs.count("targetSoc"), 0u);
}

TEST(SessionFields, Errors) {
  const auto d = diagnosticsOf(
      kRunHeader + kStations +
      "sessions:\n"                                                                                              // 6
      "  - {station: CP1, arrival: \"2026-01-05T08:00\", departure: \"2026-01-05T12:00\", energyWanted: 10,\n"  // 7
      "     initialSoc: 50, targetSoc: 40}\n"                                                                    // 8
      "  - {station: CP3, arrival: \"2026-01-05T13:00\", departure: \"2026-01-05T14:00\", energyWanted: 10,\n"  // 9
      "     targetSoc: 101, maxPower: 500kW, phases: 2}\n"                                                      // 10
      "  - {station: CP3, arrival: \"2026-01-05T15:00\", departure: \"2026-01-05T16:00\", energyWanted: 10,\n"  // 11
      "     maxPower: 0}\n");                                                                                   // 12
  ASSERT_EQ(d.size(), 5u) << testing::listOf(d);
  EXPECT_TRUE(hasDiagnostic(d, 8, 33, "sessions[0].targetSoc", "must not be below initialSoc (50 %), got 40 %"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 17, "sessions[1].targetSoc", "must be between 0 and 100 %, got 101 %"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 32, "sessions[1].maxPower", "must be greater than 0 kW and at most 100 kW, got 500 kW"));
  EXPECT_TRUE(hasDiagnostic(d, 10, 47, "sessions[1].phases", "must be one of 1, 3, got 2"));
  EXPECT_TRUE(hasDiagnostic(d, 12, 16, "sessions[2].maxPower", "must be greater than 0 kW"));
}

}  // namespace
}  // namespace ews::scenario

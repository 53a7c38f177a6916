// Loads and stations draw on the lines they are wired to, and feeder meters add them up line
// by line (docs/physics.md "Lines"): over seeded random sites of single-phase and three-phase
// loads (balanced or not) and stations on chosen lines, the main meter's current on each line
// is the sum of what is drawn downstream on that line, its neutral the vector sum; and the
// phase-aware DLM, fed by that meter, keeps every line under its threshold once settled, even
// where single-phase stations overload one line while the three-phase total is well under the
// limit.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <complex>
#include <numbers>
#include <string>
#include <vector>

#include "ews/devices/measurement.hpp"
#include "ews/kernel/rng.hpp"
#include "ews/profiles/addressing.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/site/direct_dlm.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/stack/dlm_config.hpp"

namespace {

using ews::Time;

constexpr double kVoltageV = 230.0;
/// The current registers of the multifunction meters hold mA.
constexpr double kCurrentResolutionA = 0.001;

/// One random load: its power, where it draws and at which power factor.
struct DrawnLoad {
  std::string name;
  double powerW = 0.0;
  std::array<double, 3> shares{};
  double powerFactor = 1.0;
  std::string linesYaml;  ///< "" (the meter's default), "L2", "three-phase", "[50%, 30%, 20%]"
  bool singlePhaseMeter = false;
};

struct DrawnStation {
  std::string name;
  int line = -1;  ///< 0..2 single-phase, -1 three-phase
};

struct DrawnSite {
  std::string yaml;
  std::vector<DrawnLoad> loads;
  std::vector<DrawnStation> stations;
};

/// A random site: a main meter (4 120 53) above 2..6 loads and 1..6 stations, one vehicle per
/// station arriving at 08:00 (every session wants more than a day can give, so nothing ends).
/// With `dlm`, the Green'Up DLM on the main meter with thresholds above the loads' worst line.
DrawnSite drawSite(std::uint64_t seed, bool dlm) {
  ews::RngStream rng(seed, "phases-test");
  DrawnSite site;
  std::string devices;
  std::string profiles;
  std::string sessions;
  std::vector<std::string> downstream;
  const int loadCount = 2 + static_cast<int>(rng.uniform(0.0, 5.0));
  std::array<double, 3> loadLineW{};
  for (int i = 0; i < loadCount; ++i) {
    DrawnLoad load;
    load.name = fmt::format("Load {}", i + 1);
    load.powerW = std::round(rng.uniform(500.0, 6000.0));
    load.powerFactor = std::round(rng.uniform(0.8, 1.0) * 100.0) / 100.0;
    const double kind = rng.uniform(0.0, 5.0);
    if (kind < 1.0) {  // single-phase meter, no line written: L1
      load.singlePhaseMeter = true;
      load.shares = {1.0, 0.0, 0.0};
    } else if (kind < 2.0) {  // single-phase meter on a chosen line
      load.singlePhaseMeter = true;
      const int line = static_cast<int>(rng.uniform(0.0, 3.0));
      load.shares[static_cast<std::size_t>(line)] = 1.0;
      load.linesYaml = fmt::format("L{}", line + 1);
    } else if (kind < 3.0) {  // three-phase, balanced by default
      load.shares = {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0};
    } else if (kind < 4.0) {  // three-phase, balanced as written
      load.shares = {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0};
      load.linesYaml = "three-phase";
    } else {  // unbalanced three-phase, in whole percent
      const int first = 10 + static_cast<int>(rng.uniform(0.0, 60.0));
      const int second = static_cast<int>(rng.uniform(0.0, static_cast<double>(100 - first)));
      load.shares = {first / 100.0, second / 100.0, (100 - first - second) / 100.0};
      load.linesYaml = fmt::format("[{}%, {}%, {}%]", first, second, 100 - first - second);
    }
    const std::string lines = load.linesYaml.empty() ? "" : fmt::format(", lines: {}", load.linesYaml);
    devices += fmt::format(
        "        - {{name: {}, family: energy-counter, model: \"{}\", address: {}, excludeFromTotals: true,\n"
        "           sim: {{profile: p{}, powerFactor: {}{}}}}}\n",
        load.name, load.singlePhaseMeter ? "4 120 68" : "4 120 74", 10 + i, i + 1, load.powerFactor, lines);
    profiles += fmt::format("  - {{name: p{}, kind: constant, power: {}}}\n", i + 1, load.powerW);
    for (std::size_t line = 0; line < 3; ++line) loadLineW[line] += load.powerW * load.shares[line];
    downstream.push_back(load.name);
    site.loads.push_back(load);
  }
  const int stationCount = 1 + static_cast<int>(rng.uniform(0.0, 6.0));
  for (int i = 0; i < stationCount; ++i) {
    DrawnStation station;
    station.name = fmt::format("CP {}", i + 1);
    station.line = rng.uniform(0.0, 1.0) < 0.7 ? static_cast<int>(rng.uniform(0.0, 3.0)) : -1;
    const std::string phase = station.line >= 0 ? fmt::format(", phase: L{}", station.line + 1) : "";
    devices += fmt::format(
        "        - {{name: {}, family: charging-station, model: \"{}\", address: {}{}, excludeFromTotals: true, "
        "sim: {{}}}}\n",
        station.name, station.line >= 0 ? "0 590 10" : "0 590 14", 40 + i, phase);
    sessions += fmt::format(
        "  - {{station: {}, arrival: \"2026-01-05T08:00:{:02d}\", departure: \"2026-01-06T08:00\", energyWanted: "
        "200kWh, battery: 400, initialSoc: 10}}\n",
        station.name, 5 * i);
    downstream.push_back(station.name);
    site.stations.push_back(station);
  }
  std::string dlmYaml = "dlm: {on: false}\n";
  if (dlm) {
    // Room for the loads' worst line plus a few amperes of charging on it.
    const double worstLoadA = std::max({loadLineW[0], loadLineW[1], loadLineW[2]}) / kVoltageV / 0.8;
    const int maxCurrentA = static_cast<int>(std::ceil(worstLoadA)) + 20;
    dlmYaml = fmt::format("dlm: {{on: true, totalMeter: Main, maxCurrent: {}, maxChargingCurrent: {}, hysteresis: 2%, "
                          "minCharge: 1Ah}}\n",
                          maxCurrentA, maxCurrentA - 5);
  }
  site.yaml = fmt::format(
      "name: phases-{}\n"
      "ews: {{variant: \"32\", timezone: UTC}}\n"
      "run: {{start: \"2026-01-05T07:00\", duration: 4h, seed: {}}}\n"
      "installation:\n"
      "  gateways:\n"
      "    - name: Local\n"
      "      kind: local\n"
      "      devices:\n"
      "        - {{name: Main, family: multifunction-meter, model: \"4 120 53\", address: 1, "
      "sim: {{downstream: [{}]}}}}\n"
      "{}"
      "loadProfiles:\n{}"
      "sessions:\n{}"
      "{}",
      seed, seed, fmt::join(downstream, ", "), devices, profiles, sessions, dlmYaml);
  return site;
}

const ews::devices::Measurement& measurementOf(ews::site::SimulatedSite& site, const std::string& name) {
  const ews::installation::Device& device = *site.installation().findDevice(name);
  ews::devices::UnitDevice* unit = site.unit(site.installation().gatewayOf(device), ews::profiles::unitAddressOf(device).unitId);
  return *unit->find<ews::devices::Measurement>(device);
}

/// What the lines carry at t by the scenario's own numbers: the loads' shares at their power
/// factors and the stations' currents (physics) at unity power factor.
std::array<std::complex<double>, 3> expectedLinePowers(const DrawnSite& drawn, ews::site::SimulatedSite& site, Time t) {
  std::array<std::complex<double>, 3> lines{};
  for (const DrawnLoad& load : drawn.loads) {
    const double tanPhi = std::sqrt(1.0 - load.powerFactor * load.powerFactor) / load.powerFactor;
    for (std::size_t line = 0; line < 3; ++line) {
      const double p = load.powerW * load.shares[line];
      lines[line] += std::complex<double>(p, p * tanPhi);
    }
  }
  for (const DrawnStation& station : drawn.stations) {
    const auto snapshot = site.stationModel(*site.installation().findDevice(station.name))->station().snapshotAt(t);
    for (std::size_t line = 0; line < 3; ++line) {
      lines[line] += snapshot.lineCurrentsA(static_cast<Eigen::Index>(line)) * kVoltageV;
    }
  }
  return lines;
}

TEST(PhasesUpstream, TheMainMeterCarriesEachLinesSumAndTheNeutralTheirVectorSum) {
  int unbalancedLines = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const DrawnSite drawn = drawSite(seed, /*dlm=*/false);
    SCOPED_TRACE(drawn.yaml);
    ews::site::SimulatedSite site(ews::scenario::parseScenario(drawn.yaml));
    for (const Time t : {site.start() + ews::minutes(30), site.start() + ews::hours(1) + ews::seconds(7),
                         site.start() + ews::hours(2) + ews::minutes(13)}) {
      site.runUntil(t);
      const auto reading = measurementOf(site, "Main").instantaneousAt(t);
      const auto lines = expectedLinePowers(drawn, site, t);
      std::complex<double> neutralA;
      for (std::size_t line = 0; line < 3; ++line) {
        const auto row = static_cast<Eigen::Index>(line);
        const double voltageV = reading.state.voltageV(row);
        EXPECT_NEAR(reading.state.currentA(row), std::abs(lines[line]) / voltageV, kCurrentResolutionA)
            << "L" << line + 1 << " at " << ews::formatUtc(t);
        EXPECT_NEAR(reading.power.phase[line].activeW, lines[line].real(), 0.01);
        EXPECT_NEAR(reading.power.phase[line].reactiveVar, lines[line].imag(), 0.01);
        // I = conj(S / V): the voltage of line k at 0, -120, +120 degrees.
        const double angle = -2.0 * std::numbers::pi / 3.0 * static_cast<double>(line == 2 ? -1 : static_cast<int>(line));
        neutralA += std::conj(lines[line] / std::polar(voltageV, angle));
      }
      EXPECT_NEAR(reading.neutralA, std::abs(neutralA), kCurrentResolutionA);
      const double spreadA = reading.state.currentA.maxCoeff() - reading.state.currentA.minCoeff();
      if (spreadA > 5.0) ++unbalancedLines;
    }
  }
  // The draws do produce unbalanced sites (the property is not checked on balanced ones only).
  EXPECT_GT(unbalancedLines, 10);
}

/// The direct DLM run of a site, with the total meter's line currents every `every` from
/// `after` past the start.
struct Watched {
  double worstLineA = 0.0;        ///< the highest line current seen at the checks
  double maxCurrentA = 0.0;       ///< the scenario's threshold
  double stationsDrawA = 0.0;     ///< Σ station line currents at the last check
  std::string worstAt;
};

Watched runAndWatch(const std::string& yaml, ews::Duration after, ews::Duration every) {
  ews::site::SimulatedSite site(ews::scenario::parseScenario(yaml));
  const auto settings = *ews::stack::dlmRunnerSettingsOf(site.scenario(), site.installation());
  ews::site::DirectDlmRun run(site, {.dlm = settings, .mode = ews::site::DirectMode::StepByStep});
  Watched watched;
  watched.maxCurrentA = settings.controller.maxCurrentA;
  const ews::devices::Measurement& main = measurementOf(site, "Main");
  for (Time t = site.start() + after; t < site.end(); t += every) {
    run.runUntil(t);
    const auto currents = main.instantaneousAt(t).state.currentA;
    if (currents.maxCoeff() > watched.worstLineA) {
      watched.worstLineA = currents.maxCoeff();
      watched.worstAt = ews::formatUtc(t);
    }
    watched.stationsDrawA = 0.0;
    for (const auto* device : site.installation().devices()) {
      if (const auto* model = site.stationModel(*device)) {
        watched.stationsDrawA += model->station().snapshotAt(t).lineCurrentsA.sum();
      }
    }
  }
  return watched;
}

TEST(PhasesUpstream, SingleStationsOnOneLineAreReducedWhileTheThreeLinesAverageUnderTheLimit) {
  // 40 A per line of building, six 16 A single-phase stations on L1: unmanaged, L1 would carry
  // 136 A on a 100 A site while the three lines average 72 A (a meter spreading the stations
  // over three lines would show 72 A everywhere, and the DLM would never act).
  std::string devices;
  std::string sessions;
  std::vector<std::string> names;
  for (int i = 1; i <= 6; ++i) {
    devices += fmt::format(
        "        - {{name: CP {}, family: charging-station, model: \"0 590 10\", address: {}, phase: L1, sim: {{}}}}\n", i,
        10 + i);
    sessions += fmt::format("  - {{station: CP {}, arrival: \"2026-01-05T08:0{}\", departure: \"2026-01-05T11:00\", "
                            "energyWanted: 30kWh, battery: 60, initialSoc: 10}}\n",
                            i, i);
    names.push_back(fmt::format("CP {}", i));
  }
  const std::string yaml = fmt::format(
      "name: l1-overload\n"
      "ews: {{variant: \"32\", timezone: UTC}}\n"
      "run: {{start: \"2026-01-05T07:00\", duration: 4h, seed: 3}}\n"
      "installation:\n"
      "  gateways:\n"
      "    - name: Local\n"
      "      kind: local\n"
      "      devices:\n"
      "        - {{name: Main, family: multifunction-meter, model: \"4 120 53\", address: 1,\n"
      "           sim: {{profile: building, powerFactor: 1, downstream: [{}]}}}}\n"
      "{}"
      "loadProfiles:\n"
      "  - {{name: building, kind: constant, power: 27600}}\n"
      "sessions:\n{}"
      "dlm: {{on: true, totalMeter: Main, maxCurrent: 100, maxChargingCurrent: 90, hysteresis: 2%, minCharge: 1Ah}}\n",
      fmt::join(names, ", "), devices, sessions);
  // Steady state: from a minute after the last arrival (the hold time and the settling of the
  // commands) to the departures.
  const Watched watched = runAndWatch(yaml, ews::hours(1) + ews::minutes(7), ews::seconds(10));
  EXPECT_LE(watched.worstLineA, watched.maxCurrentA) << "at " << watched.worstAt;
  // The stations were held back on L1: at most 60 A of their 96 A fit (40 A of building).
  EXPECT_LE(watched.stationsDrawA, 60.0);
  EXPECT_GT(watched.stationsDrawA, 30.0);  // but not all stopped: the DLM gives what fits
}

TEST(PhasesUpstream, TheDlmKeepsEveryLineUnderItsThresholdOnRandomSites) {
  for (std::uint64_t seed = 101; seed <= 110; ++seed) {
    const DrawnSite drawn = drawSite(seed, /*dlm=*/true);
    SCOPED_TRACE(drawn.yaml);
    const Watched watched = runAndWatch(drawn.yaml, ews::hours(1) + ews::minutes(2), ews::seconds(10));
    EXPECT_LE(watched.worstLineA, watched.maxCurrentA) << "at " << watched.worstAt;
  }
}

}  // namespace

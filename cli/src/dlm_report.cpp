#include "dlm_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "ews/reports/atomic_file.hpp"
#include "ews/site/dlm_ground_truth.hpp"

namespace ews::cli {

namespace {

std::string timeText(Time t) { return t == dlm::kNever ? std::string{} : formatUtc(t); }
/// "n/a" for an unknown (NaN) figure, e.g. the wait of a run without sessions.
std::string figure(double value, int decimals) {
  return std::isnan(value) ? std::string("n/a") : fmt::format("{:.{}f}", value, decimals);
}

}  // namespace

DlmReport dlmReportOf(const stack::DlmRunner& runner, Time end, site::SimulatedSite* site) {
  DlmReport report;
  report.kpis = runner.kpis().finish(end);
  if (site != nullptr) site::addGroundTruth(report.kpis, *site);
  report.sessions = runner.kpis().sessions();
  for (const dlm::StationConfig& station : runner.controller().settings().stations) {
    report.stationNames.push_back(station.name);
  }
  return report;
}

stores::ResultTable dlmResultTable(const DlmReport& report) {
  stores::ResultTable table{"dlm", dlm::kpiColumns(report.kpis), "sessions", {}};
  std::vector<std::string> station;
  std::vector<std::int64_t> connectedUs, endedUs, firstChargingUs, reductions, stops, stoppedBeforeMin, skipped;
  std::vector<double> waitS, energyWh, chargeAh, minReached;
  // kNever (still connected, never charged) is stored as INT64_MAX, its microseconds.
  for (const dlm::SessionKpis& s : report.sessions) {
    station.push_back(report.stationNames.at(s.station));
    connectedUs.push_back(toMicros(s.connectedAt));
    endedUs.push_back(toMicros(s.endedAt));
    firstChargingUs.push_back(toMicros(s.firstChargingAt));
    waitS.push_back(s.waitS);
    energyWh.push_back(s.energyWh);
    chargeAh.push_back(s.chargeAh);
    minReached.push_back(s.minReached ? 1.0 : 0.0);
    reductions.push_back(s.reductions);
    stops.push_back(s.stops);
    stoppedBeforeMin.push_back(s.stoppedBeforeMin);
    skipped.push_back(s.skipped);
  }
  table.columns = {{"station", std::move(station)},
                   {"connected_us", std::move(connectedUs)},
                   {"ended_us", std::move(endedUs)},
                   {"first_charging_us", std::move(firstChargingUs)},
                   {"wait_s", std::move(waitS)},
                   {"energy_wh", std::move(energyWh)},
                   {"charge_ah", std::move(chargeAh)},
                   {"min_reached", std::move(minReached)},
                   {"reductions", std::move(reductions)},
                   {"stops", std::move(stops)},
                   {"stopped_before_min", std::move(stoppedBeforeMin)},
                   {"skipped", std::move(skipped)}};
  return table;
}

void writeDlmJson(reports::JsonWriter& json, const DlmReport& report) {
  json.beginObject("dlm");
  for (const auto& [name, value] : dlm::kpiColumns(report.kpis)) {
    // NaN (unknown) is left out: JSON has no NaN.
    if (!std::isnan(value)) json.number(name, value);
  }
  json.endObject();
}

void writeDlmSessionsCsv(const std::string& path, const DlmReport& report) {
  reports::AtomicFile file(path);
  auto& out = file.stream();
  out << "station,connected_utc,ended_utc,first_charging_utc,wait_s,energy_wh,charge_ah,min_reached,"
         "reductions,stops,stopped_before_min,skipped\n";
  for (const dlm::SessionKpis& s : report.sessions) {
    out << fmt::format("{},{},{},{},{:.1f},{:.1f},{:.3f},{},{},{},{},{}\n", report.stationNames.at(s.station),
                       timeText(s.connectedAt), timeText(s.endedAt), timeText(s.firstChargingAt), s.waitS,
                       s.energyWh, s.chargeAh, s.minReached ? 1 : 0, s.reductions, s.stops, s.stoppedBeforeMin,
                       s.skipped);
  }
  file.commit();
}

void printDlmReport(const DlmReport& report) {
  const dlm::RunKpis& k = report.kpis;
  fmt::print("Green'Up DLM: {} sessions, {:.1f} kWh delivered", k.sessions, k.energyDeliveredWh / 1000.0);
  if (!std::isnan(k.energyUnmetWh)) {
    fmt::print(", {:.1f} kWh requested but not delivered, {} left before their target", k.energyUnmetWh / 1000.0,
               k.sessionsEndedEarly);
  }
  fmt::print("\n  stops by the DLM {} (before the minimum charge: {}); wait mean {} s, max {} s\n",
             k.sessionsStoppedByDlm, k.sessionsStoppedBeforeMin, figure(k.meanWaitS, 0), figure(k.maxWaitS, 0));
  fmt::print("  time in yellow {:.0f} s, in red {:.0f} s, fail-safe {:.0f} s; peak site current {:.1f} A\n", k.yellowS,
             k.redS, k.failSafeS, k.peakSiteCurrentA);
  fmt::print("  overshoot above the maximum current: {:.0f} s in all (longest {:.0f} s), up to {:.1f} A, {:.0f} A.s\n",
             k.overshootS, k.longestOvershootS, k.overshootMaxA, k.overshootAs);
  fmt::print("  headroom left unused while sessions were reduced or waiting: {:.0f} A.s ({:.1f} A.h over {:.0f} s)\n",
             k.headroomUnusedAs, k.headroomUnusedAs / 3600.0, k.heldBackS);
  fmt::print("  fairness (Jain index) {}\n", figure(k.jainIndex, 3));
}

}  // namespace ews::cli

// `sessions:` - electric vehicles arriving at charging stations, with their battery and on-board
// charger (the physics is ews::physics::ChargingStation).
#include <fmt/format.h>

#include <map>

#include "sections.hpp"
#include "vocabulary.hpp"

namespace ews::scenario::detail {

namespace {

/// No road vehicle battery is anywhere near this; a typo of three zeros is.
constexpr double kMaxBatteryKWh = 1000.0;
/// AC on-board chargers go up to 43 kW (3 x 63 A); anything far above is a unit mistake.
constexpr double kMaxAcChargePowerKW = 100.0;
/// A car's default on-board charger: 7.4 kW single-phase (32 A), 22 kW three-phase (3 x 32 A).
constexpr double kDefaultSinglePhaseEvKW = 7.4;
constexpr double kDefaultThreePhaseEvKW = 22.0;

EvSessionSpec readSession(DiagnosticSink& sink, const Located& item, const date::time_zone* zone) {
  EvSessionSpec session;
  MapReader entry(sink, item, &session.fieldLocs);
  session.loc = entry.loc();
  if (entry.require("station")) entry.read("station", session.station);
  const bool arrival = entry.require("arrival") && entry.readDateTime("arrival", session.arrival, zone);
  const bool departure = entry.require("departure") && entry.readDateTime("departure", session.departure, zone);
  if (arrival && departure && session.departure <= session.arrival) {
    // Both parsed, so both are scalars: quote them as written, in local time.
    entry.error("departure", fmt::format("must be after the arrival ({}), got {}", entry.get("arrival")->node.Scalar(),
                                         entry.get("departure")->node.Scalar()));
  }
  if (entry.require("energyWanted")) {
    entry.readQuantity("energyWanted", session.energyWantedKWh, kEnergyUnits, RealRange::above(0.0));
  }
  entry.readQuantity("battery", session.batteryKWh, kEnergyUnits, RealRange{0.0, kMaxBatteryKWh, true});
  const bool initialRead =
      entry.readQuantity("initialSoc", session.initialSocPct, kPercentUnits, RealRange::between(0.0, 100.0));
  const bool targetRead =
      entry.readQuantity("targetSoc", session.targetSocPct, kPercentUnits, RealRange::between(0.0, 100.0));
  if (targetRead && (initialRead || !entry.has("initialSoc")) && session.targetSocPct < session.initialSocPct) {
    entry.error("targetSoc", fmt::format("must not be below initialSoc ({:g} %), got {:g} %", session.initialSocPct,
                                         session.targetSocPct));
  }
  entry.readQuantity("maxPower", session.maxPowerKW, kPowerKWUnits, RealRange{0.0, kMaxAcChargePowerKW, true});
  entry.readOneOf("phases", session.phases, kEvPhases);
  entry.reportUnknownKeys();
  return session;
}

/// Single-phase stations are the ones given a `phase` (manual 7.16.1.3: required only for them).
int stationPhases(const installation::DeviceSpec& station) { return station.phase ? 1 : 3; }

}  // namespace

void readSessions(MapReader& top, Scenario& scenario, const date::time_zone* zone) {
  for (const auto& item : top.list("sessions")) scenario.sessions.push_back(readSession(top.sink(), item, zone));
}

void resolveSessionDefaults(Scenario& scenario) {
  std::map<std::string, const installation::DeviceSpec*> stations;
  for (const auto& gateway : scenario.installation.gateways) {
    for (const auto& device : gateway.devices) {
      if (device.family == installation::DeviceFamily::ChargingStation) stations.emplace(device.name, &device);
    }
  }
  for (auto& session : scenario.sessions) {
    const auto station = stations.find(session.station);
    if (station == stations.end()) continue;
    if (session.phases == 0) session.phases = stationPhases(*station->second);
    if (session.maxPowerKW == 0.0) {
      session.maxPowerKW = session.phases == 1 ? kDefaultSinglePhaseEvKW : kDefaultThreePhaseEvKW;
    }
  }
}

}  // namespace ews::scenario::detail

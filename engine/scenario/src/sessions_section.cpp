// `sessions:` - electric vehicles arriving at charging stations.
#include <fmt/format.h>

#include "sections.hpp"
#include "vocabulary.hpp"

namespace ews::scenario::detail {

namespace {

/// No road vehicle battery is anywhere near this; a typo of three zeros is.
constexpr double kMaxBatteryKWh = 1000.0;

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
  entry.readQuantity("initialSoc", session.initialSocPct, kPercentUnits, RealRange::between(0.0, 100.0));
  entry.reportUnknownKeys();
  return session;
}

}  // namespace

void readSessions(MapReader& top, Scenario& scenario, const date::time_zone* zone) {
  for (const auto& item : top.list("sessions")) scenario.sessions.push_back(readSession(top.sink(), item, zone));
}

}  // namespace ews::scenario::detail

#include "ews/physics/ev_session.hpp"

#include <algorithm>
#include <stdexcept>

namespace ews::physics {

namespace {
constexpr double kSinglePhaseMaxKW = 7.4;
constexpr double kThreePhaseMaxKW = 22.0;

void require(bool condition, const char* what) {
  if (!condition) throw std::invalid_argument(what);
}
}  // namespace

double EvSession::stopSocPct() const {
  const double wantedPct = arrivalSocPct + energyWantedKWh / batteryCapacityKWh * 100.0;
  return std::min(targetSocPct, wantedPct);
}

double defaultMaxChargePowerKW(int phases) { return phases == 3 ? kThreePhaseMaxKW : kSinglePhaseMaxKW; }

void validate(const EvSession& session) {
  require(session.departure > session.arrival, "EV session: departure must be after arrival");
  require(session.batteryCapacityKWh > 0.0, "EV session: battery capacity must be > 0 kWh");
  require(session.arrivalSocPct >= 0.0 && session.arrivalSocPct <= 100.0, "EV session: arrival SOC must be 0 - 100 %");
  require(session.targetSocPct >= session.arrivalSocPct && session.targetSocPct <= 100.0,
          "EV session: target SOC must be between the arrival SOC and 100 %");
  require(session.energyWantedKWh > 0.0, "EV session: energy wanted must be > 0 kWh");
  require(session.maxChargePowerKW > 0.0, "EV session: maximum charge power must be > 0 kW");
  require(session.phases == 1 || session.phases == 3, "EV session: phases must be 1 or 3");
  require(session.transitionSocPct >= 0.0 && session.transitionSocPct <= 100.0,
          "EV session: transition SOC must be 0 - 100 %");
}

EvSession evSessionFromSpec(const scenario::EvSessionSpec& spec, int stationPhases) {
  EvSession session;
  session.arrival = spec.arrival;
  session.departure = spec.departure;
  session.batteryCapacityKWh = spec.batteryKWh;
  session.arrivalSocPct = spec.initialSocPct;
  session.targetSocPct = spec.targetSocPct;
  if (spec.energyWantedKWh > 0.0) session.energyWantedKWh = spec.energyWantedKWh;
  session.phases = spec.phases != 0 ? spec.phases : stationPhases;
  session.maxChargePowerKW = spec.maxPowerKW > 0.0 ? spec.maxPowerKW : defaultMaxChargePowerKW(session.phases);
  return session;
}

}  // namespace ews::physics

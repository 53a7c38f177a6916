// Session bookkeeping from the observations (docs/dlm.md, "Sessions"): connections and
// departures, the charge in Ah, requests, charging sessions the controller did not start.
#include "ews/dlm/controller.hpp"
#include "session.hpp"

namespace ews::dlm {
namespace {

/// A vehicle is at the station (whatever it is doing).
bool vehiclePresent(StationState state) {
  return state == StationState::Waiting || state == StationState::Charging || state == StationState::Complete ||
         state == StationState::Error;
}

}  // namespace

void Controller::observe(const Observation& obs) {
  using detail::PendingCommand;
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    detail::Session& s = sessions_[i];
    const StationObservation& seen = obs.stations[i];
    s.state = seen.state;
    s.commandIndex = detail::kNoCommand;
    // An unreadable station's currents are unknown, not zero: its last reading stands.
    if (seen.state != StationState::Unknown) s.measuredA = seen.currentsA;
    if (s.pending.effect != PendingCommand::Effect::None && now_ >= s.pending.settleUntil) s.pending = {};

    // Unknown neither begins nor ends a session: a communication error is not a departure.
    if (!s.connected && vehiclePresent(seen.state)) {
      detail::beginSession(s, settings_.stations[i], now_);
      emit(stationEvent(DlmEvent::Kind::Connected, i));
    } else if (s.connected && seen.state == StationState::Available) {
      emit(stationEvent(DlmEvent::Kind::Disconnected, i));
      detail::endSession(s);
    }

    if (s.connected && seen.state != StationState::Unknown) {
      if (seen.state == StationState::Charging) s.linesDrawn = detail::linesDrawing(seen.currentsA, s.linesDrawn);
      s.chargeAh = detail::chargeAh(seen.sessionEnergyWh, settings_.voltageV, detail::lineCount(s.linesDrawn));
    }
    if (s.connected && seen.state == StationState::Charging) {
      if (!s.everCharging) {
        s.everCharging = true;
        emit(stationEvent(DlmEvent::Kind::ChargingBegan, i));
      }
      if (s.authorised) {
        s.chargingSinceAuthorised = true;
      } else if (s.pending.effect == PendingCommand::Effect::None) {
        // Charging without (or despite) the DLM once any command of ours has settled: found
        // running at start-up, started by hand, or a Wait the vehicle ignored. It is managed
        // as running at full current from now on.
        s.authorised = true;
        s.waiting = false;
        s.level = Level::Full;
        s.authorisedAt = now_;
        s.chargingSinceAuthorised = true;
      }
    }
    if (s.connected && !s.authorised) {
      if (seen.state == StationState::Waiting && !s.waiting && now_ >= s.skippedUntil) {
        s.waiting = true;
        s.waitingSince = now_;
      } else if (seen.state == StationState::Complete) {
        s.waiting = false;  // charge over: not a request
      }
    }
    s.drawA = detail::predictedDrawA(s);
  }
}

}  // namespace ews::dlm

#include "ews/physics/charging_station.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace ews::physics {

namespace {
constexpr double kPercent = 100.0;
constexpr double kSinglePhaseRatingA = 16.0;
constexpr double kThreePhaseRatingA = 32.0;
}  // namespace

StationSettings StationSettings::singlePhase(Phase phase) {
  StationSettings settings;
  settings.phases = 1;
  settings.phase = phase;
  settings.ratedCurrentA = kSinglePhaseRatingA;
  return settings;
}

StationSettings StationSettings::threePhase() {
  StationSettings settings;
  settings.phases = 3;
  settings.ratedCurrentA = kThreePhaseRatingA;
  return settings;
}

ChargingStation::ChargingStation(StationSettings settings, Time start, ChangeCounter* changes)
    : settings_(settings), changes_(changes) {
  if (settings_.phases != 1 && settings_.phases != 3) throw std::invalid_argument("station phases must be 1 or 3");
  if (!(settings_.ratedCurrentA > 0.0)) throw std::invalid_argument("station rated current must be > 0 A");
  if (!(settings_.voltageV > 0.0)) throw std::invalid_argument("station voltage must be > 0 V");
  if (settings_.responseDelay < Duration::zero()) throw std::invalid_argument("response delay must be >= 0");
  if (!(settings_.taperReportFraction > 0.0 && settings_.taperReportFraction < 1.0)) {
    throw std::invalid_argument("taper report fraction must be in (0, 1)");
  }
  state_.now = start;
  state_.anchorAt = start;
  state_.requested = Pilot{settings_.ratedCurrentA, settings_.autoStart, true};
  state_.effective = state_.requested;
  state_.domesticEnergyWh = PiecewiseIntegral(start);
}

void ChargingStation::addSession(const EvSession& session) {
  validate(session);
  if (session.arrival < state_.now) throw std::invalid_argument("EV session arrives before the station's present time");
  const auto at = std::upper_bound(sessions_.begin(), sessions_.end(), session.arrival,
                                   [](Time t, const EvSession& s) { return t < s.arrival; });
  const auto index = static_cast<std::size_t>(at - sessions_.begin());
  if (index < state_.nextSession) throw std::invalid_argument("EV session arrives before one already connected");
  if (at != sessions_.begin() && (at - 1)->departure > session.arrival) {
    throw std::invalid_argument("EV session overlaps the previous one at this station");
  }
  if (at != sessions_.end() && at->arrival < session.departure) {
    throw std::invalid_argument("EV session overlaps the next one at this station");
  }
  sessions_.insert(at, session);
  if (changes_ != nullptr) changes_->bump();  // a vehicle arriving now draws at once
}

int ChargingStation::phasesUsed(const EvSession& session) const { return std::min(session.phases, settings_.phases); }

double ChargingStation::pilotCurrentA(const State& s) const {
  const Pilot& pilot = s.effective;
  // IEC 61851-1: a pilot under 6 A does not allow charging.
  if (!pilot.authorised || !pilot.evPlugEnabled || pilot.setpointA < kMinimumPilotCurrentA) return 0.0;
  return std::min(pilot.setpointA, settings_.ratedCurrentA);
}

double ChargingStation::offeredKW(const State& s) const {
  const EvSession* ev = connected(s);
  if (ev == nullptr || s.chargeOver || !s.evFollowing) return 0.0;
  if (s.stationError != StationError::None || s.chargeError != ChargeError::None) return 0.0;
  const double pilotA = pilotCurrentA(s);
  if (pilotA <= 0.0) return 0.0;
  // The on-board charger's own limit per phase: its power spread over the phases it has.
  const double evMaxA = ev->maxChargePowerKW * kWattsPerKilowatt / (settings_.voltageV * ev->phases);
  return std::min(pilotA, evMaxA) * settings_.voltageV * phasesUsed(*ev) / kWattsPerKilowatt;
}

double ChargingStation::chargeOverSocPct(const EvSession& session) const {
  // The BMS ends the charge where the curve falls to the end-of-charge current.
  const double cutoffKW = settings_.endOfChargeCurrentA * settings_.voltageV * phasesUsed(session) / kWattsPerKilowatt;
  const double taperPct = kPercent - session.transitionSocPct;
  const double bmsEndPct = kPercent - cutoffKW / session.maxChargePowerKW * taperPct;
  return std::min(session.stopSocPct(), bmsEndPct);
}

double ChargingStation::socAt(const State& s, Time t) const {
  const EvSession* ev = connected(s);
  if (ev == nullptr || s.offeredKW <= 0.0) return s.anchorSocPct;
  const TwoStageBattery battery(ev->battery());
  const double soc = battery.socAfter(s.anchorSocPct, s.offeredKW, hoursOf(t - s.anchorAt));
  // The charge-over instant is rounded up to the microsecond: never overshoot the end.
  return std::min(soc, std::max(s.anchorSocPct, chargeOverSocPct(*ev)));
}

ChargingStation::NextEvent ChargingStation::nextEvent(const State& s) const {
  NextEvent next{kNever, EventKind::PilotEffective};
  const auto consider = [&next](Time at, EventKind kind) {
    if (std::tie(at, kind) < std::tie(next.at, next.kind)) next = NextEvent{at, kind};
  };
  if (const EvSession* ev = connected(s)) {
    consider(ev->departure, EventKind::Departure);
    if (!s.evFollowing) consider(s.evReadyAt, EventKind::EvReady);
    if (!s.chargeOver && s.offeredKW > 0.0) {
      const TwoStageBattery battery(ev->battery());
      const double hours = battery.hoursToReach(s.anchorSocPct, chargeOverSocPct(*ev), s.offeredKW);
      consider(instantAfterHours(s.anchorAt, hours), EventKind::ChargeOver);
    }
  } else if (s.nextSession < sessions_.size()) {
    consider(sessions_[s.nextSession].arrival, EventKind::Arrival);
  }
  if (!s.pending.empty()) consider(s.pending.front().effectiveAt, EventKind::PilotEffective);
  return next;
}

void ChargingStation::reanchor(State& s) const {
  s.anchorSocPct = socAt(s, s.now);  // with the offer that held until now
  s.anchorAt = s.now;
  s.offeredKW = offeredKW(s);
}

void ChargingStation::apply(State& s, const NextEvent& event) const {
  switch (event.kind) {
    case EventKind::Departure: {
      reanchor(s);
      const EvSession& ev = sessions_[s.session];
      s.energyBeforeSessionWh += (s.anchorSocPct - ev.arrivalSocPct) / kPercent * ev.batteryCapacityKWh * kWattsPerKilowatt;
      if (!s.chargeOver) s.lastChargeEnd = ChargeEnd::Departure;
      s.evConnected = false;
      s.chargeOver = false;
      s.chargeError = ChargeError::None;  // a charge error concerns the process that ended
      s.offeredKW = 0.0;
      break;
    }
    case EventKind::Arrival: {
      s.session = s.nextSession++;
      s.evConnected = true;
      s.evFollowing = false;
      s.evReadyAt = s.now + settings_.responseDelay;
      s.chargeOver = false;
      s.lastChargeEnd = ChargeEnd::None;
      // Start/Wait concern one charging process (manual 8.3.2): each vehicle starts afresh.
      s.requested.authorised = s.effective.authorised = settings_.autoStart;
      for (auto& pending : s.pending) pending.pilot.authorised = settings_.autoStart;
      s.anchorSocPct = sessions_[s.session].arrivalSocPct;
      s.anchorAt = s.now;
      s.offeredKW = 0.0;
      break;
    }
    case EventKind::ChargeOver: {
      const EvSession& ev = sessions_[s.session];
      reanchor(s);
      s.chargeOver = true;
      s.lastChargeEnd = ev.stopSocPct() <= chargeOverSocPct(ev) ? ChargeEnd::TargetReached : ChargeEnd::BatteryFull;
      s.offeredKW = 0.0;
      break;
    }
    case EventKind::EvReady:
      s.evFollowing = true;
      reanchor(s);
      break;
    case EventKind::PilotEffective:
      s.effective = s.pending.front().pilot;
      s.pending.erase(s.pending.begin());
      reanchor(s);
      break;
  }
}

void ChargingStation::advanceState(State& s, Time t, std::vector<SessionOutcome>* ended) const {
  if (t < s.now) throw std::invalid_argument("ChargingStation: time runs backwards");
  for (NextEvent event = nextEvent(s); event.at <= t; event = nextEvent(s)) {
    s.now = event.at;
    const double deliveredBeforeWh = s.energyBeforeSessionWh;
    apply(s, event);
    if (event.kind == EventKind::Departure && ended != nullptr) {
      const EvSession& ev = sessions_[s.session];
      const double wantedWh = (ev.stopSocPct() - ev.arrivalSocPct) / kPercent * ev.batteryCapacityKWh * kWattsPerKilowatt;
      ended->push_back(
          SessionOutcome{s.session, s.energyBeforeSessionWh - deliveredBeforeWh, wantedWh, s.lastChargeEnd});
    }
  }
  s.now = t;
}

void ChargingStation::advanceTo(Time t) {
  advanceState(state_, t, &outcomes_);
  // Every command advances first, then changes the state: this bump covers it too.
  if (changes_ != nullptr) changes_->bump();
}

void ChargingStation::requestPilot(Time t, Pilot pilot) {
  advanceTo(t);
  state_.requested = pilot;
  // Commands come in time order and the delay is fixed: appending keeps the list sorted.
  state_.pending.push_back(PendingPilot{t + settings_.responseDelay, pilot});
  advanceTo(t);  // a zero delay takes effect at once
}

void ChargingStation::commandStart(Time t) {
  Pilot pilot = state_.requested;
  pilot.authorised = true;
  requestPilot(t, pilot);
}

void ChargingStation::commandWait(Time t) {
  Pilot pilot = state_.requested;
  pilot.authorised = false;
  requestPilot(t, pilot);
}

void ChargingStation::setCurrentSetpoint(Time t, double currentA) {
  Pilot pilot = state_.requested;
  pilot.setpointA = std::isfinite(currentA) ? std::max(currentA, 0.0) : 0.0;  // garbage pauses, never crashes
  requestPilot(t, pilot);
}

void ChargingStation::setEvPlugEnabled(Time t, bool enabled) {
  Pilot pilot = state_.requested;
  pilot.evPlugEnabled = enabled;
  requestPilot(t, pilot);
}

void ChargingStation::setDomesticPlugEnabled(Time t, bool enabled) {
  advanceTo(t);
  state_.domesticPlugEnabled = enabled;
  state_.domesticEnergyWh.setRate(t, enabled ? state_.domesticLoadW : 0.0);
}

void ChargingStation::setDomesticLoad(Time t, double powerW) {
  advanceTo(t);
  state_.domesticLoadW = std::max(powerW, 0.0);
  state_.domesticEnergyWh.setRate(t, state_.domesticPlugEnabled ? state_.domesticLoadW : 0.0);
}

void ChargingStation::raiseStationError(Time t, StationError error) {
  advanceTo(t);
  state_.stationError = error;
  reanchor(state_);
}

void ChargingStation::raiseChargeError(Time t, ChargeError error) {
  advanceTo(t);
  state_.chargeError = error;
  reanchor(state_);
}

void ChargingStation::clearStationError(Time t) {
  advanceTo(t);
  if (state_.stationError == StationError::None) return;
  state_.stationError = StationError::None;
  // The contactor closes again; the vehicle resumes like after plugging in.
  state_.evFollowing = false;
  state_.evReadyAt = t + settings_.responseDelay;
  reanchor(state_);
  advanceTo(t);
}

void ChargingStation::clearChargeError(Time t) {
  advanceTo(t);
  if (state_.chargeError == ChargeError::None) return;
  state_.chargeError = ChargeError::None;
  state_.evFollowing = false;
  state_.evReadyAt = t + settings_.responseDelay;
  reanchor(state_);
  advanceTo(t);
}

StationSnapshot ChargingStation::snapshotAt(Time t) const {
  if (t < state_.now) throw std::invalid_argument("ChargingStation: snapshot before the present time");
  if (nextEvent(state_).at > t) return snapshotOf(state_, t);
  State ahead = state_;
  advanceState(ahead, t);
  return snapshotOf(ahead, t);
}

StationSnapshot ChargingStation::snapshotOf(const State& s, Time t) const {
  StationSnapshot snap;
  snap.at = t;
  snap.stationError = s.stationError;
  snap.chargeError = s.chargeError;
  snap.lastChargeEnd = s.lastChargeEnd;
  snap.evConnected = s.evConnected;
  snap.authorised = s.effective.authorised;
  snap.evPlugEnabled = s.requested.evPlugEnabled;
  snap.domesticPlugEnabled = s.domesticPlugEnabled;
  snap.setpointA = s.requested.setpointA;
  const std::size_t stationLine = settings_.phases == 1 ? indexOf(settings_.phase) : indexOf(Phase::L1);

  if (s.nextSession > 0) {  // a vehicle is, or was, connected
    const EvSession& ev = sessions_[s.session];
    const int phases = phasesUsed(ev);
    snap.socPct = socAt(s, t);
    snap.sessionEnergyWh = (snap.socPct - ev.arrivalSocPct) / kPercent * ev.batteryCapacityKWh * kWattsPerKilowatt;
    snap.sessionChargeAh = snap.sessionEnergyWh / (settings_.voltageV * phases);
    if (s.evConnected) {
      snap.pilotA = pilotCurrentA(s);
      const double drawnKW = s.offeredKW > 0.0 ? TwoStageBattery(ev.battery()).acceptedKW(snap.socPct, s.offeredKW) : 0.0;
      snap.currentPerPhaseA = drawnKW * kWattsPerKilowatt / (settings_.voltageV * phases);
      snap.activePowerW = drawnKW * kWattsPerKilowatt;
      if (phases == 3) {
        snap.lineCurrentsA.setConstant(snap.currentPerPhaseA);
      } else {
        snap.lineCurrentsA(static_cast<Eigen::Index>(stationLine)) = snap.currentPerPhaseA;
      }
    }
  }
  const double domesticW = s.domesticPlugEnabled ? s.domesticLoadW : 0.0;
  snap.activePowerW += domesticW;
  snap.lineCurrentsA(static_cast<Eigen::Index>(stationLine)) += domesticW / settings_.voltageV;
  snap.energyCounterWh = s.energyBeforeSessionWh + (s.evConnected ? snap.sessionEnergyWh : 0.0) +
                         s.domesticEnergyWh.valueAt(t);

  if (s.stationError != StationError::None || s.chargeError != ChargeError::None) {
    snap.status = StationStatus::Error;
  } else if (!s.evConnected) {
    snap.status = StationStatus::Available;
  } else if (s.chargeOver) {
    snap.status = StationStatus::Complete;
  } else if (snap.currentPerPhaseA > 0.0) {
    snap.status = StationStatus::Charging;
  } else {
    snap.status = StationStatus::Waiting;
  }
  return snap;
}

Time ChargingStation::nextChangeAt() const {
  Time next = nextEvent(state_).at;
  const EvSession* ev = connected(state_);
  if (ev == nullptr || state_.offeredKW <= 0.0) return next;
  const TwoStageBattery battery(ev->battery());
  const double taperStartPct = battery.taperStartSocPct(state_.offeredKW);
  // The current is flat until the battery's curve binds, then falls exponentially.
  const Time taperStart =
      instantAfterHours(state_.anchorAt, battery.hoursToReach(state_.anchorSocPct, taperStartPct, state_.offeredKW));
  if (taperStart > state_.now) return std::min(next, taperStart);
  // In the taper: report steps on a grid anchored where the taper began, so the instants do
  // not depend on when anybody asks.
  const double stepHours = battery.hoursToLoseFraction(settings_.taperReportFraction);
  const double stepsDone = std::floor(hoursOf(state_.now - taperStart) / stepHours);
  Time step = instantAfterHours(taperStart, (stepsDone + 1.0) * stepHours);
  if (step <= state_.now) step = instantAfterHours(taperStart, (stepsDone + 2.0) * stepHours);
  return std::min(next, step);
}

}  // namespace ews::physics

// The decision: zone, then the zone's rule (docs/dlm.md). Session bookkeeping is in
// observe.cpp, the orders in ordering.cpp, the zone and hysteresis in zone.cpp.
#include "ews/dlm/controller.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "ordering.hpp"
#include "session.hpp"
#include "settings_check.hpp"
#include "zone.hpp"

namespace ews::dlm {

using detail::PendingCommand;
using Effect = PendingCommand::Effect;

namespace {

/// Stations the DLM leaves alone: it cannot tell what they do.
bool leftAlone(StationState state) { return state == StationState::Unknown || state == StationState::Error; }

Level lowerLevel(Level level) { return level == Level::Full ? Level::FirstStep : Level::SecondStep; }
Level higherLevel(Level level) { return level == Level::SecondStep ? Level::FirstStep : Level::Full; }

Command::Kind commandKind(Effect effect) {
  switch (effect) {
    case Effect::Start: return Command::Kind::Start;
    case Effect::Stop: return Command::Kind::Wait;
    case Effect::None:
    case Effect::Lower:
    case Effect::Raise: break;
  }
  return Command::Kind::Setpoint;
}

}  // namespace

Controller::Controller(Settings settings) : settings_(std::move(settings)) {
  detail::checkSettings(settings_);
  const std::size_t count = settings_.stations.size();
  sessions_.resize(count);
  requests_.reserve(count);
  candidates_.reserve(count);
  commands_.reserve(count);  // at most one command per station per decision (send())
}

Controller::~Controller() = default;
Controller::Controller(const Controller& other) = default;
Controller::Controller(Controller&& other) noexcept = default;
Controller& Controller::operator=(const Controller& other) = default;
Controller& Controller::operator=(Controller&& other) noexcept = default;

const SessionView& Controller::session(std::size_t station) const { return sessions_.at(station); }

double Controller::levelCurrentA(std::size_t station, Level level) const {
  const double ratedA = settings_.stations.at(station).ratedCurrentA;
  switch (level) {
    case Level::Full: return ratedA;
    case Level::FirstStep: return ratedA * settings_.firstStepPct / 100.0;
    case Level::SecondStep: return ratedA * settings_.secondStepPct / 100.0;
  }
  return ratedA;
}

void Controller::setSettings(Settings settings) {
  detail::checkSettings(settings);
  if (settings.stations.size() != settings_.stations.size()) {
    throw std::invalid_argument(fmt::format("dlm settings: stations: {} given, the controller manages {}",
                                            settings.stations.size(), settings_.stations.size()));
  }
  settings_ = std::move(settings);
}

void Controller::setStartWait(std::size_t station, StartWaitOverride value) {
  detail::Session& s = sessions_.at(station);
  if (s.connected) s.startWait = value;  // no session, nothing to override
}

void Controller::setSessionPriority(std::size_t station, bool priority) {
  detail::Session& s = sessions_.at(station);
  if (s.connected) s.priority = priority;
}

const std::vector<Command>& Controller::decide(const Observation& obs) {
  if (obs.stations.size() != sessions_.size()) {
    throw std::invalid_argument(
        fmt::format("dlm observation: {} stations, the controller manages {}", obs.stations.size(), sessions_.size()));
  }
  if (decided_ && obs.at < now_) {
    throw std::invalid_argument(fmt::format("dlm observation at {} is before the previous decision at {}",
                                            formatUtc(obs.at), formatUtc(now_)));
  }
  now_ = obs.at;
  decided_ = true;
  commands_.clear();

  observe(obs);
  predictSite(obs.meter);
  if (!settings_.controlLogic) {
    // Commissioning: the zone is still shown, nothing is granted, denied or reduced.
    leaveFailSafe();
    if (obs.meter.valid || !settings_.loadControl) updateZone();
    return commands_;
  }
  applyOverridesAndSkips();
  // Load control OFF does not read the meter at all, so losing it changes nothing.
  if (settings_.loadControl && !obs.meter.valid) {
    failSafeStep();
    return commands_;
  }
  leaveFailSafe();
  updateZone();
  switch (zone_) {
    case Zone::Green: greenStep(); break;
    case Zone::Yellow: yellowStep(); break;
    case Zone::Red: redStep(); break;
  }
  return commands_;
}

void Controller::predictSite(const MeterObservation& meter) {
  siteA_ = meter.currentsA;
  for (const detail::Session& s : sessions_) {
    for (std::size_t p = 0; p < siteA_.size(); ++p) siteA_[p] += s.drawA[p] - s.measuredA[p];
  }
}

void Controller::applyOverridesAndSkips() {
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    const detail::Session& s = sessions_[i];
    if (!s.connected || !s.authorised || leftAlone(s.state)) continue;
    if (s.startWait == StartWaitOverride::Wait) {
      waitOverride(i);
    } else if (s.state == StationState::Waiting && !s.chargingSinceAuthorised &&
               now_ - s.authorisedAt >= settings_.waitingTime) {
      skip(i);
    }
  }
}

void Controller::failSafeStep() {
  if (!failSafe_) {
    failSafe_ = true;
    emit(DlmEvent{.at = now_, .kind = DlmEvent::Kind::FailSafe, .on = true});
  }
  // Each running session is lowered once; one that starts running during the fail-safe too.
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    if (detail::running(sessions_[i]) && sessions_[i].level != Level::SecondStep) changeLevel(i, Level::SecondStep);
  }
}

void Controller::leaveFailSafe() {
  if (!failSafe_) return;
  failSafe_ = false;
  emit(DlmEvent{.at = now_, .kind = DlmEvent::Kind::FailSafe});
}

void Controller::updateZone() {
  const Zone next = detail::nextZone(zone_, detail::worstLineA(siteA_), detail::limitsOf(settings_));
  if (next == zone_) return;
  const DlmEvent event{.at = now_, .kind = DlmEvent::Kind::Zone, .from = zone_, .to = next};
  zone_ = next;
  ++zoneEpoch_;
  emit(event);
}

bool Controller::eligible(std::size_t station) const {
  const detail::Session& s = sessions_[station];
  if (!s.connected || !s.waiting || s.authorised || s.state != StationState::Waiting) return false;
  if (now_ < s.skippedUntil || s.startWait == StartWaitOverride::Wait) return false;
  return s.startWait == StartWaitOverride::Start || now_ - s.waitingSince >= settings_.holdTime;
}

void Controller::collectEligibleRequests() {
  requests_.clear();
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    if (eligible(i)) requests_.push_back(i);
  }
  detail::sortRequests(requests_, sessions_);
}

bool Controller::sessionsHeldBack() const {
  return std::any_of(sessions_.begin(), sessions_.end(), [](const detail::Session& s) {
    const bool reduced = detail::running(s) && s.level != Level::Full;
    const bool request = s.connected && s.waiting && !s.authorised && s.state == StationState::Waiting &&
                         s.startWait != StartWaitOverride::Wait;
    return reduced || request;
  });
}

bool Controller::reductionPending() const {
  return std::any_of(sessions_.begin(), sessions_.end(), [](const detail::Session& s) {
    return s.pending.effect == Effect::Lower || s.pending.effect == Effect::Stop;
  });
}

bool Controller::isRequest(std::size_t station) const {
  const detail::Session& s = sessions_[station];
  return s.connected && s.waiting && !s.authorised && s.state == StationState::Waiting &&
         s.startWait != StartWaitOverride::Wait && now_ >= s.skippedUntil;
}

bool Controller::wouldReverse(std::size_t station, bool raise) const {
  using Change = detail::Session::Change;
  const detail::Session& s = sessions_[station];
  const Change reversed = raise ? Change::Lowered : Change::Raised;
  return s.lastChange == reversed && now_ - s.lastChangeAt < settings_.holdTime && s.lastChangeZoneEpoch == zoneEpoch_;
}

bool Controller::anyPending() const {
  return std::any_of(sessions_.begin(), sessions_.end(),
                     [](const detail::Session& s) { return s.pending.effect != Effect::None; });
}

void Controller::greenStep() {
  // Nothing more is given while a command is on its way: until it settles, the meter and the
  // stations are polled at different instants and may disagree on what the vehicles draw (a
  // station already showing its new current while the meter does not yet), so the room
  // predicted from them is uncertain. Reductions and stops need no such care: erring there
  // only lowers the current more than needed, and the raises give it back once settled.
  if (anyPending()) return;
  const double budgetA = detail::limitsOf(settings_).chargingBudgetA();
  collectEligibleRequests();
  for (const std::size_t request : requests_) {
    bool started = false;
    for (const Level level : {Level::Full, Level::FirstStep, Level::SecondStep}) {
      if (worstIf(request, startCommand(request, level)) <= budgetA) {
        authorise(request, level);
        started = true;
        break;
      }
    }
    if (!started) {
      // A request no reduction can make room for waits for a departure; meanwhile the room
      // it cannot use goes to the next requests (and the raises) instead of lying idle.
      if (!roomCanBeMade(request, budgetA)) continue;
      // The order is kept: the next requests wait behind this one while room is made for it.
      reduceUntil(budgetA, request);
      return;
    }
  }
  raiseStep();
}

void Controller::yellowStep() {
  if (reductionPending()) return;
  collectEligibleRequests();
  const double budgetA = detail::limitsOf(settings_).chargingBudgetA();
  for (const std::size_t request : requests_) {
    // The first request room can be made for (the others wait for a departure).
    if (roomCanBeMade(request, budgetA)) {
      reduceUntil(budgetA, request);
      return;
    }
  }
}

bool Controller::roomCanBeMade(std::size_t request, double budgetA) const {
  // The site with every running session that may be lowered at its second step, and the
  // request started at its own.
  detail::PhaseCurrents floorA = siteA_;
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    const detail::Session& s = sessions_[i];
    if (!detail::running(s) || s.level == Level::SecondStep || wouldReverse(i, /*raise=*/false)) continue;
    const PendingCommand lower{.effect = Effect::Lower, .setpointA = levelCurrentA(i, Level::SecondStep), .lines = s.linesDrawn};
    const detail::PhaseCurrents loweredA = detail::predictedDrawA(s, lower);
    for (std::size_t p = 0; p < floorA.size(); ++p) floorA[p] += loweredA[p] - s.drawA[p];
  }
  const detail::Session& r = sessions_[request];
  const detail::PhaseCurrents startA = detail::predictedDrawA(r, startCommand(request, Level::SecondStep));
  for (std::size_t p = 0; p < floorA.size(); ++p) {
    if (floorA[p] - r.drawA[p] + startA[p] > budgetA) return false;
  }
  return true;
}

void Controller::redStep() {
  // The meter and the stations are read at different instants while a reduction settles: a
  // station may already show its lower current while the meter does not yet, and the
  // prediction then sees the site higher than it is. Acting on that reduced a second session
  // seconds after the first, for nothing; so the next reduction waits for the first to settle.
  if (reductionPending()) return;
  if (!reduceUntil(detail::limitsOf(settings_).maxBudgetA(), std::nullopt)) stopStep();
}

bool Controller::reduceUntil(double budgetA, std::optional<std::size_t> room) {
  const auto satisfied = [&] {
    const double worstA =
        room ? worstIf(*room, startCommand(*room, Level::SecondStep)) : detail::worstLineA(siteA_);
    return worstA <= budgetA;
  };
  // Passes: non-priority sessions to the first step, then to the second, then the priority
  // ones likewise; within a pass the session with the most charge gives first.
  for (const bool priorityPass : {false, true}) {
    for (const Level from : {Level::Full, Level::FirstStep}) {
      candidates_.clear();
      for (std::size_t i = 0; i < sessions_.size(); ++i) {
        const detail::Session& s = sessions_[i];
        if (detail::running(s) && s.priority == priorityPass && s.level == from && !wouldReverse(i, /*raise=*/false)) {
          candidates_.push_back(i);
        }
      }
      detail::sortReductionPass(candidates_, sessions_);
      for (const std::size_t station : candidates_) {
        if (satisfied()) return true;
        changeLevel(station, lowerLevel(from));
      }
    }
  }
  return satisfied();
}

void Controller::raiseStep() {
  const double budgetA = detail::limitsOf(settings_).chargingBudgetA();
  // "If many charging processes are in waiting mode, control logic will promote the recovery
  // of [those] ...; otherwise ... increasing the current level": the room the waiting
  // requests need to start (at their second step, per line) is kept for them, and only what
  // is left may raise running sessions. Raising into it would be taken back by reductions as
  // soon as a request's hold time ends.
  reservedA_ = {};
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    // A request no reduction could make room for keeps nothing: it waits for a departure.
    if (!isRequest(i) || !roomCanBeMade(i, budgetA)) continue;
    const detail::PhaseCurrents startA = detail::predictedDrawA(sessions_[i], startCommand(i, Level::SecondStep));
    for (std::size_t p = 0; p < reservedA_.size(); ++p) reservedA_[p] += startA[p];
  }
  candidates_.clear();
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    if (detail::running(sessions_[i]) && sessions_[i].level != Level::Full && !wouldReverse(i, /*raise=*/true)) {
      candidates_.push_back(i);
    }
  }
  detail::sortRaises(candidates_, sessions_);
  detail::Lines blocked{};  // lines where an earlier reduced session waits for room
  for (const std::size_t station : candidates_) {
    const detail::Session& s = sessions_[station];
    // "Always promoting the first process previously reduced", line by line: a later session
    // may take room only on lines where no earlier one is waiting for it.
    bool behindEarlier = false;
    for (std::size_t p = 0; p < blocked.size(); ++p) behindEarlier = behindEarlier || (blocked[p] && s.linesDrawn[p]);
    if (behindEarlier) continue;
    const Level up = higherLevel(s.level);
    const PendingCommand raise{.effect = Effect::Raise,
                               .setpointA = levelCurrentA(station, up),
                               .lines = s.linesDrawn,
                               .settleUntil = now_ + settings_.settleTime};
    if (!fitsWithReserve(station, raise, budgetA)) {
      for (std::size_t p = 0; p < blocked.size(); ++p) blocked[p] = blocked[p] || s.linesDrawn[p];
      continue;
    }
    changeLevel(station, up);
  }
}

bool Controller::fitsWithReserve(std::size_t station, const PendingCommand& command, double budgetA) const {
  const detail::Session& s = sessions_[station];
  const detail::PhaseCurrents drawA = detail::predictedDrawA(s, command);
  for (std::size_t p = 0; p < drawA.size(); ++p) {
    if (siteA_[p] - s.drawA[p] + drawA[p] + reservedA_[p] > budgetA) return false;
  }
  return true;
}

void Controller::stopStep() {
  const detail::Limits limits = detail::limitsOf(settings_);
  // Stop only on settled measurements: a reduction still on its way may be enough.
  if (anyPending() || detail::worstLineA(siteA_) <= limits.maxA) return;
  candidates_.clear();
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    // Never a session short of its guaranteed minimum charge (7.16.5.1).
    if (detail::running(sessions_[i]) && sessions_[i].chargeAh >= settings_.minChargeAh) candidates_.push_back(i);
  }
  detail::sortStops(candidates_, sessions_);
  for (const std::size_t station : candidates_) {
    if (detail::worstLineA(siteA_) <= limits.maxBudgetA()) return;
    stop(station);
  }
}

double Controller::worstIf(std::size_t station, const PendingCommand& command) const {
  const detail::Session& s = sessions_[station];
  const detail::PhaseCurrents drawA = detail::predictedDrawA(s, command);
  double worstA = siteA_[0] - s.drawA[0] + drawA[0];
  for (std::size_t p = 1; p < drawA.size(); ++p) worstA = std::max(worstA, siteA_[p] - s.drawA[p] + drawA[p]);
  return worstA;
}

PendingCommand Controller::startCommand(std::size_t station, Level level) const {
  return {.effect = Effect::Start,
          .setpointA = levelCurrentA(station, level),
          .lines = detail::stationLines(settings_.stations[station]),
          .settleUntil = now_ + settings_.settleTime};
}

void Controller::authorise(std::size_t station, Level level) {
  detail::Session& s = sessions_[station];
  s.authorised = true;
  s.waiting = false;
  s.level = level;
  if (level != Level::Full) s.reducedAt = now_;
  s.authorisedAt = now_;
  s.chargingSinceAuthorised = false;
  send(station, startCommand(station, level));
  emit(stationEvent(DlmEvent::Kind::Authorised, station));
}

void Controller::changeLevel(std::size_t station, Level level) {
  detail::Session& s = sessions_[station];
  const bool lower = level > s.level;  // Full < FirstStep < SecondStep
  if (lower && s.level == Level::Full) s.reducedAt = now_;
  s.level = level;
  s.lastChange = lower ? detail::Session::Change::Lowered : detail::Session::Change::Raised;
  s.lastChangeAt = now_;
  s.lastChangeZoneEpoch = zoneEpoch_;
  send(station, {.effect = lower ? Effect::Lower : Effect::Raise,
                 .setpointA = levelCurrentA(station, level),
                 .lines = s.linesDrawn,
                 .settleUntil = now_ + settings_.settleTime});
  emit(stationEvent(lower ? DlmEvent::Kind::Reduced : DlmEvent::Kind::Raised, station));
}

void Controller::stop(std::size_t station) {
  detail::Session& s = sessions_[station];
  s.authorised = false;
  s.waiting = true;  // a request again, behind those waiting longer
  s.waitingSince = now_;
  send(station, {.effect = Effect::Stop, .settleUntil = now_ + settings_.settleTime});
  emit(stationEvent(DlmEvent::Kind::Stopped, station));
}

void Controller::skip(std::size_t station) {
  detail::Session& s = sessions_[station];
  s.authorised = false;
  s.waiting = false;  // not a request until the skip time is over
  s.skippedUntil = now_ + settings_.skipTime;
  send(station, {.effect = Effect::Stop, .settleUntil = now_ + settings_.settleTime});
  emit(stationEvent(DlmEvent::Kind::Skipped, station));
}

void Controller::waitOverride(std::size_t station) {
  // The user's Wait (8.3.2): no event of the DLM's own; the session waits until released.
  detail::Session& s = sessions_[station];
  s.authorised = false;
  s.waiting = true;
  s.waitingSince = now_;
  send(station, {.effect = Effect::Stop, .settleUntil = now_ + settings_.settleTime});
}

void Controller::send(std::size_t station, const PendingCommand& command) {
  detail::Session& s = sessions_[station];
  const Command write{.station = station, .kind = commandKind(command.effect), .setpointA = command.setpointA};
  // A session lowered twice in one decision (first step, then second) gets one write: the last.
  if (s.commandIndex < commands_.size()) {
    commands_[s.commandIndex] = write;
  } else {
    s.commandIndex = commands_.size();
    commands_.push_back(write);
  }
  s.pending = command;
  const detail::PhaseCurrents drawA = detail::predictedDrawA(s);
  for (std::size_t p = 0; p < siteA_.size(); ++p) siteA_[p] += drawA[p] - s.drawA[p];
  s.drawA = drawA;
}

void Controller::emit(const DlmEvent& event) const {
  if (sink_) sink_(event);
}

DlmEvent Controller::stationEvent(DlmEvent::Kind kind, std::size_t station) const {
  const detail::Session& s = sessions_[station];
  const bool levelChange =
      kind == DlmEvent::Kind::Authorised || kind == DlmEvent::Kind::Reduced || kind == DlmEvent::Kind::Raised;
  return {.at = now_,
          .kind = kind,
          .station = station,
          .level = s.level,
          .setpointA = levelChange ? levelCurrentA(station, s.level) : 0.0,
          .chargeAh = s.chargeAh};
}

Time Controller::nextTimerAt() const {
  Time next = kNever;
  const auto consider = [&](Time at) {
    if (at > now_ && at < next) next = at;
  };
  for (const detail::Session& s : sessions_) {
    if (s.pending.effect != Effect::None) consider(s.pending.settleUntil);
    if (!s.connected) continue;
    // The no-reversal rule lets go of a level change at the end of the hold time.
    if (s.lastChange != detail::Session::Change::None) consider(s.lastChangeAt + settings_.holdTime);
    if (s.waiting && !s.authorised && s.startWait == StartWaitOverride::None) consider(s.waitingSince + settings_.holdTime);
    if (s.authorised && !s.chargingSinceAuthorised) consider(s.authorisedAt + settings_.waitingTime);
    consider(s.skippedUntil);
  }
  return next;
}

}  // namespace ews::dlm

#include "ews/site/direct_dlm.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "ews/dlm/describe.hpp"
#include "ews/profiles/addressing.hpp"
#include "ews/site/dlm_ground_truth.hpp"

namespace ews::site {

namespace {

constexpr Time kNone = Time::max();

/// What the station's state register shows (station_codes.hpp), as the controller reads it:
/// the mapping of the stack's DlmRunner, from the physics' status instead of its code.
dlm::StationState stateOf(physics::StationStatus status) {
  switch (status) {
    case physics::StationStatus::Available: return dlm::StationState::Available;
    case physics::StationStatus::Charging: return dlm::StationState::Charging;
    case physics::StationStatus::Waiting: return dlm::StationState::Waiting;
    case physics::StationStatus::Error: return dlm::StationState::Error;
    case physics::StationStatus::Complete: return dlm::StationState::Complete;
  }
  return dlm::StationState::Unknown;
}

/// The measurement the total meter's simulated device serves current.L1..L3 from.
const devices::Measurement& totalMeterOf(SimulatedSite& site, int deviceId) {
  const installation::Device& device = site.installation().device(deviceId);
  devices::UnitDevice* unit = site.unit(site.installation().gatewayOf(device), profiles::unitAddressOf(device).unitId);
  const devices::Measurement* measurement = unit != nullptr ? unit->find<devices::Measurement>(device) : nullptr;
  if (measurement == nullptr) {
    throw std::invalid_argument(
        fmt::format("direct DLM run: the total meter '{}' has no simulated measurement", device.name));
  }
  return *measurement;
}

}  // namespace

DirectDlmRun::DirectDlmRun(SimulatedSite& site, DirectDlmSettings settings, recording::SampleSink* events)
    : site_(&site),
      settings_(std::move(settings)),
      events_(events),
      totalMeter_(&totalMeterOf(site, settings_.dlm.totalMeterId)),
      controller_(settings_.dlm.controller),
      kpis_(settings_.dlm.controller),
      nextDecision_(site.start()),
      reached_(site.start()) {
  const Duration period = settings_.dlm.controlPeriod;
  if (period <= Duration::zero()) throw std::invalid_argument("direct DLM run: the period must be > 0");
  lastGridInstant_ = site.start() + (site.end() - site.start()) / period * period;
  for (const dlm::StationConfig& config : settings_.dlm.controller.stations) {
    physics::ChargingStationModel* model = site.stationModel(site.installation().device(config.deviceId));
    if (model == nullptr) {
      throw std::invalid_argument(fmt::format("direct DLM run: '{}' has no station model", config.name));
    }
    stations_.push_back(&model->station());
  }
  for (models::LoadModel* load : site.loadsMeasuredBy(site.installation().device(settings_.dlm.totalMeterId))) {
    loads_.push_back(Load{load, site.domesticStationOf(*load), site.start()});
  }
  // The stack schedules each command at its instant; here they are taken in time order.
  std::stable_sort(settings_.dlm.sessionCommands.begin(), settings_.dlm.sessionCommands.end(),
                   [](const dlm::SessionCommand& a, const dlm::SessionCommand& b) { return a.at < b.at; });
  observation_.stations.resize(stations_.size());
  controller_.setEventSink([this](const dlm::DlmEvent& event) { publish(event); });
}

void DirectDlmRun::runUntil(Time t) {
  t = std::min(t, site_->end());
  while (nextDecision_ <= t) {
    const Time at = nextDecision_;
    decideAt(at);
    nextDecision_ = settings_.mode == DirectMode::StepByStep ? at + settings_.dlm.controlPeriod : nextDecisionAfter(at);
  }
  if (t > reached_) {
    for (physics::ChargingStation* station : stations_) station->advanceTo(t);
    reached_ = t;
  }
}

dlm::RunKpis DirectDlmRun::finish() {
  dlm::RunKpis kpis = kpis_.finish(reached_);
  addGroundTruth(kpis, *site_);
  return kpis;
}

void DirectDlmRun::decideAt(Time t) {
  // The models to t in the engine's order: stations and loads update, then the domestic
  // sockets get their load (SimulatedSite::settleEachStep), then the DLM decides.
  for (physics::ChargingStation* station : stations_) station->advanceTo(t);
  for (Load& load : loads_) {
    if (settings_.mode == DirectMode::StepByStep || t >= load.stepDueAt) stepLoad(load, t);
  }
  for (; nextSessionCommand_ < settings_.dlm.sessionCommands.size() &&
         settings_.dlm.sessionCommands[nextSessionCommand_].at <= t;
       ++nextSessionCommand_) {
    dlm::applySessionCommand(controller_, settings_.dlm.sessionCommands[nextSessionCommand_]);
  }
  observe(t);
  const std::vector<dlm::Command>& commands = controller_.decide(observation_);
  kpis_.onDecision(observation_, controller_.zone(), controller_.sessionsHeldBack());
  for (const dlm::Command& command : commands) send(command, t);
  if (!commands.empty()) settlingUntil_ = t + settings_.dlm.controller.settleTime;
  reached_ = std::max(reached_, t);
  ++decisions_;
}

void DirectDlmRun::stepLoad(Load& load, Time t) {
  load.model->observe(t);
  load.model->update(t);
  if (load.domesticStation != nullptr) load.domesticStation->setDomesticLoad(t, load.model->currentRate());
  if (settings_.mode == DirectMode::StepByStep) return;
  // The rate drawn now holds until the profile changes; the step-by-step run sees a change
  // at the first grid instant at or after it.
  const std::optional<Time> change = load.model->nextChangeAfter(t, settings_.linearLoadTolerance);
  load.stepDueAt = change ? gridAtOrAfter(*change) : t + settings_.dlm.controlPeriod;
}

void DirectDlmRun::observe(Time t) {
  observation_.at = t;
  observation_.meter.valid = true;  // read from the model: never lost, never stale
  const Eigen::Vector3d currentsA = totalMeter_->instantaneousAt(t).state.currentA;
  for (std::size_t phase = 0; phase < observation_.meter.currentsA.size(); ++phase) {
    observation_.meter.currentsA[phase] = currentsA(static_cast<Eigen::Index>(phase));
  }
  for (std::size_t i = 0; i < stations_.size(); ++i) {
    const physics::StationSnapshot snapshot = stations_[i]->snapshotAt(t);
    dlm::StationObservation& seen = observation_.stations[i];
    seen.state = stateOf(snapshot.status);
    for (std::size_t phase = 0; phase < seen.currentsA.size(); ++phase) {
      seen.currentsA[phase] = snapshot.lineCurrentsA(static_cast<Eigen::Index>(phase));
    }
    seen.sessionEnergyWh = snapshot.sessionEnergyWh;
  }
}

void DirectDlmRun::send(const dlm::Command& command, Time t) {
  physics::ChargingStation& station = *stations_[command.station];
  switch (command.kind) {
    case dlm::Command::Kind::Start:
      // The setpoint first, so the vehicle starts at the allowed current, never above it.
      station.setCurrentSetpoint(t, command.setpointA);
      station.commandStart(t);
      break;
    case dlm::Command::Kind::Setpoint:
      station.setCurrentSetpoint(t, command.setpointA);
      break;
    case dlm::Command::Kind::Wait:
      station.commandWait(t);
      break;
  }
}

void DirectDlmRun::publish(const dlm::DlmEvent& event) {
  kpis_.onEvent(event);
  if (events_ == nullptr) return;
  const dlm::Settings& settings = controller_.settings();
  events_->onEvent(recording::Event{event.at, dlm::deviceIdOf(event, settings), "dlm", dlm::describe(event, settings)});
}

Time DirectDlmRun::gridAtOrAfter(Time at) const {
  const Time start = site_->start();
  if (at <= start) return start;
  if (at > lastGridInstant_) return kNone;
  const std::int64_t periodMicros = settings_.dlm.controlPeriod.count();
  const std::int64_t steps = ((at - start).count() + periodMicros - 1) / periodMicros;
  return start + steps * settings_.dlm.controlPeriod;
}

Time DirectDlmRun::nextDecisionAfter(Time t) const {
  const Time nextGrid = t + settings_.dlm.controlPeriod;
  // Commands change the controller's own state (one level per decision when raising) and
  // their effects show over the settle time: decide every period meanwhile, like the stack.
  if (t < settlingUntil_) return nextGrid;
  Time next = lastGridInstant_ > t ? lastGridInstant_ : kNone;  // the last observation of the run
  const auto consider = [&](Time gridInstant) {
    if (gridInstant > t && gridInstant < next) next = gridInstant;
  };
  consider(gridAtOrAfter(controller_.nextTimerAt()));
  for (const Load& load : loads_) consider(load.stepDueAt);
  for (const physics::ChargingStation* station : stations_) {
    const Time change = gridAtOrAfter(station->nextChangeAt());
    consider(change);
    // The step-by-step run's last observation before the change (a departing vehicle's last
    // session energy is what the KPIs keep).
    if (change != kNone) consider(change - settings_.dlm.controlPeriod);
  }
  if (nextSessionCommand_ < settings_.dlm.sessionCommands.size()) {
    consider(gridAtOrAfter(settings_.dlm.sessionCommands[nextSessionCommand_].at));
  }
  if (controller_.zone() == dlm::Zone::Red) consider(minimumChargeReachedAfter(t));
  return std::max(next, nextGrid);
}

Time DirectDlmRun::minimumChargeReachedAfter(Time t) const {
  const dlm::Settings& settings = settings_.dlm.controller;
  Time earliest = kNone;
  for (std::size_t i = 0; i < stations_.size(); ++i) {
    const dlm::SessionView& session = controller_.session(i);
    const dlm::StationObservation& seen = observation_.stations[i];
    if (!session.connected || seen.state != dlm::StationState::Charging || session.chargeAh >= settings.minChargeAh) {
      continue;
    }
    // Until the station's next change the session energy grows linearly (the taper aside,
    // which reports its own steps). The controller's Ah per Wh is fixed by the lines drawn;
    // before any charge, one line (the earliest the minimum can be reached).
    const Time change = stations_[i]->nextChangeAt();
    if (change == kNone) continue;
    const double nowWh = seen.sessionEnergyWh;
    const double thenWh = stations_[i]->snapshotAt(change).sessionEnergyWh;
    const double minimumWh = session.chargeAh > 0.0 && nowWh > 0.0 ? settings.minChargeAh * nowWh / session.chargeAh
                                                                  : settings.minChargeAh * settings.voltageV;
    if (thenWh < minimumWh || thenWh <= nowWh) continue;  // not before the change, itself a decision
    const double fractionOfTheWay = (minimumWh - nowWh) / (thenWh - nowWh);
    const Time reachedAt =
        t + Duration{static_cast<std::int64_t>(fractionOfTheWay * static_cast<double>((change - t).count()))};
    // The grid instant before as well: the rounding of reachedAt must not skip the instant the
    // step-by-step run crosses; the decision there looks again.
    const Time reached = gridAtOrAfter(reachedAt);
    if (reached == kNone) continue;
    earliest = std::min(earliest, std::max(reached - settings_.dlm.controlPeriod, t + settings_.dlm.controlPeriod));
  }
  return earliest;
}

}  // namespace ews::site

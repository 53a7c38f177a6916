#include "ews/stack/dlm_runner.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "ews/dlm/describe.hpp"

namespace ews::stack {

namespace {

constexpr std::array<std::string_view, 3> kPhaseCurrents = {"current.L1", "current.L2", "current.L3"};
/// The station's state register codes (models/physics station_codes.hpp, docs/register-maps.md).
dlm::StationState stateOfCode(double code) {
  switch (static_cast<int>(code)) {
    case 0: return dlm::StationState::Available;
    case 1: return dlm::StationState::Charging;
    case 2: return dlm::StationState::Waiting;
    case 3: return dlm::StationState::Error;
    case 4: return dlm::StationState::Complete;
    default: return dlm::StationState::Unknown;
  }
}

/// A reading the DLM may act on: read, good, and recent.
bool usable(const acquisition::Reading* reading, Time now, Duration maxAge) {
  return reading != nullptr && reading->quality == acquisition::Quality::Good && now - reading->at <= maxAge;
}

}  // namespace

std::vector<dlm::StationConfig> dlmStationsOf(const installation::Installation& installation,
                                              const std::vector<std::string>& priorityStations) {
  std::vector<dlm::StationConfig> stations;
  for (const installation::Device* device : installation.devices()) {
    if (device->family != installation::DeviceFamily::ChargingStation) continue;
    dlm::StationConfig station;
    station.deviceId = device->id;
    station.name = device->name;
    station.phases = device->phase ? 1 : 3;
    station.phaseIndex = device->phase ? static_cast<int>(*device->phase) : 0;
    const bool rated = device->catalogue != nullptr && device->catalogue->ratedCurrentA > 0.0;
    station.ratedCurrentA = rated ? device->catalogue->ratedCurrentA : (station.phases == 1 ? 16.0 : 32.0);
    station.priority = std::find(priorityStations.begin(), priorityStations.end(), device->name) != priorityStations.end();
    stations.push_back(std::move(station));
  }
  return stations;
}

DlmRunner::DlmRunner(Engine& engine, const installation::Installation& installation, acquisition::Poller& poller,
                     const acquisition::Measurements& measurements, DlmRunnerSettings settings,
                     recording::SampleSink* events)
    : engine_(&engine),
      installation_(&installation),
      poller_(&poller),
      measurements_(&measurements),
      settings_(std::move(settings)),
      events_(events),
      controller_(settings_.controller),
      kpis_(settings_.controller) {
  observation_.stations.resize(settings_.controller.stations.size());
  controller_.setEventSink([this](const dlm::DlmEvent& event) { publish(event); });
}

DlmRunner::~DlmRunner() {
  // The engine outlives a stack rebuilt on a configuration change: nothing may call back.
  if (controlTask_) engine_->cancelTask(*controlTask_);
  for (const EventId id : scheduledCommands_) engine_->cancel(id);
}

void DlmRunner::start() {
  if (started_) return;
  started_ = true;
  for (const SessionCommand& command : settings_.sessionCommands) {
    scheduledCommands_.push_back(engine_->schedule(std::max(command.at, engine_->now()), EventPhase::Input,
                                                   [this, command] { dlm::applySessionCommand(controller_, command); }));
  }
  // Publish phase: the decision sees every poll that completed at the same instant.
  controlTask_ = engine_->every(settings_.controlPeriod, engine_->now(), EventPhase::Publish, [this](Time t) { step(t); });
}

void DlmRunner::step(Time t) {
  observe(t);
  const auto& commands = controller_.decide(observation_);
  kpis_.onDecision(observation_, controller_.zone(), controller_.sessionsHeldBack());
  for (const dlm::Command& command : commands) send(command);
}

void DlmRunner::observe(Time t) {
  const Duration maxAge = controller_.settings().meterMaxAge;
  observation_.at = t;
  dlm::MeterObservation& meter = observation_.meter;
  meter.valid = measurements_->status(settings_.totalMeterId) == acquisition::DeviceStatus::On;
  for (std::size_t phase = 0; phase < kPhaseCurrents.size(); ++phase) {
    const acquisition::Reading* reading = measurements_->reading(settings_.totalMeterId, kPhaseCurrents[phase]);
    meter.valid = meter.valid && usable(reading, t, maxAge);
    meter.currentsA[phase] = reading != nullptr ? reading->value : 0.0;
  }
  const auto& stations = controller_.settings().stations;
  for (std::size_t i = 0; i < stations.size(); ++i) {
    dlm::StationObservation& seen = observation_.stations[i];
    const int id = stations[i].deviceId;
    const acquisition::Reading* state = measurements_->reading(id, "station.state");
    const bool readable = measurements_->status(id) == acquisition::DeviceStatus::On && usable(state, t, maxAge);
    seen.state = readable ? stateOfCode(state->value) : dlm::StationState::Unknown;
    for (std::size_t phase = 0; phase < kPhaseCurrents.size(); ++phase) {
      const acquisition::Reading* reading = measurements_->reading(id, kPhaseCurrents[phase]);
      seen.currentsA[phase] = readable && reading != nullptr ? reading->value : 0.0;
    }
    const acquisition::Reading* energy = measurements_->reading(id, "station.energy.active.import");
    seen.sessionEnergyWh = energy != nullptr ? energy->value : 0.0;
  }
}

void DlmRunner::send(const dlm::Command& command) {
  const int id = controller_.settings().stations[command.station].deviceId;
  switch (command.kind) {
    case dlm::Command::Kind::Start:
      // The setpoint first, so the vehicle starts at the allowed current, never above it.
      write(id, "station.setpointA", command.setpointA);
      write(id, "station.command.startWait", 1.0);
      break;
    case dlm::Command::Kind::Setpoint:
      write(id, "station.setpointA", command.setpointA);
      break;
    case dlm::Command::Kind::Wait:
      write(id, "station.command.startWait", 0.0);
      break;
  }
}

void DlmRunner::write(int deviceId, std::string_view quantity, double value) {
  poller_->write(deviceId, quantity, value, [this](const acquisition::WriteOutcome& outcome) {
    if (outcome.ok()) return;
    ++failedCommands_;
    if (events_ == nullptr) return;
    events_->onEvent(recording::Event{engine_->now(), outcome.deviceId, "dlm-command",
                                      fmt::format("writing {} = {:g} failed: {}", outcome.quantity, outcome.value,
                                                  outcome.describe())});
  });
}

void DlmRunner::publish(const dlm::DlmEvent& event) {
  kpis_.onEvent(event);
  if (events_ == nullptr) return;
  const dlm::Settings& settings = controller_.settings();
  events_->onEvent(recording::Event{event.at, dlm::deviceIdOf(event, settings), "dlm", dlm::describe(event, settings)});
}

}  // namespace ews::stack

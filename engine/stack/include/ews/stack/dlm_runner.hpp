#pragma once
// Runs the Green'Up DLM controller (engine/dlm) inside the EWS stack: every control period it
// builds the controller's observation from what the poller measured (the total meter and the
// stations, polled every cycle as DLM-critical devices), lets it decide, and sends its
// commands as register writes through the same poller and Link (docs/design.md decision 5). So the
// controller drives simulated stations in virtual time and real ones on site alike; stations
// follow after their response delay, and the next observations show it.
#include <functional>
#include <string>
#include <optional>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/acquisition/poller.hpp"
#include "ews/dlm/controller.hpp"
#include "ews/dlm/kpis.hpp"
#include "ews/dlm/runner.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/recording/sample.hpp"

namespace ews::stack {

/// What every DLM runner shares (engine/dlm): the management page's session commands and the
/// settings (also those of the direct runs of models/site).
using SessionCommand = dlm::SessionCommand;
using DlmRunnerSettings = dlm::RunnerSettings;

/// Every charging station of the installation, in device id order, with its phases and rated
/// current from the catalogue (16 A single-phase, 32 A three-phase when the catalogue has no
/// rating) and the priority named in `priorityStations` (7.16.5.2).
std::vector<dlm::StationConfig> dlmStationsOf(const installation::Installation& installation,
                                              const std::vector<std::string>& priorityStations);

class DlmRunner {
 public:
  /// All references must outlive the runner. `events` (may be null) receives the DLM's
  /// decisions and zone changes as "dlm" events and failed commands as "dlm-command" events.
  DlmRunner(Engine& engine, const installation::Installation& installation, acquisition::Poller& poller,
            const acquisition::Measurements& measurements, DlmRunnerSettings settings,
            recording::SampleSink* events);
  ~DlmRunner();
  DlmRunner(const DlmRunner&) = delete;
  DlmRunner& operator=(const DlmRunner&) = delete;

  /// Decides every control period from now on, after the polls of each instant.
  void start();

  dlm::Controller& controller() { return controller_; }
  const dlm::Controller& controller() const { return controller_; }
  const dlm::KpiCollector& kpis() const { return kpis_; }
  const DlmRunnerSettings& settings() const { return settings_; }
  /// The observation of the last decision.
  const dlm::Observation& lastObservation() const { return observation_; }
  /// Commands whose write did not succeed (after the poller's retries).
  std::uint64_t failedCommands() const { return failedCommands_; }

 private:
  void step(Time t);
  void observe(Time t);
  void send(const dlm::Command& command);
  void write(int deviceId, std::string_view quantity, double value);
  void publish(const dlm::DlmEvent& event);

  Engine* engine_;
  const installation::Installation* installation_;
  acquisition::Poller* poller_;
  const acquisition::Measurements* measurements_;
  DlmRunnerSettings settings_;
  recording::SampleSink* events_;
  dlm::Controller controller_;
  dlm::KpiCollector kpis_;
  dlm::Observation observation_;
  std::uint64_t failedCommands_ = 0;
  bool started_ = false;
  std::optional<TaskId> controlTask_;      ///< cancelled with the runner (a stack rebuilt)
  std::vector<EventId> scheduledCommands_;  ///< the management page's commands still to come
};

}  // namespace ews::stack

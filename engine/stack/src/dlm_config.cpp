#include "ews/stack/dlm_config.hpp"

#include <algorithm>

namespace ews::stack {

std::optional<DlmRunnerSettings> dlmRunnerSettingsOf(const scenario::Scenario& scenario,
                                                     const installation::Installation& installation) {
  const scenario::DlmSpec& spec = scenario.dlm;
  const installation::Device* meter = installation.findDevice(spec.totalMeter);
  if (!spec.on || meter == nullptr) return std::nullopt;
  DlmRunnerSettings settings;
  settings.totalMeterId = meter->id;
  settings.controlPeriod = scenario.run.controlPeriod;
  dlm::Settings& dlm = settings.controller;
  dlm.scope = spec.scope == scenario::DlmSpec::MeterScope::WholeSite ? dlm::MeterScope::WholeSite
                                                                     : dlm::MeterScope::ChargingOnly;
  dlm.maxCurrentA = spec.maxCurrentA;
  dlm.maxChargingCurrentA = spec.maxChargingCurrentA;
  dlm.hysteresisPct = spec.hysteresisPct;
  dlm.firstStepPct = spec.firstStepPct;
  dlm.secondStepPct = spec.secondStepPct;
  dlm.minChargeAh = spec.minChargeAh;
  dlm.loadControl = spec.loadControl;
  dlm.controlLogic = spec.controlLogic;
  dlm.holdTime = spec.holdTime;
  dlm.waitingTime = spec.waitingTime;
  dlm.skipTime = spec.skipTime;
  dlm.settleTime = spec.settleTime;
  dlm.stations = dlmStationsOf(installation, spec.priorityStations);
  for (const scenario::DlmOverrideSpec& command : spec.overrides) {
    const auto station = std::find_if(dlm.stations.begin(), dlm.stations.end(),
                                      [&](const dlm::StationConfig& s) { return s.name == command.station; });
    // The loader has checked that the station exists and is a charging station.
    settings.sessionCommands.push_back(SessionCommand{
        command.at, static_cast<std::size_t>(station - dlm.stations.begin()), command.start, command.priority});
  }
  return settings;
}

}  // namespace ews::stack

#include "ews/stack/scenario_settings.hpp"

#include "ews/stack/dlm_config.hpp"

namespace ews::stack {

StackSettings stackSettingsOf(const scenario::Scenario& scenario, const installation::Installation& installation) {
  StackSettings settings;
  settings.recorder.sampleRate = scenario.ews.sampleRate;
  settings.recorder.gasKWhPerM3 = scenario.ews.gasKWhPerM3;
  settings.recorder.tariffs = scenario.tariffs.plan;  // the recorder prices every row (docs/tariffs.md)
  settings.dlm = dlmRunnerSettingsOf(scenario, installation);
  settings.slaveServer = scenario.ews.modbus.tcpServer;
  return settings;
}

}  // namespace ews::stack

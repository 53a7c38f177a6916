#pragma once
// What every runner of the controller shares (the EWS stack's DlmRunner over Modbus, the
// direct runs of models/site): its settings, and the commands of the Green'Up management page
// (manual 8.3.2) that a scenario's `dlm.overrides` become, given to the controller before the
// decision of their instant.
#include <cstddef>
#include <optional>
#include <vector>

#include "ews/dlm/controller.hpp"
#include "ews/dlm/settings.hpp"
#include "ews/kernel/time.hpp"

namespace ews::dlm {

/// A command of the management page (8.3.2) for the session in progress at a station.
struct SessionCommand {
  Time at{};
  std::size_t station = 0;       ///< index in Settings::stations
  std::optional<bool> start;     ///< Start (true) / Wait (false)
  std::optional<bool> priority;  ///< Priority (true) / Normal (false)
};

struct RunnerSettings {
  Settings controller;  ///< stations filled (stack::dlmStationsOf)
  int totalMeterId = 0;
  /// How often the controller decides; the stack's poller reads the DLM-critical devices once
  /// per cycle.
  Duration controlPeriod = seconds(1);
  /// Given to the controller at their instants, before that instant's decision.
  std::vector<SessionCommand> sessionCommands;
};

/// Gives the command's Start/Wait and Priority/Normal to the controller.
void applySessionCommand(Controller& controller, const SessionCommand& command);

}  // namespace ews::dlm

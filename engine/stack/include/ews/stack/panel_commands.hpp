#pragma once
// The commands of the panel board page (manual 8.2.1): which writable fields of a device's map a
// user may write from the page, and the values each accepts. The DLM's own registers (a
// station's start/wait and setpoint) are not among them: the Green'Up management page acts
// through the controller (8.3.2), which then writes them itself.
#include <string>
#include <string_view>
#include <vector>

#include "ews/acquisition/poll_plan.hpp"

namespace ews::stack {

/// The quantities (without the device's prefix) the page may write on a polled device, in map
/// order: EMS CX3 control orders, power supervision output commands and configuration, a
/// station's plug enables.
std::vector<std::string> panelCommandsOf(const acquisition::DevicePlan& plan);

/// Whether `quantity` is a panel command of `plan`'s device (false for a readable-only field,
/// a DLM register, a field the map lacks).
bool isPanelCommand(const acquisition::DevicePlan& plan, std::string_view quantity);

/// Empty when the field takes `value`, else why not: the on/off and mode fields take 0 or 1,
/// an ON time whole seconds within its register.
std::string panelValueError(const acquisition::DevicePlan& plan, std::string_view quantity, double value);

}  // namespace ews::stack

#pragma once
// The DLM's events as the run trace's event table shows them ("'CP 03' reduced at first_step
// (12 A), 4.20 Ah", "zone green -> yellow"): one wording for every runner (the EWS stack's
// DlmRunner over Modbus, the direct runs of models/site), so their event lists compare as text.
#include <string>

#include "ews/dlm/controller.hpp"
#include "ews/dlm/settings.hpp"

namespace ews::dlm {

/// `settings` names the station of a station event.
std::string describe(const DlmEvent& event, const Settings& settings);
/// The device an event is about: its station's device id, 0 for a site event (zone, fail-safe).
int deviceIdOf(const DlmEvent& event, const Settings& settings);

}  // namespace ews::dlm

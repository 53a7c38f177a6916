#pragma once
// The Green'Up DLM parameters as a Python dict (snake_case names with units), and a copy of the
// settings with some of them changed, for Engine.dlm_settings() / Engine.set_dlm(**changes).
#include <pybind11/pybind11.h>

#include "ews/dlm/settings.hpp"

namespace ews::python {

/// Every parameter Python may read and change: max_current_a, max_charging_current_a,
/// hysteresis_pct, first_step_pct, second_step_pct, min_charge_ah, voltage_v (floats),
/// load_control, control_logic (bools), hold_time_s, waiting_time_s, skip_time_s,
/// settle_time_s, meter_max_age_s (seconds).
pybind11::dict settingsDict(const dlm::Settings& settings);

/// `settings` with `changes` applied (names as settingsDict; durations as seconds, a timedelta
/// or a text like "90s"). KeyError for an unknown name, TypeError for a value of the wrong type.
/// The controller checks the result (std::invalid_argument naming the field).
dlm::Settings withChanges(dlm::Settings settings, const pybind11::dict& changes);

}  // namespace ews::python

#pragma once
// The stack's settings from a scenario (sample rate, gas factor, tariffs, DLM): the same
// translation for `ews run`, `ews live`, sweeps and Python.
#include "ews/installation/installation.hpp"
#include "ews/scenario/scenario.hpp"
#include "ews/stack/ews_stack.hpp"

namespace ews::stack {

StackSettings stackSettingsOf(const scenario::Scenario& scenario, const installation::Installation& installation);

}  // namespace ews::stack

#pragma once
// The DLM runner's settings from a scenario's `dlm:` section (docs/scenario-format.md) and the
// installation it manages: the same translation for `ews run`, `ews live`, sweeps and Python.
#include <optional>

#include "ews/installation/installation.hpp"
#include "ews/scenario/scenario.hpp"
#include "ews/stack/dlm_runner.hpp"

namespace ews::stack {

/// nullopt when the DLM is OFF (or has no total meter in the installation).
std::optional<DlmRunnerSettings> dlmRunnerSettingsOf(const scenario::Scenario& scenario,
                                                     const installation::Installation& installation);

}  // namespace ews::stack

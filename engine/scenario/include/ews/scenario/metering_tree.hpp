#pragma once
// The metering tree of a scenario: which meters measure which devices (the `downstream` lists
// of the device sims). Its tops are the site's main meters; its use here is finding
// double counting in the totals (manual 7.16.1.4, "Exclude from totals"): a device counted in
// the grand total that sits downstream of another counted device (the `downstream` lists of the
// device sims) has its consumption counted twice. The manual leaves the choice to the
// installer, so these are warnings, never errors.
#include <string>
#include <vector>

#include "ews/kernel/diagnostic.hpp"
#include "ews/scenario/scenario.hpp"

namespace ews::scenario {

/// One warning per counted device found downstream (directly or through other meters) of a
/// counted meter, at the downstream device's entry, naming both devices.
std::vector<Diagnostic> doubleCountingWarnings(const Scenario& scenario);

/// The main meters: counted devices with a `downstream` list that no other device lists, in
/// scenario order. What the grand total of a well-configured site equals.
std::vector<std::string> mainMeters(const Scenario& scenario);

}  // namespace ews::scenario

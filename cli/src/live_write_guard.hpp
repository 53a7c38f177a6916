#pragma once
// The write guard of `ews live` (docs/live.md, "Writing to real devices"): commands go to a real
// device only through a map taken from the vendor's table, or through a modelled map the
// configuration opts in to; at start the command says which devices it will write to, and
// through which maps.
#include <cstdio>

#include "ews/installation/installation.hpp"
#include "ews/scenario/scenario.hpp"
#include "ews/stack/ews_stack.hpp"

namespace ews::cli {

/// Turns on the poller's write guard and prints, to `out` (nullptr: nothing), one line per
/// device that has writable registers: written or not, through which map and why.
void guardLiveWrites(stack::EwsStack& ews, const scenario::Scenario& scenario,
                     const installation::Installation& installation, std::FILE* out);

}  // namespace ews::cli

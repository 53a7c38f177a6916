#pragma once
// The parts of `ews run` shared by its two ways of running: on a scenario file into --out, and
// on a data folder (--data, run_data_command.cpp).
#include <memory>
#include <optional>

#include "commands.hpp"
#include "ews/run/site_data.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::cli {

/// The --seed, --duration, --clock and --speed options; prints the error and returns nullopt.
std::optional<site::RunOverrides> parseOverrides(const RunOptions& options);
/// Runs the site to its end with a progress bar (unless quiet); false when a signal stopped it.
bool runSliced(site::SimulatedSite& site, bool quiet);
/// The configuration in force of `data` as a scenario continuing from its last stored sample
/// (what happened before it belongs to the runs already stored).
scenario::Scenario resumedScenario(const run::SiteData& data);
/// The simulated site of `data` from its last stored sample (resumedScenario); prints the
/// diagnostics, sets `exitCode` and returns null when the scenario does not validate.
std::unique_ptr<site::SimulatedSite> resumedSite(const run::SiteData& data, const site::RunOverrides& overrides,
                                                 int& exitCode);
/// `ews run --data DIR`.
int runRunOnData(const RunOptions& options, const site::RunOverrides& overrides);

}  // namespace ews::cli

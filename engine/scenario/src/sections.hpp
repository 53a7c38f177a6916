#pragma once
// One parser per top-level section of a scenario file. Each reads its keys from the top-level
// MapReader into the Scenario, reporting problems to the reader's sink; checkReferences then
// resolves the names that tie sections together.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ews/scenario/scenario.hpp"
#include "yaml_reader.hpp"

namespace ews::scenario::detail {

/// Where a DeviceSimSpec was written: under a device (`sim:`, its name is filled once the
/// installation's default names are known) or in the top-level `deviceSims` list.
struct SimOrigin {
  std::string path;  ///< dotted path of the sim entry, for messages
  std::optional<std::pair<std::size_t, std::size_t>> device;  ///< (gateway, device) indices when nested
};

/// `ews`: the box settings, and `ews.variant` into scenario.installation.variant.
void readEwsSection(MapReader& top, Scenario& scenario);

/// `run`. Returns the zone in which the scenario's local date-times are written
/// (run.timezone, else ews.timezone), or null when it is invalid (already reported).
const date::time_zone* readRunSection(MapReader& top, Scenario& scenario);

/// `installation`. Appends the nested `sim:` entries to scenario.deviceSims and their origins.
void readInstallationSection(MapReader& top, Scenario& scenario, std::vector<SimOrigin>& simOrigins);

/// The fields of one device sim entry (shared by nested `sim:` and top-level `deviceSims`).
DeviceSimSpec readDeviceSim(DiagnosticSink& sink, const Located& entry, bool withDeviceKey);

/// Top-level `deviceSims`.
void readDeviceSims(MapReader& top, Scenario& scenario, std::vector<SimOrigin>& simOrigins);

/// `loadProfiles`; trace files are read now, relative to the scenario file, their date-times
/// in `zone` and their offsets from the run start.
void readLoadProfiles(MapReader& top, Scenario& scenario, const date::time_zone* zone);

/// `sessions`, with date-times in `zone`.
void readSessions(MapReader& top, Scenario& scenario, const date::time_zone* zone);

/// `faults`, with date-times in `zone`; an absent window is the whole run.
void readFaults(MapReader& top, Scenario& scenario, const date::time_zone* zone);

/// `dlm`, with the date-times of its overrides in `zone`.
void readDlm(MapReader& top, Scenario& scenario, const date::time_zone* zone);

/// `tariffs`: per energy, tariffs and cost rules, or the single `flatPrice` of older versions
/// (migrated to the DEFAULT tariff); checked with tariff::problemsOf at the fields' positions.
void readTariffs(MapReader& top, Scenario& scenario);

/// `slaves`: the slave scenario files this EWS reads as a Master, each through a virtual gateway.
void readSlaves(MapReader& top, Scenario& scenario);

/// Each slave's gateway is a virtual gateway of the installation, read by one slave only.
void checkSlaveGateways(const Scenario& scenario, DiagnosticSink& sink);

/// Fills the session fields left for the station to decide (phases, maxPowerKW), once the
/// station names are resolved; sessions whose station is not a charging station are left alone.
void resolveSessionDefaults(Scenario& scenario);

/// Name references between sections, on names after installation::applyDefaultNames.
void checkReferences(const Scenario& scenario, const std::vector<SimOrigin>& simOrigins, DiagnosticSink& sink);

}  // namespace ews::scenario::detail

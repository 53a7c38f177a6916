#pragma once
// The device models the EWS lists per family (manual 5, "Compatible devices"), with the
// capabilities the configuration rules and the rest of the stack need.
//
// A model is named as the EWS model list names it: its catalogue number ("4 120 53"), or a
// label where the manual gives none ("DPX3 630 electronic with measurement", "Gas counter",
// "Generic Modbus meter", "WSMEASURE"). Lookups ignore spaces and letter case.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "ews/installation/spec.hpp"

namespace ews::installation {

struct CatalogueModel {
  DeviceFamily family = DeviceFamily::EnergyCounter;
  std::string_view number;  ///< the model as listed; empty for "Configuration" (model not set)
  std::string_view description;

  /// Has an energy history that adds up in totals: false for state/control modules,
  /// supervision I/O and breakers without an integrated measurement unit.
  bool measuresEnergy = true;
  /// THD or THD + harmonics measurement: may be a gateway's EQ device.
  bool hasThd = false;
  /// Pulse inputs hosting pulse counters at this device's Modbus address (0: none).
  int pulseInputCount = 0;
  /// Pulse-output meters: what the pulses count; nullopt when any medium may be wired.
  std::optional<Medium> pulseMedium;
  /// Charging stations: fed by one phase, which must then be stated.
  bool singlePhase = false;
  /// Old-range two-sided stations: both sides answer on one Modbus address, told apart by
  /// side 1/2. New-range two-sided stations have one address per side and are not marked.
  bool sidesShareAddress = false;
  /// Charging stations: rated current per phase.
  double ratedCurrentA = 0.0;
  /// The supply (current) direction is a setting of this model: EMS CX3 4 149 19/20/23 and
  /// the circuit breakers (manual 7.16.1.3). Elsewhere it is ignored.
  bool needsSupply = false;
  /// Reports alerts the user may exclude ("Exclude alerts": EMS CX3, DPX3, DMX3).
  bool raisesAlerts = false;

  /// False for the stand-in of a device whose model is not set.
  bool isConfigured() const { return !number.empty(); }
};

/// Something pulse counters are wired to. A concentrator is not a device of its own: the
/// pulse counters wired to it use its Modbus address with their position (manual 7.16.1.3).
struct PulseConcentrator {
  std::string_view number;
  std::string_view description;
  int pulseInputCount = 0;
};

/// Every listed model, grouped by family in the order of manual 5.
std::span<const CatalogueModel> catalogue();

/// The pulse concentrators a pulse counter may name.
std::span<const PulseConcentrator> pulseConcentrators();

/// The listed models of one family.
std::vector<const CatalogueModel*> modelsOf(DeviceFamily family);

/// The entry of `model` within `family`; nullptr when it is not listed there.
const CatalogueModel* findModel(DeviceFamily family, std::string_view model);

/// What the rules may assume of a device of `family` whose model is not set: the family's
/// usual capabilities, with isConfigured() false.
const CatalogueModel& unconfiguredModel(DeviceFamily family);

/// The entry describing a device: its listed model, unconfiguredModel() when the model is
/// empty, nullptr when the model is given but unknown in that family.
const CatalogueModel* resolveModel(DeviceFamily family, std::string_view model);

/// The concentrator, or energy counter with pulse inputs, a pulse counter may name in its
/// `concentrator` field (with its canonical spelling); nullopt when `number` is neither.
std::optional<PulseConcentrator> findPulseHost(std::string_view number);

/// The family as the scenario format spells it ("energy-counter"), for messages.
std::string_view familyName(DeviceFamily family);

/// "electricity", "water" or "gas", as the scenario format and the output files spell it.
std::string_view mediumName(Medium medium);

}  // namespace ews::installation

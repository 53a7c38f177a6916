#pragma once
// What a device says it is: the `ident.*` registers every shipped map ends with
// (docs/register-maps.md, "Identification"). The poller reads them when a device is first
// reached and after each reconnection and compares them with the configured model (a
// contradiction is a "Configuration error": the device is never written); `ews scan` reads
// them to tell which device answers an address.
//
// A register holds numbers, a catalogue model is a name: `ident.model` carries a model code.
// A catalogue number ("4 120 53", "0 590 00": six digits) is its digits as an integer (412053,
// 59000); a model known by name only ("DPX3 250 electronic") is 1 000 000 + its position in
// the installation catalogue. `ident.firmware` is the firmware version as major.minor
// (u16 x 0.01: 1.02).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <span>

#include "ews/installation/spec.hpp"
#include "ews/profiles/read_plan.hpp"
#include "ews/profiles/register_map.hpp"

namespace ews::profiles {

inline constexpr std::string_view kIdentPrefix = "ident.";
inline constexpr std::string_view kIdentModel = "ident.model";
inline constexpr std::string_view kIdentFirmware = "ident.firmware";
/// Named models' codes start here (above every six-digit catalogue number).
inline constexpr std::uint32_t kNamedModelCodeBase = 1'000'000;

/// Whether a profile field is an identification register (read at first contact, not polled).
bool isIdentification(std::string_view fieldName);

/// The code of a catalogue model or pulse concentrator; nullopt for a model the catalogue
/// does not know (spaces and case ignored, as installation::findModel does).
std::optional<std::uint32_t> modelCodeOf(installation::DeviceFamily family, std::string_view model);

/// The same, for a model of any family (a scenario's `identifiesAs` names a model, not a
/// family): the first family whose catalogue has it, then the pulse concentrators.
std::optional<std::uint32_t> modelCodeOf(std::string_view model);

/// What a code names: the catalogue's spelling of the model and its family (a pulse
/// concentrator reads as PulseCounter); nullopt for a code no model has.
struct IdentifiedModel {
  installation::DeviceFamily family = installation::DeviceFamily::EnergyCounter;
  std::string number;
  std::string description;
};
std::optional<IdentifiedModel> modelOfCode(std::uint32_t code);

/// The one request reading a map's identification: ident.model and, when the map has it next
/// to it, ident.firmware; nullopt for a map without ident.model.
struct IdentificationRead {
  ReadBlock read;
  std::size_t modelField = 0;
  std::optional<std::size_t> firmwareField;
};
std::optional<IdentificationRead> identificationReadOf(const RegisterMap& map);

/// What an identification read answered (`buffer`: the block's words).
struct DeviceIdentity {
  std::uint32_t modelCode = 0;
  std::optional<double> firmware;
};
DeviceIdentity decodeIdentity(const RegisterMap& map, const IdentificationRead& plan, std::span<const std::uint16_t> buffer);

/// "4 120 53" for a known code, "unknown model code 123" otherwise: for messages.
std::string describeModelCode(std::uint32_t code);

}  // namespace ews::profiles

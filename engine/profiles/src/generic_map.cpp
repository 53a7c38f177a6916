// The manual's "Generic Modbus meter" (7.16.1.3) as a register map built from four user fields.
#include <fmt/format.h>

#include <array>
#include <cmath>

#include "ews/installation/catalogue.hpp"
#include "ews/profiles/register_map.hpp"

namespace ews::profiles {

namespace {
// Words -> type: the natural unsigned integer of that width. Energy counters never go
// negative ("positive active energy only"), and 3 words are a 48-bit counter.
constexpr std::array kTypeOfWords = {Type::U16, Type::U32, Type::U48, Type::U64};
constexpr std::uint32_t kAddressSpaceEnd = 0x10000;
}  // namespace

RegisterMap RegisterMap::generic(int functionCode, int registerAddress, int words, double multiplier) {
  const SourceLoc where{"<generic Modbus meter>", 0, 0};
  std::vector<Diagnostic> problems;
  const auto problem = [&](std::string field, std::string reason) {
    problems.push_back(Diagnostic{where, std::move(field), std::move(reason)});
  };
  if (functionCode != 3 && functionCode != 4) {
    problem("generic.functionCode",
            fmt::format("must be 3 (holding registers) or 4 (input registers), got {}", functionCode));
  }
  const bool wordsValid = words >= 1 && words <= 4;
  if (!wordsValid) problem("generic.words", fmt::format("must be between 1 and 4, got {}", words));
  if (registerAddress < 0 || registerAddress > 0xFFFF) {
    problem("generic.registerAddress", fmt::format("must be between 0x0000 and 0xFFFF, got {}", registerAddress));
  } else if (wordsValid && static_cast<std::uint32_t>(registerAddress + words) > kAddressSpaceEnd) {
    problem("generic.registerAddress",
            fmt::format("register 0x{:04X} with {} words runs past the last address 0xFFFF", registerAddress, words));
  }
  if (!std::isfinite(multiplier) || multiplier <= 0.0) {
    problem("generic.multiplier", fmt::format("must be a finite number greater than 0, got {}", multiplier));
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));

  Field field;
  field.name = "energy.active.import";
  field.address = static_cast<std::uint16_t>(registerAddress);
  field.readFunction = static_cast<link::Function>(functionCode);
  field.type = kTypeOfWords[static_cast<std::size_t>(words - 1)];
  field.wordOrder = WordOrder::Big;  // the four fields give no word order: the Modbus convention
  field.scale = multiplier;
  field.unit = "Wh";
  field.access = Access::Read;

  ProfileInfo info;
  info.id = "generic-modbus";
  info.family = installation::DeviceFamily::GenericModbus;
  const auto* model = installation::findModel(info.family, "Generic Modbus meter");
  info.models.emplace_back(model != nullptr ? model->number : "Generic Modbus meter");
  info.modelLocs.push_back(where);
  info.provenance.kind = ProvenanceKind::Configured;  // the installer typed the register from the device's documentation
  info.description = fmt::format("generic Modbus meter: function {}, register 0x{:04X}, {} words, x{}", functionCode,
                                 registerAddress, words, multiplier);
  info.loc = where;
  return RegisterMap(std::move(info), {std::move(field)});
}

RegisterMap RegisterMap::generic(const installation::GenericRegisterSpec& spec) {
  return generic(spec.functionCode, spec.registerAddress, spec.words, spec.multiplier);
}

}  // namespace ews::profiles

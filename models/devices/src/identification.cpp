#include "ews/devices/identification.hpp"

#include "ews/installation/elements.hpp"
#include "ews/profiles/identification.hpp"

namespace ews::devices {

namespace {
enum Code : std::uint32_t { kModel, kFirmware };
}

ServedIdentity configuredIdentity(const installation::Device& device) {
  return ServedIdentity{profiles::modelCodeOf(device.family, device.model).value_or(0), kDefaultFirmware};
}

std::optional<std::uint32_t> Identification::bind(std::string_view name) {
  if (name == profiles::kIdentModel) return kModel;
  if (name == profiles::kIdentFirmware) return kFirmware;
  return std::nullopt;
}

double Identification::value(std::uint32_t code) const {
  return code == kModel ? static_cast<double>(identity_.modelCode) : identity_.firmware;
}

}  // namespace ews::devices

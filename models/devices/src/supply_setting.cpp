#include "ews/devices/supply_setting.hpp"

#include "ews/installation/elements.hpp"

namespace ews::devices {

SupplySetting::SupplySetting(const installation::Device* device)
    : Behaviour(device), downstream_(device != nullptr && device->supply == installation::Supply::Downstream) {}

std::optional<std::uint32_t> SupplySetting::bind(std::string_view name) {
  if (name == "supply.direction") return 0u;
  return std::nullopt;
}

link::ExceptionCode SupplySetting::write(std::uint32_t, double value, Time) {
  if (value != 0.0 && value != 1.0) return link::ExceptionCode::IllegalDataValue;
  downstream_ = value == 1.0;
  return link::ExceptionCode::None;
}

}  // namespace ews::devices

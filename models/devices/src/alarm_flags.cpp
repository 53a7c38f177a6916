#include "ews/devices/alarm_flags.hpp"

namespace ews::devices {

std::optional<std::uint32_t> AlarmFlags::bind(std::string_view name) {
  if (name == "alarm.flags") return 0u;
  return std::nullopt;
}

}  // namespace ews::devices

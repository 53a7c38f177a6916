// The small derived values of the settings sections (ports, ids).
#include <array>

#include "ews/sitedb/settings.hpp"

namespace ews::sitedb {

std::uint16_t EmailSettings::effectivePort() const {
  if (smtpPort) return *smtpPort;
  switch (security) {
    case Security::None:
      return 25;
    case Security::StartTls:
      return 587;
    case Security::Tls:
      break;
  }
  return 465;
}

std::string_view alertKindId(AlertKind kind) {
  // Indexed by AlertKind; stored in the alerts section: never rename one.
  static constexpr std::array<std::string_view, kAlertKindCount> kIds{
      "state_change", "measure_threshold", "configuration_error", "communication_error", "chart_threshold"};
  return kIds[static_cast<std::size_t>(kind)];
}

}  // namespace ews::sitedb

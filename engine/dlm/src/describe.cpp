#include "ews/dlm/describe.hpp"

#include <fmt/format.h>

namespace ews::dlm {

std::string describe(const DlmEvent& event, const Settings& settings) {
  using Kind = DlmEvent::Kind;
  switch (event.kind) {
    case Kind::Zone:
      return fmt::format("zone {} -> {}", zoneName(event.from), zoneName(event.to));
    case Kind::FailSafe:
      return event.on ? "fail-safe on: total meter unreadable" : "fail-safe off: total meter readable again";
    default:
      break;
  }
  const std::string& station = settings.stations[event.station].name;
  switch (event.kind) {
    case Kind::Authorised:
    case Kind::Reduced:
    case Kind::Raised:
      return fmt::format("'{}' {} at {} ({:g} A), {:.2f} Ah", station, eventKindName(event.kind),
                         levelName(event.level), event.setpointA, event.chargeAh);
    default:
      return fmt::format("'{}' {}, {:.2f} Ah", station, eventKindName(event.kind), event.chargeAh);
  }
}

int deviceIdOf(const DlmEvent& event, const Settings& settings) {
  const bool aboutStation = event.kind != DlmEvent::Kind::Zone && event.kind != DlmEvent::Kind::FailSafe;
  return aboutStation ? settings.stations[event.station].deviceId : 0;
}

}  // namespace ews::dlm

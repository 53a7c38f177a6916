#include "ews/devices/turnaround.hpp"

namespace ews::devices {

Duration turnaroundOf(const profiles::Unit& unit) {
  using installation::DeviceFamily;
  if (unit.kind == profiles::UnitKind::EmsInterface) return kEmsInterfaceTurnaround;
  if (unit.kind == profiles::UnitKind::PulseHost) return kMeterTurnaround;
  if (unit.devices.empty()) return kMeterTurnaround;
  switch (unit.devices.front()->family) {
    case DeviceFamily::EmsMeasure:
    case DeviceFamily::EmsStateControl:
    case DeviceFamily::PowerSupervision: return kModuleTurnaround;
    case DeviceFamily::Breaker: return kBreakerTurnaround;
    case DeviceFamily::ChargingStation: return kStationTurnaround;
    default: return kMeterTurnaround;
  }
}

}  // namespace ews::devices

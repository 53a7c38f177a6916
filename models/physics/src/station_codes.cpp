#include "ews/physics/station_codes.hpp"

namespace ews::physics {

std::string_view nameOf(StationStatus status) {
  switch (status) {
    case StationStatus::Available: return "available";
    case StationStatus::Charging: return "charging";
    case StationStatus::Waiting: return "waiting";
    case StationStatus::Error: return "error";
    case StationStatus::Complete: return "complete";
  }
  return "unknown";
}

std::string_view nameOf(StationError error) {
  switch (error) {
    case StationError::None: return "none";
    case StationError::SupplyVoltage: return "supply-voltage";
    case StationError::OverTemperature: return "over-temperature";
    case StationError::ResidualCurrent: return "residual-current";
    case StationError::ContactorFault: return "contactor-fault";
    case StationError::MeterFault: return "meter-fault";
    case StationError::LockingFault: return "locking-fault";
    case StationError::InternalFault: return "internal-fault";
  }
  return "unknown";
}

std::string_view nameOf(ChargeError error) {
  switch (error) {
    case ChargeError::None: return "none";
    case ChargeError::PilotFault: return "pilot-fault";
    case ChargeError::VentilationRequired: return "ventilation-required";
    case ChargeError::DiodeMissing: return "diode-missing";
    case ChargeError::EvOvercurrent: return "ev-overcurrent";
    case ChargeError::CableFault: return "cable-fault";
    case ChargeError::PlugNotLocked: return "plug-not-locked";
    case ChargeError::EarthFault: return "earth-fault";
  }
  return "unknown";
}

std::string_view nameOf(ChargeEnd end) {
  switch (end) {
    case ChargeEnd::None: return "none";
    case ChargeEnd::TargetReached: return "target-reached";
    case ChargeEnd::BatteryFull: return "battery-full";
    case ChargeEnd::Departure: return "departure";
  }
  return "unknown";
}

}  // namespace ews::physics

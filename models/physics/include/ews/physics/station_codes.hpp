#pragma once
// The codes a Green'Up charging station reports: its state (manual 8.3, selection button item
// 4: available / charging / wait mode), its station errors and charge errors (manual 8.2.1,
// maintenance pages "Station errors" and "Charge errors"). The manual does not list the error
// codes; these are a plausible set built from what an IEC 61851 Mode 3 station can detect,
// documented in docs/physics.md. Values are stable: the register maps encode them.
#include <cstdint>
#include <string_view>

namespace ews::physics {

enum class StationStatus : std::uint8_t {
  Available = 0,  ///< no vehicle: ready to start a charging process
  Charging = 1,   ///< a vehicle draws current
  Waiting = 2,    ///< a vehicle is connected but does not draw: not authorised (Wait), paused
                  ///< (setpoint under 6 A), EV plug disabled, or about to start
  Error = 3,      ///< a station or charge error is active
  Complete = 4,   ///< a vehicle is connected, its charge is over (target reached, battery full);
                  ///< not a pending request, so the DLM must not make room for it
};

enum class StationError : std::uint8_t {
  None = 0,
  SupplyVoltage = 1,    ///< mains voltage out of range or phase missing
  OverTemperature = 2,  ///< internal temperature too high
  ResidualCurrent = 3,  ///< the station's RCD (or 6 mA DC leakage detector) tripped
  ContactorFault = 4,   ///< contactor welded or failing to close
  MeterFault = 5,       ///< the internal energy meter does not answer
  LockingFault = 6,     ///< the socket's locking actuator failed
  InternalFault = 7,    ///< internal board communication or self-test failure
};

enum class ChargeError : std::uint8_t {
  None = 0,
  PilotFault = 1,           ///< control pilot state E/F: vehicle not responding or short circuit
  VentilationRequired = 2,  ///< vehicle asks for ventilation (state D), not supported
  DiodeMissing = 3,         ///< no diode on the pilot circuit of the vehicle
  EvOvercurrent = 4,        ///< the vehicle draws more than the pilot allows
  CableFault = 5,           ///< proximity (PP) resistor missing or invalid
  PlugNotLocked = 6,        ///< the plug could not be locked at the start
  EarthFault = 7,           ///< earth continuity lost during the charge
};

/// Why the last charge ended.
enum class ChargeEnd : std::uint8_t {
  None = 0,           ///< no charge ended yet (or one is in progress)
  TargetReached = 1,  ///< the vehicle reached its target SOC or took the energy it wanted
  BatteryFull = 2,    ///< the BMS ended the charge: acceptance under the end-of-charge current
  Departure = 3,      ///< the vehicle left before either
};

std::string_view nameOf(StationStatus status);
std::string_view nameOf(StationError error);
std::string_view nameOf(ChargeError error);
std::string_view nameOf(ChargeEnd end);

}  // namespace ews::physics

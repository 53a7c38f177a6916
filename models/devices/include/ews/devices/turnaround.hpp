#pragma once
// How long a simulated unit takes between the end of a request and the start of its answer
// (models::SimDevice::turnaround, counted by the SimLink after the request's t3.5). The
// figures are the twin's assumptions, not measurements (docs/devices.md): docs/design.md's RS485 timing
// reference sweep takes 5 ms per meter.
#include "ews/profiles/addressing.hpp"
#include "ews/kernel/time.hpp"

namespace ews::devices {

/// EMDX3 energy counters and multifunction meters, pulse concentrators, generic meters.
inline constexpr Duration kMeterTurnaround = milliseconds(5);
/// EMS CX3 modules addressed directly, and the power supervision I/O devices.
inline constexpr Duration kModuleTurnaround = milliseconds(5);
/// An EMS CX3 interface relaying to a module over its EMS bus (remote addressing).
inline constexpr Duration kEmsInterfaceTurnaround = milliseconds(10);
/// Breakers, read through their communication interface (4 210 75, 0 288 05).
inline constexpr Duration kBreakerTurnaround = milliseconds(10);
/// Green'Up stations (their controller, or the communication kit 0 590 56).
inline constexpr Duration kStationTurnaround = milliseconds(10);

Duration turnaroundOf(const profiles::Unit& unit);

}  // namespace ews::devices

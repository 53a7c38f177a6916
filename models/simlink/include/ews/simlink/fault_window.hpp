#pragma once
// A communication fault injected on a SimLink over a window of simulated time. The kinds are
// the scenario's (FaultSpec::Kind); the lead resolves a scenario target name to a unit id
// (devices) or to the SimLink itself (gateways).
#include <cstdint>
#include <optional>
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"
#include "ews/scenario/scenario.hpp"

namespace ews::simlink {

using FaultKind = scenario::FaultSpec::Kind;

struct FaultWindow {
  FaultKind kind = FaultKind::Timeout;
  std::optional<std::uint8_t> unitId;  ///< nullopt: every unit on the line (always so for GatewayDown)
  Time from{};  ///< first instant inside the window
  Time to{};    ///< first instant after it: the window is [from, to)
  /// Per transaction, for Timeout, CrcError and Exception; DeviceOffline and GatewayDown are
  /// states, not events, and take 1 only.
  double probability = 1.0;
  link::ExceptionCode exception = link::ExceptionCode::ServerDeviceFailure;  ///< Exception only

  bool coversTime(Time t) const { return from <= t && t < to; }
  bool coversUnit(std::uint8_t unit) const { return !unitId || *unitId == unit; }
  bool covers(std::uint8_t unit, Time t) const { return coversUnit(unit) && coversTime(t); }
  /// Decided by a random draw (0 < p < 1) rather than always (p >= 1) or never (p <= 0).
  bool uncertain() const { return probability > 0.0 && probability < 1.0; }
};

/// Empty when valid, else the reason (to <= from, probability outside [0, 1], a probability
/// on a state kind, a unit on GatewayDown, no exception code on Exception, unit id > 247).
std::string validateFaultWindow(const FaultWindow& fault);

/// The window of a scenario fault aimed at `unitId` (nullopt for a gateway or a whole line).
FaultWindow faultWindowFrom(const scenario::FaultSpec& spec, std::optional<std::uint8_t> unitId);

std::string_view faultKindName(FaultKind kind);

}  // namespace ews::simlink

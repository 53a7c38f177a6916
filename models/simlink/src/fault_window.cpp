#include "ews/simlink/fault_window.hpp"

#include <fmt/format.h>

namespace ews::simlink {

namespace {
bool isState(FaultKind kind) {
  return kind == FaultKind::DeviceOffline || kind == FaultKind::GatewayDown || kind == FaultKind::InstallationError;
}
}  // namespace

std::string_view faultKindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::Timeout: return "timeout";
    case FaultKind::CrcError: return "crc";
    case FaultKind::Exception: return "exception";
    case FaultKind::DeviceOffline: return "device-offline";
    case FaultKind::GatewayDown: return "gateway-down";
    case FaultKind::InstallationError: return "installation-error";
  }
  return "unknown";
}

std::string validateFaultWindow(const FaultWindow& fault) {
  const auto kind = faultKindName(fault.kind);
  if (fault.to <= fault.from) {
    return fmt::format("{} fault: window end {} is not after its start {}", kind, formatUtc(fault.to),
                       formatUtc(fault.from));
  }
  if (!(fault.probability >= 0.0 && fault.probability <= 1.0)) {  // also refuses NaN
    return fmt::format("{} fault: probability {} is outside 0..1", kind, fault.probability);
  }
  if (isState(fault.kind) && fault.probability != 1.0) {
    return fmt::format("{} fault: a state, not a per-transaction event: probability must be 1", kind);
  }
  if (fault.kind == FaultKind::GatewayDown && fault.unitId) {
    return fmt::format("{} fault: takes the whole gateway, not unit {}", kind, *fault.unitId);
  }
  if (fault.unitId && *fault.unitId > 247) return fmt::format("{} fault: unit id {} is out of range 0..247", kind, *fault.unitId);
  if (fault.kind == FaultKind::Exception && fault.exception == link::ExceptionCode::None) {
    return fmt::format("{} fault: needs an exception code", kind);
  }
  return {};
}

FaultWindow faultWindowFrom(const scenario::FaultSpec& spec, std::optional<std::uint8_t> unitId) {
  return {.kind = spec.kind,
          .unitId = unitId,
          .from = spec.from,
          .to = spec.to,
          .probability = spec.probability,
          .exception = spec.kind == FaultKind::Exception ? static_cast<link::ExceptionCode>(spec.exceptionCode)
                                                         : link::ExceptionCode::None};
}

}  // namespace ews::simlink

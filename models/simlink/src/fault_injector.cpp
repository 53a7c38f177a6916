#include "ews/simlink/fault_injector.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace ews::simlink {

FaultInjector::FaultInjector(RngStream linkRng) {
  // One key from the link's stream; each unit's stream then depends on that key and its id only.
  const std::uint64_t linkKey = linkRng.nextU64();
  unitRng_.reserve(kUnitIds);
  for (std::size_t unit = 0; unit < kUnitIds; ++unit) unitRng_.emplace_back(linkKey, fmt::format("unit-{}", unit));
}

void FaultInjector::add(const FaultWindow& fault) {
  if (auto reason = validateFaultWindow(fault); !reason.empty()) throw std::invalid_argument(reason);
  windows_.push_back(fault);
}

FaultVerdict FaultInjector::evaluate(std::uint8_t unitId, Time requestTime, Time lineStart) {
  FaultVerdict verdict;
  const FaultWindow* timeout = nullptr;
  const FaultWindow* crc = nullptr;
  const FaultWindow* exception = nullptr;
  for (const FaultWindow& window : windows_) {
    if (window.kind == FaultKind::GatewayDown) {
      verdict.gatewayDown = verdict.gatewayDown || window.coversTime(requestTime);
      continue;
    }
    if (!window.covers(unitId, lineStart)) continue;
    // Draw for every uncertain covering window, even when the outcome is already decided, so
    // the number of draws never depends on other windows' outcomes.
    const bool fires = window.uncertain() ? unitRng_[unitId].bernoulli(window.probability) : window.probability >= 1.0;
    if (!fires) continue;
    switch (window.kind) {
      case FaultKind::DeviceOffline: verdict.deviceOffline = true; break;
      case FaultKind::Timeout: timeout = timeout ? timeout : &window; break;
      case FaultKind::CrcError: crc = crc ? crc : &window; break;
      case FaultKind::Exception: exception = exception ? exception : &window; break;
      case FaultKind::GatewayDown: break;  // handled above
      case FaultKind::InstallationError: break;  // the device's alarm bits, not the link's (never added)
    }
  }
  if (timeout) {
    verdict.injected = FaultKind::Timeout;
  } else if (crc) {
    verdict.injected = FaultKind::CrcError;
  } else if (exception) {
    verdict.injected = FaultKind::Exception;
    verdict.exception = exception->exception;
  }
  return verdict;
}

}  // namespace ews::simlink

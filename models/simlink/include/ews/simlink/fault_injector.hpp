#pragma once
// Decides which injected faults hit one transaction of a SimLink.
//
// Determinism (docs/design.md decision 3): every unit id of the line has its own random stream, derived
// from the link's stream and the unit id. A transaction to unit u draws exactly one number from
// u's stream for each uncertain window (0 < p < 1) covering u at the transaction's line start,
// in the order the windows were added, whatever the outcome. Therefore, for a given seed:
//  * traffic to other units, devices attached elsewhere, windows on other units and certain
//    windows (p = 0 or 1) never change the draws of unit u;
//  * the k-th draw of unit u is the same in two runs as long as the same transactions of u
//    fall in uncertain windows — even when the line timing differs (a DLM setting that adds
//    writes to a station does not re-randomise the meter polled on the same line).
#include <cstdint>
#include <optional>
#include <vector>

#include "ews/kernel/rng.hpp"
#include "ews/kernel/time.hpp"
#include "ews/simlink/fault_window.hpp"

namespace ews::simlink {

/// What the active windows do to one transaction. At most one of the per-transaction kinds
/// applies: Timeout over CrcError over Exception (the earliest failure wins — a lost request
/// cannot also be answered corrupted).
struct FaultVerdict {
  bool gatewayDown = false;    ///< evaluated at the request instant
  bool deviceOffline = false;  ///< evaluated at the line start
  std::optional<FaultKind> injected;  ///< Timeout, CrcError or Exception
  link::ExceptionCode exception = link::ExceptionCode::None;  ///< when injected == Exception
};

class FaultInjector {
 public:
  /// Unit streams are keyed by one draw of `linkRng`, so they depend only on the link's stream.
  explicit FaultInjector(RngStream linkRng);

  /// Throws std::invalid_argument with validateFaultWindow's reason.
  void add(const FaultWindow& fault);
  bool empty() const { return windows_.empty(); }
  const std::vector<FaultWindow>& windows() const { return windows_; }

  /// `requestTime`: when the caller asked (gateway state); `lineStart`: when the transaction
  /// takes the line (every other kind, and the draws).
  FaultVerdict evaluate(std::uint8_t unitId, Time requestTime, Time lineStart);

 private:
  static constexpr std::size_t kUnitIds = 248;  // 0 (broadcast) .. 247
  std::vector<FaultWindow> windows_;
  std::vector<RngStream> unitRng_;  // kUnitIds streams, index = unit id
};

}  // namespace ews::simlink

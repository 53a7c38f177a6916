#pragma once
// Counters of one SimLink: how many transactions, how they ended, how long the line was busy.
#include <array>
#include <cstddef>
#include <cstdint>

#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"

namespace ews::simlink {

inline constexpr std::size_t kStatusCount = static_cast<std::size_t>(link::Status::InvalidRequest) + 1;

struct SimLinkStats {
  std::uint64_t transactions = 0;  ///< every transact() call, invalid requests included
  std::array<std::uint64_t, kStatusCount> byStatus{};  ///< index = link::Status
  /// Time the gateway and its line were held by transactions (adapter latency, frames,
  /// silences, turnarounds, timeouts waited); queueing is not busy time.
  Duration busy{};

  std::uint64_t count(link::Status status) const { return byStatus[static_cast<std::size_t>(status)]; }
  /// Busy share of `elapsed` (0 when elapsed <= 0).
  double utilisation(Duration elapsed) const {
    return elapsed.count() > 0 ? static_cast<double>(busy.count()) / static_cast<double>(elapsed.count()) : 0.0;
  }
};

}  // namespace ews::simlink

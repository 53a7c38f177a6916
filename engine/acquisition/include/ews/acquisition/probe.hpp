#pragma once
// The "Test" button of the gateway and device pages (manual 7.16.1.2/7.16.1.3: "Click Test to
// verify the correct operation of the communication"): one read of the device's first block
// through its line, reported as the page shows it.
#include <cstdint>
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"

namespace ews::acquisition {

struct ProbeResult {
  bool ok = false;
  link::Status status = link::Status::Ok;
  link::ExceptionCode exception = link::ExceptionCode::None;
  Duration roundTrip{};         ///< from the request to its outcome (waiting for a busy line included)
  std::uint16_t values = 0;     ///< registers (or bits) read when ok
  bool bits = false;            ///< the values are coils or discrete inputs
  /// "Test OK: 6 registers in 17.4 ms", "Test failed: timeout after 300 ms",
  /// "Test failed: exception 2 (illegal data address) after 20.1 ms", or why nothing was sent.
  std::string text;
};

/// The page's text for a probe of `count` values (`bits`: coils or discrete inputs).
ProbeResult probeResultOf(const link::Result& result, std::uint16_t count, bool bits);
/// A probe that could not be sent (no line, no profile): `reason` says why.
ProbeResult probeNotSent(const std::string& reason);
/// "17.4 ms", "300 ms" (tenths of a millisecond, trailing ".0" dropped).
std::string formatMilliseconds(Duration duration);

}  // namespace ews::acquisition

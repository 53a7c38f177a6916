#include "ews/acquisition/probe.hpp"

#include <fmt/format.h>

namespace ews::acquisition {

std::string formatMilliseconds(Duration duration) {
  // Rounded to 0.1 ms in integers (docs/design.md decision 1), then printed.
  const std::int64_t tenths = (toMicros(duration) + 50) / 100;
  if (tenths % 10 == 0) return fmt::format("{} ms", tenths / 10);
  return fmt::format("{}.{} ms", tenths / 10, tenths % 10);
}

ProbeResult probeResultOf(const link::Result& result, std::uint16_t count, bool bits) {
  ProbeResult probe;
  probe.ok = result.ok();
  probe.status = result.status;
  probe.exception = result.exception;
  probe.roundTrip = result.duration;
  probe.bits = bits;
  if (probe.ok) {
    probe.values = count;
    probe.text = fmt::format("Test OK: {} {}{} in {}", count, bits ? "bit" : "register", count == 1 ? "" : "s",
                             formatMilliseconds(result.duration));
  } else {
    probe.text = fmt::format("Test failed: {} after {}", link::describe(result), formatMilliseconds(result.duration));
  }
  return probe;
}

ProbeResult probeNotSent(const std::string& reason) {
  ProbeResult probe;
  probe.status = link::Status::InvalidRequest;
  probe.text = "Test failed: " + reason;
  return probe;
}

}  // namespace ews::acquisition

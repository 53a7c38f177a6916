#pragma once
// The sample grid of the EWS: multiples of the sample rate since the Unix epoch, so 10 min
// samples fall on xx:00, xx:10, ... whatever the start. The same rule as models/site's
// SampleRecorder, so the ground truth and the polled history line up row for row.
#include "ews/kernel/time.hpp"

namespace ews::history::detail {

/// The first grid instant strictly after `start`.
inline Time firstSampleAfter(Time start, Duration sampleRate) {
  const std::int64_t periodMicros = sampleRate.count();
  const std::int64_t startMicros = toMicros(start);
  // Floor division that is also right for instants before the epoch.
  std::int64_t index = startMicros / periodMicros;
  if (startMicros % periodMicros < 0) --index;
  return timeFromMicros((index + 1) * periodMicros);
}

}  // namespace ews::history::detail

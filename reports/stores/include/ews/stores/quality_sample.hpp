#pragma once
// Extension records for the CSV tree's <ID>_thd, <ID>_harmonics and <ID>_state files
// (manual 8.4.3.1). recording::DeviceSample carries energy and statistics only; the
// acquisition does not publish power-quality or state readings yet. These records are what
// CsvTreeWriter accepts for them, proposed for ews/recording/sample.hpp once the recorder
// produces them (the lead decides; see docs/csv-tree.md).
#include <span>
#include <string_view>

namespace ews::stores {

/// Total harmonic distortion of one quantity at a sample instant.
struct ThdSample {
  int deviceId = 0;
  std::string_view quantity;  ///< e.g. "voltage.L1", "current.L2"
  double thdPercent = 0.0;
};

/// Harmonic spectrum of one quantity: percent of the fundamental for ranks firstRank, +1, ...
struct HarmonicsSample {
  int deviceId = 0;
  std::string_view quantity;
  int firstRank = 2;
  std::span<const double> percentOfFundamental;
};

/// A state input or output (EMS CX3 state/control modules, breaker position, trip).
struct StateSample {
  int deviceId = 0;
  std::string_view channel;  ///< e.g. "input.1", "breaker.position"
  int state = 0;             ///< the raw state value as read (0/1 for contacts)
};

}  // namespace ews::stores

#pragma once
// The figures of one `ews run`: written to summary.json (deterministic: no wall-clock data)
// and printed on the console.
#include <cstdint>
#include <string>
#include <vector>

#include "ews/site/simulated_site.hpp"
#include "ews/site/site_totals.hpp"
#include "recorded_totals.hpp"

namespace ews::cli {

struct DeviceFigure {
  int id;
  std::string name;
  std::string medium;
  std::string load;
  bool excludedFromTotals;
  double counter;  ///< Wh, or dm3
};

struct RunSummary {
  std::string scenarioName;
  std::uint64_t seed = 0;
  std::string timezone;
  Time start{};
  Time end{};
  Time reached{};
  bool completed = true;
  Duration sampleRate{};
  std::uint64_t eventsDispatched = 0;
  std::uint64_t samples = 0;
  std::size_t gateways = 0;
  std::size_t devices = 0;
  std::vector<DeviceFigure> recordedDevices;  ///< ground truth of every simulated device
  site::SiteTotals recorded;     ///< what the EWS stack polled and recorded
  site::SiteTotals groundTruth;  ///< the simulation's exact counters, for comparison
};

RunSummary summarizeRun(site::SimulatedSite& site, const RecordedTotals& recorded, bool completed);
/// Atomic write (temporary file + rename).
void writeRunSummaryJson(const std::string& path, const RunSummary& summary);
void printRunSummary(const RunSummary& summary);

}  // namespace ews::cli

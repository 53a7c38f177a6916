#pragma once
// The figures of one `ews run` or `ews live`: written to summary.json (deterministic: no wall-clock data)
// and printed on the console.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ews/site/simulated_site.hpp"
#include "ews/site/site_totals.hpp"
#include "dlm_report.hpp"
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

/// A main meter (the top of the metering tree, ews/scenario/metering_tree.hpp): what a
/// well-configured site's grand total equals, shown beside it so double counting is seen.
struct MainMeterFigure {
  std::string name;
  double recordedWh = 0.0;     ///< what the EWS recorded from it
  double groundTruthWh = 0.0;  ///< its simulated counter
};

/// What the EWS last read from a device (`ews live`: there is no ground truth to show).
struct PolledDevice {
  int id;
  std::string name;
  std::string status;                  ///< "on", "off", "communication error"
  std::optional<double> counter;       ///< last energy register read (Wh); none: never read or no such register
  std::optional<double> consumption;   ///< accumulated since the first reading (Wh, or dm3)
};

/// The bill of one energy over the run (manual 8.2.2.5): its grand total's cost per tariff.
struct EnergyCost {
  std::string energy;    ///< "electricity", "water", "gas"
  std::string currency;  ///< ISO 4217
  std::vector<std::pair<std::string, double>> byTariff;  ///< tariff name -> cost
  double total = 0.0;
  double unpriced = 0.0;  ///< consumption no rule or price covered (Wh, or dm3)
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
  /// The simulation's exact counters, for comparison; none for a live site.
  std::optional<site::SiteTotals> groundTruth;
  std::vector<MainMeterFigure> mainMeters;
  std::vector<PolledDevice> polledDevices;  ///< live only: what the acquisition last read
  std::optional<DlmReport> dlm;             ///< when the DLM is ON
  std::vector<EnergyCost> costs;            ///< the energies with tariffs
};

RunSummary summarizeRun(site::SimulatedSite& site, const RecordedTotals& recorded, bool completed);
/// The grand totals' costs of every energy that has tariffs in `scenario`.
std::vector<EnergyCost> costsOf(const RecordedTotals& recorded, const scenario::Scenario& scenario);
/// The recorded grand totals and partials per load and group.
site::SiteTotals siteTotalsOf(const RecordedTotals& recorded);
/// Atomic write (temporary file + rename).
void writeRunSummaryJson(const std::string& path, const RunSummary& summary);
void printRunSummary(const RunSummary& summary);

}  // namespace ews::cli

#pragma once
// The site database benchmarks' site (bench/sitedb_bench.cpp, bench/make_ten_year_db.cpp): the
// 255-device reference site (scenarios/reference-255.yaml) with two electricity tariffs added
// (the shipped file has none), and the rows its EWS stack really records at each sample -
// captured from a short virtual-time run of the stack polling the simulated site, as `ews run`
// composes it.
#include <span>
#include <string>
#include <vector>

#include "ews/kernel/time.hpp"
#include "ews/recording/sample.hpp"
#include "ews/sitedb/history_writer.hpp"
#include "sitedb_history_generator.hpp"

namespace ews::bench {

/// reference-255.yaml with a `tariffs:` section of two electricity tariffs (Peak 06:00-21:59,
/// Off-peak otherwise, every day), as scenario YAML text.
std::string referenceSiteWithTariffsYaml();

/// One sample instant's rows, owning everything the recording spans point to.
struct CapturedInstant {
  Time at{};
  std::vector<recording::DeviceSample> samples;
  std::vector<recording::AggregateSample> aggregates;
  /// Storage of the rows' costByTariff spans (2 per electricity row).
  std::vector<std::vector<double>> costs;
};

struct ReferenceRows {
  std::string timeZone;
  Duration sampleRate{};
  std::vector<CapturedInstant> instants;
  /// What the writer stores with each instant (SiteHost's resume source): the acquisition's
  /// counters and the recorder's baselines at the end of the run.
  sitedb::ResumeState resume;
};

/// Runs the reference site with tariffs in virtual time for `samples` sample intervals (plus
/// the start) and returns the rows of each instant. Takes about a second per hour of site time.
ReferenceRows captureReferenceRows(int samples);

/// Every subject the rows add to (a device row's device, an aggregate's load, group or total,
/// and GasWhEquivalent beside the gas total), priced when its rows carry costs, with its mean
/// consumption per hour over the captured instants (the first, before any reading, left out).
std::vector<HistorySubject> historySubjectsOf(const ReferenceRows& rows);

}  // namespace ews::bench

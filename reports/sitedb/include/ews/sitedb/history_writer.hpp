#pragma once
// The consumption and cost history of the pages, written into the site database at each
// sample (docs/site-database.md, "History"): a SampleSink beside the CSV tree and the HDF5
// trace. Every row goes at once to its buckets at the five resolutions of docs/history.md, in
// the site's local calendar; one SQLite transaction per sample instant also stores what a
// restart resumes from (the acquisition's counters, the recorder's baselines) and the instant
// itself, so after a crash the database holds whole instants only, and a restart neither
// loses nor repeats consumption.
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/history/recorder.hpp"
#include "ews/history/series.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/recording/sample.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::sitedb {

/// What the engine side hands the writer with each instant, for a restart.
struct ResumeState {
  std::vector<acquisition::CounterState> counters;
  history::RecorderState recorder;
};

/// What a restart reads back (resume.hpp turns it into the stack's starting state).
struct StoredResume {
  Time lastSample{};
  std::vector<acquisition::CounterState> counters;
  history::RecorderState recorder;  ///< lastSample, and each device's baseline
};

/// What the site database keeps (docs/history.md, "Retention"): the in-memory defaults, with
/// the sample-rate rows kept 400 days instead of two, so a 15-minute data download (manual
/// 8.5.1) of the last 13 months is complete (docs/reports.md, "Steps"; the disk it costs there).
history::Retention siteRetention();

class HistoryWriter final : public recording::SampleSink {
 public:
  /// `db` (read-write) and `zone` must outlive the writer. Buckets older than `retention`
  /// counts back from the latest sample are deleted, hour by hour.
  HistoryWriter(const Database& db, const TimeZone& zone, history::Retention retention = {});
  ~HistoryWriter() override;
  HistoryWriter(const HistoryWriter&) = delete;
  HistoryWriter& operator=(const HistoryWriter&) = delete;

  /// Called when an instant is committed; its state is stored in the same transaction.
  void setResumeSource(std::function<ResumeState()> source);

  /// Rows of an instant at or before the last one stored are ignored (a replay after a
  /// restart): counted in rejectedInstants().
  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override;
  /// Adds the aggregates and commits the instant.
  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override;
  void onEvent(const recording::Event& event) override;

  /// Commits an instant whose aggregates never came (the stack stopped in between).
  void flush();
  std::optional<Time> lastStoredSample() const;
  std::uint64_t rejectedInstants() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What the database says a restart continues from; nullopt when nothing was ever sampled.
std::optional<StoredResume> loadResume(const Database& db);

/// Writes an event in its own transaction (configuration changes, user changes): `author`
/// names who made it.
void appendEvent(const Database& db, const recording::Event& event, std::string_view author);

}  // namespace ews::sitedb

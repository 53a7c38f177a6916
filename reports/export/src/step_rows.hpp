#pragma once
// The time steps of a download (manual 8.5.1: 15 minutes, 1 hour, 1 day) and each series' value
// in them, read from the site database a block at a time: a local day of 15-minute or hourly
// rows, a local month of daily rows. Hours and days are the stored hour and day buckets (the
// pages' own queries); 15-minute steps add up the stored sample rows whose interval ends in
// them (docs/reports.md, "Steps").
#include <cstddef>
#include <vector>

#include "ews/export/report_data.hpp"
#include "ews/history/history_queries.hpp"
#include "ews/history/local_calendar.hpp"

namespace ews::exporting::detail {

/// A run of consecutive local days, read and written together.
struct DayBlock {
  history::LocalDate first;
  history::LocalDate last;  ///< included
};

class StepRows {
 public:
  /// `queries` must outlive the object.
  StepRows(const history::HistoryQueries& queries, const TimeZone& zone, DataStep step);

  /// The blocks covering [first, last]: one per day (15 min, 1 h) or per month (1 day).
  std::vector<DayBlock> blocks(history::LocalDate first, history::LocalDate last) const;
  /// The UTC instants the steps of `block` begin at (a 15-minute day has 92, 96 or 100 of them
  /// in a zone with DST; an hourly one 23, 24 or 25).
  std::vector<Time> starts(const DayBlock& block) const;
  /// The values of `series` in the steps of `block`, one per start.
  std::vector<history::BucketValue> values(history::SeriesKey series, const DayBlock& block) const;
  /// How many steps [first, last] has (for the progress).
  std::size_t countSteps(history::LocalDate first, history::LocalDate last) const;

 private:
  const history::HistoryQueries& queries_;
  history::LocalCalendar calendar_;
  DataStep step_;
};

/// The local day after `date`.
history::LocalDate nextDay(history::LocalDate date);

}  // namespace ews::exporting::detail

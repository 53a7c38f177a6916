#pragma once
// A site database holding ten years of history, made without running ten years: the buckets
// table is filled directly, through one prepared INSERT in large transactions, with exactly
// what the history's Retention keeps (docs/history.md) after ten years of samples ending at
// `end`, for every subject given:
//
//   resolution  rows per subject (10 min samples, Europe/Paris)   kept from
//   sample      288 per day x 2 days (+1)                           keysOf(end - 2 d)
//   hour        24 per day x 62 days (+1)                           keysOf(end - 62 d)
//   day         732 (+1)                                            keysOf(end - 732 d)
//   month       120 (+1)                                            keysOf(end - 3653 d)
//   year        11 (every year touched by the ten years)            all
//
// (each cut is the writer's: the bucket holding the horizon's instant is kept whole). Every
// bucket is what the writer would have accumulated: the sum of its sample rows' values, their
// count in `samples`, no gaps. Values follow one deterministic shape (a working-day profile by
// local hour, lower at weekends, with a hashed +-10 % noise), scaled per subject to its mean
// per hour; a priced subject's two costs split each hour's value by a Peak (06:00-21:59) /
// Off-peak tariff. Coarser buckets are exact sums of the finer ones, so page totals agree
// across resolutions as on a real site. The meta table gets `last_sample_us` = end and the
// `dropped_below_<resolution>` marks, as the writer leaves them.
//
// Limits: sample rates that divide an hour (the reference's 10 min); zones whose offsets are
// whole hours (hour buckets are stepped in UTC hours).
#include <cstdint>
#include <vector>

#include "ews/history/series.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/time.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::bench {

struct HistorySubject {
  history::SeriesKind kind = history::SeriesKind::Device;
  int id = 0;                ///< device, load or group id; 0 for totals
  double meanPerHour = 0.0;  ///< average consumption per hour (Wh or dm3)
  bool priced = false;       ///< fills cost0 (Peak) and cost1 (Off-peak)
};

struct GeneratedHistory {
  std::uint64_t rows = 0;  ///< buckets inserted
  double seconds = 0.0;    ///< wall time of the generation (transactions and final checkpoint)
  Time first{};            ///< the first sample instant of the ten years
  Time end{};              ///< the last one
};

/// Fills the (empty) buckets table of `db` (read-write) as described above. `end` is floored to
/// the sample grid.
GeneratedHistory generateTenYearHistory(const sitedb::Database& db, const std::vector<HistorySubject>& subjects,
                                        const TimeZone& zone, Time end, Duration sampleRate,
                                        const history::Retention& retention = {});

}  // namespace ews::bench

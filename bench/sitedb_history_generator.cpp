#include "sitedb_history_generator.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "ews/history/local_calendar.hpp"

namespace ews::bench {

namespace {

using history::Resolution;

constexpr double kPeakPrice = 0.2068;     // per kWh, as the benchmarks' tariffs
constexpr double kOffPeakPrice = 0.1615;
constexpr std::uint64_t kRowsPerTransaction = 200'000;

/// One bucket of the shape shared by every subject (a subject's bucket is it x its mean).
struct ShapeBucket {
  std::int64_t key = 0;
  double weight = 0.0;      ///< sum of the hourly weights it covers (mean weight ~ 1 per hour)
  double peakWeight = 0.0;  ///< the part of `weight` in Peak hours
  std::uint32_t samples = 0;
};

/// splitmix64: the hashed noise, deterministic across platforms.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// The weight of the local hour starting at `hourStart`: a working-day profile, lower at
/// weekends, +-10 % noise; averages about 1.
double hourWeight(const TimeZone& zone, Time hourStart) {
  const auto hourOfDay = static_cast<int>(zone.timeOfDay(hourStart) / hours(1));
  const unsigned weekday = zone.weekday(hourStart);
  double weight = (hourOfDay >= 7 && hourOfDay < 19) ? 1.5 : 0.5;
  if (weekday == 0 || weekday == 6) weight *= 0.6;
  const double noise = static_cast<double>(mix(static_cast<std::uint64_t>(toMicros(hourStart))) >> 11) * 0x1.0p-53;
  return weight * (0.9 + 0.2 * noise) * 1.15;
}

bool peakHour(const TimeZone& zone, Time hourStart) {
  const auto hourOfDay = zone.timeOfDay(hourStart) / hours(1);
  return hourOfDay >= 6 && hourOfDay < 22;
}

/// Adds `weight` to the bucket `key` of a list filled in ascending key order.
void add(std::vector<ShapeBucket>& buckets, std::int64_t key, double weight, double peakWeight, std::uint32_t samples) {
  if (buckets.empty() || buckets.back().key != key) buckets.push_back({key, 0.0, 0.0, 0});
  ShapeBucket& bucket = buckets.back();
  bucket.weight += weight;
  bucket.peakWeight += peakWeight;
  bucket.samples += samples;
}

}  // namespace

GeneratedHistory generateTenYearHistory(const sitedb::Database& db, const std::vector<HistorySubject>& subjects,
                                        const TimeZone& zone, Time end, Duration sampleRate,
                                        const history::Retention& retention) {
  if (sampleRate <= Duration::zero() || hours(1) % sampleRate != Duration::zero()) {
    throw std::invalid_argument("generateTenYearHistory: the sample rate must divide an hour");
  }
  const auto began = std::chrono::steady_clock::now();
  const history::LocalCalendar calendar(zone);
  GeneratedHistory generated;
  generated.end = end - (end.time_since_epoch() % sampleRate);
  const Time last = generated.end;
  // Ten years of whole UTC hours ending with the hour that holds the last sample.
  const Time lastHourEnd = last + (hours(1) - last.time_since_epoch() % hours(1)) % hours(1);
  const Time firstHour = lastHourEnd - days(3653);
  generated.first = firstHour + sampleRate;
  const auto samplesPerHour = static_cast<std::uint32_t>(hours(1) / sampleRate);

  // The cuts of Retention, as the writer's compaction computes them at `last`.
  std::array<std::int64_t, history::kResolutionCount> cut{};
  for (std::size_t r = 0; r < history::kResolutionCount; ++r) {
    const Duration horizon = history::horizonOf(retention, static_cast<Resolution>(r));
    cut[r] = horizon == Duration::max() ? std::numeric_limits<std::int64_t>::min() : calendar.keysOf(last - horizon)[r];
  }

  // The shape, per resolution, over the kept buckets: one time-zone lookup per hour.
  std::array<std::vector<ShapeBucket>, history::kResolutionCount> shape;
  for (Time hour = firstHour; hour < lastHourEnd; hour += hours(1)) {
    const double weight = hourWeight(zone, hour);
    const double peak = peakHour(zone, hour) ? weight : 0.0;
    // Every sample of the hour (hour + rate ... hour + 1 h) files under the hour's keys.
    const auto keys = calendar.keysOfSampleAt(hour + hours(1));
    std::uint32_t samples = samplesPerHour;
    if (hour + hours(1) > last) samples = static_cast<std::uint32_t>((last - hour) / sampleRate);
    const double fraction = static_cast<double>(samples) / samplesPerHour;
    for (std::size_t r = 1; r < history::kResolutionCount; ++r) {
      if (keys[r] >= cut[r]) add(shape[r], keys[r], weight * fraction, peak * fraction, samples);
    }
    for (std::uint32_t k = 1; k <= samples; ++k) {
      const Time at = hour + sampleRate * k;
      if (toMicros(at) >= cut[0]) add(shape[0], toMicros(at), weight / samplesPerHour, peak / samplesPerHour, 1);
    }
  }

  std::vector<HistorySubject> ordered = subjects;  // the primary key's order: B-tree appends
  std::sort(ordered.begin(), ordered.end(), [](const HistorySubject& a, const HistorySubject& b) {
    return std::pair(static_cast<int>(a.kind), a.id) < std::pair(static_cast<int>(b.kind), b.id);
  });
  sitedb::Statement insert = db.prepare(
      "INSERT INTO buckets(kind, subject, resolution, key, value, unpriced, cost0, cost1, cost2, cost3, cost4, samples, gaps) "
      "VALUES(?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, 0, 0, 0, ?8, 0)");
  auto transaction = std::make_unique<sitedb::Transaction>(db);
  std::uint64_t inTransaction = 0;
  for (const HistorySubject& subject : ordered) {
    for (std::size_t r = 0; r < history::kResolutionCount; ++r) {
      for (const ShapeBucket& bucket : shape[r]) {
        const double value = subject.meanPerHour * bucket.weight;
        const double peakValue = subject.meanPerHour * bucket.peakWeight;
        const double cost0 = subject.priced ? peakValue / 1000.0 * kPeakPrice : 0.0;
        const double cost1 = subject.priced ? (value - peakValue) / 1000.0 * kOffPeakPrice : 0.0;
        insert.bind(1, static_cast<int>(subject.kind)).bind(2, subject.id).bind(3, static_cast<int>(r));
        insert.bind(4, bucket.key).bind(5, value).bind(6, cost0).bind(7, cost1);
        insert.bind(8, static_cast<std::int64_t>(bucket.samples));
        insert.run();
        ++generated.rows;
        if (++inTransaction == kRowsPerTransaction) {
          transaction->commit();
          transaction = std::make_unique<sitedb::Transaction>(db);
          inTransaction = 0;
        }
      }
    }
  }
  db.setMeta("last_sample_us", std::to_string(toMicros(last)));
  for (std::size_t r = 0; r + 1 < history::kResolutionCount; ++r) {
    db.setMeta("dropped_below_" + std::to_string(r), std::to_string(cut[r]));
  }
  transaction->commit();
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  generated.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return generated;
}

}  // namespace ews::bench

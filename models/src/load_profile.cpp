#include "ews/models/load_profile.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "ews/kernel/rng.hpp"

namespace ews::models {

namespace {

using Kind = scenario::LoadProfileSpec::Kind;
using Bump = LoadProfile::Bump;
using Points = std::vector<std::pair<Duration, double>>;

/// Linear interpolation between two breakpoints at `at` (prevAt <= at <= nextAt).
double interpolate(Duration prevAt, double prevW, Duration nextAt, double nextW, Duration at) {
  if (nextAt == prevAt) return prevW;
  return prevW + (nextW - prevW) * (toSeconds(at - prevAt) / toSeconds(nextAt - prevAt));
}

/// Floor modulo: the position of `offset` within a period, also before the origin.
Duration wrap(Duration offset, Duration period) {
  Duration r = offset % period;
  return r < Duration::zero() ? r + period : r;
}

// ---- stochastic days ----------------------------------------------------------------------

Duration clampDuration(Duration d, Duration lo, Duration hi) { return std::clamp(d, lo, hi); }

/// A normally distributed time of day (mean, standard deviation), clamped to a window.
Duration timeAround(RngStream& rng, Duration mean, Duration stddev, Duration lo, Duration hi) {
  const double micros = rng.normal(static_cast<double>(mean.count()), static_cast<double>(stddev.count()));
  return clampDuration(Duration{static_cast<std::int64_t>(micros)}, lo, hi);
}

Duration minutesBetween(RngStream& rng, double lo, double hi) {
  return Duration{static_cast<std::int64_t>(rng.uniform(lo, hi) * 60e6)};
}

/// Trapezoid from rise to end with ramps of `ramp` inside it.
Bump trapezoid(Duration from, Duration to, Duration ramp, double powerW) {
  ramp = std::min(ramp, (to - from) / 2);
  return Bump{from, from + ramp, to - ramp, to, powerW};
}

/// Short appliance runs (kettle, printer, oven, washing machine) as a Poisson process over
/// [from, to): exponential gaps of mean 1 / ratePerHour, durations and sizes drawn each.
void addAppliances(RngStream& rng, std::vector<Bump>& plan, Duration from, Duration to, double ratePerHour,
                   double meanMinutes, double maxMinutes, double minShare, double maxShare, double spanW) {
  if (to <= from || ratePerHour <= 0.0) return;
  for (Duration at = from;;) {
    at += Duration{static_cast<std::int64_t>(rng.exponential(ratePerHour) * 3.6e9)};
    if (at >= to) break;
    const double minutes = std::clamp(rng.exponential(1.0 / meanMinutes), 2.0, maxMinutes);
    const Duration length{static_cast<std::int64_t>(minutes * 60e6)};
    plan.push_back(Bump{at, at, at + length, at + length, rng.uniform(minShare, maxShare) * spanW});
  }
}

/// An office day: people arrive around 08:30 and leave around 18:00 (ramps of tens of
/// minutes as they come and go), a lunch dip around 12:15, appliance runs while occupied.
/// Weekends: standby only.
std::vector<Bump> officeDay(RngStream& rng, bool weekend, double spanW) {
  std::vector<Bump> plan;
  if (weekend) return plan;
  const Duration arrival = timeAround(rng, hours(8) + minutes(30), minutes(20), hours(6), hours(11));
  const Duration rampUp = minutesBetween(rng, 30.0, 60.0);
  const Duration departure = timeAround(rng, hours(18), minutes(30), hours(15), hours(21));
  const Duration rampDown = minutesBetween(rng, 30.0, 90.0);
  const double occupiedW = rng.uniform(0.65, 0.8) * spanW;
  plan.push_back(Bump{arrival, arrival + rampUp, departure, departure + rampDown, occupiedW});
  const Duration lunch = timeAround(rng, hours(12) + minutes(15), minutes(15), hours(11) + minutes(30), hours(13) + minutes(30));
  const Duration lunchLength = minutesBetween(rng, 45.0, 75.0);
  plan.push_back(trapezoid(lunch, lunch + lunchLength, minutes(10), -rng.uniform(0.2, 0.35) * spanW));
  addAppliances(rng, plan, arrival, departure, 1.5, 15.0, 60.0, 0.05, 0.2, spanW);
  return plan;
}

/// A home day: a morning peak (later and longer at weekends), a weekend midday, the evening
/// peak from around 18:00 to 22:30, and a few appliance runs between 07:00 and 23:00.
std::vector<Bump> homeDay(RngStream& rng, bool weekend, double spanW) {
  std::vector<Bump> plan;
  const Duration morning = weekend ? timeAround(rng, hours(8) + minutes(30), minutes(45), hours(6), hours(11))
                                   : timeAround(rng, hours(6) + minutes(45), minutes(30), hours(5), hours(9));
  const Duration morningLength = weekend ? minutesBetween(rng, 90.0, 180.0) : minutesBetween(rng, 45.0, 120.0);
  plan.push_back(trapezoid(morning, morning + morningLength, minutes(15), rng.uniform(0.25, 0.5) * spanW));
  if (weekend) {
    const Duration midday = timeAround(rng, hours(12), minutes(30), hours(11), hours(13) + minutes(30));
    plan.push_back(trapezoid(midday, midday + minutesBetween(rng, 60.0, 150.0), minutes(15),
                             rng.uniform(0.2, 0.5) * spanW));
  }
  const Duration evening = timeAround(rng, weekend ? hours(17) + minutes(30) : hours(18), minutes(45), hours(16), hours(20));
  const Duration night = timeAround(rng, hours(22) + minutes(30), minutes(40), evening + hours(1), hours(24));
  plan.push_back(trapezoid(evening, night, minutes(30), rng.uniform(0.55, 0.85) * spanW));
  addAppliances(rng, plan, hours(7), hours(23), (weekend ? 4.0 : 3.0) / 16.0, 40.0, 180.0, 0.1, 0.35, spanW);
  return plan;
}

double bumpAt(const Bump& bump, Duration tod) {
  if (tod < bump.rise || tod >= bump.end) return 0.0;
  if (tod < bump.top) return bump.powerW * (toSeconds(tod - bump.rise) / toSeconds(bump.top - bump.rise));
  if (tod < bump.fall) return bump.powerW;
  return bump.powerW * (toSeconds(bump.end - tod) / toSeconds(bump.end - bump.fall));
}

/// "<device>/load-profile/YYYY-MM-DD": the stream id of one device's local day.
std::string dayStreamId(const std::string& deviceId, const LocalDateTime& local) {
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", local.year, local.month, local.day);
  std::string id = deviceId;
  id += "/load-profile/";
  id += date;
  return id;
}

}  // namespace

LoadProfile::LoadProfile(scenario::LoadProfileSpec spec, const TimeZone& zone, ProfileBinding binding)
    : spec_(std::move(spec)), zone_(&zone), binding_(std::move(binding)) {
  const auto byTime = [](const auto& a, const auto& b) { return a.first < b.first; };
  switch (spec_.kind) {
    case Kind::Constant: break;
    case Kind::Daily:
      if (spec_.dailyPointsW.empty()) throw std::invalid_argument("daily load profile '" + spec_.name + "' has no points");
      std::stable_sort(spec_.dailyPointsW.begin(), spec_.dailyPointsW.end(), byTime);
      break;
    case Kind::Trace:
      if (spec_.tracePointsW.empty()) throw std::invalid_argument("trace load profile '" + spec_.name + "' has no rows");
      std::stable_sort(spec_.tracePointsW.begin(), spec_.tracePointsW.end(), byTime);
      if (spec_.traceEnd == scenario::LoadProfileSpec::TraceEnd::Loop &&
          spec_.tracePeriod <= spec_.tracePointsW.back().first - spec_.tracePointsW.front().first) {
        throw std::invalid_argument("trace load profile '" + spec_.name + "' loops with a period shorter than the trace");
      }
      break;
    case Kind::Office:
    case Kind::Home:
      if (!(spec_.peakPowerW > 0.0) || spec_.basePowerW < 0.0 || spec_.basePowerW > spec_.peakPowerW) {
        throw std::invalid_argument("load profile '" + spec_.name + "' needs 0 <= base power <= peak power, peak > 0");
      }
      break;
  }
  if (binding_.deviceId.empty()) binding_.deviceId = "profile:" + spec_.name;
}

bool LoadProfile::isPerDevice() const { return spec_.kind == Kind::Office || spec_.kind == Kind::Home; }

double LoadProfile::rateAt(Time t) const {
  if (lastAt_ != t) {
    lastRateW_ = rateAtUncached(t);
    lastAt_ = t;
  }
  return lastRateW_;
}

double LoadProfile::rateAtUncached(Time t) const {
  switch (spec_.kind) {
    case Kind::Constant: return spec_.powerW;
    case Kind::Daily: {
      const unsigned weekday = zone_->weekday(t);
      const bool weekend = weekday == 0 || weekday == 6;
      return dailyRateAt(zone_->timeOfDay(t)) * (weekend ? spec_.weekendFactor : 1.0);
    }
    case Kind::Trace: return traceRateAt(t);
    case Kind::Office:
    case Kind::Home: return stochasticRateAt(t);
  }
  return 0.0;
}

double LoadProfile::dailyRateAt(Duration timeOfDay) const {
  const auto& points = spec_.dailyPointsW;
  // Linear interpolation between breakpoints; the segment after the last point wraps to the
  // first point of the next day, so the profile is continuous at midnight.
  const auto after = std::upper_bound(points.begin(), points.end(), timeOfDay,
                                      [](Duration tod, const auto& point) { return tod < point.first; });
  const auto& next = after == points.end() ? points.front() : *after;
  const auto& prev = after == points.begin() ? points.back() : *(after - 1);
  Duration prevAt = prev.first;
  Duration nextAt = next.first;
  Duration at = timeOfDay;
  if (nextAt <= prevAt) {  // the segment crosses midnight
    nextAt += days(1);
    if (at < prevAt) at += days(1);
  }
  return interpolate(prevAt, prev.second, nextAt, next.second, at);
}

std::optional<Time> LoadProfile::nextChangeAfter(Time t, double linearTolerance) const {
  switch (spec_.kind) {
    case Kind::Constant: return Time::max();
    case Kind::Trace: return traceChangeAfter(t, linearTolerance);
    case Kind::Daily:
    case Kind::Office:
    case Kind::Home: break;
  }
  return std::nullopt;
}

LoadProfile::TraceSegment LoadProfile::traceSegmentAt(Time t) const {
  const Points& points = spec_.tracePointsW;
  const bool loop = spec_.traceEnd == scenario::LoadProfileSpec::TraceEnd::Loop;
  const Duration first = points.front().first;
  Duration offset = t - spec_.traceOrigin;
  if (loop) offset = first + wrap(offset - first, spec_.tracePeriod);
  const auto after = std::upper_bound(points.begin(), points.end(), offset,
                                      [](Duration at, const auto& point) { return at < point.first; });
  if (after == points.begin()) {  // before a held trace: its first value, until its first row
    return {offset, offset, points.front().second, first, points.front().second, false};
  }
  const auto& prev = *(after - 1);
  if (after != points.end()) return {offset, prev.first, prev.second, after->first, after->second, false};
  // After the last row: back to the first row one period later, or held.
  if (!loop) return {offset, prev.first, prev.second, prev.first, prev.second, true};
  return {offset, prev.first, prev.second, first + spec_.tracePeriod, points.front().second, false};
}

double LoadProfile::traceRateAt(Time t) const {
  const TraceSegment segment = traceSegmentAt(t);
  if (segment.held || spec_.interpolation == scenario::LoadProfileSpec::Interpolation::Step) return segment.fromW;
  return interpolate(segment.fromAt, segment.fromW, segment.toAt, segment.toW, segment.offset);
}

std::optional<Time> LoadProfile::traceChangeAfter(Time t, double linearTolerance) const {
  const TraceSegment segment = traceSegmentAt(t);
  if (segment.held) return Time::max();
  const Time segmentEnd = t + (segment.toAt - segment.offset);
  const bool linear = spec_.interpolation == scenario::LoadProfileSpec::Interpolation::Linear;
  if (!linear || segment.fromW == segment.toW) return segmentEnd;
  if (!(linearTolerance > 0.0)) return std::nullopt;
  // The value moves at a constant slope along the segment: it has moved by the tolerance
  // after tolerance x scale / |slope|. At least 1 us, so time always advances.
  const double scaleW = std::max(std::abs(segment.fromW), std::abs(segment.toW));
  const double slopeWPerMicro =
      std::abs(segment.toW - segment.fromW) / static_cast<double>((segment.toAt - segment.fromAt).count());
  const double movedAfterMicros = std::ceil(linearTolerance * scaleW / slopeWPerMicro);
  if (movedAfterMicros >= static_cast<double>((segmentEnd - t).count())) return segmentEnd;
  return t + Duration{std::max<std::int64_t>(1, static_cast<std::int64_t>(movedAfterMicros))};
}

const std::vector<Bump>& LoadProfile::dayPlan(Time t, Duration timeOfDay) const {
  const std::int64_t dayKey = toMicros(t - timeOfDay);  // the local midnight
  if (dayKey == planDayKey_) return plan_;
  const LocalDateTime local = zone_->toLocal(t);
  const unsigned weekday = zone_->weekday(t);
  const bool weekend = weekday == 0 || weekday == 6;
  // One stream per device and local date: a day is the same whatever was evaluated before.
  RngStream rng(binding_.scenarioSeed, dayStreamId(binding_.deviceId, local));
  const double spanW = spec_.peakPowerW - spec_.basePowerW;
  plan_ = spec_.kind == Kind::Office ? officeDay(rng, weekend, spanW) : homeDay(rng, weekend, spanW);
  planDayKey_ = dayKey;
  return plan_;
}

double LoadProfile::stochasticRateAt(Time t) const {
  const Duration timeOfDay = zone_->timeOfDay(t);
  double aboveBaseW = 0.0;
  for (const Bump& bump : dayPlan(t, timeOfDay)) aboveBaseW += bumpAt(bump, timeOfDay);
  // Overlapping runs cannot exceed the building's peak; a lunch dip cannot go below standby.
  return spec_.basePowerW + std::clamp(aboveBaseW, 0.0, spec_.peakPowerW - spec_.basePowerW);
}

}  // namespace ews::models

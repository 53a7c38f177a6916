#include "ews/models/load_profile.hpp"

#include <algorithm>
#include <stdexcept>

namespace ews::models {

LoadProfile::LoadProfile(scenario::LoadProfileSpec spec, const TimeZone& zone) : spec_(std::move(spec)), zone_(&zone) {
  if (spec_.kind == scenario::LoadProfileSpec::Kind::Daily) {
    if (spec_.dailyPointsW.empty()) throw std::invalid_argument("daily load profile '" + spec_.name + "' has no points");
    std::stable_sort(spec_.dailyPointsW.begin(), spec_.dailyPointsW.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
}

double LoadProfile::rateAt(Time t) const {
  if (spec_.kind == scenario::LoadProfileSpec::Kind::Constant) return spec_.powerW;
  const unsigned weekday = zone_->weekday(t);
  const bool weekend = weekday == 0 || weekday == 6;
  return dailyRateAt(zone_->timeOfDay(t)) * (weekend ? spec_.weekendFactor : 1.0);
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
  if (nextAt == prevAt) return prev.second;
  const double fraction = toSeconds(at - prevAt) / toSeconds(nextAt - prevAt);
  return prev.second + (next.second - prev.second) * fraction;
}

}  // namespace ews::models

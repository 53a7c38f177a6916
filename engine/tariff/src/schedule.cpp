#include "ews/tariff/schedule.hpp"

#include <date/tz.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "civil_day.hpp"
#include "ews/tariff/rules.hpp"
#include "ews/tariff/validation.hpp"

namespace ews::tariff {

namespace {

struct Day {
  Time start{};
  Time end{};
  std::vector<Segment> segments;
};

bool sameReason(const Segment& a, const Segment& b) {
  return a.coverage == b.coverage && (a.coverage != Coverage::NoPrice || a.tariff == b.tariff);
}

}  // namespace

struct TariffSchedule::Impl {
  EnergyTariffs tariffs;
  std::vector<std::uint32_t> tariffOfRule;  // by rule position
  const date::time_zone* zone = nullptr;
  std::unordered_map<std::int64_t, Day> days;  // by local day number; nodes never move
  const Day* last = nullptr;                   // the day asked for last: most lookups hit it

  /// A clock minute of a local day in UTC. A minute skipped by a spring-forward change maps
  /// to the change's instant; one that occurs twice (autumn) to its first occurrence.
  Time toUtc(std::int64_t dayNumber, int minute) const {
    const auto local =
        date::local_days{date::days{static_cast<date::days::rep>(dayNumber)}} + std::chrono::minutes{minute};
    return std::chrono::time_point_cast<Duration>(zone->to_sys(local, date::choose::earliest));
  }

  std::int64_t dayNumberOf(Time t) const {
    return date::floor<date::days>(zone->to_local(t)).time_since_epoch().count();
  }

  Day compile(std::int64_t dayNumber) const {
    const CivilDate date = detail::dateOfDayNumber(dayNumber);
    Day day{toUtc(dayNumber, 0), toUtc(dayNumber + 1, 0), {}};
    for (const RuleStretch& stretch : ruleStretchesOn(tariffs.rules, date)) {
      Segment segment;
      segment.start = toUtc(dayNumber, stretch.startMinute);
      segment.end = toUtc(dayNumber, stretch.endMinute);
      if (segment.end <= segment.start) continue;  // clock minutes skipped by a DST change
      if (stretch.rule) {
        segment.rule = static_cast<std::uint32_t>(*stretch.rule);
        segment.tariff = tariffOfRule[*stretch.rule];
        const auto price = priceOn(tariffs.tariffs[segment.tariff], date);
        segment.coverage = price ? Coverage::Priced : Coverage::NoPrice;
        segment.pricePerUnit = price.value_or(0.0);
      }
      day.segments.push_back(segment);
    }
    return day;
  }

  const Day& dayHolding(Time t) {
    if (last != nullptr && last->start <= t && t < last->end) return *last;
    const std::int64_t dayNumber = dayNumberOf(t);
    auto found = days.find(dayNumber);
    if (found == days.end()) found = days.emplace(dayNumber, compile(dayNumber)).first;
    last = &found->second;
    return *last;
  }
};

TariffSchedule::TariffSchedule(EnergyTariffs tariffs, const TimeZone& zone, installation::Medium medium)
    : impl_(std::make_unique<Impl>()) {
  requireValid(tariffs, medium);
  impl_->tariffs = std::move(tariffs);
  for (const CostRule& rule : impl_->tariffs.rules) {
    const auto& list = impl_->tariffs.tariffs;
    const auto named =
        std::find_if(list.begin(), list.end(), [&rule](const Tariff& t) { return t.name == rule.tariff; });
    impl_->tariffOfRule.push_back(static_cast<std::uint32_t>(named - list.begin()));
  }
  impl_->zone = date::locate_zone(zone.name());
}

TariffSchedule::~TariffSchedule() = default;
TariffSchedule::TariffSchedule(TariffSchedule&&) noexcept = default;
TariffSchedule& TariffSchedule::operator=(TariffSchedule&&) noexcept = default;

const EnergyTariffs& TariffSchedule::tariffs() const { return impl_->tariffs; }

std::span<const Segment> TariffSchedule::dayOf(Time t) { return impl_->dayHolding(t).segments; }

const Segment& TariffSchedule::at(Time t) {
  const std::span<const Segment> segments = dayOf(t);
  // The first segment ending after t; segments cover the day without holes.
  return *std::upper_bound(segments.begin(), segments.end(), t,
                           [](Time instant, const Segment& s) { return instant < s.end; });
}

std::optional<Segment> TariffSchedule::unpricedStretchAt(Time t, int horizonDays) {
  Segment stretch = at(t);
  if (stretch.coverage == Coverage::Priced) return std::nullopt;
  const Time horizon = stretch.start + days(horizonDays);
  while (stretch.end < horizon) {
    const Segment& next = at(stretch.end);
    if (!sameReason(next, stretch)) break;
    stretch.end = next.end;
  }
  return stretch;
}

}  // namespace ews::tariff

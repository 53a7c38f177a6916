#include "row_costs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "ews/installation/catalogue.hpp"
#include "ews/tariff/validation.hpp"

namespace ews::history::detail {

namespace {

using installation::Medium;
constexpr std::array<Medium, 3> kMedia = {Medium::Electricity, Medium::Water, Medium::Gas};

std::size_t indexOf(Medium medium) { return static_cast<std::size_t>(medium); }

bool billsAnything(const tariff::TariffPlan& plan) {
  return std::any_of(kMedia.begin(), kMedia.end(), [&plan](Medium m) { return plan.of(m).billed(); });
}

std::string describe(const tariff::Segment& stretch, Medium medium, const tariff::EnergyTariffs& tariffs,
                     const TimeZone& zone) {
  const std::string from = zone.format(stretch.start, "%F %R");
  const std::string to = zone.format(stretch.end, "%F %R");
  if (stretch.coverage == tariff::Coverage::NoPrice) {
    return fmt::format("{}: tariff '{}' has no price from {} to {} ({}); that consumption is not priced",
                       installation::mediumName(medium), tariffs.tariffs[stretch.tariff].name, from, to, zone.name());
  }
  return fmt::format("{}: no cost rule covers {} to {} ({}); that consumption is not priced",
                     installation::mediumName(medium), from, to, zone.name());
}

}  // namespace

RowCosts::RowCosts(const tariff::TariffPlan& plan, const TimeZone* zone) : zone_(zone) { setPlan(plan); }

void RowCosts::setPlan(const tariff::TariffPlan& plan) {
  tariff::requireValid(plan);
  std::optional<tariff::Pricer> next;
  if (billsAnything(plan)) {
    // Rules are local times of the site.
    if (zone_ == nullptr) throw std::invalid_argument("pricing needs the site's time zone (RecorderSettings::zone)");
    next.emplace(plan, *zone_);
  }
  pricer_ = std::move(next);
  plan_ = plan;
  reportedUntil_ = {};  // the new rules' stretches are news
}

std::vector<recording::Event> RowCosts::price(Time from, Time to, std::span<recording::DeviceSample> rows,
                                              std::span<recording::AggregateSample> aggregates) {
  std::vector<recording::Event> events;
  if (!pricer_) return events;
  std::array<std::optional<tariff::IntervalRates>, 3> rates;
  for (const Medium medium : kMedia) {
    if (!pricer_->bills(medium)) continue;
    const auto& r = rates[indexOf(medium)] = pricer_->ratesOver(medium, from, to);
    if (r->unpricedShare > 0.0) reportUnpriced(medium, from, to, events);
  }
  costs_.assign((rows.size() + aggregates.size()) * tariff::kMaxTariffs, 0.0);
  double* slot = costs_.data();
  const auto priceRow = [&rates, &slot](auto& row) {
    if (const auto& r = rates[indexOf(row.medium)]) {
      const tariff::IntervalCost cost = tariff::costOf(*r, row.delta);
      std::copy_n(cost.costByTariff.begin(), r->tariffCount, slot);
      row.costByTariff = std::span<const double>(slot, r->tariffCount);
      row.unpricedDelta = cost.unpricedAmount;
    }
    slot += tariff::kMaxTariffs;
  };
  std::for_each(rows.begin(), rows.end(), priceRow);
  std::for_each(aggregates.begin(), aggregates.end(), priceRow);
  return events;
}

void RowCosts::reportUnpriced(Medium medium, Time from, Time to, std::vector<recording::Event>& events) {
  tariff::TariffSchedule& schedule = pricer_->schedule(medium);
  std::optional<Time>& reportedUntil = reportedUntil_[indexOf(medium)];
  for (Time cursor = from; cursor < to;) {
    const auto stretch = schedule.unpricedStretchAt(cursor);
    if (!stretch) {
      cursor = schedule.at(cursor).end;
      continue;
    }
    if (!reportedUntil || stretch->end > *reportedUntil) {
      events.push_back(recording::Event{to, 0, "unpriced", describe(*stretch, medium, schedule.tariffs(), *zone_)});
      reportedUntil = stretch->end;
    }
    cursor = stretch->end;
  }
}

}  // namespace ews::history::detail

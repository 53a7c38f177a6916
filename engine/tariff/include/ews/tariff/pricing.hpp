#pragma once
// Pricing at the sample rate (manual 7.16.3, docs/tariffs.md). The consumption of a sample
// interval is known only as a whole, so it is taken as spread evenly over the interval: each
// segment of the schedule prices the share of the interval it covers. The rates of an
// interval are computed once per energy; then every device, load, group and total of that
// energy costs one multiply per tariff.
#include <array>
#include <cstddef>
#include <optional>

#include "ews/kernel/calendar.hpp"
#include "ews/tariff/plan.hpp"
#include "ews/tariff/schedule.hpp"

namespace ews::tariff {

struct IntervalRates {
  std::size_t tariffCount = 0;  ///< the energy's tariffs: the entries of costPerUnit that count
  /// What one billing unit (kWh, m3) consumed evenly over the interval costs under tariff k:
  /// the sum, over the interval's segments priced by tariff k, of share x price.
  std::array<double, kMaxTariffs> costPerUnit{};
  /// The share (0..1) of the interval that no rule or no price covers.
  double unpricedShare = 0.0;
};

struct IntervalCost {
  std::array<double, kMaxTariffs> costByTariff{};  ///< currency units, by tariff position
  double unpricedAmount = 0.0;                     ///< Wh or dm3 of the consumption that was not priced
  double total() const;
};

/// The rates of the interval [from, to). An empty interval takes the segment in force at
/// `from` whole.
IntervalRates ratesOver(TariffSchedule& schedule, Time from, Time to);

/// The cost of `amount` Wh (electricity) or dm3 (water, gas) consumed over an interval.
IntervalCost costOf(const IntervalRates& rates, double amount);

/// The schedules of the three energies of a plan, in the site's zone.
class Pricer {
 public:
  /// Throws std::invalid_argument naming the plan's problems (validation.hpp).
  Pricer(const TariffPlan& plan, const TimeZone& zone);

  const TariffPlan& plan() const { return plan_; }
  /// Whether the energy has tariffs (EnergyTariffs::billed).
  bool bills(installation::Medium medium) const { return schedules_[index(medium)].has_value(); }
  /// The rates of [from, to) for an energy that bills.
  IntervalRates ratesOver(installation::Medium medium, Time from, Time to);
  TariffSchedule& schedule(installation::Medium medium) { return *schedules_[index(medium)]; }

 private:
  static std::size_t index(installation::Medium medium) { return static_cast<std::size_t>(medium); }
  TariffPlan plan_;
  std::array<std::optional<TariffSchedule>, 3> schedules_;  // by Medium
};

}  // namespace ews::tariff

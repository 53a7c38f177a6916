#pragma once
// The costs of one sample instant's rows (manual 7.16.3, docs/tariffs.md): the rates of the
// interval are computed once per energy, then every device, load, group and total row gets
// its cost per tariff and its unpriced consumption. A stretch of time that no rule or price
// covers is reported once, as an "unpriced" event, when a sample interval first meets it.
#include <array>
#include <optional>
#include <span>
#include <vector>

#include "ews/kernel/calendar.hpp"
#include "ews/recording/sample.hpp"
#include "ews/tariff/pricing.hpp"

namespace ews::history::detail {

class RowCosts {
 public:
  /// Throws std::invalid_argument for an invalid plan, or a plan that bills without a zone.
  RowCosts(const tariff::TariffPlan& plan, const TimeZone* zone);

  /// A later configuration: the rows from now on are priced with it; rows already published
  /// keep their costs.
  void setPlan(const tariff::TariffPlan& plan);
  const tariff::TariffPlan& plan() const { return plan_; }

  /// Prices the rows of the interval (from, to]. Their cost spans point into this object
  /// until the next call. Returns the events of unpriced stretches met for the first time.
  std::vector<recording::Event> price(Time from, Time to, std::span<recording::DeviceSample> rows,
                                      std::span<recording::AggregateSample> aggregates);

 private:
  void reportUnpriced(installation::Medium medium, Time from, Time to, std::vector<recording::Event>& events);

  tariff::TariffPlan plan_;
  const TimeZone* zone_;
  std::optional<tariff::Pricer> pricer_;                // none when nothing is billed
  std::vector<double> costs_;                           // kMaxTariffs per row, rows then aggregates
  std::array<std::optional<Time>, 3> reportedUntil_{};  // by Medium: end of the last stretch reported
};

}  // namespace ews::history::detail

#include "ews/tariff/pricing.hpp"

#include <algorithm>
#include <numeric>

#include "ews/tariff/validation.hpp"

namespace ews::tariff {

namespace {
void addShare(IntervalRates& rates, const Segment& segment, double share) {
  if (segment.coverage == Coverage::Priced) {
    rates.costPerUnit[segment.tariff] += share * segment.pricePerUnit;
  } else {
    rates.unpricedShare += share;
  }
}
}  // namespace

double IntervalCost::total() const { return std::accumulate(costByTariff.begin(), costByTariff.end(), 0.0); }

IntervalRates ratesOver(TariffSchedule& schedule, Time from, Time to) {
  IntervalRates rates;
  rates.tariffCount = schedule.tariffs().tariffs.size();
  if (to <= from) {
    addShare(rates, schedule.at(from), 1.0);
    return rates;
  }
  const auto length = static_cast<double>((to - from).count());
  Time cursor = from;
  while (cursor < to) {
    const std::span<const Segment> segments = schedule.dayOf(cursor);
    auto segment = std::upper_bound(segments.begin(), segments.end(), cursor,
                                    [](Time instant, const Segment& s) { return instant < s.end; });
    for (; segment != segments.end() && cursor < to; ++segment) {
      const Time stop = std::min(segment->end, to);
      addShare(rates, *segment, static_cast<double>((stop - cursor).count()) / length);
      cursor = stop;
    }
  }
  return rates;
}

IntervalCost costOf(const IntervalRates& rates, double amount) {
  IntervalCost cost;
  const double billingUnits = amount / kRecordedUnitsPerBillingUnit;
  for (std::size_t k = 0; k < rates.tariffCount; ++k) cost.costByTariff[k] = billingUnits * rates.costPerUnit[k];
  cost.unpricedAmount = amount * rates.unpricedShare;
  return cost;
}

Pricer::Pricer(const TariffPlan& plan, const TimeZone& zone) : plan_(plan) {
  requireValid(plan_);
  for (const auto medium :
       {installation::Medium::Electricity, installation::Medium::Water, installation::Medium::Gas}) {
    if (plan_.of(medium).billed()) schedules_[index(medium)].emplace(plan_.of(medium), zone, medium);
  }
}

IntervalRates Pricer::ratesOver(installation::Medium medium, Time from, Time to) {
  return tariff::ratesOver(schedule(medium), from, to);
}

}  // namespace ews::tariff

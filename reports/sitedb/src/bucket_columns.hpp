#pragma once
// The columns of the buckets table (schema.cpp) shared by its writer and its reader.
#include <cstddef>

#include "ews/history/series.hpp"

namespace ews::sitedb::detail {

/// Costs per tariff: the manual allows 5 tariffs per energy (docs/tariffs.md).
inline constexpr std::size_t kCostColumns = 5;

/// The column holding a series' values: its consumption, one tariff's cost, or the unpriced part.
inline const char* valueColumnOf(const history::SeriesKey& series) {
  static constexpr const char* kCosts[kCostColumns] = {"cost0", "cost1", "cost2", "cost3", "cost4"};
  switch (series.value) {
    case history::SeriesValue::Consumption: return "value";
    case history::SeriesValue::TariffCost: return kCosts[series.tariff < kCostColumns ? series.tariff : 0];
    case history::SeriesValue::Unpriced: return "unpriced";
  }
  return "value";
}

}  // namespace ews::sitedb::detail

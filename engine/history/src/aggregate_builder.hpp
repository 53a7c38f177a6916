#pragma once
// The rows of the consumption pages (manual 8.2.2) built from one instant's device rows:
// a load or group adds its counted members (active, not "Exclude from totals", manual
// 7.16.1.4), the Grand Total adds Installation::electricalTotalDevices() (virtual devices
// included), the water and gas totals their counted counters.
#include <span>
#include <string>
#include <vector>

#include "ews/installation/installation.hpp"
#include "ews/recording/sample.hpp"

namespace ews::history::detail {

class AggregateBuilder {
 public:
  AggregateBuilder(const installation::Installation& installation, double gasKWhPerM3);

  /// `rows`: the instant's device rows in device-id order (recorded devices only). Replaces
  /// the content of `out`: loads by id, groups by id, then the three totals.
  void build(std::span<const recording::DeviceSample> rows, std::vector<recording::AggregateSample>& out) const;

 private:
  const installation::Installation& installation_;
  double gasKWhPerM3_;
  // Names the totals' rows point to: they live as long as the builder.
  std::string electricityName_ = "Grand Total";
  std::string waterName_ = "Water";
  std::string gasName_ = "Gas";
};

}  // namespace ews::history::detail

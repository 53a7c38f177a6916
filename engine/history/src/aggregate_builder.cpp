#include "aggregate_builder.hpp"

#include <algorithm>

namespace ews::history::detail {

namespace {
using installation::Device;
using installation::Medium;
using recording::AggregateSample;
using recording::DeviceSample;

constexpr double kDm3PerM3 = 1000.0;

const DeviceSample* rowOf(std::span<const DeviceSample> rows, int deviceId) {
  const auto it = std::lower_bound(rows.begin(), rows.end(), deviceId,
                                   [](const DeviceSample& row, int id) { return row.deviceId < id; });
  return it != rows.end() && it->deviceId == deviceId ? &*it : nullptr;
}

struct MemberSum {
  double delta = 0.0;
  bool partial = false;
  bool any = false;
  Medium medium = Medium::Electricity;  ///< the medium counted
};

/// Adds the counted members of a load or group. Wh and dm3 must not be added together, so
/// only the members of one medium count: electricity when there is any (the Partials pages
/// are energy pages), else water, else gas. The others remain in their device series and in
/// the water and gas totals (docs/history.md).
MemberSum sumMembers(std::span<const DeviceSample> rows, const std::vector<const Device*>& members) {
  std::vector<const DeviceSample*> counted;
  for (const Device* device : members) {
    if (device->excludeFromTotals) continue;
    // No row: inactive, or nothing to count (no energy measurement).
    if (const DeviceSample* row = rowOf(rows, device->id)) counted.push_back(row);
  }
  MemberSum sum;
  for (const Medium medium : {Medium::Electricity, Medium::Water, Medium::Gas}) {
    for (const DeviceSample* row : counted) {
      if (row->medium != medium) continue;
      sum.delta += row->delta;
      sum.partial = sum.partial || row->gap;
      sum.any = true;
    }
    if (sum.any) {
      sum.medium = medium;
      break;
    }
  }
  return sum;
}

AggregateSample memberRow(AggregateSample::Kind kind, int id, const std::string* name, const MemberSum& sum) {
  return {.kind = kind, .id = id, .name = name, .delta = sum.delta, .partial = sum.partial, .medium = sum.medium};
}

AggregateSample totalRow(AggregateSample::Kind kind, const std::string* name, Medium medium) {
  return {.kind = kind, .name = name, .medium = medium};
}
}  // namespace

AggregateBuilder::AggregateBuilder(const installation::Installation& installation, double gasKWhPerM3)
    : installation_(installation), gasKWhPerM3_(gasKWhPerM3) {}

void AggregateBuilder::build(std::span<const DeviceSample> rows, std::vector<AggregateSample>& out) const {
  out.clear();
  // A load or group without any counted member has no row, like the pages that list only
  // what has data.
  for (const installation::Load* load : installation_.loads()) {
    if (!load->enabled) continue;
    const MemberSum sum = sumMembers(rows, installation_.devicesOfLoad(*load));
    if (sum.any) out.push_back(memberRow(AggregateSample::Kind::Load, load->id, &load->name, sum));
  }
  for (const installation::Group* group : installation_.groups()) {
    if (!group->enabled) continue;
    const MemberSum sum = sumMembers(rows, installation_.devicesOfGroup(*group));
    if (sum.any) out.push_back(memberRow(AggregateSample::Kind::Group, group->id, &group->name, sum));
  }

  AggregateSample electricity = totalRow(AggregateSample::Kind::ElectricityTotal, &electricityName_, Medium::Electricity);
  for (const Device* device : installation_.electricalTotalDevices()) {
    if (const DeviceSample* row = rowOf(rows, device->id)) {
      electricity.delta += row->delta;
      electricity.partial = electricity.partial || row->gap;
    }
  }
  AggregateSample water = totalRow(AggregateSample::Kind::WaterTotal, &waterName_, Medium::Water);
  AggregateSample gas = totalRow(AggregateSample::Kind::GasTotal, &gasName_, Medium::Gas);
  for (const DeviceSample& row : rows) {
    if (row.medium == Medium::Electricity) continue;
    if (installation_.device(row.deviceId).excludeFromTotals) continue;
    AggregateSample& total = row.medium == Medium::Water ? water : gas;
    total.delta += row.delta;
    total.partial = total.partial || row.gap;
  }
  gas.gasKWhEquivalent = gas.delta / kDm3PerM3 * gasKWhPerM3_;
  out.push_back(electricity);
  out.push_back(water);
  out.push_back(gas);
}

}  // namespace ews::history::detail

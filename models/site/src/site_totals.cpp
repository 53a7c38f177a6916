#include "ews/site/site_totals.hpp"

#include <algorithm>

namespace ews::site {

namespace {
double counterOf(const std::map<int, double>& counters, const installation::Device& device) {
  const auto it = counters.find(device.id);
  return it == counters.end() ? 0.0 : it->second;
}

bool counted(const installation::Installation& installation, const installation::Device& device) {
  return installation.isActive(device) && !device.excludeFromTotals;
}

/// Sum over `devices` of those that count in totals; nullopt-like flag when none counted.
template <typename Range>
std::pair<double, bool> sumCounted(const installation::Installation& installation, const Range& devices,
                                   const std::map<int, double>& counters) {
  double sum = 0.0;
  bool any = false;
  for (const installation::Device* device : devices) {
    if (!counted(installation, *device)) continue;
    sum += counterOf(counters, *device);
    any = true;
  }
  return {sum, any};
}
}  // namespace

SiteTotals computeTotals(const installation::Installation& installation, const std::map<int, double>& counters) {
  SiteTotals totals;
  for (const installation::Device* device : installation.electricalTotalDevices()) {
    totals.electricityWh += counterOf(counters, *device);
  }
  for (const installation::Device* device : installation.devices()) {
    if (!counted(installation, *device)) continue;
    if (device->medium == installation::Medium::Water) totals.waterDm3 += counterOf(counters, *device);
    if (device->medium == installation::Medium::Gas) totals.gasDm3 += counterOf(counters, *device);
  }
  for (const installation::Load* load : installation.loads()) {
    // Water and Gas are pseudo-loads of volume counters: their totals are waterDm3 / gasDm3.
    if (load->kind == installation::LoadKind::Water || load->kind == installation::LoadKind::Gas) continue;
    const auto [sum, any] = sumCounted(installation, installation.devicesOfLoad(*load), counters);
    if (any) totals.loadsWh.push_back(NamedTotal{load->id, load->name, sum});
  }
  for (const installation::Group* group : installation.groups()) {
    const auto [sum, any] = sumCounted(installation, installation.devicesOfGroup(*group), counters);
    if (any) totals.groupsWh.push_back(NamedTotal{group->id, group->name, sum});
  }
  return totals;
}

}  // namespace ews::site

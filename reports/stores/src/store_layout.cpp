#include "ews/stores/store_layout.hpp"

#include <algorithm>
#include <iterator>

#include "ews/installation/installation.hpp"

namespace ews::stores {

std::vector<TariffEntry> StoreLayout::tariffsOf(installation::Medium medium) const {
  std::vector<TariffEntry> of;
  std::copy_if(tariffs.begin(), tariffs.end(), std::back_inserter(of),
               [medium](const TariffEntry& t) { return t.medium == medium; });
  return of;
}

StoreLayout layoutOf(const installation::Installation& installation, const tariff::TariffPlan& tariffs,
                     std::string currency) {
  StoreLayout layout;
  layout.currency = std::move(currency);
  for (const auto medium : {installation::Medium::Electricity, installation::Medium::Water, installation::Medium::Gas}) {
    for (const tariff::Tariff& t : tariffs.of(medium).tariffs) layout.tariffs.push_back({medium, t.name, t.colour});
  }
  for (const auto* device : installation.devices()) {
    DeviceEntry entry;
    entry.id = device->id;
    entry.name = device->name;
    entry.medium = device->medium;
    entry.loadId = installation.loadOf(*device).id;
    for (const auto* group : installation.groupsOf(*device)) entry.groupIds.push_back(group->id);
    const auto& gateway = installation.gatewayOf(*device);
    entry.gatewayName = gateway.name;
    entry.gatewayIp = gateway.ip;
    entry.gatewayPort = gateway.port;
    entry.modbusAddress = device->address;
    entry.family = std::string(installation::familyName(device->family));
    entry.model = device->model;
    entry.on = device->on;
    entry.excludeFromTotals = device->excludeFromTotals;
    layout.devices.push_back(std::move(entry));
  }
  for (const auto* load : installation.loads()) {
    const auto medium = load->kind == installation::LoadKind::Water ? installation::Medium::Water
                        : load->kind == installation::LoadKind::Gas ? installation::Medium::Gas
                                                                    : installation::Medium::Electricity;
    layout.loads.push_back(LoadEntry{load->id, load->name, medium, load->enabled});
  }
  for (const auto* group : installation.groups()) {
    const auto members = installation.devicesOfGroup(*group);
    const auto medium = members.empty() ? installation::Medium::Electricity : members.front()->medium;
    layout.groups.push_back(GroupEntry{group->id, group->name, medium, group->enabled});
  }
  return layout;
}

}  // namespace ews::stores

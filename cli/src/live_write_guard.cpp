#include "live_write_guard.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ews::cli {

namespace {

bool hasWritableField(const profiles::RegisterMap& map) {
  const auto fields = map.fields();
  return std::any_of(fields.begin(), fields.end(), [](const profiles::Field& field) { return field.writable(); });
}

}  // namespace

void guardLiveWrites(stack::EwsStack& ews, const scenario::Scenario& scenario,
                     const installation::Installation& installation, std::FILE* out) {
  acquisition::Poller& poller = ews.poller();
  const bool siteWide = scenario.ews.modbus.writeModelledMaps;
  poller.guardWrites(siteWide);
  if (out == nullptr) return;
  for (const installation::Device* device : installation.devices()) {
    const acquisition::DevicePlan* plan = poller.planOf(device->id);
    if (plan == nullptr || !hasWritableField(*plan->map)) continue;
    const profiles::Provenance& provenance = plan->map->provenance();
    const std::string through = fmt::format("map '{}' ({})", plan->map->id(), provenance.summary());
    const std::string refusal = poller.writeRefusal(device->id);
    if (!refusal.empty()) {
      fmt::print(out, "no writes to device '{}' through {}: modelled map, no opt-in (ews.modbus.writeModelledMaps "
                      "or the device's writeModelledMap)\n",
                 device->name, through);
    } else if (provenance.kind == profiles::ProvenanceKind::Modelled) {
      fmt::print(out, "writes to device '{}' through {}, allowed by {}\n", device->name, through,
                 device->writeModelledMap ? "its writeModelledMap" : "ews.modbus.writeModelledMaps");
    } else {
      fmt::print(out, "writes to device '{}' through {}\n", device->name, through);
    }
  }
}

}  // namespace ews::cli

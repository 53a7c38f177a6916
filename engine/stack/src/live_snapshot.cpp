#include "ews/stack/live_snapshot.hpp"

#include "ews/dlm/controller.hpp"
#include "ews/stack/ews_stack.hpp"

namespace ews::stack {

LiveSnapshot takeSnapshot(const EwsStack& ews, const installation::Installation& installation, Time now,
                          int configVersion, std::uint64_t sequence) {
  LiveSnapshot snapshot;
  snapshot.at = now;
  snapshot.configVersion = configVersion;
  snapshot.sequence = sequence;
  const acquisition::Measurements& measurements = ews.measurements();
  for (const installation::Device* device : installation.devices()) {
    LiveSnapshot::Device& out = snapshot.devices.emplace_back();
    out.id = device->id;
    out.name = device->name;
    out.status = measurements.status(device->id);
    for (const auto& [quantity, reading] : measurements.readings(device->id)) {
      out.values.push_back({quantity, reading.value, reading.at, reading.quality != acquisition::Quality::Good});
    }
  }
  if (const DlmRunner* dlm = ews.dlm()) {
    snapshot.dlmZone = dlm->controller().failSafe() ? "fail-safe" : std::string(dlm::zoneName(dlm->controller().zone()));
  }
  return snapshot;
}

}  // namespace ews::stack

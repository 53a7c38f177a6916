// Device sims: which load profile a simulated device draws, written either under the device
// (`sim:`) or, to keep a site description free of simulation, in the top-level `deviceSims`.
#include "sections.hpp"

namespace ews::scenario::detail {

namespace {
/// A scale multiplies the profile's power; no real load is a thousand times its profile.
constexpr RealRange kScale{0.0, 1000.0};
/// cos(phi) of an inductive load: 0 would be a pure reactance, no meter load is that.
constexpr RealRange kPowerFactor{0.0, 1.0, /*exclusiveMin=*/true};
}  // namespace

DeviceSimSpec readDeviceSim(DiagnosticSink& sink, const Located& node, bool withDeviceKey) {
  DeviceSimSpec spec;
  MapReader entry(sink, node, &spec.fieldLocs);
  spec.loc = entry.loc();
  if (withDeviceKey && entry.require("device")) entry.read("device", spec.device);
  entry.read("profile", spec.profile);
  entry.read("scale", spec.scale, kScale);
  entry.read("powerFactor", spec.powerFactor, kPowerFactor);
  entry.readStringList("downstream", spec.downstream);
  entry.reportUnknownKeys();
  return spec;
}

void readDeviceSims(MapReader& top, Scenario& scenario, std::vector<SimOrigin>& simOrigins) {
  for (const auto& item : top.list("deviceSims")) {
    scenario.deviceSims.push_back(readDeviceSim(top.sink(), item, /*withDeviceKey=*/true));
    simOrigins.push_back(SimOrigin{item.path, std::nullopt});
  }
}

}  // namespace ews::scenario::detail

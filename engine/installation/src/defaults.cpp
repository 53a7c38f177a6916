#include "ews/installation/defaults.hpp"

#include <fmt/format.h>

#include "ews/installation/limits.hpp"

namespace ews::installation {

namespace {
// One rule for a spec (names left empty) and for a built device (the panel board's label): both
// carry the same address fields.
template <typename D>
std::string addressLabelOf(const D& device) {
  if (device.family == DeviceFamily::WsMeasure) {
    // The selection button of a virtual device reads "247 - 1XXXX" (manual 7.16.6.2).
    return device.remoteId ? fmt::format("247-{}", *device.remoteId) : std::string("247");
  }
  if (device.position) return fmt::format("{}-{}", device.address, *device.position);
  if (device.side) return fmt::format("{}-{}", device.address, *device.side);
  if (device.interfaceAddress) return fmt::format("{}-{}", device.address, *device.interfaceAddress);
  return fmt::format("{}", device.address);
}
}  // namespace

std::string defaultDeviceName(const DeviceSpec& device) { return addressLabelOf(device); }

std::string addressLabel(const Device& device) { return addressLabelOf(device); }

std::string defaultGatewayName(const GatewaySpec& gateway) {
  if (gateway.kind == GatewayKind::Local) return std::string(kLocalGatewayName);
  return gateway.ip;
}

void applyDefaultNames(InstallationSpec& spec) {
  for (auto& gateway : spec.gateways) {
    if (gateway.name.empty()) gateway.name = defaultGatewayName(gateway);
    for (auto& device : gateway.devices) {
      if (device.name.empty()) device.name = defaultDeviceName(device);
    }
  }
}

}  // namespace ews::installation

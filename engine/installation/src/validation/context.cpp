#include "validation/context.hpp"

#include <fmt/format.h>

namespace ews::installation::validation {

SourceLoc locate(const SourceLoc& entry, const FieldLocs& fieldLocs, std::string_view field) {
  std::string key(field);
  while (!key.empty()) {
    if (const auto found = fieldLocs.find(key); found != fieldLocs.end()) return found->second;
    const auto cut = key.find_last_of(".[");
    key.resize(cut == std::string::npos ? 0 : cut);
  }
  return entry;
}

std::string indexedPath(std::string_view listPath, std::size_t index) {
  return fmt::format("{}[{}]", listPath, index);
}

SiteView makeSiteView(const InstallationSpec& written, const InstallationSpec& named) {
  SiteView site{named, {}, {}};
  for (std::size_t g = 0; g < named.gateways.size(); ++g) {
    const GatewaySpec& gateway = named.gateways[g];
    const GatewaySpec& asWritten = written.gateways[g];
    const std::string gatewayPath = indexedPath("installation.gateways", g);
    site.gateways.push_back(GatewayEntry{gateway, g, gatewayPath, asWritten.name.empty()});
    for (std::size_t d = 0; d < gateway.devices.size(); ++d) {
      const DeviceSpec& device = gateway.devices[d];
      site.devices.push_back(DeviceEntry{gateway, device, g, indexedPath(gatewayPath + ".devices", d),
                                         asWritten.devices[d].name.empty(),
                                         resolveModel(device.family, device.model)});
    }
  }
  return site;
}

}  // namespace ews::installation::validation

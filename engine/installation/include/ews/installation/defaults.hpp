#pragma once
// Name defaulting of manual 7.16.1.5 ("If forgotten during the settings, Web Server will
// assign a default value"): the IP address for a gateway, the Modbus address for an RS485
// device, "address-position" for pulse counters, "address-side" for two-sided stations.
#include <string>

#include "ews/installation/elements.hpp"
#include "ews/installation/spec.hpp"

namespace ews::installation {

/// The name the EWS gives a device whose name was left empty.
std::string defaultDeviceName(const DeviceSpec& device);

/// The address on a device's selection button (manual 8.2.1): "address", "address-position",
/// "address-side", "address-interface" or "247-1XXXX" for a virtual device; the default name's rule.
std::string addressLabel(const Device& device);

/// The name the EWS gives a gateway whose name was left empty.
std::string defaultGatewayName(const GatewaySpec& gateway);

/// Fills every empty gateway and device name with its default. Idempotent.
void applyDefaultNames(InstallationSpec& spec);

}  // namespace ews::installation

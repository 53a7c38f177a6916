#pragma once
// The numeric limits of manual 3 and 7.16.1-7.16.2, in one place so the validation, the
// Installation graph and the configuration pages quote the same figures.
#include <string_view>

#include "ews/installation/spec.hpp"

namespace ews::installation {

/// Modbus RTU unit ids a device may use: 0 is broadcast, 248-255 are reserved.
inline constexpr int kMinModbusAddress = 1;
inline constexpr int kMaxModbusAddress = 247;

/// A virtual (WSMEASURE) device always shows Modbus address 247 (manual 7.16.6.2).
inline constexpr int kVirtualDeviceAddress = 247;

/// Unit loads of one RS485 line: at most 32 distinct addresses per physical or Local gateway.
inline constexpr int kMaxAddressesPerLine = 32;

/// A device belongs to at most 5 measure groups (manual 7.16.2.3).
inline constexpr int kMaxGroupsPerDevice = 5;

/// Positions assumed for a pulse concentrator whose model is not stated.
inline constexpr int kDefaultPulseInputCount = 8;

/// The Local gateway is the Mini's own RS485/IP converter; its address cannot be changed.
inline constexpr std::string_view kLocalGatewayIp = "127.0.0.1";
/// Its name as delivered (the user may rename it).
inline constexpr std::string_view kLocalGatewayName = "Local";

/// Devices a variant manages (manual 3: "up to 10/32/255 Modbus addresses or pulse counters").
constexpr int maxDevices(Variant variant) {
  switch (variant) {
    case Variant::Ews10: return 10;
    case Variant::Ews32: return 32;
    case Variant::Ews255: return 255;
  }
  return 0;
}

/// Only the Mini variants have the built-in RS485/IP converter seen as the "Local" gateway.
constexpr bool hasLocalGateway(Variant variant) { return variant != Variant::Ews255; }

/// The product's name and catalogue number, for messages.
constexpr std::string_view variantLabel(Variant variant) {
  switch (variant) {
    case Variant::Ews10: return "Mini Energy Web Server 10 (4 149 47)";
    case Variant::Ews32: return "Mini Energy Web Server 32 (4 149 48)";
    case Variant::Ews255: return "Energy Web Server 255 (4 149 49)";
  }
  return "";
}

}  // namespace ews::installation

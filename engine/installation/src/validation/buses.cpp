// RS485 lines and capacities: one Modbus address per device on a line (manual 7.16.1.5)
// with the manual's exceptions (7.16.1.3: pulse counters on their concentrator's address,
// the sides of an old-range two-sided station, EMS CX3 modules behind one interface), at
// most 32 addresses per line, and the number of devices a variant manages (manual 3).
#include <map>

#include <fmt/format.h>

#include "ews/installation/limits.hpp"
#include "validation/context.hpp"

namespace ews::installation::validation {

namespace {

// How a device may share its line address with others.
enum class Sharing {
  Exclusive,     ///< alone on its address
  PulseCounter,  ///< with other pulse counters at distinct positions, and one pulse host
  PulseHost,     ///< energy counter with pulse inputs: with the pulse counters it hosts
  EmsModule,     ///< EMS CX3 module behind an interface: with others at distinct module addresses
  StationSide,   ///< old-range two-sided station: with its other side
};

bool usesInterface(const DeviceSpec& device) { return device.interfaceAddress && isEms(device.family); }

int lineAddress(const DeviceEntry& entry) {
  return usesInterface(entry.device) ? *entry.device.interfaceAddress : entry.device.address;
}

Sharing sharingOf(const DeviceEntry& entry) {
  const DeviceSpec& device = entry.device;
  if (device.family == DeviceFamily::PulseCounter) return Sharing::PulseCounter;
  if (usesInterface(device)) return Sharing::EmsModule;
  if (entry.model == nullptr) return Sharing::Exclusive;
  if (device.family == DeviceFamily::EnergyCounter && entry.model->pulseInputCount > 0) return Sharing::PulseHost;
  if (device.family == DeviceFamily::ChargingStation && entry.model->sidesShareAddress) return Sharing::StationSide;
  return Sharing::Exclusive;
}

std::string describe(const DeviceEntry& entry) { return fmt::format("{} (\"{}\")", entry.path, entry.device.name); }

// Two settings that must differ between devices sharing an address; unset ones are
// reported as missing elsewhere.
bool sameSetting(const std::optional<int>& a, const std::optional<int>& b) { return a && b && *a == *b; }

struct Clash {
  std::string_view field;
  std::string reason;
};

// Why `later` cannot share its line address with `earlier`, if it cannot.
std::optional<Clash> clashBetween(const DeviceEntry& earlier, const DeviceEntry& later) {
  const Sharing a = sharingOf(earlier);
  const Sharing b = sharingOf(later);
  const int address = lineAddress(later);
  if (a == Sharing::PulseCounter && b == Sharing::PulseCounter) {
    if (!sameSetting(earlier.device.position, later.device.position)) return std::nullopt;
    return Clash{"position", fmt::format("position {} on Modbus address {} is already used by {}",
                                         *later.device.position, address, describe(earlier))};
  }
  if ((a == Sharing::PulseCounter && b == Sharing::PulseHost) ||
      (a == Sharing::PulseHost && b == Sharing::PulseCounter)) {
    return std::nullopt;
  }
  if (a == Sharing::EmsModule && b == Sharing::EmsModule) {
    if (earlier.device.address != later.device.address) return std::nullopt;
    return Clash{"address", fmt::format("EMS module address {} behind the interface at Modbus address {} is already "
                                        "used by {}",
                                        later.device.address, address, describe(earlier))};
  }
  if (a == Sharing::StationSide && b == Sharing::StationSide && earlier.model == later.model) {
    if (!sameSetting(earlier.device.side, later.device.side)) return std::nullopt;
    return Clash{"side", fmt::format("side {} of the station at Modbus address {} is already {}", *later.device.side,
                                     address, describe(earlier))};
  }
  return Clash{usesInterface(later.device) ? "interfaceAddress" : "address",
               fmt::format("Modbus address {} is already used on this RS485 line by {}", address, describe(earlier))};
}

// The concentrator (or host counter) the pulse counters of one address are wired to, as
// its canonical number with whoever stated it first; empty when nobody did.
struct PulseHostChoice {
  std::string_view number;
  int inputCount = kDefaultPulseInputCount;
  const DeviceEntry* statedBy = nullptr;
};

PulseHostChoice choosePulseHost(const std::vector<const DeviceEntry*>& sharing) {
  for (const auto* entry : sharing) {
    if (sharingOf(*entry) == Sharing::PulseHost) {
      return {entry->model->number, entry->model->pulseInputCount, entry};
    }
  }
  for (const auto* entry : sharing) {
    if (entry->device.family != DeviceFamily::PulseCounter) continue;
    if (const auto host = findPulseHost(entry->device.concentrator)) return {host->number, host->pulseInputCount, entry};
  }
  return {};
}

void checkPulsePositions(const std::vector<const DeviceEntry*>& sharing, int address, Report& report) {
  const PulseHostChoice host = choosePulseHost(sharing);
  for (const auto* entry : sharing) {
    const DeviceSpec& device = entry->device;
    if (device.family != DeviceFamily::PulseCounter) continue;
    const auto named = findPulseHost(device.concentrator);
    if (named && named->number != host.number) {
      report.fail(device, entry->path, "concentrator",
                  fmt::format("the pulse counters on Modbus address {} are wired to {}, as {} states, not to {}",
                              address, host.number, describe(*host.statedBy), named->number));
    }
    if (device.position && (*device.position < 1 || *device.position > host.inputCount)) {
      const std::string source =
          host.statedBy == nullptr
              ? fmt::format("{} inputs assumed when no concentrator is named", kDefaultPulseInputCount)
              : fmt::format("{} has {} inputs", host.number, host.inputCount);
      report.fail(device, entry->path, "position",
                  fmt::format("position {} is out of range 1..{} ({})", *device.position, host.inputCount, source));
    }
  }
}

// One physical or Local gateway's RS485 line.
void checkLine(const GatewayEntry& gateway, const std::vector<const DeviceEntry*>& devices, Report& report) {
  std::map<int, std::vector<const DeviceEntry*>> devicesByAddress;
  bool overflowReported = false;
  for (const auto* entry : devices) {
    const int address = lineAddress(*entry);
    if (address < kMinModbusAddress || address > kMaxModbusAddress) continue;  // reported by checkDevices
    auto& sharing = devicesByAddress[address];
    if (sharing.empty() && devicesByAddress.size() > static_cast<std::size_t>(kMaxAddressesPerLine) && !overflowReported) {
      report.fail(entry->device, entry->path, "address",
                  fmt::format("gateway \"{}\" already has {} Modbus addresses: an RS485 line carries at most {}",
                              gateway.gateway.name, kMaxAddressesPerLine, kMaxAddressesPerLine));
      overflowReported = true;
    }
    for (const auto* earlier : sharing) {
      if (const auto clash = clashBetween(*earlier, *entry)) {
        report.fail(entry->device, entry->path, clash->field, clash->reason);
        break;
      }
    }
    sharing.push_back(entry);
  }
  for (const auto& [address, sharing] : devicesByAddress) checkPulsePositions(sharing, address, report);
}

void checkDeviceCount(const SiteView& site, Report& report) {
  const auto maxCount = static_cast<std::size_t>(maxDevices(site.spec.variant));
  if (site.devices.size() <= maxCount) return;
  const DeviceEntry& first = site.devices[maxCount];
  report.fail(first.device, first.path, "",
              fmt::format("the {} manages at most {} devices; this site has {} and this is device {}",
                          variantLabel(site.spec.variant), maxCount, site.devices.size(), maxCount + 1));
}

}  // namespace

void checkBuses(const SiteView& site, Report& report) {
  for (const auto& gateway : site.gateways) {
    if (gateway.gateway.kind == GatewayKind::Virtual) continue;  // no RS485 line: every device is 247
    std::vector<const DeviceEntry*> devices;
    for (const auto& entry : site.devices) {
      if (entry.gatewayIndex == gateway.index) devices.push_back(&entry);
    }
    checkLine(gateway, devices, report);
  }
  checkDeviceCount(site, report);
}

}  // namespace ews::installation::validation

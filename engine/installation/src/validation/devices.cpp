// One device's own settings (manual 7.16.1.3, 7.16.1.4, 7.16.6.2): its model, address,
// and the settings that exist only for some families or models: position, side, phase,
// medium, concentrator, EMS interface address, Remote ID, generic register, excluded alerts.
// Settings shared between devices (addresses on a bus) are in buses.cpp.
#include <cmath>

#include <fmt/format.h>

#include "ews/installation/limits.hpp"
#include "ews/installation/remote_id.hpp"
#include "validation/context.hpp"

namespace ews::installation::validation {

namespace {

constexpr std::size_t kListedModelsInMessage = 6;
constexpr int kMaxRegisterAddress = 0xFFFF;
constexpr int kMaxGenericWords = 4;

enum class Presence { Required, Optional, Forbidden };

// A setting the family or model needs (reported when missing) or does not have (reported
// when given).
void checkPresence(const DeviceEntry& entry, std::string_view field, bool present, Presence presence,
                   std::string_view requiredFor, std::string_view appliesTo, Report& report) {
  if (presence == Presence::Required && !present) {
    report.fail(entry.device, entry.path, field, fmt::format("{} is required {}", field, requiredFor));
  } else if (presence == Presence::Forbidden && present) {
    report.fail(entry.device, entry.path, field, fmt::format("{} applies only to {}", field, appliesTo));
  }
}

// Side and phase depend on the station's model; with no model set they may be given.
Presence stationSetting(const DeviceEntry& entry, bool modelNeedsIt) {
  if (entry.device.family != DeviceFamily::ChargingStation) return Presence::Forbidden;
  if (entry.model == nullptr || !entry.model->isConfigured()) return Presence::Optional;
  return modelNeedsIt ? Presence::Required : Presence::Forbidden;
}

void checkInRange(const DeviceEntry& entry, std::string_view field, int value, int min, int max,
                  std::string_view what, Report& report) {
  if (value < min || value > max) {
    report.fail(entry.device, entry.path, field, fmt::format("{} {} is out of range {}..{}", what, value, min, max));
  }
}

void checkModel(const DeviceEntry& entry, Report& report) {
  if (entry.model != nullptr) return;
  const auto models = modelsOf(entry.device.family);
  std::string listed;
  for (std::size_t index = 0; index < models.size() && index < kListedModelsInMessage; ++index) {
    listed += fmt::format("{}\"{}\"", index == 0 ? "" : ", ", models[index]->number);
  }
  report.fail(entry.device, entry.path, "model",
              fmt::format("unknown model \"{}\" for family {}; its models include {}{} ({} in all; or leave it empty)",
                          entry.device.model, familyName(entry.device.family), listed,
                          models.size() > kListedModelsInMessage ? ", ..." : "", models.size()));
}

// Virtual devices live on virtual gateways, and only they do (manual 7.16.6.2).
void checkPlacement(const DeviceEntry& entry, Report& report) {
  const bool isVirtualDevice = entry.device.family == DeviceFamily::WsMeasure;
  const bool onVirtualGateway = entry.gateway.kind == GatewayKind::Virtual;
  if (isVirtualDevice && !onVirtualGateway) {
    report.fail(entry.device, entry.path, "family",
                "a wsmeasure (virtual) device belongs on a virtual gateway (a slave Energy Web Server)");
  } else if (!isVirtualDevice && onVirtualGateway) {
    report.fail(entry.device, entry.path, "family",
                fmt::format("a virtual gateway holds only wsmeasure devices, not {}", familyName(entry.device.family)));
  }
}

void checkAddresses(const DeviceEntry& entry, Report& report) {
  const DeviceSpec& device = entry.device;
  if (device.family == DeviceFamily::WsMeasure) {
    if (device.address != 0 && device.address != kVirtualDeviceAddress) {
      report.fail(device, entry.path, "address",
                  fmt::format("a virtual device's Modbus address is fixed at {} (leave it 0 to have it filled in)",
                              kVirtualDeviceAddress));
    }
  } else {
    checkInRange(entry, "address", device.address, kMinModbusAddress, kMaxModbusAddress, "Modbus address", report);
  }
  checkPresence(entry, "interfaceAddress", device.interfaceAddress.has_value(),
                isEms(device.family) ? Presence::Optional : Presence::Forbidden, "",
                "EMS CX3 modules in remote addressing mode (address-interface, e.g. 2-1)", report);
  if (device.interfaceAddress && isEms(device.family)) {
    checkInRange(entry, "interfaceAddress", *device.interfaceAddress, kMinModbusAddress, kMaxModbusAddress,
                 "EMS interface address", report);
  }
}

void checkPulseSettings(const DeviceEntry& entry, Report& report) {
  const DeviceSpec& device = entry.device;
  const bool isPulse = device.family == DeviceFamily::PulseCounter;
  const Presence pulseOnly = isPulse ? Presence::Required : Presence::Forbidden;
  checkPresence(entry, "position", device.position.has_value(), pulseOnly,
                "for a pulse counter: the concentrator input its pulse output is wired to", "pulse counters", report);
  checkPresence(entry, "medium", device.medium.has_value(), pulseOnly,
                "for a pulse counter: electricity, water or gas", "pulse counters", report);
  checkPresence(entry, "concentrator", !device.concentrator.empty(), isPulse ? Presence::Optional : Presence::Forbidden,
                "", "pulse counters", report);
  if (!isPulse) return;
  if (device.medium && entry.model != nullptr && entry.model->pulseMedium &&
      *entry.model->pulseMedium != *device.medium) {
    report.fail(device, entry.path, "medium",
                fmt::format("model \"{}\" counts {}, not {}", entry.model->number,
                            mediumName(*entry.model->pulseMedium), mediumName(*device.medium)));
  }
  if (!device.concentrator.empty() && !findPulseHost(device.concentrator)) {
    report.fail(device, entry.path, "concentrator",
                fmt::format("\"{}\" is neither a pulse concentrator (4 149 26, 4 120 65, 0 046 87) nor an energy "
                            "counter with pulse inputs (4 120 81, 4 120 91, 4 120 41)",
                            device.concentrator));
  }
}

void checkStationSettings(const DeviceEntry& entry, Report& report) {
  const DeviceSpec& device = entry.device;
  const std::string_view model = entry.model != nullptr ? entry.model->number : std::string_view{};
  checkPresence(entry, "side", device.side.has_value(),
                stationSetting(entry, entry.model != nullptr && entry.model->sidesShareAddress),
                fmt::format("for the two-sided station {}: both sides share one Modbus address", model),
                "two-sided old-range Green'Up stations, whose sides share one Modbus address (each side of a "
                "new-range two-sided station is a device with its own address)",
                report);
  if (device.side && device.family == DeviceFamily::ChargingStation) {
    checkInRange(entry, "side", *device.side, 1, 2, "side", report);
  }
  checkPresence(entry, "phase", device.phase.has_value(),
                stationSetting(entry, entry.model != nullptr && entry.model->singlePhase),
                fmt::format("for the single-phase station {}: the phase it is connected to", model),
                "single-phase charging stations", report);
}

void checkRemoteId(const DeviceEntry& entry, Report& report) {
  const DeviceSpec& device = entry.device;
  const bool isVirtual = device.family == DeviceFamily::WsMeasure;
  checkPresence(entry, "remoteId", device.remoteId.has_value(), isVirtual ? Presence::Required : Presence::Forbidden,
                "for a virtual device: what it reads on the slave (1XXXX device, 2YYYY load, 3ZZZZ group, 29999 all)",
                "virtual (wsmeasure) devices", report);
  if (isVirtual && device.remoteId && !decodeRemoteId(*device.remoteId)) {
    report.fail(device, entry.path, "remoteId",
                fmt::format("Remote ID {} is not 1XXXX (device), 2YYYY (load), 3ZZZZ (measure group) or 29999 "
                            "(all electrical loads), with XXXX, YYYY, ZZZZ from 1 to 9999",
                            *device.remoteId));
  }
}

void checkGenericRegister(const DeviceEntry& entry, Report& report) {
  const DeviceSpec& device = entry.device;
  const bool isGeneric = device.family == DeviceFamily::GenericModbus;
  checkPresence(entry, "generic", device.generic.has_value(), isGeneric ? Presence::Required : Presence::Forbidden,
                "for a generic Modbus meter: function code, register, words and multiplier",
                "generic Modbus meters", report);
  if (!isGeneric || !device.generic) return;
  const GenericRegisterSpec& generic = *device.generic;
  if (generic.functionCode != 3 && generic.functionCode != 4) {
    report.fail(device, entry.path, "generic.functionCode",
                fmt::format("function code {} is not 3 (holding registers) or 4 (input registers)",
                            generic.functionCode));
  }
  checkInRange(entry, "generic.registerAddress", generic.registerAddress, 0, kMaxRegisterAddress, "register",
               report);
  checkInRange(entry, "generic.words", generic.words, 1, kMaxGenericWords, "word count", report);
  if (!(std::isfinite(generic.multiplier) && generic.multiplier > 0.0)) {
    report.fail(device, entry.path, "generic.multiplier",
                fmt::format("multiplier {} must be a positive number", generic.multiplier));
  }
}

void checkExcludeAlerts(const DeviceEntry& entry, Report& report) {
  if (!entry.device.excludeAlerts || entry.model == nullptr || entry.model->raisesAlerts) return;
  report.fail(entry.device, entry.path, "excludeAlerts",
              "\"Exclude alerts\" is offered only for EMS CX3, DPX3 and DMX3 devices (manual 7.16.1.4)");
}

}  // namespace

void checkDevices(const SiteView& site, Report& report) {
  for (const auto& entry : site.devices) {
    checkModel(entry, report);
    checkPlacement(entry, report);
    checkAddresses(entry, report);
    checkPulseSettings(entry, report);
    checkStationSettings(entry, report);
    checkRemoteId(entry, report);
    checkGenericRegister(entry, report);
    checkExcludeAlerts(entry, report);
  }
}

}  // namespace ews::installation::validation

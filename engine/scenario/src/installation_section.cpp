// `installation:` - the site of manual 7.16.1 - 7.16.2 into installation::InstallationSpec.
//
// Only each field's own form and range is checked here (a Modbus address is 1..247, a side is
// 1 or 2, ...). Rules between entries (unique names and addresses, capacity of the variant, EQ
// device with THD, ...) belong to the installation's validation, which finds the positions it
// needs in `loc` and `fieldLocs` (keyed by YAML key; where the struct field is named otherwise,
// under that name too: siteName, interfaceAddress, generic.functionCode, generic.registerAddress).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "sections.hpp"
#include "vocabulary.hpp"

namespace ews::scenario::detail {

namespace {

namespace inst = ews::installation;

constexpr IntRange kModbusAddress{1, 247};  ///< Modbus serial unit ids
constexpr IntRange kTcpPort{1, 65535};
/// Concentrator inputs; the manual gives no upper bound, so only a sanity bound.
constexpr IntRange kPosition{1, 255};
constexpr std::array<int, 2> kSides{1, 2};
/// WSMEASURE remote ids: 1XXXX device, 2YYYY load, 3ZZZZ group (manual 7.16.6.2).
constexpr IntRange kRemoteId{10000, 39999};
constexpr int kRemoteIdAll = 29999;
constexpr int kWsMeasureAddress = 247;
constexpr std::array<int, 2> kGenericFunctions{3, 4};
constexpr IntRange kGenericRegister{0, 0xFFFF};
constexpr IntRange kGenericWords{1, 4};
constexpr const char* kLocalIp = "127.0.0.1";

bool isIpv4(const std::string& text) {
  int parts = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t dot = std::min(text.find('.', start), text.size());
    const std::string_view part = std::string_view(text).substr(start, dot - start);
    const auto value = parseInteger(part);
    if (part.empty() || part.size() > 3 || !value || *value.value < 0 || *value.value > 255 ||
        part.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
    ++parts;
    start = dot + 1;
  }
  return parts == 4;
}

/// "5" or, for EMS CX3 remote addressing (manual 7.16.1.3), "device-interface" such as "2-1".
void readAddress(MapReader& entry, inst::DeviceSpec& device) {
  const auto v = entry.get("address");
  if (!v) {
    if (device.family == inst::DeviceFamily::WsMeasure) {
      device.address = kWsMeasureAddress;  // "Modbus Address is automatically filled"
    } else {
      entry.require("address");
    }
    return;
  }
  const std::string text = v->node.IsScalar() ? v->node.Scalar() : std::string();
  const std::size_t dash = text.find('-');
  if (dash == std::string::npos || dash == 0) {
    if (const auto address = asInteger(entry.sink(), *v, kModbusAddress)) device.address = static_cast<int>(*address);
    return;
  }
  const auto address = parseInteger(std::string_view(text).substr(0, dash));
  const auto interface = parseInteger(std::string_view(text).substr(dash + 1));
  const auto inRange = [](const Parsed<std::int64_t>& p) {
    return p && *p.value >= kModbusAddress.min && *p.value <= kModbusAddress.max;
  };
  if (!inRange(address) || !inRange(interface)) {
    entry.sink().error(v->loc, v->path,
                       fmt::format("expected a Modbus address 1..247 or 'device-interface' with both parts in "
                                   "1..247 (e.g. 2-1), got '{}'",
                                   text));
    return;
  }
  device.address = static_cast<int>(*address.value);
  device.interfaceAddress = static_cast<int>(*interface.value);
  device.fieldLocs["interfaceAddress"] = v->loc;
}

/// A number 1XXXX/2YYYY/3ZZZZ, or "all" for the slave's total (29999).
void readRemoteId(MapReader& entry, inst::DeviceSpec& device) {
  const auto v = entry.get("remoteId");
  if (!v) return;
  if (v->node.IsScalar() && v->node.Scalar() == "all") {
    device.remoteId = kRemoteIdAll;
    return;
  }
  if (const auto id = asInteger(entry.sink(), *v, kRemoteId)) device.remoteId = static_cast<int>(*id);
}

template <class T>
void readOptional(MapReader& entry, std::string_view key, std::optional<T>& out,
                  std::type_identity_t<std::span<const EnumName<T>>> table) {
  T value{};
  if (entry.readEnum(key, value, table)) out = value;
}

void readOptionalInt(MapReader& entry, std::string_view key, std::optional<int>& out, IntRange range) {
  int value = 0;
  if (entry.read(key, value, range)) out = value;
}

void readGeneric(MapReader& entry, inst::DeviceSpec& device) {
  if (!entry.has("generic")) return;
  inst::FieldLocs locs;
  MapReader g = entry.child("generic", &locs);
  inst::GenericRegisterSpec spec;
  bool registerRead = false;
  g.readOneOf("function", spec.functionCode, kGenericFunctions);
  if (g.require("register")) {
    if (const auto v = g.get("register")) {
      if (const auto text = asString(g.sink(), *v)) {
        const auto value = parseHex(*text);
        if (!value) {
          g.sink().error(v->loc, v->path, value.error);
        } else if (*value.value < kGenericRegister.min || *value.value > kGenericRegister.max) {
          g.sink().error(v->loc, v->path, fmt::format("must be between 0x0000 and 0xFFFF, got {}", *text));
        } else {
          spec.registerAddress = static_cast<int>(*value.value);
          registerRead = true;
        }
      }
    }
  }
  g.read("words", spec.words, kGenericWords);
  g.read("multiplier", spec.multiplier, RealRange::above(0.0));
  // The value's last word must exist too: told here, at the words (or the register when the
  // words are the default), rather than by a failing read at run time.
  if (registerRead && spec.registerAddress + spec.words - 1 > kGenericRegister.max) {
    const bool wordsGiven = locs.count("words") != 0;
    g.sink().error(wordsGiven ? locs["words"] : locs["register"], g.pathOf(wordsGiven ? "words" : "register"),
                   fmt::format("register 0x{:04X} plus {} words runs past 0xFFFF, the last register", spec.registerAddress,
                               spec.words));
  }
  g.reportUnknownKeys();
  for (const auto& [key, loc] : locs) device.fieldLocs["generic." + key] = loc;
  if (locs.count("function") != 0) device.fieldLocs["generic.functionCode"] = locs["function"];
  if (locs.count("register") != 0) device.fieldLocs["generic.registerAddress"] = locs["register"];
  device.generic = spec;
}

inst::DeviceSpec readDevice(DiagnosticSink& sink, const Located& item, std::size_t gatewayIndex,
                            std::size_t deviceIndex, Scenario& scenario, std::vector<SimOrigin>& simOrigins) {
  inst::DeviceSpec device;
  MapReader entry(sink, item, &device.fieldLocs);
  device.loc = entry.loc();
  entry.read("name", device.name);
  if (entry.require("family")) entry.readEnum("family", device.family, kDeviceFamilies);
  entry.read("model", device.model);
  entry.read("description", device.description);
  readAddress(entry, device);
  readOptionalInt(entry, "position", device.position, kPosition);
  int side = 0;
  if (entry.readOneOf("side", side, kSides)) device.side = side;
  readOptional(entry, "phase", device.phase, kPhases);
  readOptional(entry, "medium", device.medium, kMedia);
  entry.read("concentrator", device.concentrator);
  readRemoteId(entry, device);
  readGeneric(entry, device);
  entry.readEnum("supply", device.supply, kSupplies);
  entry.read("load", device.load);
  entry.readStringList("groups", device.groups);
  entry.read("on", device.on);
  entry.read("excludeFromTotals", device.excludeFromTotals);
  entry.read("excludeAlerts", device.excludeAlerts);
  entry.read("writeModelledMap", device.writeModelledMap);

  if (const auto sim = entry.get("sim")) {
    DeviceSimSpec spec = readDeviceSim(sink, *sim, /*withDeviceKey=*/false);
    // The simulated device is this one: point "device" at its name (or at the entry).
    const auto nameLoc = device.fieldLocs.find("name");
    spec.fieldLocs["device"] = nameLoc != device.fieldLocs.end() ? nameLoc->second : device.loc;
    scenario.deviceSims.push_back(std::move(spec));
    simOrigins.push_back(SimOrigin{sim->path, std::make_pair(gatewayIndex, deviceIndex)});
  }
  entry.reportUnknownKeys();
  return device;
}

inst::GatewaySpec readGateway(DiagnosticSink& sink, const Located& item, std::size_t gatewayIndex, Scenario& scenario,
                              std::vector<SimOrigin>& simOrigins) {
  inst::GatewaySpec gateway;
  MapReader entry(sink, item, &gateway.fieldLocs);
  gateway.loc = entry.loc();
  entry.read("name", gateway.name);
  entry.readEnum("kind", gateway.kind, kGatewayKinds);
  if (gateway.kind == inst::GatewayKind::Local) gateway.ip = kLocalIp;  // fixed (manual 7.16.1)
  if (entry.read("ip", gateway.ip) && !isIpv4(gateway.ip)) {
    entry.error("ip", fmt::format("expected an IPv4 address such as 192.168.1.10, got '{}'", gateway.ip));
  }
  entry.read("port", gateway.port, kTcpPort);
  entry.read("description", gateway.description);
  entry.read("panelBoard", gateway.panelBoard);
  entry.read("eqDevice", gateway.eqDevice);
  entry.read("on", gateway.on);
  const auto devices = entry.list("devices");
  for (std::size_t i = 0; i < devices.size(); ++i) {
    gateway.devices.push_back(readDevice(sink, devices[i], gatewayIndex, i, scenario, simOrigins));
  }
  entry.reportUnknownKeys();
  return gateway;
}

/// panelBoards, loads and groups entries share their shape: a name and a few optional fields.
template <class Spec>
std::vector<Spec> readNamedEntries(MapReader& section, std::string_view key) {
  std::vector<Spec> specs;
  for (const auto& item : section.list(key)) {
    Spec spec;
    MapReader entry(section.sink(), item, &spec.fieldLocs);
    spec.loc = entry.loc();
    if (entry.require("name")) entry.read("name", spec.name);
    if constexpr (requires { spec.description; }) entry.read("description", spec.description);
    entry.read("enabled", spec.enabled);
    entry.reportUnknownKeys();
    specs.push_back(std::move(spec));
  }
  return specs;
}

}  // namespace

void readInstallationSection(MapReader& top, Scenario& scenario, std::vector<SimOrigin>& simOrigins) {
  inst::InstallationSpec& spec = scenario.installation;
  MapReader section = top.child("installation", &spec.fieldLocs);
  spec.loc = section.loc();
  if (section.read("site", spec.siteName)) spec.fieldLocs["siteName"] = spec.fieldLocs["site"];
  spec.panelBoards = readNamedEntries<inst::PanelBoardSpec>(section, "panelBoards");
  spec.loads = readNamedEntries<inst::LoadSpec>(section, "loads");
  spec.groups = readNamedEntries<inst::GroupSpec>(section, "groups");
  const auto gateways = section.list("gateways");
  for (std::size_t i = 0; i < gateways.size(); ++i) {
    spec.gateways.push_back(readGateway(section.sink(), gateways[i], i, scenario, simOrigins));
  }
  section.reportUnknownKeys();
}

}  // namespace ews::scenario::detail

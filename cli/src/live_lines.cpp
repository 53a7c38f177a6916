#include "live_lines.hpp"

#include "diagnostics_output.hpp"
#include "live_write_guard.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ews/live/rtu_link.hpp"
#include "ews/live/tcp_link.hpp"

namespace ews::cli {

namespace {
using installation::GatewayKind;

char parityLetter(scenario::Parity parity) {
  switch (parity) {
    case scenario::Parity::None: return 'N';
    case scenario::Parity::Odd: return 'O';
    case scenario::Parity::Even: break;
  }
  return 'E';
}

}  // namespace

// A virtual gateway's endpoint is its slave's Master/Slave server.
std::optional<std::map<std::string, Endpoint>> parseGatewayOverrides(const std::vector<std::string>& values,
                                                                     const installation::Installation& installation) {
  std::map<std::string, Endpoint> overrides;
  for (const std::string& value : values) {
    // HOST:PORT never holds '=', a gateway name might: split at the last one.
    const auto equals = value.rfind('=');
    const auto endpoint = equals == std::string::npos ? std::nullopt : parseEndpoint(value.substr(equals + 1));
    if (!endpoint) {
      fmt::print(stderr, "ews live: --gateway: expected NAME=HOST:PORT, got '{}'\n", value);
      return std::nullopt;
    }
    const std::string name = value.substr(0, equals);
    const auto& gateways = installation.gateways();
    const auto found = std::find_if(gateways.begin(), gateways.end(), [&](const auto* g) { return g->name == name; });
    if (found == gateways.end()) {
      std::string known;
      for (const auto* gateway : gateways) known += fmt::format("{}'{}'", known.empty() ? "" : ", ", gateway->name);
      fmt::print(stderr, "ews live: --gateway: the site has no gateway '{}' (gateways: {})\n", name, known);
      return std::nullopt;
    }
    overrides[name] = *endpoint;
  }
  return overrides;
}

namespace {
bool hasActiveDevices(const installation::Installation& installation, const installation::Gateway& gateway) {
  if (!gateway.on) return false;
  for (const auto* device : installation.devices()) {
    if (installation.gatewayOf(*device).id == gateway.id && installation.isActive(*device)) return true;
  }
  return false;
}

}  // namespace

LiveLines::~LiveLines() {
  // The engine is stopped (or this runs on its thread): joining the workers drops any
  // completion still on its way, so the stack can go after the lines.
  for (auto& line : lines) line->stop();
}

bool localGatewayReachable(const installation::Installation& installation, const LiveLineOptions& options) {
  for (const auto* gateway : installation.gateways()) {
    if (gateway->kind == GatewayKind::Local && options.serialDevice.empty() &&
        !options.gatewayEndpoints.contains(gateway->name) && hasActiveDevices(installation, *gateway)) {
      fmt::print(stderr,
                 "ews live: gateway '{}' is the EWS's own RS485 port and has active devices: give its serial "
                 "device with --serial PATH (e.g. /dev/ttyUSB0) or a Modbus TCP endpoint with --gateway '{}=HOST:PORT'\n",
                 gateway->name, gateway->name);
      return false;
    }
  }
  return true;
}

std::optional<profiles::ProfileCatalogue> loadLiveProfiles(const std::string& siteDirectory) {
  try {
    return profiles::ProfileCatalogue::loadDirectories(profiles::defaultProfileDirectory(), siteDirectory);
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    return std::nullopt;
  }
}

std::unique_ptr<LiveLines> attachLiveLines(Engine& engine, const scenario::Scenario& scenario,
                                           const installation::Installation& installation, stack::EwsStack& ews,
                                           const LiveLineOptions& options) {
  auto owned = std::make_unique<LiveLines>();
  for (const auto* gatewayPointer : installation.gateways()) {
    const installation::Gateway& gateway = *gatewayPointer;
    std::unique_ptr<link::Link> line;
    if (const auto endpoint = options.gatewayEndpoints.find(gateway.name); endpoint != options.gatewayEndpoints.end()) {
      line = std::make_unique<live::TcpLink>(
          live::TcpLinkConfig{endpoint->second.host, endpoint->second.port, scenario.ews.modbus.timeout});
    } else if (gateway.kind == GatewayKind::Local) {
      if (options.serialDevice.empty()) continue;  // nothing active on it (localGatewayReachable)
      const auto& modbus = scenario.ews.modbus;
      line = std::make_unique<live::RtuLink>(live::RtuLinkConfig{options.serialDevice, modbus.baud,
                                                                 parityLetter(modbus.parity), modbus.stopBits,
                                                                 modbus.timeout});
    } else {
      line = std::make_unique<live::TcpLink>(live::TcpLinkConfig{gateway.ip, static_cast<std::uint16_t>(gateway.port),
                                                                 scenario.ews.modbus.timeout});
    }
    owned->lines.push_back(std::make_unique<live::ThreadedLink>(engine, std::move(line)));
    ews.attachLine(gateway, *owned->lines.back());
    if (!options.quiet) fmt::print("gateway '{}' polled over {}\n", gateway.name, owned->lines.back()->describe());
  }
  guardLiveWrites(ews, scenario, installation, options.quiet ? nullptr : stdout);
  return owned;
}

}  // namespace ews::cli

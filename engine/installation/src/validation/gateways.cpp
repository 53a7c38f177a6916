// Gateways: the Local gateway (7.16.1, 7.16.1.1), physical and virtual gateways' addresses
// (7.16.1.2, 7.16.6.2), the panel board a gateway is assigned to (7.16.2.1) and its EQ
// device (7.16.1.4).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "ews/installation/limits.hpp"
#include "validation/context.hpp"

namespace ews::installation::validation {

namespace {

constexpr int kMinPort = 1;
constexpr int kMaxPort = 65535;

// Dotted-quad IPv4 only: the EWS asks for an IP address, not a host name. Leading zeros
// are refused since some tools read them as octal.
bool isIpv4(std::string_view text) {
  int parts = 0;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = text.find('.', start);
    const std::string_view part = text.substr(start, dot == std::string_view::npos ? text.npos : dot - start);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part.front() == '0')) return false;
    int value = 0;
    for (const char c : part) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

// Where the twin reaches the gateway; nullopt when its address is unusable (reported).
std::optional<std::string> checkAddress(const GatewayEntry& entry, Report& report) {
  const GatewaySpec& gateway = entry.gateway;
  if (gateway.port < kMinPort || gateway.port > kMaxPort) {
    report.fail(gateway, entry.path, "port",
                fmt::format("port {} is out of range {}..{}", gateway.port, kMinPort, kMaxPort));
  }
  std::string ip = gateway.ip;
  if (gateway.kind == GatewayKind::Local) {
    if (!ip.empty() && ip != kLocalGatewayIp) {
      report.fail(gateway, entry.path, "ip",
                  fmt::format("the Local gateway's IP address is fixed at {} and cannot be modified (it is \"{}\")",
                              kLocalGatewayIp, ip));
      return std::nullopt;
    }
    ip = kLocalGatewayIp;
  } else if (ip.empty()) {
    report.fail(gateway, entry.path, "ip", "an IP address is required");
    return std::nullopt;
  } else if (!isIpv4(ip)) {
    report.fail(gateway, entry.path, "ip",
                fmt::format("\"{}\" is not an IPv4 address (four numbers 0-255 separated by dots)", ip));
    return std::nullopt;
  }
  return fmt::format("{}:{}", ip, gateway.port);
}

void checkLocalGateway(const SiteView& site, const GatewayEntry& entry, const GatewayEntry* firstLocal,
                       Report& report) {
  if (!hasLocalGateway(site.spec.variant)) {
    report.fail(entry.gateway, entry.path, "kind",
                fmt::format("a Local gateway exists only on the Mini Energy Web Server 10 and 32; this site is an {}",
                            variantLabel(site.spec.variant)));
  } else if (firstLocal != nullptr) {
    report.fail(entry.gateway, entry.path, "kind",
                fmt::format("there is only one Local gateway (the Mini's own RS485/IP converter) and {} is it",
                            firstLocal->path));
  }
}

void checkPanelBoard(const SiteView& site, const GatewayEntry& entry, Report& report) {
  const std::string& panelBoard = entry.gateway.panelBoard;
  if (panelBoard.empty()) return;
  for (const auto& candidate : site.spec.panelBoards) {
    if (candidate.name == panelBoard) return;
  }
  report.fail(entry.gateway, entry.path, "panelBoard", fmt::format("no panel board is named \"{}\"", panelBoard));
}

void checkEqDevice(const SiteView& site, const GatewayEntry& entry, Report& report) {
  const GatewaySpec& gateway = entry.gateway;
  if (gateway.eqDevice.empty()) return;
  if (site.spec.variant != Variant::Ews32) {
    report.fail(gateway, entry.path, "eqDevice",
                fmt::format("the EQ device function is only available on the {} (manual 7.16.1.4); this site is an {}",
                            variantLabel(Variant::Ews32), variantLabel(site.spec.variant)));
    return;
  }
  for (const auto& device : site.devices) {
    if (device.gatewayIndex != entry.index || device.device.name != gateway.eqDevice) continue;
    if (device.model == nullptr || device.model->hasThd) return;  // an unknown model is reported once, elsewhere
    const std::string reason =
        device.model->isConfigured()
            ? fmt::format("device \"{}\" ({}) has no THD or THD + harmonics function: it cannot be the EQ device",
                          gateway.eqDevice, device.model->number)
            : fmt::format("device \"{}\" has no model set, so no THD function is known: it cannot be the EQ device",
                          gateway.eqDevice);
    report.fail(gateway, entry.path, "eqDevice", reason);
    return;
  }
  report.fail(gateway, entry.path, "eqDevice", fmt::format("this gateway has no device named \"{}\"", gateway.eqDevice));
}

// On the Mini variants the Local gateway is added when the spec leaves it out (the
// Installation always has it): its name must then be free.
void checkLocalNameFree(const SiteView& site, Report& report) {
  if (!hasLocalGateway(site.spec.variant)) return;
  const auto& gateways = site.spec.gateways;
  if (std::any_of(gateways.begin(), gateways.end(), [](const GatewaySpec& g) { return g.kind == GatewayKind::Local; })) {
    return;
  }
  for (const auto& entry : site.gateways) {
    if (entry.gateway.name != kLocalGatewayName) continue;
    report.fail(entry.gateway, entry.path, "name",
                fmt::format("\"{}\" names the Local gateway, which the {} always has (added when not listed); "
                            "choose another name",
                            kLocalGatewayName, variantLabel(site.spec.variant)));
  }
}

}  // namespace

void checkGateways(const SiteView& site, Report& report) {
  const GatewayEntry* firstLocal = nullptr;
  std::map<std::string, const GatewayEntry*> gatewayByEndpoint;
  for (const auto& entry : site.gateways) {
    if (entry.gateway.kind == GatewayKind::Local) {
      checkLocalGateway(site, entry, firstLocal, report);
      if (firstLocal == nullptr) firstLocal = &entry;
    }
    if (const auto endpoint = checkAddress(entry, report)) {
      const auto [first, inserted] = gatewayByEndpoint.emplace(*endpoint, &entry);
      if (!inserted) {
        report.fail(entry.gateway, entry.path, "ip",
                    fmt::format("{} is already the address of {}: two gateways cannot share an IP address and port",
                                *endpoint, first->second->path));
      }
    }
    checkPanelBoard(site, entry, report);
    checkEqDevice(site, entry, report);
  }
  checkLocalNameFree(site, report);
}

}  // namespace ews::installation::validation

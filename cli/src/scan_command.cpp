// `ews scan --gateway HOST:PORT | --serial PATH` (docs/cli.md): which devices answer on a line.
// Every unit id of the range is asked for its identification registers (bus_scan.hpp); each one
// found is printed with its catalogue model, family and the register map (and provenance) that
// would read it, and --yaml writes them as a scenario an installer completes and `ews validate`
// accepts.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "bus_scan.hpp"
#include "commands.hpp"
#include "endpoint.hpp"
#include "exit_codes.hpp"
#include "ews/installation/catalogue.hpp"
#include "ews/live/rtu_link.hpp"
#include "ews/live/tcp_link.hpp"
#include "ews/profiles/identification.hpp"
#include "live_lines.hpp"

namespace ews::cli {

namespace {

std::optional<ScanRange> parseRange(const std::string& text) {
  ScanRange range;
  const auto dash = text.find('-');
  try {
    std::size_t used = 0;
    range.first = std::stoi(text.substr(0, dash), &used);
    if (used != (dash == std::string::npos ? text.size() : dash)) return std::nullopt;
    range.last = dash == std::string::npos ? range.first : std::stoi(text.substr(dash + 1), &used);
    if (dash != std::string::npos && used != text.size() - dash - 1) return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (range.first < 1 || range.last > 247 || range.first > range.last) return std::nullopt;
  return range;
}

/// A unit found, as the installer reads it: what it is and what would read it.
struct Recognised {
  std::optional<profiles::IdentifiedModel> model;
  const profiles::RegisterMap* map = nullptr;
};

Recognised recognise(const UnitFound& unit, const profiles::ProfileCatalogue& profiles) {
  Recognised recognised;
  if (!unit.modelCode) return recognised;
  recognised.model = profiles::modelOfCode(*unit.modelCode);
  if (!recognised.model) return recognised;
  recognised.map = recognised.model->family == installation::DeviceFamily::PulseCounter
                       ? profiles.findPulseHost(recognised.model->number)
                       : profiles.find(recognised.model->family, recognised.model->number);
  return recognised;
}

std::string where(const UnitFound& unit) {
  return unit.module == 0 ? fmt::format("address {}", unit.unitId)
                          : fmt::format("address {} module {}", unit.unitId, unit.module);
}

std::string describe(const UnitFound& unit, const Recognised& recognised) {
  if (!unit.modelCode) {
    return fmt::format("{}: answers, without identification registers ({})", where(unit),
                       link::describe(link::Result{link::Status::Exception, unit.exception, {}}));
  }
  const std::string firmware = unit.firmware ? fmt::format(", firmware {:.2f}", *unit.firmware) : "";
  if (!recognised.model) {
    return fmt::format("{}: {}{}: not a model of the catalogue", where(unit), profiles::describeModelCode(*unit.modelCode),
                       firmware);
  }
  const std::string map = recognised.map != nullptr
                              ? fmt::format("map {} ({})", recognised.map->id(), recognised.map->provenance().summary())
                              : std::string("no register map");
  return fmt::format("{}: {} {} ({}){}, {}", where(unit), recognised.model->number,
                     installation::familyName(recognised.model->family), recognised.model->description, firmware, map);
}

/// The scenario fragment: one gateway with every recognised device, ready for `ews validate`.
/// A pulse concentrator is a comment (its counters are what is configured, and only the
/// installer knows what is wired to its inputs).
std::string scenarioYaml(const ScanOptions& options, const ScanReport& report, const profiles::ProfileCatalogue& profiles,
                         const std::optional<Endpoint>& endpoint) {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::string yaml = fmt::format(
      "# ews scan of {} ({} addresses): {} units answered. Complete names, loads and groups.\n"
      "name: scanned-site\nrun:\n  start: \"{:%Y-%m-%d}T00:00:00\"\ninstallation:\n  gateways:\n",
      endpoint ? fmt::format("{}:{}", endpoint->host, endpoint->port) : options.serialDevice, report.addressesProbed,
      report.found.size(), today);
  yaml += fmt::format("    - name: \"{}\"\n", options.gatewayName);
  if (endpoint) {
    yaml += fmt::format("      kind: physical\n      ip: \"{}\"\n      port: {}\n", endpoint->host, endpoint->port);
  } else {
    yaml += "      kind: local\n";
  }
  yaml += "      devices:\n";
  std::string comments;
  int devices = 0;
  for (const UnitFound& unit : report.found) {
    const Recognised recognised = recognise(unit, profiles);
    if (!recognised.model) {
      comments += fmt::format("      # {}\n", describe(unit, recognised));
      continue;
    }
    if (recognised.model->family == installation::DeviceFamily::PulseCounter) {
      comments += fmt::format(
          "      # address {}: pulse concentrator {}: add a pulse-counter per wired input (address {}, position N, "
          "concentrator \"{}\")\n",
          unit.unitId, recognised.model->number, unit.unitId, recognised.model->number);
      continue;
    }
    const std::string address =
        unit.module == 0 ? fmt::format("{}", unit.unitId) : fmt::format("\"{}-{}\"", unit.module, unit.unitId);
    const std::string name = unit.module == 0 ? fmt::format("Unit {}", unit.unitId)
                                              : fmt::format("Unit {} module {}", unit.unitId, unit.module);
    yaml += fmt::format("        - {{name: \"{}\", family: {}, model: \"{}\", address: {}}}\n", name,
                        installation::familyName(recognised.model->family), recognised.model->number, address);
    ++devices;
  }
  if (devices == 0) yaml += "        []\n";
  return yaml + comments;
}

}  // namespace

int runScan(const ScanOptions& options) {
  if (options.gateway.empty() == options.serialDevice.empty()) {
    fmt::print(stderr, "ews scan: give the line to scan: --gateway HOST:PORT or --serial PATH (one of them)\n");
    return kUsage;
  }
  const auto range = parseRange(options.range);
  if (!range) {
    fmt::print(stderr, "ews scan: --range: expected FIRST-LAST within 1-247, got '{}'\n", options.range);
    return kUsage;
  }
  ScanRange scan = *range;
  scan.retries = options.retries;
  if (options.timeoutMs <= 0) {
    fmt::print(stderr, "ews scan: --timeout: expected a positive number of milliseconds, got {}\n", options.timeoutMs);
    return kUsage;
  }
  const Duration timeout = milliseconds(options.timeoutMs);
  std::optional<Endpoint> endpoint;
  std::unique_ptr<link::Link> line;
  if (!options.gateway.empty()) {
    endpoint = parseEndpoint(options.gateway);
    if (!endpoint) {
      fmt::print(stderr, "ews scan: --gateway: expected HOST:PORT, got '{}'\n", options.gateway);
      return kUsage;
    }
    line = std::make_unique<live::TcpLink>(live::TcpLinkConfig{endpoint->host, endpoint->port, timeout});
  } else {
    try {
      line = std::make_unique<live::RtuLink>(live::RtuLinkConfig{options.serialDevice, options.baud,
                                                                 options.parity.empty() ? 'E' : options.parity.front(),
                                                                 options.stopBits, timeout});
    } catch (const std::invalid_argument& e) {
      fmt::print(stderr, "ews scan: --serial {}: {}\n", options.serialDevice, e.what());
      return kUsage;
    }
  }
  const auto profiles = loadLiveProfiles(options.siteProfiles);
  if (!profiles) return kInvalidInput;
  IdentificationBlock block;
  try {
    block = identificationBlockOf(*profiles);
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "ews scan: {}\n", e.what());
    return kInvalidInput;
  }

  fmt::print("scanning {}, addresses {}-{}, timeout {} ms, {} retr{}\n", line->describe(), scan.first, scan.last,
             options.timeoutMs, scan.retries, scan.retries == 1 ? "y" : "ies");
  std::fflush(stdout);
  const ScanReport report = scanLine(*line, block, scan, [&](int, const UnitFound* found) {
    if (found == nullptr) return;
    fmt::print("{}\n", describe(*found, recognise(*found, *profiles)));
    std::fflush(stdout);
  });
  const double seconds = std::chrono::duration<double>(report.elapsed).count();
  fmt::print("found {} unit{} on {} addresses in {:.2f} s ({:.1f} ms per address, {} requests)\n", report.found.size(),
             report.found.size() == 1 ? "" : "s", report.addressesProbed, seconds,
             seconds * 1000.0 / report.addressesProbed, report.transactions);
  if (!options.yamlPath.empty()) {
    std::ofstream out(options.yamlPath);
    out << scenarioYaml(options, report, *profiles, endpoint);
    if (!out.flush()) {
      fmt::print(stderr, "ews scan: --yaml: cannot write '{}'\n", options.yamlPath);
      return kRuntimeError;
    }
    fmt::print("scenario fragment written to {}\n", options.yamlPath);
  }
  return kOk;
}

}  // namespace ews::cli

// `slaves:` - the slave Energy Web Servers a Master reads (manual 7.16.6, docs/master-slave.md).
// This file only checks what one scenario can: the shape of the entries and that each names a
// virtual gateway of the installation. The slave files themselves, loops of masters and slaves
// and the Remote IDs read on each slave are checked by loadInstances (instances.cpp).
#include <fmt/format.h>

#include <map>

#include "sections.hpp"

namespace ews::scenario::detail {

void readSlaves(MapReader& top, Scenario& scenario) {
  for (const Located& item : top.list("slaves")) {
    SlaveSpec slave;
    MapReader entry(top.sink(), item, &slave.fieldLocs);
    slave.loc = entry.loc();
    if (entry.require("file")) entry.read("file", slave.file);
    if (entry.require("gateway")) entry.read("gateway", slave.gateway);
    entry.reportUnknownKeys();
    scenario.slaves.push_back(std::move(slave));
  }
}

void checkSlaveGateways(const Scenario& scenario, DiagnosticSink& sink) {
  std::map<std::string, std::size_t> firstEntryOf;
  for (std::size_t i = 0; i < scenario.slaves.size(); ++i) {
    const SlaveSpec& slave = scenario.slaves[i];
    if (slave.gateway.empty()) continue;  // missing: already reported
    const auto at = slave.fieldLocs.find("gateway");
    const SourceLoc where = at != slave.fieldLocs.end() ? at->second : slave.loc;
    const std::string field = fmt::format("slaves[{}].gateway", i);
    std::string virtualGateways;
    const installation::GatewaySpec* named = nullptr;
    for (const auto& gateway : scenario.installation.gateways) {
      if (gateway.kind != installation::GatewayKind::Virtual) continue;
      virtualGateways += fmt::format("{}'{}'", virtualGateways.empty() ? "" : ", ", gateway.name);
      if (gateway.name == slave.gateway) named = &gateway;
    }
    if (named == nullptr) {
      sink.error(where, field,
                 fmt::format("no virtual gateway named '{}' in the installation (virtual gateways: {})", slave.gateway,
                             virtualGateways.empty() ? "none" : virtualGateways));
      continue;
    }
    const auto [first, added] = firstEntryOf.emplace(slave.gateway, i);
    if (!added) {
      sink.error(where, field,
                 fmt::format("virtual gateway '{}' already stands for the slave of slaves[{}]", slave.gateway, first->second));
    }
  }
}

}  // namespace ews::scenario::detail

#include "slave_server_option.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "ews/profiles/master_slave_map.hpp"

namespace ews::cli {

std::optional<SlaveListen> slaveListenOf(std::string_view command, const std::string& option,
                                         std::string_view defaultHost, const scenario::Scenario& scenario) {
  const bool on = scenario.ews.modbus.tcpServer;
  if (!option.empty() && !on) {
    fmt::print(stderr,
               "ews {}: --slave-listen: the scenario's Modbus TCP server for Master/Slave is OFF "
               "(set ews.modbus.tcpServer: true to serve masters)\n",
               command);
    return std::nullopt;
  }
  if (!on) return SlaveListen{};
  if (option.empty()) {
    return SlaveListen{true, Endpoint{std::string(defaultHost), static_cast<std::uint16_t>(scenario.ews.modbus.tcpServerPort)}};
  }
  const auto at = parseEndpoint(option);
  if (!at) {
    fmt::print(stderr, "ews {}: --slave-listen: expected HOST:PORT, got '{}'\n", command, option);
    return std::nullopt;
  }
  return SlaveListen{true, *at};
}

SlaveServer::SlaveServer(std::shared_ptr<const stack::SlaveRegisters> registers, const Endpoint& at)
    : handler_(std::make_unique<live::SlaveRequestHandler>(registers)) {
  live::ModbusTcpServerConfig config;
  config.bindAddress = at.host;
  config.port = at.port;
  server_ = std::make_unique<live::ModbusTcpServer>(config, *handler_);
  server_->start();
  fmt::print("slave server unit {} ({} values) on {}:{}\n", profiles::kSlaveUnitId, registers->servedIds().size(), at.host,
             server_->port());
  std::fflush(stdout);
}

}  // namespace ews::cli

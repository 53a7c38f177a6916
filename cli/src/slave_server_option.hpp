#pragma once
// The Master/Slave server of `ews twin` and `ews live` (manual 7.16.6.1): when the scenario's
// ews.modbus.tcpServer is ON, the EWS serves its recorded energies to its masters over Modbus
// TCP (docs/master-slave.md), on --slave-listen HOST:PORT or on the scenario's tcpServerPort.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "endpoint.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/slave_request_handler.hpp"
#include "ews/scenario/scenario.hpp"
#include "ews/stack/slave_registers.hpp"

namespace ews::cli {

/// Where the server listens: --slave-listen when given, else `defaultHost`:tcpServerPort.
/// nullopt with nothing printed when the server is OFF and no option was given; nullopt with
/// the error printed ("ews twin: --slave-listen: ...") for a malformed value or an option given
/// while the scenario's server is OFF. `served` tells the caller whether to serve.
struct SlaveListen {
  bool served = false;
  Endpoint at;
};
std::optional<SlaveListen> slaveListenOf(std::string_view command, const std::string& option,
                                         std::string_view defaultHost, const scenario::Scenario& scenario);

/// A running server of `registers`; prints the line scripts read to find it:
/// "slave server unit 247 (N values) on HOST:PORT".
class SlaveServer {
 public:
  /// Binds and starts (std::system_error for a taken port or a bad address).
  SlaveServer(std::shared_ptr<const stack::SlaveRegisters> registers, const Endpoint& at);
  ~SlaveServer() { stop(); }
  void stop() { server_->stop(); }
  std::uint64_t requestsServed() const { return server_->requestsServed(); }
  /// Serves the registers of the stack a configuration change rebuilt (SiteHost::onRebuilt).
  void follow(std::shared_ptr<const stack::SlaveRegisters> registers) { handler_->follow(std::move(registers)); }

 private:
  std::unique_ptr<live::SlaveRequestHandler> handler_;
  std::unique_ptr<live::ModbusTcpServer> server_;
};

}  // namespace ews::cli

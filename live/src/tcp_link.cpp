#include "ews/live/tcp_link.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "libmodbus_session.hpp"

namespace ews::live {

namespace {

modbus_t* newTcpContext(const TcpLinkConfig& config) {
  // The _pi variant resolves host names and IPv6, where modbus_new_tcp takes only IPv4 literals.
  const std::string service = std::to_string(config.port);
  modbus_t* context = modbus_new_tcp_pi(config.host.c_str(), service.c_str());
  if (context == nullptr) {
    throw std::invalid_argument(fmt::format("tcp link {}:{}: {}", config.host, config.port, modbus_strerror(errno)));
  }
  return context;
}

}  // namespace

TcpLink::TcpLink(TcpLinkConfig config)
    : config_(std::move(config)),
      session_(std::make_unique<detail::LibmodbusSession>(
          newTcpContext(config_),
          detail::SessionPolicy{.closeAfterStreamError = true, .unitZeroIsBroadcast = false, .tcpNoDelay = true},
          config_.responseTimeout)) {}

TcpLink::~TcpLink() = default;

link::Result TcpLink::transact(const link::Request& request) { return session_->transact(request); }

std::string TcpLink::describe() const {
  // IPv6 literals are bracketed so the port stays readable.
  if (config_.host.find(':') != std::string::npos) return fmt::format("tcp [{}]:{}", config_.host, config_.port);
  return fmt::format("tcp {}:{}", config_.host, config_.port);
}

bool TcpLink::connected() const { return session_->connected(); }

}  // namespace ews::live

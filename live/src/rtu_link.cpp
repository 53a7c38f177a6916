#include "ews/live/rtu_link.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <stdexcept>

#include "libmodbus_session.hpp"

namespace ews::live {

namespace {

constexpr int kRtuDataBits = 8;

modbus_t* newRtuContext(const RtuLinkConfig& config) {
  // libmodbus checks parity but not the rest: check here so a bad setting fails at
  // construction with a message rather than at the first transaction as a lost port.
  if (config.baud <= 0 || (config.stopBits != 1 && config.stopBits != 2) ||
      (config.parity != 'N' && config.parity != 'E' && config.parity != 'O')) {
    throw std::invalid_argument(fmt::format("rtu link {}: unsupported line settings {} baud, parity '{}', {} stop bits",
                                            config.devicePath, config.baud, config.parity, config.stopBits));
  }
  modbus_t* context = modbus_new_rtu(config.devicePath.c_str(), config.baud, config.parity, kRtuDataBits,
                                     config.stopBits);
  if (context == nullptr) {
    throw std::invalid_argument(fmt::format("rtu link {}: {}", config.devicePath, modbus_strerror(errno)));
  }
  return context;
}

}  // namespace

RtuLink::RtuLink(RtuLinkConfig config)
    : config_(std::move(config)),
      session_(std::make_unique<detail::LibmodbusSession>(
          newRtuContext(config_),
          detail::SessionPolicy{.closeAfterStreamError = false, .unitZeroIsBroadcast = true, .tcpNoDelay = false},
          config_.responseTimeout)) {}

RtuLink::~RtuLink() = default;

link::Result RtuLink::transact(const link::Request& request) { return session_->transact(request); }

std::string RtuLink::describe() const {
  return fmt::format("rtu {} {} {}{}{}", config_.devicePath, config_.baud, kRtuDataBits, config_.parity,
                     config_.stopBits);
}

bool RtuLink::connected() const { return session_->connected(); }

}  // namespace ews::live

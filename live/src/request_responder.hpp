#pragma once
// Turns one complete Modbus TCP request into its response: decode, ask the RequestHandler,
// encode. Owns the scratch buffers, so answering allocates nothing. Server-thread only.
#include <array>
#include <cstdint>
#include <span>

#include "ews/live/modbus_tcp_frame.hpp"
#include "ews/live/modbus_tcp_server.hpp"

namespace ews::live::detail {

class RequestResponder {
 public:
  explicit RequestResponder(RequestHandler& handler) : handler_(handler) {}

  /// The response to `adu` (one complete frame from tcpframe::scanFrame), valid until the next call.
  std::span<const std::uint8_t> respond(std::span<const std::uint8_t> adu);

 private:
  link::ExceptionCode askHandler(const link::Request& request);

  RequestHandler& handler_;
  std::array<std::uint16_t, tcpframe::kMaxValues> writeValues_{};
  std::array<std::uint16_t, tcpframe::kMaxValues> readValues_{};
  std::array<std::uint8_t, tcpframe::kMaxAduBytes> response_{};
};

}  // namespace ews::live::detail

#pragma once
// Turns one complete Modbus TCP request into its response, in two halves so the answer may come
// later: start() decodes the request and hands it to the AsyncRequestHandler, respond() encodes
// the response once the answer is there. Owns the response buffer, so answering allocates
// nothing. Server-thread only; shared by every connection of the server.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "ews/live/modbus_tcp_frame.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "pending_request.hpp"

namespace ews::live::detail {

class RequestResponder {
 public:
  explicit RequestResponder(AsyncRequestHandler& handler) : handler_(handler) {}

  /// Decodes `adu` (one complete frame from tcpframe::scanFrame) into `pending` and, when it is
  /// valid, hands it to the handler. The answer when it is known at once (a malformed request,
  /// a handler that answered inline or threw); nullopt when it will come through the mailbox.
  std::optional<link::ExceptionCode> start(std::span<const std::uint8_t> adu,
                                           const std::shared_ptr<PendingRequest>& pending);

  /// The response to `adu` given the handler's `answer` for `request` (its decoding), valid until
  /// the next call.
  std::span<const std::uint8_t> respond(std::span<const std::uint8_t> adu, const link::Request& request,
                                        link::ExceptionCode answer);

 private:
  AsyncRequestHandler& handler_;
  std::array<std::uint8_t, tcpframe::kMaxAduBytes> response_{};
};

}  // namespace ews::live::detail

#pragma once
// One client connection of the Modbus TCP server: buffers what the client sent, answers every
// complete request in it, and remembers since when an incomplete frame has been waiting.
// Never blocks: the socket is non-blocking and read only when poll() says it has data.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>

#include "ews/live/modbus_tcp_frame.hpp"
#include "request_responder.hpp"
#include "socket_util.hpp"

namespace ews::live::detail {

class TcpConnection {
 public:
  using Clock = std::chrono::steady_clock;

  explicit TcpConnection(UniqueFd socket) : socket_(std::move(socket)) {}

  int fd() const { return socket_.get(); }

  /// Reads what arrived and answers each complete request, counting each in `responsesSent`
  /// before it is sent (so a client that has its answer sees it counted). Returns false when
  /// the connection must be closed: the peer closed or reset it, sent something that is not
  /// Modbus TCP, or does not take its responses.
  bool onReadable(RequestResponder& responder, std::atomic<std::uint64_t>& responsesSent, Clock::time_point now);

  /// When an incomplete frame started arriving, or nullopt when nothing is pending.
  std::optional<Clock::time_point> partialFrameSince() const { return partialSince_; }

 private:
  bool send(std::span<const std::uint8_t> response);

  UniqueFd socket_;
  /// Room for two maximal frames: after answering the complete ones, a partial one is moved
  /// to the front and there is always room for the rest of it.
  std::array<std::uint8_t, 2 * tcpframe::kMaxAduBytes> buffer_{};
  std::size_t buffered_ = 0;
  std::optional<Clock::time_point> partialSince_;
};

}  // namespace ews::live::detail

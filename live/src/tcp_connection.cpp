#include "tcp_connection.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace ews::live::detail {

bool TcpConnection::onReadable(RequestResponder& responder, std::atomic<std::uint64_t>& responsesSent,
                               Clock::time_point now) {
  const ssize_t received = ::recv(fd(), buffer_.data() + buffered_, buffer_.size() - buffered_, 0);
  if (received == 0) return false;  // orderly close
  if (received < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  buffered_ += static_cast<std::size_t>(received);

  std::size_t consumed = 0;
  while (true) {
    const auto pending = std::span<const std::uint8_t>(buffer_).subspan(consumed, buffered_ - consumed);
    const tcpframe::FrameScan scan = tcpframe::scanFrame(pending);
    if (scan.framing == tcpframe::Framing::Invalid) return false;
    if (scan.framing == tcpframe::Framing::Incomplete) break;
    const auto response = responder.respond(pending.first(scan.aduBytes));
    responsesSent.fetch_add(1, std::memory_order_relaxed);
    if (!send(response)) return false;
    consumed += scan.aduBytes;
  }

  std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(consumed),
            buffer_.begin() + static_cast<std::ptrdiff_t>(buffered_), buffer_.begin());
  buffered_ -= consumed;
  // The wait for a partial frame counts from the read that started it.
  if (buffered_ == 0) {
    partialSince_.reset();
  } else if (consumed > 0 || !partialSince_) {
    partialSince_ = now;
  }
  return true;
}

bool TcpConnection::send(std::span<const std::uint8_t> response) {
  // A response is at most 260 bytes and the socket's send buffer far larger: a short or
  // blocked write means the client stopped reading its answers, and it is dropped.
  // MSG_NOSIGNAL: a client gone meanwhile is an error here, not a SIGPIPE for the process.
  const ssize_t sent = ::send(fd(), response.data(), response.size(), MSG_NOSIGNAL);
  return sent == static_cast<ssize_t>(response.size());
}

}  // namespace ews::live::detail

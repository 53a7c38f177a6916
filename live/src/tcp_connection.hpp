#pragma once
// One client connection of the Modbus TCP server: buffers what the client sent, answers the
// complete requests in it one after the other, and remembers since when an incomplete frame
// has been waiting. While the handler works on a request the connection is not read (a Modbus
// TCP client waits for each answer anyway) and requests behind it stay buffered, so answers
// leave in request order. Never blocks: the socket is non-blocking and read only when poll()
// says it has data.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "ews/live/modbus_tcp_frame.hpp"
#include "pending_request.hpp"
#include "request_responder.hpp"
#include "socket_util.hpp"

namespace ews::live::detail {

/// What every connection of one server run shares. Server thread only.
struct ServeContext {
  RequestResponder& responder;
  std::shared_ptr<CompletionMailbox> mailbox;
  /// Responses sent, each counted before it is sent (so a client that has its answer sees it counted).
  std::atomic<std::uint64_t>& responsesSent;
  Duration partialFrameTimeout;
  Duration answerTimeout;
  Duration idleTimeout;
};

class TcpConnection {
 public:
  using Clock = std::chrono::steady_clock;

  /// `peer`: its clientAddressKey. `now`: when it was accepted (its first activity).
  TcpConnection(UniqueFd socket, std::string peer, const ServeContext& context, Clock::time_point now)
      : socket_(std::move(socket)), context_(&context), peer_(std::move(peer)), lastActivity_(now) {}
  /// Drops a request still with the handler: its completion will find nobody to answer.
  ~TcpConnection() { close(); }
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  int fd() const { return socket_.get(); }
  /// False once the connection failed or was closed; the server then discards it.
  bool open() const { return socket_.valid(); }
  const std::string& peer() const { return peer_; }
  /// Nothing under way: no partial frame, no request with the handler, nothing buffered.
  bool idle() const { return !answerDeadline_ && start_ == buffered_; }
  /// Idle since `grace` before `now` and nothing waiting in the socket (a request arriving,
  /// not read yet, is not silence): such a connection may give way to a new client.
  bool silent(Clock::time_point now, Duration grace) const;
  /// The last bytes received or answer sent (or the accept).
  Clock::time_point lastActivity() const { return lastActivity_; }
  /// Whether the client has sent anything since it connected.
  bool hasSpoken() const { return spoken_; }
  /// What to poll for: input, or nothing while an answer is awaited (poll still reports a reset
  /// connection as POLLHUP / POLLERR, which closes it).
  short pollEvents() const;

  /// Handles what poll reported for this connection: reads what arrived and answers the
  /// complete requests in it. Closes the connection when the peer closed or reset it, sent
  /// something that is not Modbus TCP, or does not take its responses.
  void onPollEvents(short revents, Clock::time_point now);
  /// The handler answered the awaited request: sends it and goes on with the buffered requests.
  void onAnswer(Clock::time_point now);
  /// Applies the deadline returned by nextDeadline once it has passed: a partial frame that
  /// took too long or an idle connection silent too long closes the connection, an overdue
  /// answer is answered GatewayTargetFailedToRespond.
  void onDeadlines(Clock::time_point now);
  /// Closes the connection now (also to make room for another client); a request still with
  /// the handler is dropped.
  void close();
  /// The earliest partial-frame, answer or idle deadline.
  std::optional<Clock::time_point> nextDeadline() const;

 private:
  void serveBuffered(Clock::time_point now);
  /// Sends the response to the front request and moves on to the next.
  void finishRequest(link::ExceptionCode answer);

  UniqueFd socket_;
  const ServeContext* context_;
  std::string peer_;
  Clock::time_point lastActivity_;
  bool spoken_ = false;
  /// Room for two maximal frames: before a read the unprocessed bytes (at most an incomplete
  /// frame) are moved to the front, so there is always room for the rest of it.
  std::array<std::uint8_t, 2 * tcpframe::kMaxAduBytes> buffer_{};
  std::size_t start_ = 0;     ///< first byte not answered yet
  std::size_t buffered_ = 0;  ///< end of the received bytes
  std::size_t frontFrameBytes_ = 0;  ///< size of the request at start_ while it is being answered
  std::optional<Clock::time_point> partialSince_;
  /// The request being answered (and its buffers), reused for the next one unless the handler
  /// still holds it after a timeout.
  std::shared_ptr<PendingRequest> pending_;
  std::optional<Clock::time_point> answerDeadline_;  ///< set while the handler has the request
};

}  // namespace ews::live::detail

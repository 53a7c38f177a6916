#pragma once
// ModbusTcpServer: serves Modbus TCP requests from any number of clients (the live stack, a SCADA,
// mbpoll, pymodbus) with a RequestHandler that answers them, e.g. the twin's simulated gateways
// (docs/design.md decision 7). One server thread multiplexes the listening socket and every client with
// poll(): a client is read only when it has sent bytes, and a request is handled only once all
// of it has arrived, so an idle client or one stalled in the middle of a frame never delays the
// others. A handler answers either at once (RequestHandler) or later, from any thread
// (AsyncRequestHandler), so requests of several clients can be in flight together.
// See docs/live.md for the framing, unit ids, limits and the asynchronous protocol.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"

namespace ews::live {

/// Answers the requests a ModbusTcpServer receives.
///
/// Threading: handle() is called on the server's thread only, one request at a time, in the
/// order requests arrive on each connection. Anything it shares with other threads (an engine,
/// a register image) is the handler's to synchronise; the server takes no lock around it.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  /// `unitId` is the MBAP unit id as received, 0..255 (also in request.unitId): the server does
  /// not interpret it, the handler decides (a gateway answers GatewayPathUnavailable or
  /// GatewayTargetFailedToRespond for units it does not have). The request is valid per the
  /// protocol limits. For a read, fill request.readBuffer[0, count) (one uint16 per bit for
  /// coils and discrete inputs; it is zeroed beforehand) and return None; for a write, apply
  /// request.writeValues and return None; otherwise return the exception to answer. A handler
  /// that throws is answered ServerDeviceFailure.
  virtual link::ExceptionCode handle(std::uint8_t unitId, const link::Request& request) = 0;
};

namespace detail {
struct PendingRequest;
class CompletionMailbox;
class RequestResponder;
}  // namespace detail

/// The answer channel of one request handed to an AsyncRequestHandler. Cheap to copy (copies
/// share the request); callable from any thread; the first call on any copy answers the request
/// and later calls are ignored, as are calls after the server stopped, the client disconnected
/// or the request timed out. A call releases the copy's hold on the request's buffers.
class Completion {
 public:
  Completion() = default;
  /// None: the read buffer is filled / the write applied; otherwise the exception to answer.
  void operator()(link::ExceptionCode answer);

 private:
  friend class detail::RequestResponder;
  explicit Completion(std::shared_ptr<detail::PendingRequest> pending) : pending_(std::move(pending)) {}
  std::shared_ptr<detail::PendingRequest> pending_;
};

/// Answers requests later, possibly on another thread: the server hands a request over and
/// goes on serving the other connections; `done` sends the answer. Use it when answering means
/// waiting for someone else (an engine thread), so several clients' requests are in flight at
/// once instead of queueing behind each other on the server thread.
///
/// Threading: handleAsync() is called on the server's thread only and must not block. `request`
/// (the object and its buffers) stays valid, and is not touched by the server, until `done` is
/// called, whichever thread calls it; the handler must not touch it afterwards. The same
/// validation, zeroed read buffer and unit id rules as for RequestHandler::handle apply. A
/// connection waits for the answer to its request before its next request is read (Modbus TCP
/// clients send one request at a time; pipelined ones are answered in order). A request not
/// answered within ModbusTcpServerConfig::answerTimeout is answered GatewayTargetFailedToRespond;
/// a handleAsync that throws before calling `done` is answered ServerDeviceFailure.
class AsyncRequestHandler {
 public:
  virtual ~AsyncRequestHandler() = default;
  virtual void handleAsync(std::uint8_t unitId, const link::Request& request, Completion done) = 0;
  /// Called on the server thread after each round of handleAsync calls (the requests of all
  /// the clients that were ready at one wake-up), before the server waits again. A handler that
  /// hands requests on in batches (one post to an engine for all of them) does so here, and
  /// must not keep any request past it.
  virtual void flush() {}
};

struct ModbusTcpServerConfig {
  /// Numeric address to bind: "127.0.0.1" (default: loopback only), "0.0.0.0", "::1", ...
  std::string bindAddress = "127.0.0.1";
  /// 0: the kernel picks a free port, read it from port() after start(). Tests always use 0.
  std::uint16_t port = 0;
  /// A client whose frame is still incomplete this long after its first byte is disconnected
  /// (it holds a slot and a buffer; the others are served meanwhile regardless).
  Duration partialFrameTimeout = seconds(1);
  /// An AsyncRequestHandler that has not answered a request this long after it was handed over
  /// is answered GatewayTargetFailedToRespond on its behalf, as a gateway whose device stays
  /// silent. Irrelevant for a RequestHandler, which answers at once.
  Duration answerTimeout = seconds(2);
  /// A connection with nothing under way (no partial frame, no request with the handler) that
  /// has been silent this long is closed: a client that connects and never speaks cannot keep
  /// its slot. Modbus TCP clients reconnect when they poll again.
  Duration idleTimeout = seconds(120);
  /// The connections of the whole server. When a new client finds the table full, the
  /// connection idle for the longest gives way to it; when every connection has a request
  /// under way, the new one is closed at once (an immediate error rather than a hang in the
  /// listen backlog).
  int maxClients = 32;
  /// The connections of one client address (IPv6: one /64): beyond it, that address's longest
  /// idle connection gives way (when all are busy, the newcomer may take a free slot). A
  /// machine opening connections in a loop recycles its own slots (docs/live.md, "Limits").
  int maxClientsPerAddress = 8;
  /// A connection gives way to a new client only once silent this long: a client sends its
  /// request right after it connects, and a master is silent between its polls for moments.
  Duration silenceGrace = seconds(1);
};

class ModbusTcpServer {
 public:
  /// `handler` must outlive the server. Does no I/O: start() binds.
  ModbusTcpServer(ModbusTcpServerConfig config, RequestHandler& handler);
  ModbusTcpServer(ModbusTcpServerConfig config, AsyncRequestHandler& handler);
  /// Stops the server.
  ~ModbusTcpServer();
  ModbusTcpServer(const ModbusTcpServer&) = delete;
  ModbusTcpServer& operator=(const ModbusTcpServer&) = delete;

  /// Binds and listens (synchronously, so a taken port throws std::system_error here), then
  /// serves on a new thread. A stopped server may be started again. No-op when running.
  void start();
  /// Wakes the server thread and joins it (promptly: the wait is woken by an eventfd, not a
  /// timeout), then closes every connection and the listening socket. Requests still with an
  /// AsyncRequestHandler are dropped unanswered; their later completions do nothing. Idempotent.
  void stop();

  bool running() const { return thread_.joinable(); }
  /// The bound port, known after start() (also when the configured port was 0).
  std::uint16_t port() const { return port_; }
  /// Responses sent since construction, normal and exception ones.
  std::uint64_t requestsServed() const { return requestsServed_.load(std::memory_order_relaxed); }
  /// Connections currently open.
  int clientCount() const { return clientCount_.load(std::memory_order_relaxed); }

 private:
  void serve(int listenFd, const std::shared_ptr<detail::CompletionMailbox>& mailbox);

  ModbusTcpServerConfig config_;
  /// A RequestHandler is served through an adapter that completes inline, so there is one path.
  std::unique_ptr<AsyncRequestHandler> syncAdapter_;
  AsyncRequestHandler& handler_;
  std::thread thread_;
  int listenFd_ = -1;  ///< open while running
  /// Where completions land, with the eventfd that wakes the thread for them and for stop();
  /// one per run, so a completion from a previous run can never reach this one.
  std::shared_ptr<detail::CompletionMailbox> mailbox_;
  std::uint16_t port_ = 0;
  std::atomic<std::uint64_t> requestsServed_{0};
  std::atomic<int> clientCount_{0};
};

}  // namespace ews::live

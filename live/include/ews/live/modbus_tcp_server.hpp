#pragma once
// ModbusTcpServer: serves Modbus TCP requests from any number of clients (the live stack, a SCADA,
// mbpoll, pymodbus) with a RequestHandler that answers them, e.g. the twin's simulated gateways
// (DESIGN decision 7). One server thread multiplexes the listening socket and every client with
// poll(): a client is read only when it has sent bytes, and a request is handled only once all
// of it has arrived, so an idle client or one stalled in the middle of a frame never delays the
// others. See docs/live.md for the framing, unit ids and limits.
#include <atomic>
#include <cstdint>
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

struct ModbusTcpServerConfig {
  /// Numeric address to bind: "127.0.0.1" (default: loopback only), "0.0.0.0", "::1", ...
  std::string bindAddress = "127.0.0.1";
  /// 0: the kernel picks a free port, read it from port() after start(). Tests always use 0.
  std::uint16_t port = 0;
  /// A client whose frame is still incomplete this long after its first byte is disconnected
  /// (it holds a slot and a buffer; the others are served meanwhile regardless).
  Duration partialFrameTimeout = seconds(1);
  /// Connections beyond this are accepted and closed at once, so the client gets an immediate
  /// error rather than hanging in the listen backlog.
  int maxClients = 32;
};

class ModbusTcpServer {
 public:
  /// `handler` must outlive the server. Does no I/O: start() binds.
  ModbusTcpServer(ModbusTcpServerConfig config, RequestHandler& handler);
  /// Stops the server.
  ~ModbusTcpServer();
  ModbusTcpServer(const ModbusTcpServer&) = delete;
  ModbusTcpServer& operator=(const ModbusTcpServer&) = delete;

  /// Binds and listens (synchronously, so a taken port throws std::system_error here), then
  /// serves on a new thread. A stopped server may be started again. No-op when running.
  void start();
  /// Wakes the server thread and joins it (promptly: the wait is woken by an eventfd, not a
  /// timeout), then closes every connection and the listening socket. Idempotent.
  void stop();

  bool running() const { return thread_.joinable(); }
  /// The bound port, known after start() (also when the configured port was 0).
  std::uint16_t port() const { return port_; }
  /// Responses sent since construction, normal and exception ones.
  std::uint64_t requestsServed() const { return requestsServed_.load(std::memory_order_relaxed); }
  /// Connections currently open.
  int clientCount() const { return clientCount_.load(std::memory_order_relaxed); }

 private:
  void serve(int listenFd, int wakeFd);

  ModbusTcpServerConfig config_;
  RequestHandler& handler_;
  std::thread thread_;
  int listenFd_ = -1;  ///< open while running
  int wakeFd_ = -1;    ///< eventfd that stop() writes to wake the thread; open while running
  std::uint16_t port_ = 0;
  std::atomic<std::uint64_t> requestsServed_{0};
  std::atomic<int> clientCount_{0};
};

}  // namespace ews::live

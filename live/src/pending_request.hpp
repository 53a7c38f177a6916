#pragma once
// The state one request shares between the server thread and whoever completes it, and the
// mailbox through which completions made on other threads come back to the server thread.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "ews/link/link.hpp"
#include "ews/live/modbus_tcp_frame.hpp"
#include "socket_util.hpp"

namespace ews::live::detail {

class TcpConnection;
struct PendingRequest;

/// Completed requests on their way back to the server thread, plus the eventfd that wakes it
/// (for them and for stop()). Shared by the server run and every request of that run, so the
/// eventfd stays open as long as anyone may still write to it.
class CompletionMailbox {
 public:
  /// Creates the eventfd; throws std::system_error on failure.
  CompletionMailbox();

  int fd() const { return event_.get(); }

  /// Any thread: queues `done` for the server thread, waking it when the queue was empty (one
  /// wake-up per batch, not per completion). Dropped once the run is closed.
  void post(std::shared_ptr<PendingRequest> done);
  /// Any thread: makes the server thread leave its loop.
  void requestStop();
  bool stopRequested() const { return stop_.load(std::memory_order_acquire); }

  /// Server thread, after poll reported the eventfd: resets it, then moves every queued
  /// completion into `out` (cleared first). Resetting before taking loses no wake-up: a post
  /// after the take finds the queue empty and writes the eventfd again.
  void takeAll(std::vector<std::shared_ptr<PendingRequest>>& out);
  /// Server thread, when the run ends: later posts are dropped, queued ones released.
  void close();

 private:
  void signal() const;

  UniqueFd event_;
  std::mutex mutex_;
  std::vector<std::shared_ptr<PendingRequest>> completed_;
  bool closed_ = false;
  std::atomic<bool> stop_{false};
};

/// One request from decoding to its answer. The connection owns it and reuses it for its next
/// request once nobody else holds it; Completions hold it while the handler works, so its
/// buffers outlive a connection that closes meanwhile.
struct PendingRequest {
  explicit PendingRequest(std::shared_ptr<CompletionMailbox> box) : mailbox(std::move(box)) {}

  /// Server thread, before the handler sees the request.
  void beginHandling() { state_.store(kInHandler, std::memory_order_relaxed); }
  /// Server thread, after handleAsync returned: the answer when the handler already gave it
  /// (inline, or from another thread before handleAsync returned); nullopt when it will come
  /// through the mailbox.
  std::optional<link::ExceptionCode> awaitAnswer();
  /// Server thread: gives up on the request (timeout, connection closed, handler threw, server
  /// stopped). True when it had no answer yet: a completion arriving later is dropped.
  bool abandon();
  /// Server thread, once the request came back through the mailbox.
  link::ExceptionCode answer() const;

  /// Any thread (a Completion): the first answer wins. Answers given while the server thread is
  /// still in handleAsync are picked up by awaitAnswer; later ones go through the mailbox.
  static void complete(std::shared_ptr<PendingRequest> self, link::ExceptionCode answer);

  std::shared_ptr<CompletionMailbox> mailbox;
  /// The connection waiting for this answer, null when none (closed, timed out). Server thread only.
  TcpConnection* owner = nullptr;
  link::Request request;
  std::array<std::uint16_t, tcpframe::kMaxValues> writeValues{};
  std::array<std::uint16_t, tcpframe::kMaxValues> readValues{};

 private:
  // One atomic holds the whole state, answer included, so completing is a single CAS: values
  // below kInHandler are answers (exception codes, 0 = None).
  static constexpr std::uint32_t kInHandler = 0x100;  ///< the server thread is in handleAsync
  static constexpr std::uint32_t kWaiting = 0x200;    ///< handed over, the connection waits
  static constexpr std::uint32_t kAbandoned = 0x300;  ///< answered or dropped by the server itself
  static bool answered(std::uint32_t state) { return state < kInHandler; }

  std::atomic<std::uint32_t> state_{kAbandoned};
};

}  // namespace ews::live::detail

#include "ews/live/modbus_tcp_server.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <optional>
#include <system_error>
#include <vector>

#include "request_responder.hpp"
#include "socket_util.hpp"
#include "tcp_connection.hpp"

namespace ews::live {

namespace {

using detail::TcpConnection;
using Clock = TcpConnection::Clock;

constexpr int kListenBacklog = 64;
constexpr std::size_t kWakeSlot = 0;
constexpr std::size_t kListenSlot = 1;
constexpr std::size_t kFirstClientSlot = 2;

/// Milliseconds until the earliest partial-frame deadline (rounded up, so the deadline has
/// passed when poll returns), or -1 to wait for events only.
int pollTimeoutMs(const std::vector<std::unique_ptr<TcpConnection>>& connections, Duration partialFrameTimeout,
                  Clock::time_point now) {
  std::optional<Clock::time_point> earliest;
  for (const auto& connection : connections) {
    if (const auto since = connection->partialFrameSince()) {
      const auto deadline = *since + partialFrameTimeout;
      if (!earliest || deadline < *earliest) earliest = deadline;
    }
  }
  if (!earliest) return -1;
  const auto waitUs = std::chrono::duration_cast<std::chrono::microseconds>(*earliest - now).count();
  return static_cast<int>(std::clamp<std::int64_t>((waitUs + 999) / 1000, 0, 60'000));
}

}  // namespace

ModbusTcpServer::ModbusTcpServer(ModbusTcpServerConfig config, RequestHandler& handler)
    : config_(std::move(config)), handler_(handler) {}

ModbusTcpServer::~ModbusTcpServer() { stop(); }

void ModbusTcpServer::start() {
  if (running()) return;
  detail::UniqueFd listener = detail::listenTcp(config_.bindAddress, config_.port, kListenBacklog);
  port_ = detail::localPort(listener.get());
  detail::UniqueFd wake(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wake.valid()) throw std::system_error(errno, std::generic_category(), "eventfd");
  // Both descriptors stay open until stop() has joined the thread: the thread never closes a
  // descriptor that stop() may still write to.
  listenFd_ = listener.release();
  wakeFd_ = wake.release();
  thread_ = std::thread([this] { serve(listenFd_, wakeFd_); });
}

void ModbusTcpServer::stop() {
  if (!running()) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(wakeFd_, &one, sizeof one);
  thread_.join();
  ::close(listenFd_);
  ::close(wakeFd_);
  listenFd_ = -1;
  wakeFd_ = -1;
}

void ModbusTcpServer::serve(int listenFd, int wakeFd) {
  detail::RequestResponder responder(handler_);
  std::vector<std::unique_ptr<TcpConnection>> connections;
  std::vector<pollfd> slots;
  const auto maxClients = static_cast<std::size_t>(std::max(config_.maxClients, 0));

  while (true) {
    slots.clear();
    slots.push_back({wakeFd, POLLIN, 0});
    slots.push_back({listenFd, POLLIN, 0});
    for (const auto& connection : connections) slots.push_back({connection->fd(), POLLIN, 0});

    const int ready = ::poll(slots.data(), slots.size(),
                             pollTimeoutMs(connections, config_.partialFrameTimeout, Clock::now()));
    if (ready < 0 && errno != EINTR) break;  // cannot happen with valid descriptors
    if (slots[kWakeSlot].revents != 0) break;
    const auto now = Clock::now();

    // Clients first (in slot order), then new connections, so the slots still match.
    for (std::size_t i = kFirstClientSlot; i < slots.size(); ++i) {
      auto& connection = connections[i - kFirstClientSlot];
      // POLLHUP / POLLERR come with a recv that reports the close or the error.
      bool keep = slots[i].revents == 0 || connection->onReadable(responder, requestsServed_, now);
      if (keep) {
        const auto since = connection->partialFrameSince();
        keep = !since || now - *since < config_.partialFrameTimeout;
      }
      if (!keep) connection.reset();
    }
    std::erase(connections, nullptr);

    if (slots[kListenSlot].revents != 0) {
      while (true) {
        detail::UniqueFd accepted(::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (!accepted.valid()) break;  // EAGAIN: all taken; other errors concern that one client
        if (connections.size() >= maxClients) continue;  // closed at once by UniqueFd
        detail::setNoDelay(accepted.get());
        connections.push_back(std::make_unique<TcpConnection>(std::move(accepted)));
      }
    }
    clientCount_.store(static_cast<int>(connections.size()), std::memory_order_relaxed);
  }
  clientCount_.store(0, std::memory_order_relaxed);
}

}  // namespace ews::live

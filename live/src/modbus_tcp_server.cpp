#include "ews/live/modbus_tcp_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <system_error>
#include <vector>

#include "pending_request.hpp"
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

/// A RequestHandler behind the asynchronous interface: it answers inline, which the server
/// notices when handleAsync returns, so a synchronous handler costs no wake-up.
class InlineAdapter final : public AsyncRequestHandler {
 public:
  explicit InlineAdapter(RequestHandler& handler) : handler_(handler) {}
  void handleAsync(std::uint8_t unitId, const link::Request& request, Completion done) override {
    done(handler_.handle(unitId, request));
  }

 private:
  RequestHandler& handler_;
};

/// Milliseconds until the earliest connection deadline (rounded up, so it has passed when poll
/// returns), or -1 to wait for events only.
int pollTimeoutMs(const std::vector<std::unique_ptr<TcpConnection>>& connections, Clock::time_point now) {
  std::optional<Clock::time_point> earliest;
  for (const auto& connection : connections) {
    const auto deadline = connection->nextDeadline();
    if (deadline && (!earliest || *deadline < *earliest)) earliest = deadline;
  }
  if (!earliest) return -1;
  const auto waitUs = std::chrono::duration_cast<std::chrono::microseconds>(*earliest - now).count();
  return static_cast<int>(std::clamp<std::int64_t>((waitUs + 999) / 1000, 0, 60'000));
}

/// The silent connection that gives way to a new client, among those `counted` selects: one
/// that has never sent a byte before one that has (a client that connects and stays silent is
/// the one holding a slot for nothing), then the one silent for the longest. Null when none
/// is silent.
template <typename Counted>
TcpConnection* longestIdle(const std::vector<std::unique_ptr<TcpConnection>>& connections, Counted counted,
                           Clock::time_point now, Duration grace) {
  TcpConnection* chosen = nullptr;
  for (const auto& connection : connections) {
    if (!connection->open() || !connection->silent(now, grace) || !counted(*connection)) continue;
    const auto rank = [](const TcpConnection& c) { return std::pair(c.hasSpoken(), c.lastActivity()); };
    if (chosen == nullptr || rank(*connection) < rank(*chosen)) chosen = connection.get();
  }
  return chosen;
}

/// Makes room for a new client from `peer` under the per-address and the server's limits
/// (ModbusTcpServerConfig): over a limit, the longest idle connection counted by it is closed.
/// False when the server is full and every connection has something under way: the newcomer
/// is refused.
bool makeRoom(std::vector<std::unique_ptr<TcpConnection>>& connections, const std::string& peer,
              std::size_t maxPerAddress, std::size_t maxClients, Clock::time_point now, Duration grace) {
  const auto samePeer = [&peer](const TcpConnection& connection) { return connection.peer() == peer; };
  const auto fromPeer = static_cast<std::size_t>(
      std::count_if(connections.begin(), connections.end(), [&](const auto& c) { return samePeer(*c); }));
  // Over the per-address limit, one of that address's connections gives way if one is idle;
  // when all of them are busy the newcomer may still take a free slot of the server.
  if (fromPeer >= maxPerAddress) {
    if (TcpConnection* givesWay = longestIdle(connections, samePeer, now, grace)) {
      givesWay->close();
      std::erase_if(connections, [](const auto& connection) { return !connection->open(); });
    }
  }
  if (connections.size() >= maxClients) {
    TcpConnection* givesWay = longestIdle(connections, [](const TcpConnection&) { return true; }, now, grace);
    if (givesWay == nullptr) return false;
    givesWay->close();
    std::erase_if(connections, [](const auto& connection) { return !connection->open(); });
  }
  return true;
}

}  // namespace

ModbusTcpServer::ModbusTcpServer(ModbusTcpServerConfig config, RequestHandler& handler)
    : config_(std::move(config)), syncAdapter_(std::make_unique<InlineAdapter>(handler)), handler_(*syncAdapter_) {}

ModbusTcpServer::ModbusTcpServer(ModbusTcpServerConfig config, AsyncRequestHandler& handler)
    : config_(std::move(config)), handler_(handler) {}

ModbusTcpServer::~ModbusTcpServer() { stop(); }

void ModbusTcpServer::start() {
  if (running()) return;
  detail::UniqueFd listener = detail::listenTcp(config_.bindAddress, config_.port, kListenBacklog);
  port_ = detail::localPort(listener.get());
  mailbox_ = std::make_shared<detail::CompletionMailbox>();
  // The listening socket stays open until stop() has joined the thread.
  listenFd_ = listener.release();
  thread_ = std::thread([this, mailbox = mailbox_] { serve(listenFd_, mailbox); });
}

void ModbusTcpServer::stop() {
  if (!running()) return;
  mailbox_->requestStop();
  thread_.join();
  ::close(listenFd_);
  listenFd_ = -1;
  // Completions still with handlers keep the mailbox (and its eventfd) alive; it is closed.
  mailbox_.reset();
}

void ModbusTcpServer::serve(int listenFd, const std::shared_ptr<detail::CompletionMailbox>& mailbox) {
  detail::RequestResponder responder(handler_);
  const detail::ServeContext context{responder, mailbox, requestsServed_, config_.partialFrameTimeout,
                                     config_.answerTimeout, config_.idleTimeout};
  std::vector<std::unique_ptr<TcpConnection>> connections;
  std::vector<std::shared_ptr<detail::PendingRequest>> answered;
  std::vector<pollfd> slots;
  const auto maxClients = static_cast<std::size_t>(std::max(config_.maxClients, 0));
  const auto maxPerAddress = static_cast<std::size_t>(std::max(config_.maxClientsPerAddress, 0));

  while (true) {
    slots.clear();
    slots.push_back({mailbox->fd(), POLLIN, 0});
    slots.push_back({listenFd, POLLIN, 0});
    for (const auto& connection : connections) slots.push_back({connection->fd(), connection->pollEvents(), 0});

    const int ready = ::poll(slots.data(), slots.size(), pollTimeoutMs(connections, Clock::now()));
    if (ready < 0 && errno != EINTR) break;  // cannot happen with valid descriptors
    const auto now = Clock::now();

    if (slots[kWakeSlot].revents != 0) {
      if (mailbox->stopRequested()) break;
      mailbox->takeAll(answered);
      for (auto& request : answered) {
        TcpConnection* owner = request->owner;  // null when the client left or the request timed out
        request.reset();  // so the connection finds its request unshared and reuses it
        if (owner != nullptr) owner->onAnswer(now);
      }
    }

    // Clients in slot order (the vector only grows below), then deadlines, then new connections.
    for (std::size_t i = kFirstClientSlot; i < slots.size(); ++i) {
      connections[i - kFirstClientSlot]->onPollEvents(slots[i].revents, now);
    }
    for (const auto& connection : connections) connection->onDeadlines(now);
    std::erase_if(connections, [](const auto& connection) { return !connection->open(); });
    handler_.flush();  // this round's requests leave together (one engine wake-up for all)

    if (slots[kListenSlot].revents != 0) {
      while (true) {
        sockaddr_storage address{};
        socklen_t addressBytes = sizeof address;
        detail::UniqueFd accepted(
            ::accept4(listenFd, reinterpret_cast<sockaddr*>(&address), &addressBytes, SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (!accepted.valid()) break;  // EAGAIN: all taken; other errors concern that one client
        std::string peer = detail::clientAddressKey(address);
        if (!makeRoom(connections, peer, maxPerAddress, maxClients, Clock::now(), config_.silenceGrace)) {
          continue;  // closed at once by UniqueFd
        }
        detail::setNoDelay(accepted.get());
        connections.push_back(std::make_unique<TcpConnection>(std::move(accepted), std::move(peer), context, Clock::now()));
      }
    }
    clientCount_.store(static_cast<int>(connections.size()), std::memory_order_relaxed);
  }
  // Requests still with the handler are dropped (each connection abandons its own), and any
  // completion from now on is discarded by the closed mailbox.
  mailbox->close();
  connections.clear();
  clientCount_.store(0, std::memory_order_relaxed);
}

}  // namespace ews::live

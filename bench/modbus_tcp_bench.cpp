// Modbus TCP serving throughput over loopback (issue 3): requests/s reading 2 and 40 holding
// registers with 1 and 8 client threads (each its own TcpLink and connection), against
//   * EwsServer:       ews::live::ModbusTcpServer with a trivial RequestHandler, and
//   * LibmodbusServer: libmodbus's own serving loop (modbus_receive + modbus_reply on a mapping)
//                      under the same poll() multiplexing, the same clients.
// Target: EwsServer >= 0.8 x LibmodbusServer. Run:
//   ews_bench --benchmark_filter=Tcp --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// TcpReply* isolates building and sending one response (own encoder vs modbus_reply with a
// mapping aliased onto the handler's values) into a socket pair: the server's reply path choice.
#include <benchmark/benchmark.h>
#include <modbus/modbus.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <vector>

#include "ews/live/modbus_tcp_frame.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/tcp_link.hpp"

namespace {

using namespace ews;

constexpr int kMappedRegisters = 128;

/// Serves every read with values derived from the address: the cheapest useful device.
class TrivialHandler final : public live::RequestHandler {
 public:
  link::ExceptionCode handle(std::uint8_t, const link::Request& request) override {
    for (std::size_t i = 0; i < request.count; ++i) request.readBuffer[i] = static_cast<std::uint16_t>(request.address + i);
    return link::ExceptionCode::None;
  }
};

live::ModbusTcpServer& ewsServer() {
  static TrivialHandler handler;
  static live::ModbusTcpServer server(live::ModbusTcpServerConfig{}, handler);
  static const bool started = (server.start(), true);
  (void)started;
  return server;
}

/// libmodbus's reference serving loop (its tests/bandwidth-server-many-up.c) on 127.0.0.1, port
/// chosen by the kernel: modbus_tcp_listen with port 0 works in 3.1.6 and getsockname tells the
/// port. One context, modbus_set_socket per ready client, TCP_NODELAY on accepted sockets.
class LibmodbusServer {
 public:
  LibmodbusServer()
      : context_(modbus_new_tcp("127.0.0.1", 0)), mapping_(modbus_mapping_new(0, 0, kMappedRegisters, 0)) {
    if (context_ == nullptr || mapping_ == nullptr) throw std::runtime_error("libmodbus server setup");
    for (int i = 0; i < kMappedRegisters; ++i) mapping_->tab_registers[i] = static_cast<std::uint16_t>(i);
    listenFd_ = modbus_tcp_listen(context_, 16);
    sockaddr_in local{};
    socklen_t length = sizeof local;
    if (listenFd_ < 0 || ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&local), &length) != 0) {
      throw std::runtime_error("libmodbus server listen");
    }
    port_ = ntohs(local.sin_port);
    wakeFd_ = ::eventfd(0, EFD_CLOEXEC);
    thread_ = std::thread([this] { serve(); });
  }

  ~LibmodbusServer() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wakeFd_, &one, sizeof one);
    thread_.join();
    ::close(wakeFd_);
    ::close(listenFd_);
    modbus_mapping_free(mapping_);
    modbus_free(context_);
  }

  std::uint16_t port() const { return port_; }

 private:
  void serve() {
    std::vector<pollfd> slots{{wakeFd_, POLLIN, 0}, {listenFd_, POLLIN, 0}};
    std::array<std::uint8_t, MODBUS_TCP_MAX_ADU_LENGTH> query{};
    while (::poll(slots.data(), slots.size(), -1) >= 0 && slots[0].revents == 0) {
      for (std::size_t i = 2; i < slots.size(); ++i) {
        if (slots[i].revents == 0) continue;
        modbus_set_socket(context_, slots[i].fd);
        const int length = modbus_receive(context_, query.data());
        if (length > 0) {
          modbus_reply(context_, query.data(), length, mapping_);
        } else if (length == -1) {
          ::close(slots[i].fd);
          slots[i].fd = -1;  // poll ignores it; removed below
        }
      }
      std::erase_if(slots, [](const pollfd& slot) { return slot.fd < 0; });
      if (slots[1].revents != 0) {
        const int client = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client >= 0) {
          const int enable = 1;
          ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &enable, sizeof enable);
          slots.push_back({client, POLLIN, 0});
        }
      }
      for (auto& slot : slots) slot.revents = 0;
    }
    for (std::size_t i = 2; i < slots.size(); ++i) ::close(slots[i].fd);
  }

  modbus_t* context_;
  modbus_mapping_t* mapping_;
  int listenFd_ = -1;
  int wakeFd_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

LibmodbusServer& libmodbusServer() {
  static LibmodbusServer server;
  return server;
}

/// CPU time of the whole process (clients and server threads), in microseconds.
double processCpuUs() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto us = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_usec); };
  return us(usage.ru_utime) + us(usage.ru_stime);
}

/// Each benchmark thread reads `registers` holding registers in a loop through its own TcpLink.
/// Besides requests/s (wall clock, which other load on the machine disturbs), thread 0 reports
/// cpu_us_per_request: the process's CPU time per request, clients and server together. The
/// clients are the same against both servers, so the difference is the servers' cost.
void readLoop(benchmark::State& state, std::uint16_t port) {
  const auto registers = static_cast<std::uint16_t>(state.range(0));
  live::TcpLink link(live::TcpLinkConfig{.host = "127.0.0.1", .port = port, .responseTimeout = seconds(2)});
  std::vector<std::uint16_t> values(registers);
  const link::Request request{.unitId = 1, .function = link::Function::ReadHoldingRegisters, .address = 0,
                              .count = registers, .writeValues = {}, .readBuffer = values};
  if (!link.transact(request).ok()) {  // connects outside the timed loop
    state.SkipWithError("first request failed");
    return;
  }
  const double cpuStartUs = state.thread_index() == 0 ? processCpuUs() : 0.0;
  for (auto _ : state) {
    const link::Result result = link.transact(request);
    if (!result.ok()) {
      state.SkipWithError(link::describe(result).c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {  // per-thread counters are summed: only thread 0 sets this one
    const double requests = static_cast<double>(state.iterations()) * state.threads();
    state.counters["cpu_us_per_request"] = (processCpuUs() - cpuStartUs) / requests;
  }
}

void BM_TcpReadEwsServer(benchmark::State& state) { readLoop(state, ewsServer().port()); }
void BM_TcpReadLibmodbusServer(benchmark::State& state) { readLoop(state, libmodbusServer().port()); }

BENCHMARK(BM_TcpReadEwsServer)->ArgName("registers")->Arg(2)->Arg(40)->Threads(1)->Threads(8)->UseRealTime();
BENCHMARK(BM_TcpReadLibmodbusServer)->ArgName("registers")->Arg(2)->Arg(40)->Threads(1)->Threads(8)->UseRealTime();

/// A connected socket pair; the bench sends a response on one end and drains it from the other.
struct SocketPair {
  std::array<int, 2> fds{-1, -1};
  SocketPair() {
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds.data()) != 0) throw std::runtime_error("socketpair");
  }
  ~SocketPair() {
    ::close(fds[0]);
    ::close(fds[1]);
  }
  void drain(std::size_t bytes) const {
    std::array<std::uint8_t, MODBUS_TCP_MAX_ADU_LENGTH> sink{};
    for (std::size_t got = 0; got < bytes;) {
      const ssize_t n = ::recv(fds[1], sink.data(), sink.size(), 0);
      if (n <= 0) return;
      got += static_cast<std::size_t>(n);
    }
  }
};

std::vector<std::uint8_t> readRequestAdu(std::uint16_t registers) {
  return {0, 1, 0, 0, 0, 6, 1, 3, 0, 0, static_cast<std::uint8_t>(registers >> 8),
          static_cast<std::uint8_t>(registers & 0xFF)};
}

void BM_TcpReplyEwsEncoder(benchmark::State& state) {
  const auto registers = static_cast<std::uint16_t>(state.range(0));
  const SocketPair pair;
  const auto adu = readRequestAdu(registers);
  std::array<std::uint16_t, live::tcpframe::kMaxValues> writeScratch{};
  std::array<std::uint16_t, live::tcpframe::kMaxValues> readScratch{};
  std::array<std::uint8_t, live::tcpframe::kMaxAduBytes> response{};
  for (auto _ : state) {
    const auto decoded = live::tcpframe::decodeRequest(adu, writeScratch, readScratch);
    const std::size_t bytes = live::tcpframe::encodeResponse(adu, decoded.request, response);
    [[maybe_unused]] const ssize_t sent = ::send(pair.fds[0], response.data(), bytes, MSG_NOSIGNAL);
    pair.drain(bytes);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_TcpReplyLibmodbusMapping(benchmark::State& state) {
  const auto registers = static_cast<std::uint16_t>(state.range(0));
  const SocketPair pair;
  const auto adu = readRequestAdu(registers);
  modbus_t* context = modbus_new_tcp("127.0.0.1", 0);
  modbus_set_socket(context, pair.fds[0]);
  std::array<std::uint16_t, live::tcpframe::kMaxValues> values{};
  // A mapping aliased onto the handler's values for this one request: no copy, no allocation.
  modbus_mapping_t aliased{};
  aliased.nb_registers = registers;
  aliased.start_registers = 0;
  aliased.tab_registers = values.data();
  const std::size_t bytes = 9 + 2u * registers;
  for (auto _ : state) {
    modbus_reply(context, adu.data(), static_cast<int>(adu.size()), &aliased);
    pair.drain(bytes);
  }
  modbus_set_socket(context, -1);  // the pair closes its own descriptors
  modbus_free(context);
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_TcpReplyEwsEncoder)->ArgName("registers")->Arg(2)->Arg(40);
BENCHMARK(BM_TcpReplyLibmodbusMapping)->ArgName("registers")->Arg(2)->Arg(40);

}  // namespace

#pragma once
// Shared pieces of the live/ tests: a register-bank request handler, one-line Link calls,
// raw loopback sockets, and child processes with bounded lifetimes.
#include <sys/types.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ews/live/modbus_tcp_server.hpp"
#include "ews/link/link.hpp"

namespace ews::live::test {

enum class Table { Coils, DiscreteInputs, HoldingRegisters, InputRegisters };

/// A RequestHandler serving four tables of kTableSize values per unit, behind a mutex (the
/// server calls it on its thread, the test reads and writes from its own). Unknown units are
/// answered GatewayTargetFailedToRespond, as a gateway whose device is silent.
class RegisterBank final : public RequestHandler {
 public:
  static constexpr std::size_t kTableSize = 4096;

  explicit RegisterBank(std::initializer_list<std::uint8_t> units);

  link::ExceptionCode handle(std::uint8_t unitId, const link::Request& request) override;

  void set(std::uint8_t unit, Table table, std::uint16_t address, std::uint16_t value);
  std::uint16_t get(std::uint8_t unit, Table table, std::uint16_t address) const;
  /// Every request sleeps this long before it is answered (to provoke client timeouts).
  void setDelay(std::chrono::milliseconds delay) { delayMs_ = delay.count(); }
  /// Every request throws (to check the server answers ServerDeviceFailure).
  void setThrows(bool throws) { throws_ = throws; }
  std::uint64_t handled() const { return handled_.load(); }
  std::optional<std::uint8_t> lastUnit() const;

 private:
  using Values = std::array<std::uint16_t, kTableSize>;
  struct Unit {
    std::array<Values, 4> tables{};
  };

  mutable std::mutex mutex_;
  std::map<std::uint8_t, Unit> units_;
  std::optional<std::uint8_t> lastUnit_;
  std::atomic<std::int64_t> delayMs_{0};
  std::atomic<bool> throws_{false};
  std::atomic<std::uint64_t> handled_{0};
};

/// One read through a Link into `out` (count = out.size()).
link::Result readValues(link::Link& link, std::uint8_t unit, link::Function function, std::uint16_t address,
                        std::span<std::uint16_t> out);
/// One write through a Link of `values` (count = values.size()).
link::Result writeValues(link::Link& link, std::uint8_t unit, link::Function function, std::uint16_t address,
                         std::span<const std::uint16_t> values);

/// A TCP client socket connected to 127.0.0.1:port, closed on destruction; for sending raw bytes.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  void send(std::span<const std::uint8_t> bytes);
  /// Reads exactly `count` bytes within `timeout`; fewer when the peer closed or time ran out.
  std::vector<std::uint8_t> receive(std::size_t count, std::chrono::milliseconds timeout);
  /// Waits up to `timeout` for the server to close the connection.
  bool closedByPeer(std::chrono::milliseconds timeout);
  /// Closes the socket with a reset (SO_LINGER 0), as a crashed or killed client: the server
  /// sees the connection fail at once, not an orderly close.
  void reset();

 private:
  int fd_ = -1;
};

/// A Modbus TCP request ADU with transaction id `transactionId`.
std::vector<std::uint8_t> mbapRequest(std::uint16_t transactionId, std::uint8_t unit,
                                      std::initializer_list<std::uint8_t> pdu);

/// A free TCP port on 127.0.0.1 that nothing listens on (bound then released).
std::uint16_t unusedPort();

/// The absolute path of `program` on PATH, or empty.
std::string findExecutable(const std::string& program);

/// A child process started with posix_spawn, stdout/stderr to /dev/null; terminated (SIGTERM,
/// then SIGKILL after 2 s) and reaped on destruction.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

struct CommandOutput {
  int exitCode = -1;
  std::string output;  ///< stdout and stderr
};

/// Runs a shell command through popen, killed by coreutils `timeout` after `limit`.
CommandOutput runCommand(const std::string& command, std::chrono::seconds limit);

/// A fresh directory under /tmp, removed with its content on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace ews::live::test

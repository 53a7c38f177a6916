#pragma once
// Small POSIX socket helpers shared by the TCP link and the TCP server.
#include <sys/socket.h>

#include <cstdint>
#include <string>

namespace ews::live::detail {

/// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

/// A non-blocking listening TCP socket bound to a numeric address ("127.0.0.1", "0.0.0.0",
/// "::1") and port; port 0 lets the kernel pick a free one (read it back with localPort).
/// SO_REUSEADDR, so a server restarted on the same port does not wait for TIME_WAIT.
/// Throws std::system_error naming the address on failure.
UniqueFd listenTcp(const std::string& address, std::uint16_t port, int backlog);

/// The local port a socket is bound to.
std::uint16_t localPort(int fd);

/// The address a connection counts against for ModbusTcpServerConfig::maxClientsPerAddress:
/// an IPv4 address (also IPv4-mapped IPv6), or the /64 of an IPv6 one (a host has a whole /64
/// to pick addresses from). Bytes compared as they are; empty for another family.
std::string clientAddressKey(const sockaddr_storage& address);

/// Disables Nagle's algorithm: a Modbus frame is one small write that must leave at once
/// (with Nagle plus delayed ACKs a request/response exchange can stall for ~40 ms).
bool setNoDelay(int fd);

}  // namespace ews::live::detail

#pragma once
// TcpLink: the Link to a real Modbus TCP device or TCP/RTU gateway, on libmodbus (docs/design.md
// decision 5). One TCP connection, opened on the first transaction and reopened on the next one
// after it was lost, refused or closed on purpose (after a timeout or a malformed answer, see
// docs/live.md). The unit id of each request selects the device behind the gateway.
//
// Threading: one libmodbus context per TcpLink, and a libmodbus context is not thread-safe, so a
// TcpLink is used by one thread at a time (the Link contract). Give each polling thread its own.
#include <cstdint>
#include <memory>
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"

namespace ews::live {

namespace detail {
class LibmodbusSession;
}

struct TcpLinkConfig {
  std::string host = "127.0.0.1";  ///< name or numeric address (IPv4 or IPv6)
  std::uint16_t port = 502;
  /// How long a transaction waits for the answer (also bounds the connect). The EWS default.
  Duration responseTimeout = milliseconds(300);
};

class TcpLink final : public link::Link {
 public:
  /// Does no I/O: the connection is made by the first transaction.
  explicit TcpLink(TcpLinkConfig config);
  ~TcpLink() override;
  TcpLink(const TcpLink&) = delete;
  TcpLink& operator=(const TcpLink&) = delete;

  link::Result transact(const link::Request& request) override;
  /// "tcp 127.0.0.1:1502"
  std::string describe() const override;
  /// Whether a connection is currently open (false before the first transaction).
  bool connected() const;

 private:
  TcpLinkConfig config_;
  std::unique_ptr<detail::LibmodbusSession> session_;
};

}  // namespace ews::live

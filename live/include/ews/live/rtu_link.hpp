#pragma once
// RtuLink: the Link to devices on an RS485 line through a serial port, on libmodbus RTU (docs/design.md
// decision 5). The port is opened on the first transaction and reopened after it failed. Data
// bits are 8 (Modbus RTU). Unit 0 is the broadcast address: a write to it returns Ok after the
// response timeout (nobody answers a broadcast), a read from it is an InvalidRequest.
//
// Threading: one libmodbus context per RtuLink, used by one thread at a time (the Link
// contract). A serial line serves one transaction at a time anyway: share it by sharing the
// thread that polls it, not the RtuLink.
#include <memory>
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"

namespace ews::live {

namespace detail {
class LibmodbusSession;
}

struct RtuLinkConfig {
  std::string devicePath;  ///< "/dev/ttyUSB0", "/dev/ttyS1", a pseudo-terminal in tests
  int baud = 19200;
  char parity = 'E';  ///< 'N' none, 'E' even, 'O' odd (the EWS default is 8E1)
  int stopBits = 1;   ///< 1 or 2
  /// How long a transaction waits for the answer's first byte. The EWS default.
  Duration responseTimeout = milliseconds(300);
};

class RtuLink final : public link::Link {
 public:
  /// Does no I/O: the port is opened by the first transaction. Throws std::invalid_argument
  /// on settings libmodbus rejects (parity other than N/E/O, stop bits other than 1/2, baud <= 0).
  explicit RtuLink(RtuLinkConfig config);
  ~RtuLink() override;
  RtuLink(const RtuLink&) = delete;
  RtuLink& operator=(const RtuLink&) = delete;

  link::Result transact(const link::Request& request) override;
  /// "rtu /dev/ttyUSB0 19200 8E1"
  std::string describe() const override;
  /// Whether the serial port is currently open.
  bool connected() const;

 private:
  RtuLinkConfig config_;
  std::unique_ptr<detail::LibmodbusSession> session_;
};

}  // namespace ews::live

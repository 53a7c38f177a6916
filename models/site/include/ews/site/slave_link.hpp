#pragma once
// SlaveLink: a master's virtual gateway linked in process to a slave EWS of the same run
// (several instances on one virtual-time engine, multi_site.hpp). It answers each transaction
// from the slave's served registers (stack::SlaveRegisters::answer, the very code behind the
// slave's Modbus TCP server) and takes a fixed time, standing for a Modbus TCP round trip on
// a LAN. Wrapped in a link::VirtualTimeLink, the master's poller sees it as any other line.
#include <string>

#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"
#include "ews/stack/slave_registers.hpp"

namespace ews::site {

/// A Modbus TCP request and its answer between two EWS on one LAN: a few hundred
/// microseconds of network and the slave's answer from memory.
inline constexpr Duration kSlaveRoundTrip = milliseconds(2);

class SlaveLink final : public link::Link {
 public:
  /// `slave` must outlive the link; `name` is for messages ("slave 'a.yaml'").
  SlaveLink(const stack::SlaveRegisters& slave, std::string name, Duration roundTrip = kSlaveRoundTrip)
      : slave_(&slave), name_(std::move(name)), roundTrip_(roundTrip) {}

  /// Reads the slave's latest published snapshot at the instant of the request.
  link::Result transact(const link::Request& request) override;
  std::string describe() const override { return "in-process " + name_; }

 private:
  const stack::SlaveRegisters* slave_;
  std::string name_;
  Duration roundTrip_;
};

}  // namespace ews::site

#pragma once
// SimLink: one simulated gateway and its RS485 line, in virtual time. It implements the Link
// contract over SimDevices with Modbus RTU line timing (rs485_timing.hpp) and injected faults
// (fault_injector.hpp). See docs/simlink.md for the timing rules and their reasons.
//
// One transaction at a time per line: the link remembers when its line becomes free; a
// request made while the line is busy waits, and the wait is part of its duration. So several
// callers using the same line at the same simulated instant are served one after the other,
// while different SimLinks (different gateways) run in parallel.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ews/kernel/rng.hpp"
#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"
#include "ews/models/sim_device.hpp"
#include "ews/simlink/fault_injector.hpp"
#include "ews/simlink/fault_window.hpp"
#include "ews/simlink/rs485_timing.hpp"
#include "ews/simlink/sim_link_stats.hpp"

namespace ews::simlink {

/// The Mini's own RS485 port (the Local gateway): no IP hop.
inline constexpr Duration kLocalPortLatency = microseconds(0);
/// An RS485/IP gateway (e.g. 0 046 89): LAN round trip plus the gateway's own processing,
/// charged once per transaction. An assumption of the model, not a measured figure.
inline constexpr Duration kIpGatewayLatency = milliseconds(1);

class SimLink final : public link::Link {
 public:
  /// `now` is the engine's clock (e.g. [&engine] { return engine.now(); }), read once per
  /// transaction. `faultRng` seeds the fault draws (e.g. engine.rngFor("simlink/" + name)).
  /// Throws std::invalid_argument for invalid line settings, a null clock or a negative latency.
  SimLink(std::string name, LineSettings line, std::function<Time()> now, RngStream faultRng,
          Duration adapterLatency = kLocalPortLatency);

  /// Serves `unitId` (1..247) on this line with `device`, which must outlive the link.
  /// Throws std::invalid_argument for an id out of range or already attached.
  void attach(std::uint8_t unitId, models::SimDevice& device);
  /// Nothing answers `unitId` any more (a device removed from the served configuration).
  void detach(std::uint8_t unitId) { devices_.at(unitId) = nullptr; }
  /// The device answering `unitId`, or nullptr.
  models::SimDevice* attached(std::uint8_t unitId) const { return devices_.at(unitId); }
  /// Throws std::invalid_argument for an invalid window (validateFaultWindow).
  void addFault(const FaultWindow& fault) { faults_.add(fault); }

  link::Result transact(const link::Request& request) override;
  /// "sim RS485 19200 8E1 'Local'".
  std::string describe() const override;
  bool queuesBehindBusyLine() const override { return true; }

  const std::string& name() const { return name_; }
  const Rs485Timing& timing() const { return timing_; }
  Duration adapterLatency() const { return adapterLatency_; }
  /// The instant the line finishes its last transaction (the next one cannot start earlier).
  Time lineFreeAt() const { return lineFreeAt_; }
  const SimLinkStats& stats() const { return stats_; }
  void resetStats() { stats_ = {}; }
  const std::vector<FaultWindow>& faults() const { return faults_.windows(); }

 private:
  link::Result finish(link::Status status, Duration duration,
                      link::ExceptionCode exception = link::ExceptionCode::None);
  /// Holds the line from `start` to `lineFree` and reports `status` at `outcome`.
  link::Result occupy(Time now, Time start, Time outcome, Time lineFree, link::Status status,
                      link::ExceptionCode exception = link::ExceptionCode::None);

  std::string name_;
  Rs485Timing timing_;
  std::function<Time()> now_;
  Duration adapterLatency_;
  FaultInjector faults_;
  std::array<models::SimDevice*, 248> devices_{};  // index = unit id; nullptr: nothing answers
  Time lineFreeAt_{};
  SimLinkStats stats_;
};

}  // namespace ews::simlink

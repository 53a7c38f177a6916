#pragma once
// The acquisition's Poller: reads every active device of every RS485 line through its
// AsyncLink and decodes the answers into Measurements (docs/design.md, data flow and decision 5).
//
// Per line, one transaction in flight (submit -> completion -> next); lines are independent,
// so TCP gateways poll in parallel. Each line runs cycles of `cyclePeriod`: first the fast
// devices (the DLM-critical ones: total meter and stations), then the devices in
// communication error whose back-off probe is due, then as many of the other devices as fit in
// the cycle's time left (at least one), round-robin from where the last cycle stopped. A line
// whose work exceeds its period stretches its cycle: the next one starts when it ends, nothing
// queues up. A line whose polls fail Disconnected K times in a row puts its gateway and all its
// devices in communication error and only probes the gateway, with back-off, until it is
// reachable again. The Poller has no thread: it runs over any AsyncLink (VirtualTimeLink in virtual
// time, live/'s threaded adapter on the wall clock). docs/acquisition.md has the rules.
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/acquisition/poll_plan.hpp"
#include "ews/acquisition/probe.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/link/async_link.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/recording/sample.hpp"

namespace ews::acquisition {

struct PollerSettings {
  Duration cyclePeriod = seconds(1);
  /// Immediate retries of a failed transaction before its poll counts as failed.
  int retries = 1;
  /// Consecutive failed polls that put a device in communication error; also the consecutive
  /// polls of a line failed Disconnected that put its gateway in communication error.
  int failuresBeforeError = 3;
  /// Back-off of the probes of a device in error: one cycle period, doubled after each failed
  /// probe, up to this.
  Duration maxBackoff = minutes(5);
  /// The back-off cap of the fast (DLM-critical) devices, and of the gateway of a line that
  /// carries one: the DLM stays in its fail-safe until the total meter is read again, so it
  /// is re-probed within this after it comes back, not minutes later. At most one such probe
  /// per line and cycle, so a line with several of them dead loses one timeout per cycle.
  Duration criticalMaxBackoff = seconds(5);
  PlanOptions plan;
};

/// Counters of one line since start().
struct LineStats {
  std::uint64_t transactions = 0;  ///< submitted (retries and probes included)
  std::uint64_t failures = 0;      ///< transactions that did not answer Ok
  std::uint64_t polls = 0;         ///< complete polls (every block read and decoded)
  std::uint64_t failedPolls = 0;
  std::uint64_t probes = 0;        ///< back-off probes and Test actions
  std::uint64_t cycles = 0;        ///< cycles completed
  std::uint64_t gatewayErrors = 0;  ///< times the gateway went to Communication error
  std::uint64_t gatewayProbes = 0;  ///< back-off probes of the gateway while in error (not in `probes`)
  std::uint64_t identifications = 0;  ///< reads of identification registers
  Duration lastCycleTime{};        ///< start of the cycle to the end of its last transaction
  Duration maxCycleTime{};
};

/// Something the Poller did to one device, for tests, benchmarks and observers that want every
/// poll (the recorder only needs Measurements).
struct PollNotice {
  /// GatewayProbe: a back-off probe of a gateway in error, sent to `deviceId`'s first block.
  enum class Kind : std::uint8_t { Poll, FailedPoll, BackoffProbe, GatewayProbe };
  Kind kind = Kind::Poll;
  int deviceId = 0;
  Time started{};  ///< submission of the first transaction
  Time ended{};    ///< completion of the last one
  bool ok = false;
};

/// The outcome of a command written through the poller (Poller::write).
struct WriteOutcome {
  int deviceId = 0;
  std::string quantity;
  double value = 0.0;
  link::Result result;  ///< of the last attempt
  /// Why the poller refused the command without sending it (the write guard); empty when sent.
  std::string refused;
  bool ok() const { return result.ok() && refused.empty(); }
  /// What became of the command, for messages: the refusal, or the link's result.
  std::string describe() const { return refused.empty() ? link::describe(result) : refused; }
};

class Poller {
 public:
  using ProbeCallback = std::function<void(ProbeResult)>;
  using WriteCallback = std::function<void(const WriteOutcome&)>;

  /// Plans every device of every gateway (virtual ones included). `installation`, `profiles`,
  /// `measurements` and `engine` must outlive the Poller.
  Poller(Engine& engine, const installation::Installation& installation, const profiles::ProfileCatalogue& profiles,
         Measurements& measurements, PollerSettings settings = {});
  ~Poller();
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  /// The line of a gateway: an RS485 line (physical or Local) or, for a virtual gateway, the
  /// Modbus TCP connection to the slave Energy Web Server whose values its WSMEASURE devices
  /// read (std::invalid_argument for a second attach). The link must outlive the Poller.
  /// Attach before start().
  void attachLine(const installation::Gateway& gateway, link::AsyncLink& link);
  /// Devices polled every cycle; the others go round-robin. Takes effect at each line's next
  /// cycle, and on the lines attached later. Unknown ids are ignored.
  void setFastDevices(std::span<const int> deviceIds);
  /// Starts every attached line's cycles at now, honouring Installation::isActive: inactive
  /// devices start Off.
  void start();

  /// The ON/OFF button (manual 7.16.1.5): an OFF device is Off and not polled; back ON it is
  /// polled again from the next cycle. Throws std::out_of_range for an unknown id.
  void setDeviceOn(int deviceId, bool on);
  /// An OFF gateway turns all its devices Off (their own ON/OFF is kept for when it is back).
  void setGatewayOn(int gatewayId, bool on);
  bool deviceOn(int deviceId) const;
  bool gatewayOn(int gatewayId) const;
  /// The gateway status of the configuration pages (manual 7.16.1.2, gateway selection
  /// button, "Gateway status"): Off when switched OFF, CommunicationError while its line is
  /// unreachable (K consecutive polls failed Disconnected; probed with back-off), else On.
  /// A gateway without an attached line: On or Off from the installation.
  DeviceStatus gatewayStatus(int gatewayId) const;

  /// The "Test" button: one read of the device's first block through its line, queued between
  /// polls (never two transactions in flight); also for a device that is OFF. `done` runs on
  /// the engine thread. A device without a line or a profile gets a failed result at once.
  void probe(const installation::Device& device, ProbeCallback done);

  /// A command (manual 8.2.1 Commands page, the Green'Up DLM's start/wait and setpoints, docs/design.md
  /// decision 5): writes `value`, in the field's unit, to the device's writable field
  /// `quantity` (its name without the device's prefix: "station.setpointA") through the
  /// device's line. Writes wait only for the transaction in flight, go out in the order they
  /// were asked, before any poll, and are retried like polls. A device that is OFF is not
  /// written (the result is Disconnected, nothing sent). `done` (may be empty) runs on the
  /// engine thread. Throws std::invalid_argument for a device that is not polled over a line or
  /// a field it does not have or cannot write.
  void write(int deviceId, std::string_view quantity, double value, WriteCallback done = {});

  /// The write guard of a site of real devices (`ews live`; docs/live.md, "Writing to real
  /// devices"): from now on a command to a device read through a `modelled` map is refused,
  /// nothing sent, unless `modelledMapsSiteWide` or the device's writeModelledMap allows it. The
  /// refusal is the outcome's `refused`, and a "write-refused" event the first time for each
  /// device and quantity. Without a guard (the
  /// simulated site, whose devices serve the maps themselves) every command is sent.
  void guardWrites(bool modelledMapsSiteWide);
  /// Why a command to `deviceId` would be refused: the guard, or the device being in
  /// Configuration error (never written, guarded or not); empty when it would be sent.
  std::string writeRefusal(int deviceId) const;

  /// Status changes ("status") and counter corrections ("counter-wrap", "counter-reset",
  /// "meter-replaced") go to `sink->onEvent` as they happen. nullptr: none.
  void setEventSink(recording::SampleSink* sink) { sink_ = sink; }
  /// Every poll's outcome (nullptr-safe; for tests and benchmarks).
  void setPollObserver(std::function<void(const PollNotice&)> observer) { observer_ = std::move(observer); }

  /// Throws std::out_of_range for a gateway without an attached line.
  const LineStats& lineStats(int gatewayId) const;
  /// The plan of a polled device, nullptr when it is not polled (no line, no profile).
  const DevicePlan* planOf(int deviceId) const;
  const PollerSettings& settings() const { return settings_; }
  const Measurements& measurements() const { return *measurements_; }

  /// Internal: one line's scheduler (src/poll_line.hpp).
  class Line;

 private:
  struct DeviceSlot;
  Line& lineOf(const installation::Device& device);
  void emit(const recording::Event& event);
  /// Answers a command refused without sending it, with a "write-refused" event the first time.
  void refuseWrite(int deviceId, std::string_view quantity, double value, std::string refusal, const WriteCallback& done);

  Engine* engine_;
  const installation::Installation* installation_;
  Measurements* measurements_;
  PollerSettings settings_;
  recording::SampleSink* sink_ = nullptr;
  std::function<void(const PollNotice&)> observer_;
  std::vector<DevicePlan> plans_;           ///< every pollable device
  std::vector<std::unique_ptr<Line>> lines_;
  std::set<int> fastDevices_;  ///< kept for the lines attached after setFastDevices
  bool guarded_ = false;
  bool modelledWritesSiteWide_ = false;
  std::set<std::pair<int, std::string>> refusalsReported_;  ///< (device, quantity) with a write-refused event
  bool started_ = false;

  friend class Line;
};

/// The DLM-critical devices to poll every cycle: the total meter named `totalMeterName` (if it
/// exists) and every charging station of the installation, by id.
std::vector<int> dlmCriticalDevices(const installation::Installation& installation, std::string_view totalMeterName);

std::string_view deviceStatusName(DeviceStatus status);

}  // namespace ews::acquisition

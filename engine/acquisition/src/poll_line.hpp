#pragma once
// One line's scheduler (private to the Poller): the cycle of fast devices, due back-off probes
// and round-robin slow devices, one transaction in flight at a time, the retries, the
// communication-error states (of each device, and of the gateway when the line is unreachable)
// and the queued Test actions. docs/acquisition.md explains the rules.
#include <array>
#include <optional>
#include <span>
#include <deque>
#include <vector>

#include "device_decoder.hpp"
#include "ews/acquisition/poller.hpp"

namespace ews::acquisition {

class Poller::Line {
 public:
  Line(Poller& poller, const installation::Gateway& gateway, link::AsyncLink& link,
       const std::vector<const DevicePlan*>& plans);
  /// Cancels the next cycle's start: a poller destroyed with its stack (a configuration
  /// change) leaves nothing behind in the engine.
  ~Line();
  Line(const Line&) = delete;
  Line& operator=(const Line&) = delete;

  const installation::Gateway& gateway() const { return *gateway_; }
  const LineStats& stats() const { return stats_; }
  /// The member index of a device of this line, or -1.
  int memberOf(int deviceId) const;

  void start();
  void setFast(std::size_t member, bool fast) { members_[member].fast = fast; }
  void setDeviceOn(std::size_t member, bool on);
  bool deviceOn(std::size_t member) const { return members_[member].on; }
  bool gatewayOn() const { return gatewayOn_; }
  DeviceStatus gatewayStatus() const;
  void setGatewayOn(bool on);
  void test(std::size_t member, ProbeCallback done);
  /// Queues a write of `field` (an index in the member's map) ahead of the polls.
  void write(std::size_t member, std::size_t field, double value, WriteCallback done);

 private:
  /// What the device's identification registers said since it was last reached.
  enum class Identity : std::uint8_t {
    Unknown,       ///< not read since the device was (re)reached
    Confirmed,     ///< the configured model
    Unverified,    ///< the read failed or the device has no such registers: nothing to hold against it
    Contradicted,  ///< another model: Configuration error
  };
  struct Member {
    const DevicePlan* plan;
    DeviceDecoder decoder;
    Identity identity = Identity::Unknown;
    bool identifyQueued = false;
    bool on = true;
    bool fast = false;
    bool inError = false;
    int failedPolls = 0;         ///< consecutive
    Duration backoff{};          ///< current probe spacing while in error
    Time probeDue{};             ///< next back-off probe
    Duration lastPollTime{};     ///< line time of the last complete poll: the slow stage's estimate
    int id() const { return plan->device->id; }
  };
  enum class Stage : std::uint8_t { Fast, Probes, Slow, Waiting };
  enum class JobKind : std::uint8_t { Poll, BackoffProbe, GatewayProbe, Test, Write, Identify };
  struct Job {
    JobKind kind = JobKind::Poll;
    std::size_t member = 0;
    std::size_t block = 0;
    int attempt = 0;
    Time started{};
    ProbeCallback done;
    // Write jobs: the field, its value and its encoded words.
    std::size_t field = 0;
    double value = 0.0;
    std::array<std::uint16_t, profiles::kMaxFieldWords> words{};
    WriteCallback written;
  };

  bool polled(const Member& member) const { return gatewayOn_ && member.on; }
  Time now() const { return poller_->engine_->now(); }

  void startCycle();
  /// Starts the next transaction of the cycle (or of a queued Test), or ends the cycle.
  void advance();
  bool startFast();
  /// The next fast device of the cycle (the cursor moves past it), nullopt when none is left.
  std::optional<std::size_t> takeFast();
  bool startDueProbe();
  bool startSlow();
  /// The next slow device of the round robin that fits in the cycle after `planned` more line
  /// time (at least one a cycle), nullopt when none.
  std::optional<std::size_t> takeSlow(Duration planned);
  /// While the gateway is in error: its back-off probe if due (once per cycle), else nothing.
  bool startGatewayProbe();
  void endCycle();

  /// A job of `kind` for `member`, started now.
  Job newJob(JobKind kind, std::size_t member) const;
  void begin(Job job);
  void submit();
  /// On links that batch (threaded lines, SimLinks in virtual time): the job's whole poll and
  /// those of the next devices of its stage, up to kMaxBatchDevices, in one hand-over.
  void submitBatch();
  void onResult(const link::Result& result);
  void onBatchResult(std::span<const link::Result> results);
  void onPollResult(const link::Result& result);
  /// Every block of the job's device was read and decoded.
  /// `ended`: when its last transaction ended (before now() for a device early in a batch).
  void completePoll(Member& member, Time ended);
  void onBackoffProbeResult(const link::Result& result);
  /// The back-off cap of a member: short for the DLM-critical (fast) ones.
  Duration maxBackoffOf(const Member& member) const;
  /// The gateway's back-off cap: short when the line carries a DLM-critical device.
  Duration gatewayMaxBackoff() const;
  void onGatewayProbeResult(const link::Result& result);
  void onWriteResult(const link::Result& result);
  /// A device just reached (first poll, back from an error): its identification is read next,
  /// before any other queued action, when its plan has one and it is not known yet.
  void identifyWhenReached(std::size_t m);
  /// Takes the next queued action; a write to a device whose identification is not read yet
  /// waits for that read, a write to a device in Configuration error is refused.
  bool startQueued();
  link::Request identifyRequest();
  void onIdentifyResult(const link::Result& result);
  void enterConfigurationError(Member& member, std::uint32_t modelCode, std::string_view firmware);
  /// Forgets what the identification said: the device is read again when next reached.
  static void forgetIdentity(Member& member);
  link::Request writeRequest();
  WriteOutcome writeOutcome(std::size_t member, std::size_t field, double value, const link::Result& result) const;
  void pollFailed(Member& member, const link::Result& result);
  /// Counts a failed poll or device probe of the line; true when it put the gateway in error.
  bool countLineFailure(const link::Result& result);
  void enterGatewayError(const link::Result& result);
  void leaveGatewayError(const link::Result& result);
  void emitGatewayStatus(DeviceStatus old, DeviceStatus status, std::string_view why);
  void setStatus(Member& member, DeviceStatus status, std::string_view why);
  void notify(PollNotice::Kind kind, const Member& member, bool ok, Time ended);

  Poller* poller_;
  const installation::Gateway* gateway_;
  link::AsyncLink* link_;
  std::vector<Member> members_;  ///< in device id order
  bool gatewayOn_ = true;
  bool started_ = false;

  // Gateway Communication error: the line itself is unreachable (Disconnected).
  bool gatewayInError_ = false;
  int lineDisconnects_ = 0;       ///< consecutive polls / device probes failed Disconnected
  Duration gatewayBackoff_{};
  Time gatewayProbeDue_{};
  bool gatewayProbedThisCycle_ = false;
  bool criticalProbedThisCycle_ = false;  ///< a fast device's back-off probe ran this cycle

  Stage stage_ = Stage::Waiting;
  EventId nextCycle_{};  ///< the scheduled startCycle, if any
  Time cycleStart_{};
  std::size_t fastNext_ = 0;
  std::size_t probeNext_ = 0;
  std::size_t slowCursor_ = 0;   ///< round-robin position, kept across cycles
  std::size_t slowVisited_ = 0;  ///< members looked at by this cycle's slow stage
  std::size_t slowPolled_ = 0;

  bool inFlight_ = false;
  Job job_;
  std::deque<Job> queued_;   ///< queued Test actions and writes, served in order before polls
  std::array<std::uint16_t, kMaxBlockValues> buffer_{};
  /// What a batch may carry: up to a whole line of devices, so the thread crossings are
  /// negligible next to fast (TCP) transactions, but no more line time than a Test or a DLM
  /// command may wait behind it. An RS485 poll alone exceeds that time, so serial lines batch
  /// one device at a time.
  static constexpr std::size_t kMaxBatchDevices = 255;
  static constexpr Duration kMaxBatchLineTime = milliseconds(20);
  std::vector<std::uint16_t> batchBuffer_;  ///< room for kMaxBatchDevices of the largest poll
  std::vector<link::Request> batch_;
  std::vector<std::size_t> batchMembers_;   ///< the devices of batch_, in order
  LineStats stats_;
};

}  // namespace ews::acquisition

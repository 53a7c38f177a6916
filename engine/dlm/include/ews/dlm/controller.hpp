#pragma once
// The Green'Up DLM controller: the manual's rules (7.16.5.1, 7.16.5.2, 8.3.2) as a pure,
// deterministic decision function over what the EWS observes. It knows nothing of Modbus,
// models or engines: a runner feeds it observations (the total meter and the stations, as
// polled, or read straight from models) and sends its commands as register writes. So the
// same controller runs in the twin, on site, in unit tests fed by hand and in benchmarks.
//
// docs/dlm.md states every rule and the orders (who is reduced, raised, authorised, stopped
// first); in short:
//   zone: on the most loaded phase, green <= maxCharging < yellow <= max < red; a zone is
//     entered as soon as its threshold is exceeded and left only below threshold - hysteresis;
//   green: authorise waiting sessions (priority first, then longest waiting) at the highest
//     level that keeps the predicted current within the charging budget; when none waits,
//     raise reduced sessions one level, first reduced first;
//   yellow: no authorisation; if a request waits, reduce running sessions to make room;
//   red: no authorisation; reduce (all to the first step, then to the second) until back to
//     yellow; all at the second step and still red once settled: stop the non-priority
//     session connected longest that has its minimum charge, then priority ones; never a
//     session below its minimum charge;
//   fail-safe (total meter unreadable): no authorisation, running sessions to the second step.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ews/dlm/settings.hpp"
#include "ews/kernel/time.hpp"

namespace ews::dlm {

using ews::kNever;

enum class Zone : std::uint8_t { Green, Yellow, Red };

/// The current level the DLM allows a session: rated, or one of the two reduction steps.
enum class Level : std::uint8_t { Full, FirstStep, SecondStep };

/// What the station reports (its state register), or Unknown when it is not readable.
enum class StationState : std::uint8_t {
  Unknown,    ///< communication error, OFF, never read: the DLM leaves it alone
  Available,  ///< no vehicle
  Charging,   ///< a vehicle draws current
  Waiting,    ///< a vehicle is connected and does not draw (a request, or paused, or starting)
  Error,      ///< station or charge error
  Complete,   ///< connected, charge over: not a request
};

struct MeterObservation {
  bool valid = false;                 ///< read, good quality, not older than meterMaxAge
  std::array<double, 3> currentsA{};  ///< L1, L2, L3
};

struct StationObservation {
  StationState state = StationState::Unknown;
  std::array<double, 3> currentsA{};  ///< drawn per line (0 on lines a single-phase station is not on)
  double sessionEnergyWh = 0.0;       ///< energy of the current (or last) session
};

/// What the runner saw at one instant. `stations` is parallel to Settings::stations.
struct Observation {
  Time at{};
  MeterObservation meter;
  std::vector<StationObservation> stations;
};

/// A register write for one station. Start carries the setpoint it starts at.
struct Command {
  enum class Kind : std::uint8_t { Start, Wait, Setpoint };
  std::size_t station = 0;  ///< index in Settings::stations
  Kind kind = Kind::Setpoint;
  double setpointA = 0.0;   ///< Start and Setpoint
};

/// Something the controller did or saw, for the event table of traces and for KPIs.
struct DlmEvent {
  enum class Kind : std::uint8_t {
    Zone,           ///< zone change: from -> to
    Connected,      ///< a vehicle appeared at a station (a session begins)
    Disconnected,   ///< the session ended (the vehicle left)
    Authorised,     ///< start at `level`
    Reduced,        ///< lowered to `level`
    Raised,         ///< raised to `level`
    Stopped,        ///< stopped in red (the session waits again)
    Skipped,        ///< authorised too long without drawing: ignored for the skip time
    FailSafe,       ///< entered (on) or left (!on) the fail-safe
    ChargingBegan,  ///< the station reports Charging for the first time in this session
  };
  Time at{};
  Kind kind = Kind::Zone;
  std::size_t station = 0;   ///< for station events
  Zone from = Zone::Green;   ///< Zone
  Zone to = Zone::Green;     ///< Zone
  Level level = Level::Full;
  double setpointA = 0.0;
  double chargeAh = 0.0;     ///< the session's charge when the event happened
  bool on = false;           ///< FailSafe
};

/// The per-session overrides of the management page (8.3.2): for the current session only.
enum class StartWaitOverride : std::uint8_t { None, Start, Wait };

/// The controller's view of one station's session, for pages, Python and tests.
struct SessionView {
  bool connected = false;
  Time connectedAt{};
  bool waiting = false;       ///< a request the DLM has not authorised (or has stopped)
  Time waitingSince{};
  bool authorised = false;
  Level level = Level::Full;
  Time reducedAt{};           ///< when it left Full (meaningful while level != Full)
  double chargeAh = 0.0;      ///< per phase, since it connected
  bool priority = false;      ///< in force for this session (default or override)
  StartWaitOverride startWait = StartWaitOverride::None;
  Time skippedUntil{};        ///< ignored until then after a skip
};

namespace detail {  // private to the sources: engine/dlm/src/session.hpp
struct Session;         // SessionView plus bookkeeping
struct PendingCommand;  // a command's predicted effect
}  // namespace detail

class Controller {
 public:
  /// Throws std::invalid_argument for inconsistent settings (maxCharging > max, a second step
  /// above the first, a phase index outside 0..2, ...), naming the field.
  explicit Controller(Settings settings);
  // Out of line: the per-station state (detail::Session) is private to the sources.
  ~Controller();
  Controller(const Controller& other);
  Controller(Controller&& other) noexcept;
  Controller& operator=(const Controller& other);
  Controller& operator=(Controller&& other) noexcept;

  /// Decides at obs.at (non-decreasing between calls). The returned commands stay valid until
  /// the next call. Events go to the sink as they happen.
  const std::vector<Command>& decide(const Observation& obs);

  /// 8.3.2: Start/Wait and Normal/Priority for the current session of a station (cleared when
  /// the vehicle leaves). Index in Settings::stations.
  void setStartWait(std::size_t station, StartWaitOverride value);
  void setSessionPriority(std::size_t station, bool priority);
  /// Changes parameters between decisions (same stations). Throws like the constructor.
  void setSettings(Settings settings);

  const Settings& settings() const { return settings_; }
  Zone zone() const { return zone_; }
  bool failSafe() const { return failSafe_; }
  const SessionView& session(std::size_t station) const;
  /// Some session is held back by the DLM: running below Full, or a request waiting for its
  /// authorisation (not a user's Wait). What the "headroom left unused" KPI is counted during.
  bool sessionsHeldBack() const;
  /// The setpoint of `level` for a station: rated x step %.
  double levelCurrentA(std::size_t station, Level level) const;

  /// The earliest instant after the last decision at which the controller's own timers (hold,
  /// settle, waiting, skip) expire, so a runner that skips dead time knows when to call again
  /// even if no observation changes. kNever when none runs.
  Time nextTimerAt() const;

  void setEventSink(std::function<void(const DlmEvent&)> sink) { sink_ = std::move(sink); }

 private:
  // The decision steps, in the order decide() runs them (docs/dlm.md).
  void observe(const Observation& obs);  // src/observe.cpp: sessions from the observation
  void predictSite(const MeterObservation& meter);
  void applyOverridesAndSkips();
  void failSafeStep();
  void leaveFailSafe();
  void updateZone();
  void greenStep();
  void yellowStep();
  void redStep();
  /// Lowers running sessions one level at a time in the manual's passes until the predicted
  /// worst phase (with `room` started at its second step, if given) is within `budgetA`.
  /// False if every pass is exhausted first.
  bool reduceUntil(double budgetA, std::optional<std::size_t> room);
  void raiseStep();
  /// Lowering every running session that may be lowered to its second step would make room
  /// for `request` at its own second step within `budgetA`.
  bool roomCanBeMade(std::size_t request, double budgetA) const;
  void stopStep();
  /// A command sent less than the settle time ago.
  bool anyPending() const;
  /// A lowering or a stop sent less than the settle time ago: the next one waits until it
  /// has settled and its effect has been observed.
  bool reductionPending() const;
  /// A connected session the DLM has not authorised that waits for it (held, eligible or
  /// stopped; not skipped, not under a user's Wait).
  bool isRequest(std::size_t station) const;
  /// Changing the session's level in that direction now would reverse its last change within
  /// the hold time, with no zone change since.
  bool wouldReverse(std::size_t station, bool raise) const;
  bool eligible(std::size_t station) const;
  void collectEligibleRequests();
  /// The predicted site stays within `budgetA` on every line with `command` sent to `station`
  /// and the room of the waiting requests (reservedA_) kept.
  bool fitsWithReserve(std::size_t station, const detail::PendingCommand& command, double budgetA) const;
  /// The predicted worst phase if `command` were sent to `station` now.
  double worstIf(std::size_t station, const detail::PendingCommand& command) const;
  detail::PendingCommand startCommand(std::size_t station, Level level) const;
  // Actions: each sends one command with its event and updates the prediction.
  void authorise(std::size_t station, Level level);
  void changeLevel(std::size_t station, Level level);
  void stop(std::size_t station);
  void skip(std::size_t station);
  void waitOverride(std::size_t station);
  void send(std::size_t station, const detail::PendingCommand& command);
  void emit(const DlmEvent& event) const;
  DlmEvent stationEvent(DlmEvent::Kind kind, std::size_t station) const;

  Settings settings_;
  Zone zone_ = Zone::Green;
  bool failSafe_ = false;
  Time now_{};
  bool decided_ = false;                  ///< decide() has run once (now_ is meaningful)
  std::array<double, 3> siteA_{};         ///< predicted site current per line
  std::array<double, 3> reservedA_{};     ///< per line: the waiting requests at their second step
  std::uint64_t zoneEpoch_ = 0;           ///< zone changes so far
  std::vector<detail::Session> sessions_;  ///< parallel to settings_.stations
  // Scratch lists reused by every decision, so decide() does not allocate after warm-up.
  std::vector<std::size_t> requests_;
  std::vector<std::size_t> candidates_;
  std::vector<Command> commands_;
  std::function<void(const DlmEvent&)> sink_;
};

std::string_view zoneName(Zone zone);
std::string_view levelName(Level level);
std::string_view eventKindName(DlmEvent::Kind kind);

}  // namespace ews::dlm

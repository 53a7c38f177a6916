#pragma once
// A Green'Up charging station (one side of it: each side is its own device, manual 5.3 and
// 7.16.1.3) with the vehicles that visit it, as pure physics: no registers, no link.
//
// What it draws. While a vehicle is connected and allowed to charge, the current per phase is
//
//   I = min(setpoint, station rating, EV maximum, battery curve)
//
// with the EV maximum = its on-board charger's power / (230 V x its phases) and the battery
// curve the two-stage model of battery.hpp. Per IEC 61851-1 a pilot under 6 A does not allow
// charging: a setpoint under 6 A pauses the charge (current 0, state Waiting).
//
// Timing. The station changes its pilot signal at once; the vehicle follows a pilot change
// (setpoint, Start/Wait, EV plug enabled/disabled) only `responseDelay` later (default 2 s;
// IEC 61851-1 gives the vehicle up to 5 s). A vehicle also starts drawing only responseDelay
// after it plugs in, and after an error clears. Errors and departures cut the current at once
// (the station opens its contactor).
//
// Exactness. The state is anchored at the last change of the power offered to the vehicle;
// between changes SOC, energy and current are closed-form functions of time (battery.hpp).
// Internal changes (a delayed pilot taking effect, the target reached, a departure, an
// arrival) happen at their own computed instants inside advanceTo, so the results do not
// depend on how often the station is advanced or read (docs/design.md decision 11).
//
// Use with the two-phase engine: read with snapshotAt(t) (const) in observe, command and
// advanceTo(t) in update; every command first advances to its instant.
#include <Eigen/Core>
#include <vector>

#include "ews/kernel/change_counter.hpp"
#include "ews/physics/battery.hpp"
#include "ews/physics/ev_session.hpp"
#include "ews/physics/piecewise_integral.hpp"
#include "ews/physics/quantities.hpp"
#include "ews/physics/station_codes.hpp"

namespace ews::physics {

/// IEC 61851-1: the lowest current a pilot may allow.
inline constexpr double kMinimumPilotCurrentA = 6.0;

struct StationSettings {
  int phases = 1;                  ///< 1 or 3
  Phase phase = Phase::L1;         ///< single-phase stations: the line they are connected to
  double ratedCurrentA = 16.0;     ///< 16 A single-phase, 32 A three-phase (manual 7.16.5.1)
  double voltageV = kNominalVoltageLnV;
  Duration responseDelay = seconds(2);
  /// A vehicle that plugs in is authorised at once (no badge, no DLM hold).
  bool autoStart = true;
  /// The BMS ends the charge when the battery accepts less than this per phase.
  double endOfChargeCurrentA = 1.0;
  /// nextChangeAt() in the taper reports the instant the current has fallen by this fraction.
  double taperReportFraction = 0.01;

  static StationSettings singlePhase(Phase phase);
  static StationSettings threePhase();
};

/// Everything the station shows at one instant.
struct StationSnapshot {
  Time at{};
  StationStatus status = StationStatus::Available;
  StationError stationError = StationError::None;
  ChargeError chargeError = ChargeError::None;
  ChargeEnd lastChargeEnd = ChargeEnd::None;
  bool evConnected = false;
  bool authorised = false;         ///< Start (true) / Wait (false) in force for the vehicle
  bool evPlugEnabled = true;
  bool domesticPlugEnabled = true;
  double setpointA = 0.0;          ///< last setpoint written
  double pilotA = 0.0;             ///< current the vehicle is allowed now (0 when paused)
  double currentPerPhaseA = 0.0;   ///< drawn by the vehicle on each phase it uses
  Eigen::Vector3d lineCurrentsA = Eigen::Vector3d::Zero();  ///< vehicle + domestic socket, per line
  double activePowerW = 0.0;       ///< vehicle + domestic socket
  double energyCounterWh = 0.0;    ///< cumulative, everything the station delivered
  double sessionEnergyWh = 0.0;    ///< into the connected (or last) vehicle
  double sessionChargeAh = 0.0;    ///< the same as charge per phase (the DLM's "Ah", manual 7.16.5.1)
  double socPct = 0.0;             ///< the connected (or last) vehicle's battery
};

/// What a vehicle got, known when it leaves (the ground truth of the DLM's KPIs).
struct SessionOutcome {
  std::size_t session = 0;  ///< index in ChargingStation::sessions()
  double deliveredWh = 0.0;
  double wantedWh = 0.0;    ///< from its arrival SOC to the SOC at which it stops asking
  ChargeEnd end = ChargeEnd::None;  ///< Departure: it left before its target or a full battery
};

class ChargingStation {
 public:
  /// Throws std::invalid_argument for phases other than 1/3 or non-positive ratings.
  /// `changes` (may be null) is bumped whenever the station's state may have changed: every
  /// advance, command and added session (see models::FeederMeter).
  ChargingStation(StationSettings settings, Time start, ChangeCounter* changes = nullptr);

  /// Schedules a visit. Throws std::invalid_argument if the session is invalid, arrives before
  /// now(), or overlaps another (one vehicle at a time; a vehicle may arrive at the instant the
  /// previous one leaves).
  void addSession(const EvSession& session);

  /// Applies every internal change due up to t, each at its own instant.
  void advanceTo(Time t);
  Time now() const { return state_.now; }

  // Commands (manual 8.2.1 Commands page, 8.3.2 Start/Wait), at t >= now().
  void commandStart(Time t);
  void commandWait(Time t);
  void setCurrentSetpoint(Time t, double currentA);
  void setEvPlugEnabled(Time t, bool enabled);
  void setDomesticPlugEnabled(Time t, bool enabled);
  /// A load plugged into the domestic socket (W), drawn while the socket is enabled.
  void setDomesticLoad(Time t, double powerW);
  void raiseStationError(Time t, StationError error);
  void clearStationError(Time t);
  void raiseChargeError(Time t, ChargeError error);
  void clearChargeError(Time t);

  /// The station at t >= now(), internal changes up to t included; does not modify it.
  StationSnapshot snapshotAt(Time t) const;
  /// The next instant after now() at which an output changes (a pilot change taking effect, an
  /// arrival, a departure, the charge ending, the battery entering its taper); in the taper,
  /// where the current falls continuously, the instant it has fallen by taperReportFraction.
  /// kNever if nothing will change.
  Time nextChangeAt() const;

  const StationSettings& settings() const { return settings_; }
  const std::vector<EvSession>& sessions() const { return sessions_; }
  /// The sessions that have left by now(), in departure order.
  const std::vector<SessionOutcome>& outcomes() const { return outcomes_; }

 private:
  /// What the station signals on the control pilot.
  struct Pilot {
    double setpointA = 0.0;
    bool authorised = true;
    bool evPlugEnabled = true;
  };
  struct PendingPilot {
    Time effectiveAt;
    Pilot pilot;
  };
  /// The whole mutable state: a plain struct, copied to look ahead in const reads.
  struct State {
    Time now{};
    Pilot requested;                   ///< what the commands asked for, at once
    Pilot effective;                   ///< what the vehicle follows
    std::vector<PendingPilot> pending;  ///< requested pilots waiting out the response delay
    std::size_t nextSession = 0;       ///< index of the next arrival in sessions_
    bool evConnected = false;
    std::size_t session = 0;           ///< the connected (or last) vehicle
    Time evReadyAt{};                  ///< the vehicle follows the pilot from then on ...
    bool evFollowing = false;          ///< ... and has started to
    bool chargeOver = false;
    ChargeEnd lastChargeEnd = ChargeEnd::None;
    StationError stationError = StationError::None;
    ChargeError chargeError = ChargeError::None;
    bool domesticPlugEnabled = true;
    double domesticLoadW = 0.0;
    // Battery anchor: the state at the last change of the offered power.
    Time anchorAt{};
    double anchorSocPct = 0.0;
    double offeredKW = 0.0;
    double energyBeforeSessionWh = 0.0;  ///< vehicle energy of the finished sessions
    PiecewiseIntegral domesticEnergyWh{Time{}};
  };
  enum class EventKind { Departure, Arrival, ChargeOver, EvReady, PilotEffective };
  struct NextEvent {
    Time at;
    EventKind kind;
  };

  const EvSession* connected(const State& s) const { return s.evConnected ? &sessions_[s.session] : nullptr; }
  int phasesUsed(const EvSession& session) const;
  /// Pilot current allowed to the vehicle: 0 if not authorised, disabled or under 6 A.
  double pilotCurrentA(const State& s) const;
  double offeredKW(const State& s) const;
  double socAt(const State& s, Time t) const;
  /// The SOC at which the vehicle's charge ends (target, energy wanted, BMS end of charge).
  double chargeOverSocPct(const EvSession& session) const;
  NextEvent nextEvent(const State& s) const;
  /// `ended` (the station's own state only) collects the sessions that leave on the way.
  void advanceState(State& s, Time t, std::vector<SessionOutcome>* ended = nullptr) const;
  /// Moves the anchor to s.now and re-evaluates the offered power.
  void reanchor(State& s) const;
  void apply(State& s, const NextEvent& event) const;
  void requestPilot(Time t, Pilot pilot);
  /// The outputs at t, for t at or after s.now with no internal change in between.
  StationSnapshot snapshotOf(const State& s, Time t) const;

  StationSettings settings_;
  std::vector<EvSession> sessions_;  ///< sorted by arrival
  State state_;
  ChangeCounter* changes_ = nullptr;
  std::vector<SessionOutcome> outcomes_;
};

}  // namespace ews::physics

#pragma once
// A circuit-breaker with a state contact and, for the measuring versions, a measure (manual
// 7.16.1.3: DPX3, DMX3, DX3 RCD add-on; 8.2.1: state Open / Closed / Tripped).
//
// It trips
// - on events configured in time (a scenario's "trip at 10:42, cause earth leakage"),
// - on overcurrent: the largest phase current above In x pickupFactor for longer than the
//   delay (a simplified long-time protection: a definite-time delay, not an I2t curve) -
//   exactly at the instant the delay runs out, whoever polls when,
// - instantly on short circuit: a current at or above In x shortCircuitFactor,
// - instantly on earth leakage: a residual current at or above IDeltaN,
// and recloses only by command. While it is not closed no current flows through it.
//
// Codes (docs/physics.md): BreakerState Open 0, Closed 1, Tripped 2; TripCause None 0,
// Overcurrent 1, ShortCircuit 2, EarthLeakage 3, Command 4 (opened or tripped by a remote or
// manual command), Test 5 (test button).
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "ews/physics/quantities.hpp"

namespace ews::physics {

enum class BreakerState : std::uint8_t { Open = 0, Closed = 1, Tripped = 2 };
enum class TripCause : std::uint8_t { None = 0, Overcurrent = 1, ShortCircuit = 2, EarthLeakage = 3, Command = 4, Test = 5 };

/// Where the supply comes from (manual 7.16.1.3 "Supply"): from the top (Upstream, default)
/// or from the bottom (Downstream). A breaker fed from the bottom sees the load's power flow
/// against its sensor's reference: its raw measure has the opposite sign, which the EWS's
/// Supply setting undoes. The same holds for the current direction through the CTs of EMS CX3
/// measure modules.
enum class SupplyDirection : std::uint8_t { Upstream = 0, Downstream = 1 };

/// The raw active (or reactive) power a sensor mounted with `supply` measures for a load
/// drawing `loadPowerW`.
inline double sensorPowerW(SupplyDirection supply, double loadPowerW) {
  return supply == SupplyDirection::Downstream ? -loadPowerW : loadPowerW;
}

struct BreakerSettings {
  double ratedCurrentA = 63.0;       ///< In
  double pickupFactor = 1.3;         ///< overcurrent above In x this ...
  Duration overcurrentDelay = seconds(60);  ///< ... for longer than this trips
  double shortCircuitFactor = 10.0;  ///< instantaneous trip at In x this
  double earthLeakageA = 0.03;       ///< IDeltaN of the RCD; 0 = no earth-leakage protection
  SupplyDirection supply = SupplyDirection::Upstream;
};

/// A change configured in time (scenario events, fault injection).
struct BreakerEvent {
  enum class Action : std::uint8_t { Trip, Open, Close };
  Time at{};
  Action action = Action::Trip;
  TripCause cause = TripCause::Command;  ///< for Trip
};

class Breaker {
 public:
  /// Throws std::invalid_argument for non-positive ratings or factors (pickup must be below
  /// the short-circuit factor).
  Breaker(BreakerSettings settings, Time start, BreakerState initial = BreakerState::Closed);

  /// Adds a timed event (at >= now(); std::invalid_argument otherwise). Events at the same
  /// instant apply in the order they were added.
  void schedule(const BreakerEvent& event);
  /// Applies every scheduled event and overcurrent trip due up to t, each at its own instant.
  void advanceTo(Time t);

  /// Currents the load downstream would draw (A per phase) from t on; they flow only while
  /// closed. Checks the short-circuit and overcurrent protections.
  void setLoadCurrents(Time t, const Eigen::Vector3d& currentA);
  /// Residual (earth leakage) current from t on.
  void setResidualCurrent(Time t, double currentA);

  /// Commands (remote or manual), at t >= now().
  void open(Time t);
  void trip(Time t, TripCause cause);
  /// Recloses from Open or Tripped; a load still short-circuited trips it again at once.
  void close(Time t);

  BreakerState state() const { return state_; }
  /// Why it is open or tripped; None while closed.
  TripCause cause() const { return cause_; }
  /// When it last left the closed state (kNever if it never did).
  Time lastOpenedAt() const { return lastOpenedAt_; }
  std::uint32_t tripCount() const { return tripCount_; }
  bool conducting() const { return state_ == BreakerState::Closed; }
  /// Currents through the breaker: the load's while closed, zero otherwise.
  Eigen::Vector3d throughCurrentsA() const;
  /// The next instant its state may change by itself (a scheduled event, the end of an
  /// overcurrent delay); kNever if none.
  Time nextChangeAt() const;

  const BreakerSettings& settings() const { return settings_; }
  Time now() const { return now_; }

 private:
  // The actions themselves, at now_ (commands and events both end up here).
  void applyEvent(const BreakerEvent& event);
  void leaveClosed(BreakerState state, TripCause cause);
  void reclose();
  /// Re-evaluates the protections against the current demand at now_.
  void checkProtections();
  Time overcurrentTripAt() const;

  BreakerSettings settings_;
  Time now_;
  BreakerState state_;
  TripCause cause_ = TripCause::None;
  Time lastOpenedAt_ = kNever;
  std::uint32_t tripCount_ = 0;
  Eigen::Vector3d loadCurrentA_ = Eigen::Vector3d::Zero();
  double residualCurrentA_ = 0.0;
  Time overcurrentSince_ = kNever;  ///< start of the current overcurrent episode while closed
  std::vector<BreakerEvent> events_;  ///< pending, sorted by time (stable)
};

}  // namespace ews::physics

#pragma once
// The state of a circuit breaker (DPX3, DMX3, DX3 RCD add-on) or of the breaker an EMS CX3
// state module watches (4 149 29/30): breaker.state, breaker.tripCause, and the module's
// contacts state.input.1 (CA: closed) and state.input.2 (SD: tripped).
//
// The physics::Breaker is fed, at every control step (settle), the currents of its load, so
// its overcurrent and short-circuit protections act whoever polls when; timed events (a
// scenario's or a test's trip) apply at their own instants. While it is not closed no current
// flows: through() is the load gated by the breaker, which a measuring breaker's Measurement
// measures (zero power, energy registers standing still). The load model itself keeps
// drawing: the twin's loads do not react to their breaker (docs/devices.md).
#include <functional>
#include <vector>

#include "ews/devices/behaviour.hpp"
#include "ews/devices/power_source.hpp"
#include "ews/devices/supply_point.hpp"
#include "ews/physics/breaker.hpp"

namespace ews::devices {

class BreakerStatus final : public Behaviour {
 public:
  /// `load` (may be null: nothing downstream, e.g. an EMS state module's breaker) must outlive
  /// the behaviour; `point` turns its power into phase currents for the protections.
  BreakerStatus(const installation::Device* device, physics::BreakerSettings settings, Time start,
                const PowerSource* load, SupplyPoint point);

  /// The breaker itself, to schedule timed events (physics::Breaker::schedule). Commands
  /// given directly must not precede the last control step settled.
  physics::Breaker& breaker() { return breaker_; }
  /// The load as seen through the breaker: its power while closed, its energy minus what the
  /// load drew while the breaker was open or tripped.
  const PowerSource& through() const { return through_; }

  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time t) override;
  double value(std::uint32_t code) const override;
  bool settles() const override { return true; }
  void settle(Time t) override;

  /// The breaker as it stands at t >= the last settled step (a copy advanced to t).
  physics::Breaker breakerAt(Time t) const;

  /// Called at the control step that sees the position contact (CA) change, with its new
  /// state (true: closed): an EMS CX3 state module's event for its links (EmsBus).
  void onPositionChange(std::function<void(Time, bool)> observer) { positionObservers_.push_back(std::move(observer)); }

 private:
  /// Energy bookkeeping: the instant accounted up to, the load's line powers from the last
  /// settled step on, and the load's energies the breaker has kept out so far.
  struct Ledger {
    Time at{};
    models::LinePowers load;
    double blockedWh = 0.0;
    double blockedVarh = 0.0;
  };
  /// Advances `breaker` to t change by change, adding to the ledger the load's energy over
  /// the spans it was not closed (the load's power is constant between two steps).
  static void advance(physics::Breaker& breaker, Ledger& ledger, Time t);

  class Through final : public PowerSource {
   public:
    explicit Through(const BreakerStatus& owner) : owner_(&owner) {}
    models::LinePowers linePowersAt(Time t) const override;
    double energyAt(Time t) const override;
    double reactiveEnergyAt(Time t) const override;

   private:
    const BreakerStatus* owner_;
  };

  const PowerSource* load_;
  IdleSource idle_;
  SupplyPoint point_;
  physics::Breaker breaker_;
  Ledger ledger_;
  bool settled_ = false;
  Through through_{*this};
  physics::Breaker prepared_;  // the breaker at the instant last prepared
  std::vector<std::function<void(Time, bool)>> positionObservers_;
  bool closedAtLastStep_ = false;
};

/// Settings of a breaker model: its rated current from the catalogue name (DPX3 250/630/1600:
/// that many amperes; DX3 RCD add-ons 4 106 57/58/59: 63 A; DMX3 0 288 0x: 2500 A; others
/// 63 A) and the physics defaults for the protections; the supply setting from the device.
physics::BreakerSettings breakerSettingsFor(const installation::Device& device);

}  // namespace ews::devices

#pragma once
// A meter with a pulse output feeding a concentrator input (manual 7.16.1.3: electricity, water
// and gas counters with pulse output). The meter integrates a flow (W for electricity, dm3/h
// for water and gas) into a quantity and emits one pulse per `weight` (Wh/pulse or
// dm3/pulse); the concentrator only ever knows whole pulses, so what it transmits is
// pulses x weight. The part of a pulse not yet emitted carries over: nothing is lost, it is
// only late.
#include <cstdint>

#include "ews/physics/piecewise_integral.hpp"
#include "ews/physics/quantities.hpp"

namespace ews::physics {

class PulseCounter {
 public:
  /// `weightPerPulse` in Wh/pulse or dm3/pulse, > 0 (std::invalid_argument otherwise).
  PulseCounter(double weightPerPulse, Time start, double initialQuantity = 0.0);

  void advanceTo(Time t);
  /// The flow from now() on (W, or dm3/h); negative flows do not run a pulse meter backwards
  /// and are taken as zero.
  void setFlow(double flowPerHour);

  /// Whole pulses emitted up to t (t >= now()).
  std::uint64_t pulsesAt(Time t) const;
  /// What the concentrator transmits: pulses x weight.
  double countedQuantityAt(Time t) const;
  /// The physical quantity that flowed (for checks; no device reports it).
  double exactQuantityAt(Time t) const;
  /// The instant of the next pulse at the flow in force; kNever at zero flow.
  Time nextPulseAt() const;

  double weightPerPulse() const { return weight_; }
  Time now() const { return now_; }

 private:
  double weight_;
  double initialQuantity_;
  Time now_;
  PiecewiseIntegral quantity_;
};

}  // namespace ews::physics

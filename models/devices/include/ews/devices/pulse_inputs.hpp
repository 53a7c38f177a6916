#pragma once
// The pulse inputs of a concentrator (4 120 65, 0 046 87, 4 149 26) or of an energy counter
// with pulse inputs (4 120 81/91/41): position.<N>.count and position.<N>.weight. Each wired
// position counts the pulses of the pulse-output meter configured there, whose flow is its
// power source (W, or dm3/h for water and gas): the whole pulses physics::PulseCounter emits
// for the quantity that flowed, exact at the instant served. Positions with nothing wired read
// 0 pulses and weight 0 (nothing programmed).
#include <map>

#include "ews/devices/behaviour.hpp"
#include "ews/devices/power_source.hpp"
#include "ews/installation/spec.hpp"

namespace ews::devices {

/// What one pulse is worth, by medium (docs/devices.md): 1 Wh for electricity, 1 dm3 (1 L)
/// for water, 10 dm3 for gas - common pulse outputs of such meters.
double pulseWeightOf(installation::Medium medium);

class PulseInputs final : public Behaviour {
 public:
  struct Position {
    const PowerSource* flow = nullptr;  ///< the meter wired there
    double weightPerPulse = 0.0;        ///< Wh or dm3 per pulse
  };

  /// `host`: the concentrator's host device (an energy counter), or nullptr for a concentrator.
  explicit PulseInputs(const installation::Device* host) : Behaviour(host) {}

  /// Wires the meter whose quantity is `flow` to `position` (1-based).
  void wire(int position, const PowerSource& flow, double weightPerPulse);

  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time t) override { now_ = t; }
  double value(std::uint32_t code) const override;

  /// Pulses counted at `position` up to t (0 when nothing is wired there).
  std::uint64_t pulsesAt(int position, Time t) const;

 private:
  std::map<int, Position> positions_;
  Time now_{};
};

}  // namespace ews::devices

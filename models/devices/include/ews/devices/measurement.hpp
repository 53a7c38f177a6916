#pragma once
// The electrical measurement of a meter: energy counters, multifunction meters, EMS CX3
// measuring modules, the measure of counting/measuring breakers and the generic Modbus meter.
// It serves, from one power source, whatever its profile lists:
//
// - energy.{active,reactive}.{import,export}: Ea from the source's counter, exact at the
//   instant served; Er = Ea x tan(phi). A sensor mounted Downstream sees the load as export.
// - voltages, currents, active/reactive/apparent powers, power factors, frequency: the phasor
//   state of SupplyPoint::stateFor(power in force);
// - thd.* and harmonic.*: the device's seeded physics::HarmonicsProfile (voltage harmonics
//   have the current spectrum's shape, scaled to the phase's voltage THD);
// - stat.<measurand>.{min,max,avg}: time-weighted statistics over the current sample window
//   (windows aligned on multiples of the sample rate since the epoch, like the recorder's
//   samples), fed at every control step by settle(), so they do not depend on polling.
#include <array>
#include <optional>
#include <vector>

#include "ews/devices/behaviour.hpp"
#include "ews/devices/power_source.hpp"
#include "ews/devices/supply_point.hpp"
#include "ews/physics/harmonics.hpp"
#include "ews/physics/statistics.hpp"

namespace ews::devices {

class Measurement final : public Behaviour {
 public:
  /// `source` must outlive the measurement. `sampleRate` sets the statistics windows.
  Measurement(const installation::Device* device, const PowerSource& source, SupplyPoint point,
              physics::HarmonicsProfile harmonics, Duration sampleRate);

  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time t) override;
  double value(std::uint32_t code) const override;
  bool settles() const override { return !trackers_.empty(); }
  void settle(Time t) override;

  const SupplyPoint& supplyPoint() const { return point_; }

  /// What the sensors measure at one instant (raw: a Downstream sensor reads the load negative).
  struct Reading {
    std::array<double, 4> energy{};  ///< Ea+ Wh, Ea- Wh, Er+ varh, Er- varh
    physics::ThreePhaseState state;
    physics::ThreePhasePower power;
    Eigen::Vector3d lineToLineV = Eigen::Vector3d::Zero();
    double neutralA = 0.0;
  };
  Reading readingAt(Time t) const;
  /// readingAt(t) without the energies (what the statistics need, every step).
  Reading instantaneousAt(Time t) const;
  /// The phasor figures for a load drawing `loadPowerW`: the state is linear in the power at a
  /// constant power factor, so they are the figures of 1 W scaled (computed once), sparing the
  /// trigonometry at every step and every read.
  Reading instantaneousFor(double loadPowerW) const;

 private:
  struct Tracker {
    std::uint32_t measurand = 0;  ///< code of the quantity the statistics are of
    Time windowStart{};
    std::optional<physics::TimeWeightedStatistics> stats;  ///< empty until the first settle
  };

  std::optional<std::uint32_t> bindMeasurand(std::string_view name) const;
  std::optional<std::uint32_t> bindStatistic(std::string_view name);
  double measurandValue(std::uint32_t code, const Reading& reading) const;
  double harmonicValue(std::uint32_t code, const Reading& reading) const;
  physics::WindowStatistics windowAt(const Tracker& tracker, Time t, double valueNow) const;
  Time windowStartFor(Time t) const;

  static Reading computed(const SupplyPoint& point, double loadPowerW);
  std::array<double, 4> energiesAt(Time t) const;

  /// The parts of the instant last prepared (bits of measurement.cpp's Part), computed on
  /// first use: a request that reads only energies does not evaluate the power in force and
  /// one that reads only instantaneous values does not evaluate the counter (for a feeder
  /// meter, each is a sum over its whole downstream tree).
  const Reading& prepared(unsigned parts) const;

  const PowerSource* source_;
  SupplyPoint point_;
  Reading perWatt_;  ///< at 1 W
  Reading idle_;     ///< at 0 W
  physics::HarmonicsProfile harmonics_;
  Duration sampleRate_;
  std::vector<Tracker> trackers_;
  // Cache of the instant last prepared: filled by value() as parts are asked for.
  Time preparedAt_{};
  mutable unsigned ready_ = 0;  ///< Part bits computed for preparedAt_
  mutable Reading reading_;
  mutable std::vector<physics::WindowStatistics> windows_;
};

}  // namespace ews::devices

#pragma once
// The electrical measurement of a meter: energy counters, multifunction meters, EMS CX3
// measuring modules, the measure of counting/measuring breakers and the generic Modbus meter.
// It serves, from one power source, whatever its profile lists:
//
// - energy.{active,reactive}.{import,export}: Ea and Er from the source's counters, exact at
//   the instant served. A sensor mounted Downstream sees the load as export.
// - voltages, currents (the neutral: |I1 + I2 + I3|), active/reactive/apparent powers, power
//   factors, frequency: the phasor state of SupplyPoint::stateFor(line powers in force);
// - thd.* and harmonic.*: the device's seeded physics::HarmonicsProfile (voltage harmonics
//   have the current spectrum's shape, scaled to the phase's voltage THD);
// - stat.<measurand>.{min,max,avg}: the meter's own time-weighted statistics since the last
//   reset (writing 1 to stat.reset; the EWS's recorder does it at each sample, as a real
//   multifunction meter's min/max/demand registers are reset), fed at every control step by
//   settle() from the physics, so a spike between two polls is in the maximum whoever polls when.
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
  /// `source` must outlive the measurement. `scheduler` applies a statistics reset at the
  /// instant it was served, in the engine's order (empty: at once).
  Measurement(const installation::Device* device, const PowerSource& source, SupplyPoint point,
              physics::HarmonicsProfile harmonics, CommandScheduler scheduler = {});

  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time t) override;
  double value(std::uint32_t code) const override;
  /// stat.reset: 1 restarts every statistic at t with the value in force (else IllegalDataValue).
  link::ExceptionCode write(std::uint32_t code, double value, Time t) override;
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
  /// The phasor figures for a load drawing `lines`. The last ones computed are kept: a source
  /// whose line powers did not change since (a steady load, an idle feeder) costs no
  /// trigonometry at the next step or read.
  Reading instantaneousFor(const models::LinePowers& lines) const;

 private:
  struct Tracker {
    std::uint32_t measurand = 0;  ///< code of the quantity the statistics are of
    std::optional<physics::TimeWeightedStatistics> stats;  ///< empty until the first settle
  };

  std::optional<std::uint32_t> bindMeasurand(std::string_view name) const;
  std::optional<std::uint32_t> bindStatistic(std::string_view name);
  double measurandValue(std::uint32_t code, const Reading& reading) const;
  double harmonicValue(std::uint32_t code, const Reading& reading) const;
  void resetStatistics(Time t);

  static Reading computed(const SupplyPoint& point, const models::LinePowers& lines);
  std::array<double, 4> energiesAt(Time t) const;

  /// The parts of the instant last prepared (bits of measurement.cpp's Part), computed on
  /// first use: a request that reads only energies does not evaluate the power in force and
  /// one that reads only instantaneous values does not evaluate the counter (for a feeder
  /// meter, each is a sum over its whole downstream tree).
  const Reading& prepared(unsigned parts) const;

  const PowerSource* source_;
  SupplyPoint point_;
  // The figures of the line powers last computed (instantaneousFor).
  mutable models::LinePowers lastLines_;
  mutable Reading lastReading_;
  physics::HarmonicsProfile harmonics_;
  CommandScheduler scheduler_;
  std::vector<Tracker> trackers_;
  // Cache of the instant last prepared: filled by value() as parts are asked for.
  Time preparedAt_{};
  mutable unsigned ready_ = 0;  ///< Part bits computed for preparedAt_
  mutable Reading reading_;
  mutable std::vector<physics::WindowStatistics> windows_;
};

}  // namespace ews::devices

#pragma once
// A charging station as a component of the engine: it owns the ChargingStation physics, is
// stepped with the two-phase engine like the load models (observe: nothing to decide; update:
// advance to t) and is Metered, so a feeder meter upstream (the DLM total meter) measures
// what it draws. Its counter is exact at any instant whatever the step (docs/design.md decision 11).
// Controllers (Green'Up DLM, Modbus writes) command station() directly at their instant.
#include <string>

#include "ews/kernel/stepped.hpp"
#include "ews/models/metered.hpp"
#include "ews/physics/charging_station.hpp"

namespace ews::physics {

class ChargingStationModel final : public SteppedComponent, public models::Metered {
 public:
  /// `changes`: see ChargingStation.
  ChargingStationModel(std::string componentId, StationSettings settings, Time start,
                       ChangeCounter* changes = nullptr);

  const std::string& componentId() const override { return id_; }
  void observe(Time) override {}
  void update(Time t) override { station_.advanceTo(t); }

  /// Energy the station delivered up to t (Wh), t >= the last update.
  double counterAt(Time t) const override { return station_.snapshotAt(t).energyCounterWh; }
  /// Power drawn now (W).
  double currentRate() const override { return station_.snapshotAt(station_.now()).activePowerW; }
  /// What it draws on each line (the vehicle's lines, the domestic socket on the station's
  /// line), at unity power factor: a Mode 3 charger's active front end runs at PF >= 0.99
  /// (docs/physics.md "Lines"), so the feeder meter sees the station's own currents.
  models::LinePowers linePowers() const override;
  double reactiveCounterAt(Time) const override { return 0.0; }

  ChargingStation& station() { return station_; }
  const ChargingStation& station() const { return station_; }

 private:
  std::string id_;
  ChargingStation station_;
};

}  // namespace ews::physics

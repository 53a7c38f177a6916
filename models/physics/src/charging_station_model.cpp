#include "ews/physics/charging_station_model.hpp"

namespace ews::physics {

ChargingStationModel::ChargingStationModel(std::string componentId, StationSettings settings, Time start,
                                           ChangeCounter* changes)
    : id_(std::move(componentId)), station_(settings, start, changes) {}

models::LinePowers ChargingStationModel::linePowers() const {
  const StationSnapshot snapshot = station_.snapshotAt(station_.now());
  models::LinePowers powers;
  for (std::size_t line = 0; line < 3; ++line) {
    powers.activeW[line] = snapshot.lineCurrentsA(static_cast<Eigen::Index>(line)) * station_.settings().voltageV;
  }
  return powers;
}

}  // namespace ews::physics

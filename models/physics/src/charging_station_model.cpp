#include "ews/physics/charging_station_model.hpp"

namespace ews::physics {

ChargingStationModel::ChargingStationModel(std::string componentId, StationSettings settings, Time start,
                                           ChangeCounter* changes)
    : id_(std::move(componentId)), station_(settings, start, changes) {}

}  // namespace ews::physics

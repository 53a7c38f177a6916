#include "ews/devices/station_settings.hpp"

namespace ews::devices {

namespace {
physics::Phase physicsPhase(installation::LinePhase phase) {
  switch (phase) {
    case installation::LinePhase::L1: return physics::Phase::L1;
    case installation::LinePhase::L2: return physics::Phase::L2;
    case installation::LinePhase::L3: return physics::Phase::L3;
  }
  return physics::Phase::L1;
}
}  // namespace

physics::StationSettings stationSettingsFor(const installation::Device& device) {
  physics::StationSettings settings = device.phase ? physics::StationSettings::singlePhase(physicsPhase(*device.phase))
                                                   : physics::StationSettings::threePhase();
  if (device.catalogue != nullptr && device.catalogue->ratedCurrentA > 0.0) {
    settings.ratedCurrentA = device.catalogue->ratedCurrentA;
  }
  return settings;
}

bool hasDomesticSocket(const installation::Device& device) {
  return device.catalogue == nullptr || !device.catalogue->description.ends_with(", mode 3");
}

}  // namespace ews::devices

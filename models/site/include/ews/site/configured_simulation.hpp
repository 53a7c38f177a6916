#pragma once
// A simulated site that follows the configuration in force (docs/devices.md, "Following the
// configuration"): the seed scenario's SimulatedSite simulates the devices it was built with;
// a gateway or device the pages add later gets a simulated device of its own on the line of
// its gateway, and a removed one stops answering. `ews serve`, `ews twin --data` and
// `ews run --data` poll it, so what an installer configures is what the twin simulates.
//
// - A unit the seed serves identically (same gateway name, unit id, kind, and each device's
//   family, model, addresses, position, side, medium, concentrator, supply, phase and generic
//   registers: its name and ON/OFF do not count) is the seed's own simulated device.
// - Any other unit is a new simulated device; each of its devices measures the seed's model
//   of the device at the same place when there is one, else a default model of its own
//   (default load, default station), deterministic from the seed and the device's place.
// - Built devices and default models are kept for the site's life: removing a device and
//   adding it back resumes its counters where they were.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ews/devices/unit_device.hpp"
#include "ews/devices/unit_factory.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/models/load_model.hpp"
#include "ews/models/load_profile.hpp"
#include "ews/physics/charging_station_model.hpp"
#include "ews/scenario/scenario.hpp"
#include "ews/simlink/sim_link.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::site {

/// The line answering a configured gateway.
struct FollowedLine {
  const installation::Gateway* gateway;  ///< of the installation passed to follow()
  simlink::SimLink* link;
};

/// Defaults of the models given to devices the seed scenario does not simulate.
struct DefaultModels {
  /// The daily curve of an added electricity meter (W, site local time); its scale is drawn
  /// per device in [0.5, 1.5) from the seed and the device's place.
  static scenario::LoadProfileSpec electricity();
  static scenario::LoadProfileSpec water();  ///< dm3/h
  static scenario::LoadProfileSpec gas();    ///< dm3/h
  /// Sessions of an added charging station: one vehicle a day for this many days.
  static constexpr int kStationDays = 60;
};

class ConfiguredSimulation {
 public:
  /// `site` must outlive this object; its engine runs the added models.
  explicit ConfiguredSimulation(SimulatedSite& site);
  /// Gives the seed's lines their own devices back (nothing points at this object's any more).
  ~ConfiguredSimulation();
  ConfiguredSimulation(const ConfiguredSimulation&) = delete;
  ConfiguredSimulation& operator=(const ConfiguredSimulation&) = delete;

  /// Makes the simulated lines serve `installation` (kept alive while its devices answer;
  /// `scenario` gives the Green'Up settings an added station starts under). One line per
  /// physical or Local gateway, in its order. On the engine's thread.
  std::vector<FollowedLine> follow(std::shared_ptr<const installation::Installation> installation,
                                   const scenario::Scenario& scenario);

  /// Simulated devices built beyond the seed's so far (units), and default models.
  std::size_t addedUnits() const { return built_.size(); }
  std::size_t defaultModels() const { return loads_.size() + stations_.size(); }

 private:
  struct Built {
    std::shared_ptr<const installation::Installation> installation;  ///< its devices' owner
    std::unique_ptr<devices::UnitDevice> device;                     ///< nullptr: nothing answers
  };
  struct OwnLoad {
    std::unique_ptr<models::LoadProfile> profile;
    std::unique_ptr<models::LoadModel> model;
  };

  simlink::SimLink& lineOf(const installation::Gateway& gateway);
  models::SimDevice* deviceFor(const installation::Installation& installation, const installation::Gateway& gateway,
                               const profiles::Unit& unit,
                               const std::shared_ptr<const installation::Installation>& owner, bool dlmAuthorises);
  devices::DeviceSource sourceOf(const installation::Installation& installation, const installation::Gateway& gateway,
                                 const installation::Device& device, bool dlmAuthorises);
  const models::Metered& defaultLoad(const installation::Installation& installation, const installation::Device& device,
                                     const std::string& place);
  physics::ChargingStation& defaultStation(const installation::Device& device, const std::string& place,
                                           bool dlmAuthorises);
  void serve(simlink::SimLink& link, const std::array<models::SimDevice*, 248>& units);

  SimulatedSite& site_;
  /// The seed's units by signature, and the seed's devices by place.
  std::map<std::string, models::SimDevice*> seedUnits_;
  std::map<std::string, const installation::Device*> seedDevices_;
  /// What each seed line served at the start, restored by the destructor.
  std::map<simlink::SimLink*, std::array<models::SimDevice*, 248>> seedState_;
  std::map<std::string, std::unique_ptr<simlink::SimLink>> ownLines_;  ///< gateways the seed has not, by name
  std::map<std::string, Built> built_;                                 ///< by unit signature
  std::map<std::string, OwnLoad> loads_;                               ///< by place
  std::map<std::string, std::unique_ptr<physics::ChargingStationModel>> stations_;  ///< by place
  std::optional<TaskId> settleTask_;
};

}  // namespace ews::site

#pragma once
// A whole simulated EWS site built from a scenario: one engine (virtual or wall clock), the
// validated installation, a load model for every device the scenario binds to a profile, a
// charging station model per Green'Up station (fed with the scenario's EV sessions), the
// simulated devices serving every unit of every RS485 line through one SimLink per gateway
// (with the scenario's faults), and the sample recorder. This is the composition root shared
// by `ews run`, the tests and Python (docs/devices.md, "The simulated site").
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ews/devices/alarm_flags.hpp"
#include "ews/devices/unit_device.hpp"
#include "ews/devices/unit_factory.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/change_counter.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/link/link.hpp"
#include "ews/models/feeder_meter.hpp"
#include "ews/models/load_model.hpp"
#include "ews/models/metered.hpp"
#include "ews/models/load_profile.hpp"
#include "ews/physics/charging_station_model.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/scenario/scenario.hpp"
#include "ews/simlink/sim_link.hpp"
#include "ews/site/sample_recorder.hpp"

namespace ews::devices {
class EmsBus;
}

namespace ews::site {

/// Command-line style overrides of the scenario's run settings.
struct RunOverrides {
  std::optional<std::uint64_t> seed;
  std::optional<Duration> duration;
  std::optional<scenario::ClockMode> clock;
  std::optional<double> speed;
};

/// A gateway's simulated line.
struct SiteLink {
  const installation::Gateway* gateway;
  simlink::SimLink* link;
};

class SimulatedSite {
 public:
  /// Validates the installation (throws ews::ValidationError with every rule violation) and
  /// builds the engine and the models. Keeps a copy of the scenario.
  explicit SimulatedSite(scenario::Scenario scenario, const RunOverrides& overrides = {});
  /// The same site on an engine shared with other sites (several EWS instances in one run,
  /// multi_site.hpp): the engine's clock and seed are the caller's, the run spans
  /// scenario.run.start (which must be engine.now()) to start + run.duration. `scope`
  /// prefixes the ids of the site's stepped components and random streams, so that two sites
  /// with the same device names neither clash on the shared engine nor draw the same numbers.
  /// Throws std::invalid_argument when the engine is not at the scenario's start.
  SimulatedSite(scenario::Scenario scenario, Engine& engine, std::string scope);
  ~SimulatedSite();

  Engine& engine() { return *engine_; }
  const scenario::Scenario& scenario() const { return scenario_; }
  const installation::Installation& installation() const { return installation_; }
  const TimeZone& zone() const { return zone_; }
  std::uint64_t seed() const { return seed_; }
  Time start() const { return start_; }
  Time end() const { return end_; }

  void addSampleSink(recording::SampleSink& sink) { recorder_->addSink(sink); }
  std::uint64_t samplesTaken() const { return recorder_->samplesTaken(); }

  /// Runs to `t` (clamped to end()); slices give the same result as one run.
  bool runUntil(Time t);
  bool runToEnd() { return runUntil(end_); }

  /// Counter of every recorded device at the current time (Wh, or dm3), by device id.
  std::map<int, double> counters() const;

  // ---- the simulated lines (one SimLink per physical or Local gateway) ----
  /// The Link a poller uses for `gateway`. Throws std::out_of_range for a virtual gateway
  /// (a slave web server, linked by MultiSite, not simulated here) or a gateway of another
  /// installation.
  link::Link& linkOf(const installation::Gateway& gateway) { return simLinkOf(gateway); }
  simlink::SimLink& simLinkOf(const installation::Gateway& gateway);
  /// The simulated device answering `unitId` on the gateway's line; nullptr when nothing
  /// answers there (or the gateway is virtual).
  devices::UnitDevice* unit(const installation::Gateway& gateway, std::uint8_t unitId);
  /// Every simulated line, in gateway id order.
  std::vector<SiteLink> links();
  /// What the simulated device of `device` (one of installation()'s) measures: its sim
  /// binding's meter and its station's physics, each nullptr when it has none.
  devices::DeviceSource sourceOf(const installation::Device& device);
  /// The physics of a charging station device (nullptr for other devices).
  physics::ChargingStationModel* stationModel(const installation::Device& device);
  /// The load models the meter of `device` measures: its sim binding's own profile and,
  /// recursively, its downstream devices' (a charging station's domestic socket included),
  /// each once. Empty without a sim binding. For runners that step the models themselves
  /// instead of running the engine (direct_dlm.hpp).
  std::vector<models::LoadModel*> loadsMeasuredBy(const installation::Device& device);
  /// The charging station whose domestic socket `load` feeds, or nullptr.
  physics::ChargingStation* domesticStationOf(const models::LoadModel& load);
  /// The device profiles the simulated devices serve (the shipped ones).
  const profiles::ProfileCatalogue& deviceProfiles() const { return deviceProfiles_; }

 private:
  scenario::Scenario scenario_;
  installation::Installation installation_;
  TimeZone zone_;
  std::uint64_t seed_;
  Time start_;
  Time end_;
  std::unique_ptr<Engine> ownedEngine_;  ///< null on a shared engine
  Engine* engine_;
  std::string scope_;  ///< prefix of component and stream ids; empty on an own engine
  /// Builds the models, lines and recorder on engine_ (both constructors).
  void build();
  RngStream rngFor(std::string_view componentId) const { return engine_->rngFor(scope_ + std::string(componentId)); }
  /// The meter of a device's sim binding, built on first use so downstream devices exist
  /// before the meters that sum them (the loader refuses loops).
  const models::Metered& meterFor(const scenario::DeviceSimSpec& sim);
  /// The load model drawing `sim`'s profile (stepped with the engine).
  models::LoadModel& loadFor(const scenario::DeviceSimSpec& sim);
  /// Where `sim`'s own load draws: its `lines`, or the default of its meter (single-phase: L1;
  /// three-phase: balanced), at its power factor.
  models::LineSplit linesOf(const scenario::DeviceSimSpec& sim) const;
  void buildStations();
  void buildLines();
  /// Throws ValidationError for a device the twin cannot address on its line.
  void checkAddressable(const installation::Gateway& gateway) const;
  /// Programs the links of the gateway's EMS CX3 modules (their sims' `links`) on its bus.
  void programLinks(const installation::Gateway& gateway, devices::EmsBus& bus) const;
  /// The measure threshold (sim alarmCurrent) and installation-error fault windows of `device`.
  devices::AlarmSettings alarmsOf(const installation::Device& device) const;
  void addFaults();
  /// Runs, after every update of each control step, what integrates the models between
  /// polls (devices' statistics and protections, stations' domestic loads).
  void settleEachStep();

  /// Bumped by every load and station when its state changes: feeder meters keep their sums
  /// until it moves. Declared before the models that hold it.
  ChangeCounter modelChanges_;
  std::vector<std::unique_ptr<models::LoadProfile>> profiles_;
  std::map<std::string, const models::LoadProfile*> profilesByName_;
  std::map<std::string, const scenario::LoadProfileSpec*> profileSpecs_;
  std::map<std::string, const scenario::DeviceSimSpec*> simsByDevice_;
  std::map<std::string, const models::Metered*> metersByDevice_;
  /// The load model drawing each device's own profile (a station's: its domestic socket).
  std::map<std::string, models::LoadModel*> loadsByDevice_;
  void collectLoads(const std::string& deviceName, std::vector<models::LoadModel*>& loads);
  std::vector<std::unique_ptr<models::Metered>> meters_;
  models::IdleMeter idle_;
  std::vector<RecordedDevice> recorded_;
  std::unique_ptr<SampleRecorder> recorder_;

  /// Charging stations by device name.
  std::map<std::string, std::unique_ptr<physics::ChargingStationModel>> stations_;
  /// A station's domestic socket drawing a profile (a profile given to a charging station).
  struct DomesticFeed {
    physics::ChargingStation* station;
    const models::LoadModel* load;
  };
  std::vector<DomesticFeed> domesticFeeds_;

  profiles::ProfileCatalogue deviceProfiles_;
  struct Line {
    const installation::Gateway* gateway;
    std::unique_ptr<simlink::SimLink> link;
    std::map<std::uint8_t, std::unique_ptr<devices::UnitDevice>> units;
  };
  std::vector<Line> lines_;  ///< in gateway id order
  std::vector<devices::UnitDevice*> settling_;
};

}  // namespace ews::site

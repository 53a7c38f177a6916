#pragma once
// A whole simulated EWS site built from a scenario: one engine (virtual or wall clock), the
// validated installation, a load model for every device the scenario binds to a profile, and
// the sample recorder. This is the composition root shared by `ews run`, the tests and Python.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ews/installation/installation.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/models/feeder_meter.hpp"
#include "ews/models/load_model.hpp"
#include "ews/models/metered.hpp"
#include "ews/models/load_profile.hpp"
#include "ews/scenario/scenario.hpp"
#include "ews/site/sample_recorder.hpp"

namespace ews::site {

/// Command-line style overrides of the scenario's run settings.
struct RunOverrides {
  std::optional<std::uint64_t> seed;
  std::optional<Duration> duration;
  std::optional<scenario::ClockMode> clock;
  std::optional<double> speed;
};

class SimulatedSite {
 public:
  /// Validates the installation (throws ews::ValidationError with every rule violation) and
  /// builds the engine and the models. Keeps a copy of the scenario.
  explicit SimulatedSite(scenario::Scenario scenario, const RunOverrides& overrides = {});
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

 private:
  scenario::Scenario scenario_;
  installation::Installation installation_;
  TimeZone zone_;
  std::uint64_t seed_;
  Time start_;
  Time end_;
  std::unique_ptr<Engine> engine_;
  /// The meter of a device's sim binding, built on first use so downstream devices exist
  /// before the meters that sum them (the loader refuses loops).
  const models::Metered& meterFor(const scenario::DeviceSimSpec& sim);

  std::vector<std::unique_ptr<models::LoadProfile>> profiles_;
  std::map<std::string, const models::LoadProfile*> profilesByName_;
  std::map<std::string, const scenario::DeviceSimSpec*> simsByDevice_;
  std::map<std::string, const models::Metered*> metersByDevice_;
  std::vector<std::unique_ptr<models::Metered>> meters_;
  models::IdleMeter idle_;
  std::vector<RecordedDevice> recorded_;
  std::unique_ptr<SampleRecorder> recorder_;
};

}  // namespace ews::site

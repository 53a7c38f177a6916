#pragma once
// The Green'Up DLM run straight on a simulated site's models, without the EWS stack: the same
// dlm::Controller and dlm::KpiCollector as the stack's DlmRunner, fed with what the total
// meter's simulated device would serve on current.L1..L3 and what each station shows, its
// commands applied to the station physics at the decision instant. No Modbus, no poller, no
// polling delay: a year of a 40-station car park at a 1 s control period in seconds
// (docs/design.md decision 11, docs/dlm.md "Direct and coalesced runs").
//
// Two modes on the same control grid (start + k x period):
// - StepByStep decides at every instant of the grid, like the stack;
// - Coalesced decides only where the step-by-step run could decide differently: after a
//   decision that sent commands and while they settle, at the controller's timers, at every
//   change a station or a measured load reports (and the grid instant before it, so the last
//   observation before a change is the same), where a charging session reaches its minimum
//   charge in red, at the session commands, and at the last instant of the run. Between those
//   instants every input of the controller is constant, so it would decide nothing new and the
//   KPIs, which integrate piecewise-constant intervals, come out the same. Not exact where the
//   inputs move continuously: the battery taper (stations report 1 % steps) and linearly
//   interpolated traces (looked at again after `linearLoadTolerance`). A noisy profile draws
//   anew at every period and daily, office and home profiles may change at any instant: under
//   such a load the coalesced run decides at every period (exact, and no faster).
//
// The run drives the site's station and load models itself and never runs the site's engine:
// a site given to a DirectDlmRun must not be run by its engine (it stays at its start). The
// site's Modbus lines, faults and recorder are not involved; the total meter is always read.
#include <cstdint>
#include <vector>

#include "ews/devices/measurement.hpp"
#include "ews/dlm/controller.hpp"
#include "ews/dlm/kpis.hpp"
#include "ews/dlm/runner.hpp"
#include "ews/models/load_model.hpp"
#include "ews/physics/charging_station.hpp"
#include "ews/recording/sample.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::site {

enum class DirectMode : std::uint8_t {
  StepByStep,  ///< decide at every control period
  Coalesced,   ///< decide only at the instants where something can change
};

struct DirectDlmSettings {
  /// As the stack's DlmRunner takes them (stack::dlmRunnerSettingsOf builds them from a
  /// scenario); the session commands are given to the controller before the first decision at
  /// or after their instant.
  dlm::RunnerSettings dlm;
  DirectMode mode = DirectMode::Coalesced;
  /// Coalesced: a linearly interpolated trace is looked at again once it has moved by this
  /// fraction of its segment's larger end (the station's taper reports 1 % steps likewise).
  /// 0: at every period, exact.
  double linearLoadTolerance = 0.01;
};

class DirectDlmRun {
 public:
  /// `site` and `events` (may be null: "dlm" events as the stack publishes them, same texts)
  /// must outlive the run. Throws std::invalid_argument when the total meter has no
  /// simulated measurement, a DLM station no model, or the period is not positive.
  DirectDlmRun(SimulatedSite& site, DirectDlmSettings settings, recording::SampleSink* events = nullptr);

  /// Decides at the instants of the grid up to t (clamped to the site's end), t included, and
  /// advances the stations to t. Slices give the same decisions as one call.
  void runUntil(Time t);
  void runToEnd() { runUntil(site_->end()); }
  /// The run's KPIs up to where it has run, with the simulation's ground truth.
  dlm::RunKpis finish();

  const dlm::Controller& controller() const { return controller_; }
  const dlm::KpiCollector& kpis() const { return kpis_; }
  /// The observation of the last decision.
  const dlm::Observation& lastObservation() const { return observation_; }
  std::uint64_t decisions() const { return decisions_; }

 private:
  struct Load {
    models::LoadModel* model;
    physics::ChargingStation* domesticStation;  ///< nullptr unless it feeds a domestic socket
    Time stepDueAt;                             ///< grid instant from which it draws anew
  };

  void decideAt(Time t);
  void stepLoad(Load& load, Time t);
  void observe(Time t);
  void send(const dlm::Command& command, Time t);
  void publish(const dlm::DlmEvent& event);
  /// Coalesced: the next grid instant after t at which the step-by-step run could decide
  /// differently; Time::max() when none is left before the end.
  Time nextDecisionAfter(Time t) const;
  /// The first grid instant at or after `at`; Time::max() beyond the last one.
  Time gridAtOrAfter(Time at) const;
  /// The first grid instant after t at which a charging session below its minimum charge may
  /// have reached it (the red rule may stop it from then on); Time::max() when none.
  Time minimumChargeReachedAfter(Time t) const;

  SimulatedSite* site_;
  DirectDlmSettings settings_;
  recording::SampleSink* events_;
  const devices::Measurement* totalMeter_;
  std::vector<physics::ChargingStation*> stations_;  ///< parallel to settings_.controller.stations
  std::vector<Load> loads_;
  dlm::Controller controller_;
  dlm::KpiCollector kpis_;
  dlm::Observation observation_;
  Time lastGridInstant_;      ///< the last instant of the grid at or before the site's end
  Time nextDecision_;
  Time reached_;              ///< where runUntil has brought the run
  Time settlingUntil_{};      ///< the last command sent settles until then
  std::size_t nextSessionCommand_ = 0;
  std::uint64_t decisions_ = 0;
};

}  // namespace ews::site

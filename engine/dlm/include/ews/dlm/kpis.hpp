#pragma once
// Key performance indicators of a DLM run, from what the controller observes and does: time in
// the zones, the overshoot above the installation's maximum current, the sessions' waits,
// energies, reductions and stops, and the fairness between sessions (docs/dlm.md, "KPIs").
// The lead's runner fills the fields that need the simulation's ground truth (what the
// vehicles wanted); until then they read NaN / -1 ("unknown").
#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ews/dlm/controller.hpp"
#include "ews/dlm/settings.hpp"
#include "ews/kernel/time.hpp"

namespace ews::dlm {

struct SessionKpis {
  std::size_t station = 0;
  Time connectedAt{};
  Time endedAt = kNever;          ///< kNever while still connected
  Time firstChargingAt = kNever;  ///< kNever if it never charged
  double waitS = 0.0;             ///< connection to first charge (or to its end / the last decision)
  double energyWh = 0.0;
  double chargeAh = 0.0;          ///< per phase
  bool minReached = false;        ///< chargeAh >= minChargeAh
  int reductions = 0;             ///< level steps down by the DLM
  int stops = 0;                  ///< stopped by the DLM in red
  int stoppedBeforeMin = 0;       ///< DLM stops while chargeAh < minChargeAh: must stay 0
  int skipped = 0;
};

struct RunKpis {
  static constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

  int sessions = 0;
  double energyDeliveredWh = 0.0;    ///< sum of the session energies
  int sessionsStoppedByDlm = 0;
  int sessionsStoppedBeforeMin = 0;
  double meanWaitS = kUnknown;       ///< NaN without sessions
  double maxWaitS = kUnknown;
  double greenS = 0.0;
  double yellowS = 0.0;
  double redS = 0.0;
  double failSafeS = 0.0;            ///< total meter unreadable (not counted in a zone)
  double peakSiteCurrentA = 0.0;     ///< worst line, measured
  double overshootMaxA = 0.0;        ///< max(worst line - maxCurrentA), >= 0
  double overshootAs = 0.0;          ///< integral of the excess above maxCurrentA
  double overshootS = 0.0;           ///< time above maxCurrentA
  double longestOvershootS = 0.0;    ///< longest uninterrupted time above maxCurrentA
  /// Headroom left unused: the integral of max(0, maxChargingCurrentA - worst line) while a
  /// session was reduced or waiting (Controller::sessionsHeldBack), in A·s.
  double headroomUnusedAs = 0.0;
  double heldBackS = 0.0;            ///< time some session was held back (meter readable)
  double jainIndex = kUnknown;       ///< over the sessions' normalised mean currents; NaN without sessions
  // Filled from the simulation's ground truth by the runner.
  double energyRequestedWh = kUnknown;
  double energyUnmetWh = kUnknown;
  int sessionsEndedEarly = -1;
};

class KpiCollector {
 public:
  explicit KpiCollector(const Settings& settings);

  /// After each decide(), at obs.at, with the controller's zone and sessionsHeldBack().
  /// Time-weighted: the interval since the previous call is attributed to the previous call's
  /// zone, currents and held-back state.
  void onDecision(const Observation& obs, Zone zone, bool sessionsHeldBack);
  /// Every event of the controller's sink.
  void onEvent(const DlmEvent& event);
  /// The run's KPIs, the last interval (last decision -> end) included.
  RunKpis finish(Time end) const;
  const std::vector<SessionKpis>& sessions() const { return sessions_; }

 private:
  /// What the previous onDecision saw, attributed to the interval that follows it.
  struct Interval {
    bool started = false;
    Time at{};
    Zone zone = Zone::Green;
    bool meterValid = false;
    double worstA = 0.0;
    bool sessionsHeldBack = false;
  };
  struct Totals {
    double greenS = 0.0;
    double yellowS = 0.0;
    double redS = 0.0;
    double failSafeS = 0.0;
    double peakSiteCurrentA = 0.0;
    double overshootMaxA = 0.0;
    double overshootAs = 0.0;
    double overshootS = 0.0;
    double longestOvershootS = 0.0;
    double currentOvershootS = 0.0;  ///< the overshoot episode in progress
    double headroomUnusedAs = 0.0;
    double heldBackS = 0.0;
  };
  /// Adds the interval [last.at, until) to `totals`.
  void accumulate(Totals& totals, Time until) const;
  /// The session open at a station, or nullptr.
  SessionKpis* openSession(std::size_t station);

  Settings settings_;
  Interval last_;
  Totals totals_;
  std::vector<SessionKpis> sessions_;
  std::vector<std::size_t> openByStation_;  ///< index in sessions_, or kNone
  std::vector<std::array<bool, 3>> linesDrawn_;  ///< per station: the open session's lines, for its charge
};

/// Jain's fairness index (Σx)² / (n Σx²): 1 when all shares are equal, 1/n when one takes all.
/// NaN for no share; 1 when all shares are zero (equal).
double jainIndex(std::span<const double> shares);

/// The KPIs as (snake_case name, value) in a stable order: the sweep CSV's and HDF5's columns.
std::vector<std::pair<std::string, double>> kpiColumns(const RunKpis& kpis);

}  // namespace ews::dlm

#pragma once
// Evaluates a scenario load profile: the rate a simulated device draws at an instant (W for
// electricity, dm3/h for water and gas counters), before noise.
//
// - constant: one value;
// - daily: breakpoints in the site's local time, so they follow DST like the occupants do;
// - trace: a recorded series (read by the scenario loader), stepped or linear, looping or
//   holding its last value;
// - office, home: seeded stochastic days. Each local day is drawn from its own random stream
//   (scenario seed, device id, date), so a day's shape does not depend on which instants were
//   evaluated before, each device gets its own days, and adding a device changes no other's
//   (docs/design.md decision 3). These two kinds are per device: build one LoadProfile per device,
//   with that device's ProfileBinding.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ews/kernel/calendar.hpp"
#include "ews/kernel/time.hpp"
#include "ews/scenario/scenario.hpp"

namespace ews::models {

/// Who draws a stochastic profile: the scenario seed and the device's stable id.
struct ProfileBinding {
  std::uint64_t scenarioSeed = 1;
  std::string deviceId;  ///< empty: the profile's name (all unbound users then share the days)
};

class LoadProfile {
 public:
  /// Keeps a copy of the spec; `zone` must outlive the profile. Throws std::invalid_argument
  /// for a spec the loader would have refused (daily without points, trace without rows,
  /// office/home with peak <= 0 or base > peak).
  LoadProfile(scenario::LoadProfileSpec spec, const TimeZone& zone, ProfileBinding binding = {});

  /// Rate at t without noise (W, or dm3/h for water and gas). Not thread-safe: it keeps the
  /// last instant asked (every load of a site sharing the profile asks at the same control
  /// step) and, for office and home profiles, the current day's plan.
  double rateAt(Time t) const;
  /// The first instant after t at which rateAt may differ from rateAt(t), so that a runner
  /// skipping dead time (docs/design.md decision 11) knows when to look again; Time::max() for never:
  /// - constant, or a held trace after its last row: never;
  /// - a stepped trace: its next row;
  /// - a linear trace: the end of t's segment or, sooner, the instant the value has moved by
  ///   `linearTolerance` x the larger of the segment's two ends (an approximation, like the
  ///   charging station's taper steps); nullopt when linearTolerance <= 0 and the segment slopes;
  /// - daily, office and home (ramps at any instant): nullopt, "look at every step".
  std::optional<Time> nextChangeAfter(Time t, double linearTolerance) const;
  double noiseFraction() const { return spec_.noiseFraction; }
  const std::string& name() const { return spec_.name; }
  /// True for the kinds whose values depend on the device (office, home).
  bool isPerDevice() const;

  /// One contribution to a stochastic day: 0 before `rise`, a linear ramp to `powerW` at
  /// `top`, flat until `fall`, a linear ramp back to 0 at `end` (times of day; negative powers
  /// are dips, such as the office lunch break).
  struct Bump {
    Duration rise{};
    Duration top{};
    Duration fall{};
    Duration end{};
    double powerW = 0.0;
  };

 private:
  double rateAtUncached(Time t) const;
  double dailyRateAt(Duration timeOfDay) const;
  /// Where t falls on a trace's own time axis: the rows around it (after the last row of a
  /// looping trace, the next one is the first row a period later; before the first row of a
  /// held trace, its value holds from t).
  struct TraceSegment {
    Duration offset{};  ///< t on the trace's axis
    Duration fromAt{};
    double fromW = 0.0;
    Duration toAt{};
    double toW = 0.0;
    bool held = false;  ///< after the last row of a held trace: fromW for ever
  };
  TraceSegment traceSegmentAt(Time t) const;
  double traceRateAt(Time t) const;
  std::optional<Time> traceChangeAfter(Time t, double linearTolerance) const;
  double stochasticRateAt(Time t) const;
  const std::vector<Bump>& dayPlan(Time t, Duration timeOfDay) const;

  scenario::LoadProfileSpec spec_;
  const TimeZone* zone_;
  ProfileBinding binding_;
  // The plan of the local day last evaluated, keyed by its local midnight (UTC micros).
  mutable std::int64_t planDayKey_ = std::numeric_limits<std::int64_t>::min();
  mutable std::vector<Bump> plan_;
  // The instant last asked and its rate.
  mutable std::optional<Time> lastAt_;
  mutable double lastRateW_ = 0.0;
};

}  // namespace ews::models

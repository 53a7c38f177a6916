#pragma once
// Evaluates a scenario load profile: the rate a simulated device draws at an instant (W for
// electricity, dm3/h for water and gas counters), before noise. Daily profiles are written in
// the site's local time, so they follow DST like the building's occupants do.
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/time.hpp"
#include "ews/scenario/scenario.hpp"

namespace ews::models {

class LoadProfile {
 public:
  /// Keeps a copy of the spec; `zone` must outlive the profile.
  LoadProfile(scenario::LoadProfileSpec spec, const TimeZone& zone);

  /// Rate at t without noise (W, or dm3/h for water and gas).
  double rateAt(Time t) const;
  double noiseFraction() const { return spec_.noiseFraction; }
  const std::string& name() const { return spec_.name; }

 private:
  double dailyRateAt(Duration timeOfDay) const;

  scenario::LoadProfileSpec spec_;
  const TimeZone* zone_;
};

}  // namespace ews::models

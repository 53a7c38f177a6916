#pragma once
// A simulated device that draws a load profile: a two-phase stepped component. In observe(t)
// it draws the rate that holds over [t, t + period) (profile x scale x (1 + noise)); in
// update(t) it integrates the previous rate exactly over the elapsed interval and switches to
// the new one. Its counter is exact for the piecewise-constant rate it reports.
#include <optional>
#include <string>

#include "ews/kernel/change_counter.hpp"
#include "ews/kernel/rng.hpp"
#include "ews/kernel/stepped.hpp"
#include "ews/models/line_split.hpp"
#include "ews/models/metered.hpp"
#include "ews/models/load_profile.hpp"

namespace ews::models {

class LoadModel final : public SteppedComponent, public Metered {
 public:
  /// `componentId` is stable (the device name) and seeds the noise stream. `changes` (may be
  /// null) is bumped at every update (see FeederMeter). `lines`: where the load draws, at
  /// which power factor (an electricity load; water and gas flows ignore it).
  LoadModel(std::string componentId, const LoadProfile& profile, double scale, RngStream rng, Time start,
            ChangeCounter* changes = nullptr, LineSplit lines = LineSplit::balanced(kDefaultLoadPowerFactor));

  const std::string& componentId() const override { return id_; }
  void observe(Time t) override;
  void update(Time t) override;

  /// The first instant after t at which the rate observe() draws may differ from the one it
  /// draws at t (LoadProfile::nextChangeAfter); nullopt for a noisy profile (a new draw at
  /// every step) or a profile that may change at any instant.
  std::optional<Time> nextChangeAfter(Time t, double linearTolerance) const;
  /// Rate in force now (W, or dm3/h for water and gas).
  double currentRate() const override { return rate_; }
  /// Counter as it stands at t >= last update (Wh, or dm3), integrating the current rate up to t.
  double counterAt(Time t) const override;
  LinePowers linePowers() const override { return lines_.of(rate_); }
  /// Exact: the power factor is constant, so the reactive energy is the active one x tan(phi).
  double reactiveCounterAt(Time t) const override { return counterAt(t) * lines_.reactivePerActive(); }

 private:
  std::string id_;
  const LoadProfile* profile_;
  double scale_;
  RngStream rng_;
  Time lastUpdate_;
  double rate_ = 0.0;
  double nextRate_ = 0.0;
  double counter_ = 0.0;
  ChangeCounter* changes_;
  LineSplit lines_;
  /// The second normal of the last Box-Muller pair, for the next step's noise.
  std::optional<double> spareNoise_;
};

}  // namespace ews::models

#pragma once
// A meter upstream of other simulated devices (a main meter, a DLM total meter): it measures
// its own residual load plus everything its downstream devices draw, at every instant. It is
// derived, not stepped: its counter is the exact sum of the parts, so it never lags them and
// needs no step ordering between meters.
#include <cstdint>
#include <vector>

#include "ews/kernel/change_counter.hpp"
#include "ews/models/metered.hpp"

namespace ews::models {

class FeederMeter final : public Metered {
 public:
  /// `own` is the residual load the meter sees besides its downstream devices. `changes`
  /// (may be null) is bumped by every model of the tree when its state changes: the sum of
  /// the rates is then kept until it moves (a feeder high in a site is asked its rate by
  /// every poll of its meter and every control step, each a walk over its whole tree).
  FeederMeter(const Metered& own, std::vector<const Metered*> downstream, const ChangeCounter* changes = nullptr);

  double counterAt(Time t) const override;
  double currentRate() const override;
  /// Line by line: its own load's lines plus each downstream device's (not a total spread
  /// evenly: single-phase loads sharing a line show on that line only).
  LinePowers linePowers() const override;
  double reactiveCounterAt(Time t) const override;

 private:
  void refresh() const;

  const Metered* own_;
  std::vector<const Metered*> downstream_;
  const ChangeCounter* changes_;
  // The sums of the rates and line powers as of changes_->count() == rateCount_ (a cache).
  mutable std::uint64_t rateCount_ = 0;
  mutable bool rateKnown_ = false;
  mutable double rate_ = 0.0;
  mutable LinePowers lines_;
};

}  // namespace ews::models

#pragma once
// A meter upstream of other simulated devices (a main meter, a DLM total meter): it measures
// its own residual load plus everything its downstream devices draw, at every instant. It is
// derived, not stepped: its counter is the exact sum of the parts, so it never lags them and
// needs no step ordering between meters.
#include <vector>

#include "ews/models/metered.hpp"

namespace ews::models {

class FeederMeter final : public Metered {
 public:
  /// `own` is the residual load the meter sees besides its downstream devices.
  FeederMeter(const Metered& own, std::vector<const Metered*> downstream);

  double counterAt(Time t) const override;
  double currentRate() const override;

 private:
  const Metered* own_;
  std::vector<const Metered*> downstream_;
};

}  // namespace ews::models

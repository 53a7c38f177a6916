#include "ews/models/feeder_meter.hpp"

namespace ews::models {

FeederMeter::FeederMeter(const Metered& own, std::vector<const Metered*> downstream)
    : own_(&own), downstream_(std::move(downstream)) {}

double FeederMeter::counterAt(Time t) const {
  double counter = own_->counterAt(t);
  for (const Metered* part : downstream_) counter += part->counterAt(t);
  return counter;
}

double FeederMeter::currentRate() const {
  double rate = own_->currentRate();
  for (const Metered* part : downstream_) rate += part->currentRate();
  return rate;
}

}  // namespace ews::models

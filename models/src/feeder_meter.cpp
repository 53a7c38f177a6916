#include "ews/models/feeder_meter.hpp"

namespace ews::models {

FeederMeter::FeederMeter(const Metered& own, std::vector<const Metered*> downstream, const ChangeCounter* changes)
    : own_(&own), downstream_(std::move(downstream)), changes_(changes) {}

double FeederMeter::counterAt(Time t) const {
  double counter = own_->counterAt(t);
  for (const Metered* part : downstream_) counter += part->counterAt(t);
  return counter;
}

double FeederMeter::currentRate() const {
  if (changes_ == nullptr) return sumOfRates();
  if (!rateKnown_ || rateCount_ != changes_->count()) {
    rate_ = sumOfRates();
    rateCount_ = changes_->count();
    rateKnown_ = true;
  }
  return rate_;
}

double FeederMeter::sumOfRates() const {
  double rate = own_->currentRate();
  for (const Metered* part : downstream_) rate += part->currentRate();
  return rate;
}

}  // namespace ews::models

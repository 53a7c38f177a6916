#include "ews/models/feeder_meter.hpp"

namespace ews::models {

FeederMeter::FeederMeter(const Metered& own, std::vector<const Metered*> downstream, const ChangeCounter* changes)
    : own_(&own), downstream_(std::move(downstream)), changes_(changes) {}

double FeederMeter::counterAt(Time t) const {
  double counter = own_->counterAt(t);
  for (const Metered* part : downstream_) counter += part->counterAt(t);
  return counter;
}

double FeederMeter::reactiveCounterAt(Time t) const {
  double counter = own_->reactiveCounterAt(t);
  for (const Metered* part : downstream_) counter += part->reactiveCounterAt(t);
  return counter;
}

double FeederMeter::currentRate() const {
  refresh();
  return rate_;
}

LinePowers FeederMeter::linePowers() const {
  refresh();
  return lines_;
}

void FeederMeter::refresh() const {
  if (changes_ != nullptr && rateKnown_ && rateCount_ == changes_->count()) return;
  // The rate is the lines' active powers added up: each part is asked once (a station's
  // answer is a snapshot of its physics).
  lines_ = own_->linePowers();
  for (const Metered* part : downstream_) lines_ += part->linePowers();
  rate_ = lines_.activeW[0] + lines_.activeW[1] + lines_.activeW[2];
  if (changes_ != nullptr) {
    rateCount_ = changes_->count();
    rateKnown_ = true;
  }
}

}  // namespace ews::models

#include "ews/physics/supervision_output.hpp"

#include <stdexcept>

namespace ews::physics {

namespace {
void check(const OutputSettings& settings) {
  if (settings.onTime < Duration::zero()) throw std::invalid_argument("ON time must be >= 0");
}
}  // namespace

SupervisionOutput::SupervisionOutput(OutputSettings settings) : settings_(settings) { check(settings_); }

void SupervisionOutput::configure(Time, OutputSettings settings) {
  check(settings);
  settings_ = settings;
  commanded_ = false;
}

void SupervisionOutput::commandOn(Time t) {
  commanded_ = true;
  commandAt_ = t;
}

void SupervisionOutput::commandOff(Time) { commanded_ = false; }

bool SupervisionOutput::energisedAt(Time t) const {
  if (!commanded_ || t < commandAt_) return false;
  if (maintained()) return true;
  const std::int64_t periods = (t - commandAt_) / settings_.onTime;  // whole ON times elapsed
  if (settings_.mode == CommandMode::Impulsive) return periods == 0;
  return periods % 2 == 0;  // blinking: energised during even ON times, at rest during odd ones
}

bool SupervisionOutput::contactClosedAt(Time t) const {
  const bool energised = energisedAt(t);
  return settings_.normalState == NormalState::NormallyOpen ? energised : !energised;
}

Time SupervisionOutput::nextChangeAfter(Time t) const {
  if (!commanded_ || maintained()) return kNever;
  if (t < commandAt_) return commandAt_;
  const std::int64_t periods = (t - commandAt_) / settings_.onTime;
  if (settings_.mode == CommandMode::Impulsive && periods >= 1) return kNever;  // the pulse is over
  return commandAt_ + settings_.onTime * (periods + 1);
}

}  // namespace ews::physics

#include "ews/models/load_model.hpp"

#include <algorithm>

namespace ews::models {

namespace {
constexpr double kSecondsPerHour = 3600.0;
}

LoadModel::LoadModel(std::string componentId, const LoadProfile& profile, double scale, RngStream rng, Time start,
                     ChangeCounter* changes, LineSplit lines)
    : id_(std::move(componentId)),
      profile_(&profile),
      scale_(scale),
      rng_(rng),
      lastUpdate_(start),
      changes_(changes),
      lines_(lines) {}

void LoadModel::observe(Time t) {
  double noise = 0.0;
  if (profile_->noiseFraction() > 0.0) {
    // One Box-Muller pair serves two steps: the noise of a site's loads at every step is the
    // twin's largest use of logarithms and cosines.
    if (spareNoise_) {
      noise = *spareNoise_;
      spareNoise_.reset();
    } else {
      const auto pair = rng_.normalPair(0.0, profile_->noiseFraction());
      noise = pair[0];
      spareNoise_ = pair[1];
    }
  }
  // A load never feeds energy back: noise cannot push the rate below zero.
  nextRate_ = std::max(0.0, profile_->rateAt(t) * scale_ * (1.0 + noise));
}

void LoadModel::update(Time t) {
  counter_ = counterAt(t);
  lastUpdate_ = t;
  rate_ = nextRate_;
  if (changes_ != nullptr) changes_->bump();
}

std::optional<Time> LoadModel::nextChangeAfter(Time t, double linearTolerance) const {
  if (profile_->noiseFraction() > 0.0) return std::nullopt;
  return profile_->nextChangeAfter(t, linearTolerance);
}

double LoadModel::counterAt(Time t) const {
  return counter_ + rate_ * toSeconds(t - lastUpdate_) / kSecondsPerHour;
}

}  // namespace ews::models

#include "ews/physics/harmonics.hpp"

#include <cmath>
#include <stdexcept>

namespace ews::physics {

namespace {

bool isTriplen(int order) { return order % 3 == 0 && order % 2 == 1; }

std::size_t slot(int order) { return static_cast<std::size_t>(order - kLowestHarmonic); }

/// The device's spectrum shape (arbitrary scale): n^-alpha on odd orders, triplens weighted,
/// a trace of even orders.
HarmonicSpectrum drawShape(RngStream& rng) {
  const double decay = rng.uniform(1.0, 1.8);
  const double triplenWeight = rng.uniform(0.4, 1.2);
  HarmonicSpectrum shape;
  for (int n = kLowestHarmonic; n <= kHighestHarmonic; ++n) {
    double amplitude = 0.0;
    if (n % 2 == 1) {
      amplitude = std::pow(static_cast<double>(n), -decay) * (isTriplen(n) ? triplenWeight : 1.0);
    } else {
      amplitude = rng.uniform(0.0, 0.02) * std::pow(static_cast<double>(n), -decay);
    }
    shape.percentOfFundamental[slot(n)] = amplitude;
  }
  return shape;
}

}  // namespace

double HarmonicSpectrum::at(int order) const {
  if (order < kLowestHarmonic || order > kHighestHarmonic) throw std::out_of_range("harmonic order must be 2..25");
  return percentOfFundamental[slot(order)];
}

double HarmonicSpectrum::thdPct() const {
  double sumOfSquares = 0.0;
  for (const double h : percentOfFundamental) sumOfSquares += h * h;
  return std::sqrt(sumOfSquares);
}

HarmonicsProfile::HarmonicsProfile(RngStream rng, const HarmonicsSettings& settings) {
  const HarmonicSpectrum shape = drawShape(rng);
  const double targetThdPct = rng.uniform(settings.currentThdMinPct, settings.currentThdMaxPct);
  const double scale = targetThdPct / shape.thdPct();
  for (auto& phase : phases_) {
    for (std::size_t i = 0; i < kHarmonicCount; ++i) {
      const double spread = rng.uniform(-settings.phaseSpreadFraction, settings.phaseSpreadFraction);
      phase.current.percentOfFundamental[i] = shape.percentOfFundamental[i] * scale * (1.0 + spread);
    }
    phase.currentThdPct = phase.current.thdPct();
    phase.voltageThdPct = rng.uniform(settings.voltageThdMinPct, settings.voltageThdMaxPct);
  }
}

}  // namespace ews::physics

#pragma once
// Harmonic distortion as an electricity meter with THD and harmonics shows it (manual 8.2.1:
// "THD (if available on the Device) and Harmonics (if available on the Device)"): per phase,
// the THD of voltage and current in %, and the current harmonics h2..h25 in % of the
// fundamental.
//
// Each device draws its own spectrum once, from its random stream (docs/design.md decision 3): odd
// harmonics decaying as n^-alpha (rectifier front-ends of electronic loads), the triplens
// (3, 9, 15, 21) weighted separately (single-phase electronics make h3 strong, balanced
// three-phase loads cancel it), even harmonics near zero (a symmetric waveform has none). The
// spectrum is scaled to a drawn current THD, each phase varies a little around it, and every
// THD reported is computed from the harmonics it goes with: THD = sqrt(sum h_n^2) over
// n = 2..25, so the two can never disagree.
#include <array>

#include "ews/kernel/rng.hpp"
#include "ews/physics/quantities.hpp"

namespace ews::physics {

inline constexpr int kLowestHarmonic = 2;
inline constexpr int kHighestHarmonic = 25;
inline constexpr std::size_t kHarmonicCount = kHighestHarmonic - kLowestHarmonic + 1;

struct HarmonicSpectrum {
  /// percentOfFundamental[n - 2] = h_n, n = 2..25.
  std::array<double, kHarmonicCount> percentOfFundamental{};

  /// h_n in % of the fundamental; std::out_of_range outside 2..25.
  double at(int order) const;
  /// sqrt(sum h_n^2), in % of the fundamental.
  double thdPct() const;
};

struct PhaseHarmonics {
  HarmonicSpectrum current;
  double currentThdPct = 0.0;  ///< = current.thdPct()
  double voltageThdPct = 0.0;
};

/// Ranges the per-device draws come from. Defaults: mixed commercial loads (current THD
/// 5 - 35 %) on a healthy supply (voltage THD 1 - 4 %, EN 50160 allows 8 %).
struct HarmonicsSettings {
  double currentThdMinPct = 5.0;
  double currentThdMaxPct = 35.0;
  double voltageThdMinPct = 1.0;
  double voltageThdMaxPct = 4.0;
  double phaseSpreadFraction = 0.1;  ///< each harmonic of each phase varies by up to +-10 %
};

class HarmonicsProfile {
 public:
  /// Draws the device's spectrum from `rng` (pass the device's own stream or a child of it).
  explicit HarmonicsProfile(RngStream rng, const HarmonicsSettings& settings = {});

  const PhaseHarmonics& phase(Phase p) const { return phases_[indexOf(p)]; }
  /// What the meter shows on a phase carrying `currentA`: the current harmonics (% of the
  /// fundamental) and the current THD are 0 when no current flows (there is no fundamental to
  /// compare with); the voltage THD stays. One figure each, without copying the spectrum: a
  /// meter serves its harmonics register by register.
  double currentHarmonicPct(Phase p, double currentA, int order) const {
    return currentA > 0.0 ? phase(p).current.at(order) : 0.0;
  }
  double currentThdPct(Phase p, double currentA) const { return currentA > 0.0 ? phase(p).currentThdPct : 0.0; }

 private:
  std::array<PhaseHarmonics, kPhaseCount> phases_{};
};

}  // namespace ews::physics

#include "ews/physics/harmonics.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ews::physics {
namespace {

TEST(Harmonics, ThdIsTheRootSumOfSquaresOfTheHarmonics) {
  const HarmonicsProfile profile(RngStream(42, "meter-1/harmonics"));
  for (const Phase p : {Phase::L1, Phase::L2, Phase::L3}) {
    const PhaseHarmonics& h = profile.phase(p);
    double sumOfSquares = 0.0;
    for (int n = kLowestHarmonic; n <= kHighestHarmonic; ++n) sumOfSquares += h.current.at(n) * h.current.at(n);
    EXPECT_NEAR(h.currentThdPct, std::sqrt(sumOfSquares), 1e-12);
    // Default ranges, widened by the +-10 % per-phase spread.
    EXPECT_GE(h.currentThdPct, 5.0 * 0.9);
    EXPECT_LE(h.currentThdPct, 35.0 * 1.1);
    EXPECT_GE(h.voltageThdPct, 1.0);
    EXPECT_LE(h.voltageThdPct, 4.0);
  }
}

TEST(Harmonics, SpectrumIsOddDominatedAndDecaying) {
  for (int device = 0; device < 20; ++device) {
    const HarmonicsProfile profile(RngStream(7, "device-" + std::to_string(device)));
    const HarmonicSpectrum& s = profile.phase(Phase::L1).current;
    // Even harmonics are a trace of their odd neighbours.
    for (int n = 4; n <= 24; n += 2) EXPECT_LT(s.at(n), s.at(n - 1)) << "device " << device << " h" << n;
    // Non-triplen odd harmonics decay with the order.
    EXPECT_GT(s.at(5), s.at(11));
    EXPECT_GT(s.at(7), s.at(13));
    EXPECT_GT(s.at(11), s.at(25));
  }
  EXPECT_THROW(HarmonicSpectrum{}.at(1), std::out_of_range);
  EXPECT_THROW(HarmonicSpectrum{}.at(26), std::out_of_range);
}

TEST(Harmonics, SeededPerDevice) {
  const HarmonicsProfile a1(RngStream(1, "a"));
  const HarmonicsProfile a2(RngStream(1, "a"));
  const HarmonicsProfile b(RngStream(1, "b"));
  EXPECT_EQ(a1.phase(Phase::L2).current.percentOfFundamental, a2.phase(Phase::L2).current.percentOfFundamental);
  EXPECT_NE(a1.phase(Phase::L2).currentThdPct, b.phase(Phase::L2).currentThdPct);
}

TEST(Harmonics, NoCurrentNoCurrentHarmonics) {
  const HarmonicsProfile profile(RngStream(3, "m"));
  EXPECT_DOUBLE_EQ(profile.currentThdPct(Phase::L3, 0.0), 0.0);
  for (int order = kLowestHarmonic; order <= kHighestHarmonic; ++order) {
    EXPECT_DOUBLE_EQ(profile.currentHarmonicPct(Phase::L3, 0.0, order), 0.0) << order;
    EXPECT_DOUBLE_EQ(profile.currentHarmonicPct(Phase::L3, 5.0, order), profile.phase(Phase::L3).current.at(order))
        << order;
  }
  EXPECT_GT(profile.phase(Phase::L3).voltageThdPct, 0.0);
  EXPECT_DOUBLE_EQ(profile.currentThdPct(Phase::L3, 5.0), profile.phase(Phase::L3).currentThdPct);
}

}  // namespace
}  // namespace ews::physics

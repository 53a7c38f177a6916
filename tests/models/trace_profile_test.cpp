// Replay of recorded traces (kind trace): stepped or linear, looping or held.
#include <gtest/gtest.h>

#include "ews/models/load_profile.hpp"

namespace {
using ews::scenario::LoadProfileSpec;

const ews::TimeZone& utc() {
  static const ews::TimeZone zone("UTC");
  return zone;
}

const ews::Time kOrigin = ews::timeFromMicros(1'767'225'600'000'000);  // 2026-01-01T00:00Z

/// 0 W at 0 min, 600 W at 10 min, 300 W at 20 min.
LoadProfileSpec trace(LoadProfileSpec::Interpolation interpolation, LoadProfileSpec::TraceEnd end,
                      ews::Duration period = ews::minutes(30)) {
  LoadProfileSpec spec;
  spec.name = "recorded";
  spec.kind = LoadProfileSpec::Kind::Trace;
  spec.traceOrigin = kOrigin;
  spec.tracePointsW = {{ews::minutes(0), 0.0}, {ews::minutes(10), 600.0}, {ews::minutes(20), 300.0}};
  spec.interpolation = interpolation;
  spec.traceEnd = end;
  spec.tracePeriod = end == LoadProfileSpec::TraceEnd::Loop ? period : ews::Duration::zero();
  return spec;
}

ews::Time at(ews::Duration d) { return kOrigin + d; }

TEST(TraceProfile, StepHoldsEachSampleUntilTheNext) {
  const ews::models::LoadProfile profile(trace(LoadProfileSpec::Interpolation::Step, LoadProfileSpec::TraceEnd::Hold), utc());
  EXPECT_DOUBLE_EQ(profile.rateAt(at(ews::minutes(5))), 0.0);
  EXPECT_DOUBLE_EQ(profile.rateAt(at(ews::minutes(10))), 600.0);
  EXPECT_DOUBLE_EQ(profile.rateAt(at(ews::minutes(19))), 600.0);
  // Held: the last value forever, the first value before the trace.
  EXPECT_DOUBLE_EQ(profile.rateAt(at(ews::days(3))), 300.0);
  EXPECT_DOUBLE_EQ(profile.rateAt(at(-ews::hours(1))), 0.0);
}

TEST(TraceProfile, LinearInterpolatesBetweenSamples) {
  const ews::models::LoadProfile profile(trace(LoadProfileSpec::Interpolation::Linear, LoadProfileSpec::TraceEnd::Hold), utc());
  EXPECT_DOUBLE_EQ(profile.rateAt(at(ews::minutes(5))), 300.0);
  EXPECT_DOUBLE_EQ(profile.rateAt(at(ews::minutes(15))), 450.0);
  EXPECT_DOUBLE_EQ(profile.rateAt(at(ews::minutes(25))), 300.0);
}

TEST(TraceProfile, LoopRepeatsWithThePeriodBothWays) {
  const ews::models::LoadProfile step(trace(LoadProfileSpec::Interpolation::Step, LoadProfileSpec::TraceEnd::Loop), utc());
  EXPECT_DOUBLE_EQ(step.rateAt(at(ews::minutes(25))), 300.0);  // the last sample holds to the period's end
  EXPECT_DOUBLE_EQ(step.rateAt(at(ews::minutes(30))), 0.0);    // and the trace starts over
  EXPECT_DOUBLE_EQ(step.rateAt(at(ews::minutes(41))), 600.0);
  EXPECT_DOUBLE_EQ(step.rateAt(at(ews::days(1) + ews::minutes(12))), 600.0);  // 1440 min = 48 periods
  EXPECT_DOUBLE_EQ(step.rateAt(at(-ews::minutes(19))), 600.0);  // before the origin: periodic too

  // Linear: from the last sample back to the first one a period after the start.
  const ews::models::LoadProfile linear(trace(LoadProfileSpec::Interpolation::Linear, LoadProfileSpec::TraceEnd::Loop), utc());
  EXPECT_DOUBLE_EQ(linear.rateAt(at(ews::minutes(25))), 150.0);
  EXPECT_DOUBLE_EQ(linear.rateAt(at(ews::minutes(35))), 300.0);
}

TEST(TraceProfile, NextChangeOfAStepTraceIsItsNextRow) {
  const ews::models::LoadProfile held(trace(LoadProfileSpec::Interpolation::Step, LoadProfileSpec::TraceEnd::Hold), utc());
  EXPECT_EQ(held.nextChangeAfter(at(ews::minutes(5)), 0.0), at(ews::minutes(10)));
  EXPECT_EQ(held.nextChangeAfter(at(ews::minutes(10)), 0.0), at(ews::minutes(20)));  // at a row: the next one
  EXPECT_EQ(held.nextChangeAfter(at(ews::minutes(25)), 0.0), ews::Time::max());     // held for ever
  EXPECT_EQ(held.nextChangeAfter(at(-ews::hours(1)), 0.0), at(ews::minutes(0)));    // before the trace

  const ews::models::LoadProfile loop(trace(LoadProfileSpec::Interpolation::Step, LoadProfileSpec::TraceEnd::Loop), utc());
  EXPECT_EQ(loop.nextChangeAfter(at(ews::minutes(25)), 0.0), at(ews::minutes(30)));  // the trace starts over
  EXPECT_EQ(loop.nextChangeAfter(at(ews::days(1) + ews::minutes(12)), 0.0), at(ews::days(1) + ews::minutes(20)));
}

TEST(TraceProfile, NextChangeOfALinearTraceIsWhereItHasMovedByTheTolerance) {
  const ews::models::LoadProfile linear(trace(LoadProfileSpec::Interpolation::Linear, LoadProfileSpec::TraceEnd::Loop), utc());
  // 0 -> 600 W over 10 min: 1 W/s; 1 % of 600 W is 6 W, reached 6 s later.
  EXPECT_EQ(linear.nextChangeAfter(at(ews::minutes(5)), 0.01), at(ews::minutes(5) + ews::seconds(6)));
  // 600 -> 300 W: 0.5 W/s, 6 W in 12 s; near the segment's end, the end.
  EXPECT_EQ(linear.nextChangeAfter(at(ews::minutes(10)), 0.01), at(ews::minutes(10) + ews::seconds(12)));
  EXPECT_EQ(linear.nextChangeAfter(at(ews::minutes(20) - ews::seconds(5)), 0.01), at(ews::minutes(20)));
  // After the last row, back to the first: 300 -> 0 W over 10 min, 3 W in 6 s.
  EXPECT_EQ(linear.nextChangeAfter(at(ews::minutes(25)), 0.01), at(ews::minutes(25) + ews::seconds(6)));
  // No tolerance: a slope changes at every instant.
  EXPECT_EQ(linear.nextChangeAfter(at(ews::minutes(5)), 0.0), std::nullopt);
  const double moved = linear.rateAt(at(ews::minutes(5) + ews::seconds(6))) - linear.rateAt(at(ews::minutes(5)));
  EXPECT_NEAR(moved, 6.0, 1e-9);
}

TEST(TraceProfile, InconsistentSpecsAreRefused) {
  LoadProfileSpec empty = trace(LoadProfileSpec::Interpolation::Step, LoadProfileSpec::TraceEnd::Hold);
  empty.tracePointsW.clear();
  EXPECT_THROW(ews::models::LoadProfile(empty, utc()), std::invalid_argument);
  EXPECT_THROW(ews::models::LoadProfile(trace(LoadProfileSpec::Interpolation::Step, LoadProfileSpec::TraceEnd::Loop,
                                              ews::minutes(20)),
                                        utc()),
               std::invalid_argument);
}

}  // namespace

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

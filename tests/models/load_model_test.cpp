#include "ews/models/load_model.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ews/kernel/change_counter.hpp"
#include "ews/kernel/engine.hpp"
#include "ews/models/feeder_meter.hpp"

namespace {
using ews::scenario::LoadProfileSpec;

const ews::TimeZone& utc() {
  static const ews::TimeZone zone("UTC");
  return zone;
}

LoadProfileSpec constant(double powerW, double noise = 0.0) {
  LoadProfileSpec spec;
  spec.name = "constant";
  spec.powerW = powerW;
  spec.noiseFraction = noise;
  return spec;
}

const ews::Time kStart = ews::timeFromMicros(1'767'225'600'000'000);  // 2026-01-01T00:00Z

TEST(LoadModel, IntegratesEnergyExactly) {
  ews::Engine engine({kStart, 1});
  const ews::models::LoadProfile profile(constant(3600.0), utc());
  ews::models::LoadModel model("heater", profile, 2.0, engine.rngFor("heater"), kStart);
  engine.addStepped(model, ews::seconds(1));
  engine.runUntil(kStart + ews::hours(1));
  // 3600 W x 2 for one hour: 7200 Wh, to rounding.
  EXPECT_NEAR(model.counterAt(engine.now()), 7200.0, 1e-6);
  EXPECT_DOUBLE_EQ(model.currentRate(), 7200.0);
}

TEST(LoadModel, NextChangeIsTheProfilesUnlessItIsNoisy) {
  ews::Engine engine({kStart, 1});
  const ews::models::LoadProfile steady(constant(1000.0), utc());
  const ews::models::LoadProfile noisy(constant(1000.0, 0.1), utc());
  const ews::models::LoadModel quiet("quiet", steady, 1.0, engine.rngFor("quiet"), kStart);
  const ews::models::LoadModel jittery("jittery", noisy, 1.0, engine.rngFor("jittery"), kStart);
  EXPECT_EQ(quiet.nextChangeAfter(kStart, 0.01), ews::Time::max());
  EXPECT_EQ(jittery.nextChangeAfter(kStart, 0.01), std::nullopt);  // a new draw at every step
}

TEST(LoadModel, CounterAtIntegratesBetweenSteps) {
  ews::Engine engine({kStart, 1});
  const ews::models::LoadProfile profile(constant(1000.0), utc());
  ews::models::LoadModel model("m", profile, 1.0, engine.rngFor("m"), kStart);
  engine.addStepped(model, ews::minutes(1));
  engine.runUntil(kStart + ews::minutes(1));
  // Half a minute after the last step the counter has moved by half a minute of 1 kW.
  EXPECT_NEAR(model.counterAt(kStart + ews::seconds(90)), 1000.0 * 90.0 / 3600.0, 1e-9);
}

TEST(LoadModel, NoiseIsSeededPerComponentAndNeverNegative) {
  auto runWith = [](const std::string& id, std::uint64_t seed) {
    ews::Engine engine({kStart, seed});
    const ews::models::LoadProfile profile(constant(100.0, 3.0), utc());  // huge noise: clipping matters
    ews::models::LoadModel model(id, profile, 1.0, engine.rngFor(id), kStart);
    engine.addStepped(model, ews::seconds(1));
    double minimumRateW = 1e9;
    for (int i = 1; i <= 600; ++i) {
      engine.runUntil(kStart + ews::seconds(i));
      minimumRateW = std::min(minimumRateW, model.currentRate());
    }
    EXPECT_GE(minimumRateW, 0.0);
    return model.counterAt(engine.now());
  };
  EXPECT_EQ(runWith("a", 7), runWith("a", 7));
  EXPECT_NE(runWith("a", 7), runWith("b", 7));
  EXPECT_NE(runWith("a", 7), runWith("a", 8));
}

TEST(FeederMeter, MeasuresOwnLoadPlusDownstream) {
  ews::Engine engine({kStart, 1});
  const ews::models::LoadProfile base(constant(500.0), utc());
  const ews::models::LoadProfile heavy(constant(2000.0), utc());
  ews::models::LoadModel own("own", base, 1.0, engine.rngFor("own"), kStart);
  ews::models::LoadModel sub("sub", heavy, 1.0, engine.rngFor("sub"), kStart);
  ews::models::IdleMeter idle;
  engine.addStepped(own, ews::seconds(1));
  engine.addStepped(sub, ews::seconds(1));
  const ews::models::FeederMeter meter(own, {&sub, &idle});
  engine.runUntil(kStart + ews::hours(2));
  EXPECT_NEAR(meter.counterAt(engine.now()), 2 * 2500.0, 1e-6);
  EXPECT_DOUBLE_EQ(meter.currentRate(), 2500.0);
  EXPECT_DOUBLE_EQ(meter.counterAt(engine.now()), own.counterAt(engine.now()) + sub.counterAt(engine.now()));
}

TEST(FeederMeter, KeepsItsRateUntilAModelChangesAndAlwaysEqualsTheSum) {
  // Noisy loads under two levels of feeders sharing one change counter, against the same
  // tree without it (summed at every call): equal at every instant, to the last bit.
  ews::Engine engine({kStart, 1});
  ews::ChangeCounter changes;
  const ews::models::LoadProfile noisy(constant(1500.0, 0.2), utc());
  std::vector<std::unique_ptr<ews::models::LoadModel>> loads;
  for (int i = 0; i < 6; ++i) {
    const std::string id = "load" + std::to_string(i);
    loads.push_back(std::make_unique<ews::models::LoadModel>(id, noisy, 1.0 + i, engine.rngFor(id), kStart, &changes));
    engine.addStepped(*loads.back(), ews::seconds(1));
  }
  const ews::models::FeederMeter boardA(*loads[0], {loads[1].get(), loads[2].get()}, &changes);
  const ews::models::FeederMeter boardB(*loads[3], {loads[4].get(), loads[5].get()}, &changes);
  const ews::models::FeederMeter main(boardA, {&boardB}, &changes);
  const ews::models::FeederMeter boardAFresh(*loads[0], {loads[1].get(), loads[2].get()});
  const ews::models::FeederMeter boardBFresh(*loads[3], {loads[4].get(), loads[5].get()});
  const ews::models::FeederMeter mainFresh(boardAFresh, {&boardBFresh});
  for (int step = 0; step < 50; ++step) {
    engine.runUntil(kStart + ews::milliseconds(700 * step));
    EXPECT_EQ(main.currentRate(), mainFresh.currentRate()) << step;
    EXPECT_EQ(main.currentRate(), mainFresh.currentRate()) << step << " (asked twice)";
    EXPECT_EQ(boardB.currentRate(), boardBFresh.currentRate()) << step;
  }
  // Without a step, nothing moves: the kept sum is served as long as the counter stands.
  const std::uint64_t standing = changes.count();
  EXPECT_EQ(main.currentRate(), mainFresh.currentRate());
  EXPECT_EQ(changes.count(), standing);
}

}  // namespace

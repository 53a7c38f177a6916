// Meters that keep their own statistics (docs/history.md): a 3-second spike between two of the
// recorder's looks is in the recorded maximum of a simulated EMDX3 Premium meter (its own
// min/max/average, reset by the recorder after each sample) and missed by a Modular meter on
// the same load, whose statistics are the polled values'.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "ews/scenario/loader.hpp"
#include "ews/site/simulated_site.hpp"
#include "ews/site/simulated_stack.hpp"

namespace {

using ews::Time;

/// Two meters on one load each, the same profile: a Premium (statistics in its map) and a
/// Modular (none). Three-phase at unity power factor: 690 W per ampere per line.
const char* kSite = R"(name: meter-statistics
ews: {variant: "32", timezone: UTC, sampleRate: 10min}
run: {start: "2026-01-05T00:00", duration: 40min, seed: 5}
installation:
  gateways:
    - name: Local
      kind: local
      devices:
        - {name: Premium, family: multifunction-meter, model: "4 120 53", address: 1, sim: {profile: spiky, powerFactor: 1}}
        - {name: Modular, family: multifunction-meter, model: "4 120 51", address: 2, sim: {profile: spiky, powerFactor: 1}}
loadProfiles:
  - {name: spiky, kind: constant, power: 0}
)";

struct Stat {
  double min = 0.0;
  double max = 0.0;
  double average = 0.0;
};

/// The recorded statistics of one quantity, by sample instant and device name.
class StatLog final : public ews::recording::SampleSink {
 public:
  explicit StatLog(std::string quantity) : quantity_(std::move(quantity)) {}
  void onSamples(Time t, std::span<const ews::recording::DeviceSample> rows) override {
    for (const auto& row : rows) {
      for (const auto& stat : row.stats) {
        if (stat.quantity == quantity_) byInstant[t][*row.deviceName] = Stat{stat.min, stat.max, stat.average};
      }
    }
  }
  std::map<Time, std::map<std::string, Stat>> byInstant;

 private:
  std::string quantity_;
};

TEST(MeterStatistics, ARecordedMaximumHoldsASpikeBetweenPollsOfAMeterWithItsOwnStatistics) {
  ews::scenario::Scenario scenario = ews::scenario::parseScenario(kSite);
  // 2.3 kW, and 69 kW (100 A per line) for 3 s at 00:14:31, between two of the recorder's
  // looks (every 10 s: 00:14:30, 00:14:40).
  ews::scenario::LoadProfileSpec& spiky = scenario.loadProfiles.front();
  spiky.kind = ews::scenario::LoadProfileSpec::Kind::Trace;
  spiky.interpolation = ews::scenario::LoadProfileSpec::Interpolation::Step;
  spiky.traceEnd = ews::scenario::LoadProfileSpec::TraceEnd::Hold;
  spiky.traceOrigin = scenario.run.start;
  spiky.tracePointsW = {{ews::minutes(0), 2300.0},
                        {ews::minutes(14) + ews::seconds(31), 69000.0},
                        {ews::minutes(14) + ews::seconds(34), 2300.0}};
  ews::site::SimulatedSite site(scenario);
  ews::site::SimulatedStack twin(site);
  StatLog power("power.active.total");
  StatLog current("current.L1");
  twin.ews().addSink(power);
  twin.ews().addSink(current);
  twin.start();
  site.runToEnd();

  const Time first = site.start() + ews::minutes(10);   // the first reset goes out here
  const Time spike = site.start() + ews::minutes(20);   // the interval holding the spike
  const Time after = site.start() + ews::minutes(30);
  ASSERT_EQ(power.byInstant.count(spike), 1u);
  const auto& premium = power.byInstant.at(spike).at("Premium");
  const auto& modular = power.byInstant.at(spike).at("Modular");
  EXPECT_NEAR(premium.max, 69000.0, 1.0);
  EXPECT_NEAR(premium.min, 2300.0, 1.0);
  // 3 s of 69 kW in 600 s of 2.3 kW; the reset goes out a few ms after the sample instant.
  EXPECT_NEAR(premium.average, 2300.0 + (69000.0 - 2300.0) * 3.0 / 600.0, 2.0);
  EXPECT_NEAR(current.byInstant.at(spike).at("Premium").max, 100.0, 0.5);
  // The polled statistics never saw the spike; the energy did (the same average).
  EXPECT_NEAR(modular.max, 2300.0, 1.0);
  EXPECT_NEAR(current.byInstant.at(spike).at("Modular").max, 2300.0 / 690.0, 0.05);
  // Each interval starts afresh after the reset: the next one has no spike.
  EXPECT_NEAR(power.byInstant.at(after).at("Premium").max, 2300.0, 1.0);
  // The first interval (no reset before it) is the polled one: the same for both meters.
  EXPECT_NEAR(power.byInstant.at(first).at("Premium").max, power.byInstant.at(first).at("Modular").max, 1.0);
}

}  // namespace

// Several EWS instances in one virtual-time engine (site::MultiSite): the master's recorded
// totals follow its slaves' sample by sample, through three levels, with exclusions and costs.
#include <gtest/gtest.h>

#include <cmath>

#include "ews/scenario/instances.hpp"
#include "ews/site/multi_site.hpp"
#include "master_slave_test_support.hpp"

namespace {

using namespace ews;
using master_slave::test::KeptSamples;
using master_slave::test::masterScenario;
using master_slave::test::ScratchFolder;
using master_slave::test::slaveScenario;

/// top reads mid; mid reads slaves a and b. Instances: 0 top, 1 mid, 2 a, 3 b.
struct ThreeLevels {
  ScratchFolder folder;
  std::unique_ptr<site::MultiSite> multi;
  std::vector<KeptSamples> kept{4};

  explicit ThreeLevels(Duration span) {
    folder.write("a.yaml", slaveScenario("a", 1000, 1));
    folder.write("b.yaml", slaveScenario("b", 3000, 2));
    folder.write("mid.yaml", masterScenario("mid", {{"a.yaml", "A"}, {"b.yaml", "B"}}, true));
    const std::string top = folder.write("top.yaml", masterScenario("top", {{"mid.yaml", "Mid"}}));
    site::RunOverrides overrides;
    overrides.duration = span;
    multi = std::make_unique<site::MultiSite>(scenario::loadInstances(top), overrides);
    for (std::size_t i = 0; i < 4; ++i) multi->stack(i).addSink(kept[i]);
    multi->startStacks();
    multi->runToEnd();
  }
  int deviceId(std::size_t instance, const std::string& name) {
    return multi->site(instance).installation().findDevice(name)->id;
  }
};

TEST(MultiSite, TheMastersTotalIsItsSlavesTotalsOneSampleLaterSampleBySample) {
  ThreeLevels run(minutes(20));
  const auto instants = run.kept[1].instants();
  ASSERT_EQ(instants.size(), 20u);  // one sample a minute
  double slavesWh = 0.0;
  for (std::size_t k = 1; k < instants.size(); ++k) {
    // The master reads what its slaves recorded at the previous sample (it polls between
    // samples); each value travels as whole Wh, so each of the two counters may differ by 1 Wh.
    const double expected =
        run.kept[2].electricityTotalWh(instants[k - 1]) + run.kept[3].electricityTotalWh(instants[k - 1]);
    EXPECT_NEAR(run.kept[1].electricityTotalWh(instants[k]), expected, 2.0) << "sample " << k;
    EXPECT_GT(expected, 0.0);
    slavesWh += expected;
  }
  EXPECT_EQ(run.kept[1].electricityTotalWh(instants[0]), 0.0);  // nothing recorded by the slaves yet
  // Over the run the roundings do not accumulate: the master's counter is the slaves' sum.
  double masterWh = 0.0;
  for (const Time t : instants) masterWh += run.kept[1].electricityTotalWh(t);
  EXPECT_NEAR(masterWh, slavesWh, 2.0);
  // A slave's total leaves out its excluded meter M3 (3 x base W): 1 kW + 2 kW of slave a in 1 min.
  EXPECT_NEAR(run.kept[2].electricityTotalWh(instants[5]), 3000.0 / 60.0, 3.0);
}

TEST(MultiSite, ThreeLevelsAddOneSampleOfLatencyPerLevel) {
  ThreeLevels run(minutes(15));
  const auto instants = run.kept[0].instants();
  for (std::size_t k = 2; k < instants.size(); ++k) {
    EXPECT_NEAR(run.kept[0].electricityTotalWh(instants[k]), run.kept[1].electricityTotalWh(instants[k - 1]), 1.0);
    EXPECT_NEAR(run.kept[0].electricityTotalWh(instants[k]),
                run.kept[2].electricityTotalWh(instants[k - 2]) + run.kept[3].electricityTotalWh(instants[k - 2]), 3.0);
  }
}

TEST(MultiSite, ExcludedVirtualDevicesAreRecordedButNotInTheTotals) {
  ThreeLevels run(minutes(10));
  const int aTotal = run.deviceId(1, "A total");
  const int bTotal = run.deviceId(1, "B total");
  const int aDevice1 = run.deviceId(1, "A device 1");
  const int aHeating = run.deviceId(1, "A heating");
  for (const Time t : run.kept[1].instants()) {
    const KeptSamples& mid = run.kept[1];
    ASSERT_TRUE(mid.hasDevice(t, aDevice1));  // its own series is recorded
    EXPECT_EQ(mid.electricityTotalWh(t), mid.device(t, aTotal).deltaWh + mid.device(t, bTotal).deltaWh);
  }
  // What the excluded devices read: slave a's meter M1 (device 1), and its Heating load whose
  // only member is M2 (device 2), as slave a recorded them one sample earlier.
  const auto instants = run.kept[1].instants();
  for (std::size_t k = 1; k < instants.size(); ++k) {
    EXPECT_NEAR(run.kept[1].device(instants[k], aDevice1).deltaWh, run.kept[2].device(instants[k - 1], 1).deltaWh, 1.0);
    EXPECT_NEAR(run.kept[1].device(instants[k], aHeating).deltaWh, run.kept[2].device(instants[k - 1], 2).deltaWh, 1.0);
  }
}

TEST(MultiSite, VirtualDevicesArePricedLikeAnyDevice) {
  ThreeLevels run(minutes(10));
  const int bTotal = run.deviceId(1, "B total");
  bool priced = false;
  for (const Time t : run.kept[1].instants()) {
    const auto& row = run.kept[1].device(t, bTotal);
    ASSERT_EQ(row.costByTariff.size(), 1u);
    EXPECT_NEAR(row.costByTariff[0], row.deltaWh / 1000.0 * 0.25, 1e-9);  // Flat: 0.25 per kWh
    priced = priced || row.costByTariff[0] > 0.0;
  }
  EXPECT_TRUE(priced);
}

TEST(MultiSite, VirtualDevicesAreOnAndDecodedAsEnergyCounters) {
  ThreeLevels run(minutes(5));
  const auto& measurements = run.multi->stack(1).measurements();
  const int aTotal = run.deviceId(1, "A total");
  EXPECT_EQ(measurements.status(aTotal), acquisition::DeviceStatus::On);
  ASSERT_TRUE(measurements.consumption(aTotal).has_value());
  EXPECT_GT(measurements.consumption(aTotal)->total, 0.0);
  EXPECT_EQ(run.multi->stack(1).poller().planOf(aTotal)->address.unitId, 247);
}

TEST(MultiSite, AVirtualGatewayWithoutSlaveIsRefused) {
  ScratchFolder folder;
  folder.write("a.yaml", slaveScenario("a", 1000, 1));
  std::string text = masterScenario("m", {{"a.yaml", "A"}});
  // A second virtual gateway that no `slaves:` entry links.
  text.replace(text.find("slaves:"), 7,
               "    - {name: Lone, kind: virtual, ip: 10.0.9.99, devices: [{name: L, family: wsmeasure, remoteId: all}]}\n"
               "slaves:");
  const std::string path = folder.write("m.yaml", text);
  try {
    site::MultiSite multi(scenario::loadInstances(path));
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& error) {
    EXPECT_NE(std::string(error.what()).find("virtual gateway 'Lone' has no slave"), std::string::npos) << error.what();
  }
}

}  // namespace

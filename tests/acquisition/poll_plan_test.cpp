// Poll plans: each device's requests are planReads' blocks of its own fields (<= 125
// registers, shifted by its register offset), and its consumption counter is the right one.
#include <gtest/gtest.h>

#include <cmath>

#include "acquisition_test_support.hpp"
#include "ews/acquisition/poll_plan.hpp"
#include "ews/scenario/loader.hpp"

namespace {

using ews::acquisition::CounterSource;
using ews::acquisition::DevicePlan;
using ews::acquisition::planDevicePoll;
using ews::acquisition::test::oneGatewaySite;

const std::string kMixed =
    oneGatewaySite("GW") +
    "        - {name: Meter, family: energy-counter, model: \"4 120 74\", address: 1, sim: {profile: flat}}\n"
    "        - {name: Premium, family: multifunction-meter, model: \"4 120 53\", address: 2, sim: {profile: flat}}\n"
    "        - {name: Reversed, family: ems-measure, model: \"4 149 20\", address: 3, supply: downstream,"
    " sim: {profile: flat}}\n"
    "        - {name: Water, family: pulse-counter, model: Water counter, concentrator: \"4 120 65\", address: 5,"
    " position: 1, medium: water, sim: {profile: flat}}\n"
    "        - {name: Host, family: energy-counter, model: \"4 120 81\", address: 6, sim: {profile: flat}}\n"
    "        - {name: Process, family: pulse-counter, model: \"4 120 90\", address: 6, position: 2,"
    " medium: electricity, sim: {profile: flat}}\n"
    "        - {name: Remote, family: ems-measure, model: \"4 149 18\", address: \"2-10\", sim: {profile: flat}}\n"
    "        - {name: Station, family: charging-station, model: \"0 590 14\", address: 20, sim: {}}\n"
    "        - {name: Unset, family: energy-counter, address: 21}\n"
    "loadProfiles:\n"
    "  - {name: flat, kind: constant, power: 1000}\n";

class PollPlans : public ::testing::Test {
 protected:
  PollPlans() : site_(ews::scenario::parseScenario(kMixed, "test.yaml")) {}
  std::optional<DevicePlan> planOf(const std::string& name) {
    return planDevicePoll(site_.installation(), site_.deviceProfiles(), *site_.installation().findDevice(name));
  }
  ews::site::SimulatedSite site_;
};

/// The fields of `plan`'s map under its prefix, planned the plain way.
std::vector<ews::profiles::ReadBlock> expectedBlocks(const DevicePlan& plan, bool withPositions) {
  std::vector<std::size_t> fields;
  for (const std::size_t i : ews::profiles::readableFields(*plan.map)) {
    const std::string& name = plan.map->field(i).name;
    if (!name.starts_with(plan.prefix)) continue;
    if (!withPositions && name.starts_with("position.")) continue;
    if (name.starts_with("ident.")) continue;  // read at first contact, not polled
    fields.push_back(i);
  }
  return ews::profiles::planReads(*plan.map, fields);
}

void expectBlocksOfPlanReads(const DevicePlan& plan, bool withPositions = false) {
  const auto expected = expectedBlocks(plan, withPositions);
  ASSERT_EQ(plan.blocks.size(), expected.size()) << plan.device->name;
  std::size_t fields = 0;
  for (std::size_t b = 0; b < expected.size(); ++b) {
    const auto& block = plan.blocks[b];
    EXPECT_EQ(block.read.function, expected[b].function);
    EXPECT_EQ(block.read.address, expected[b].address);
    EXPECT_EQ(block.read.count, expected[b].count);
    EXPECT_LE(block.read.count, ews::link::kMaxReadRegisters);
    EXPECT_EQ(block.wireAddress, block.read.address + plan.address.registerOffset);
    EXPECT_EQ(block.read.fields, expected[b].fields);
    ASSERT_EQ(block.slots.size(), block.read.fields.size());
    for (std::size_t i = 0; i < block.slots.size(); ++i) {
      EXPECT_EQ(plan.fieldOfSlot[block.slots[i]], block.read.fields[i]);
      EXPECT_EQ(plan.prefix + plan.quantities[block.slots[i]], plan.map->field(block.read.fields[i]).name);
    }
    fields += block.slots.size();
  }
  EXPECT_EQ(fields, plan.quantities.size());
}

TEST_F(PollPlans, EnergyCounterReadsTwoBlocksAndCountsImportedEnergy) {
  const auto plan = planOf("Meter");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->address.unitId, 1);
  EXPECT_EQ(plan->address.registerOffset, 0);
  expectBlocksOfPlanReads(*plan);
  ASSERT_EQ(plan->blocks.size(), 2u);
  EXPECT_EQ(plan->blocks[0].read.count, 8);   // 4 energies, u32
  EXPECT_EQ(plan->blocks[1].read.count, 43);  // the instantaneous block
  EXPECT_EQ(plan->registersRead(), 51u);
  ASSERT_EQ(plan->counter.kind, CounterSource::Kind::Energy);
  EXPECT_EQ(plan->quantities[plan->counter.valueSlot], "energy.active.import");
  EXPECT_EQ(plan->counter.wrapRange, std::ldexp(1.0, 32) * 10.0);
}

TEST_F(PollPlans, PremiumMeterSplitsAt125Registers) {
  const auto plan = planOf("Premium");
  ASSERT_TRUE(plan);
  expectBlocksOfPlanReads(*plan);
  EXPECT_GE(plan->blocks.size(), 6u);
  for (const auto& block : plan->blocks) EXPECT_LE(block.read.count, 125);
}

TEST_F(PollPlans, DownstreamSensorCountsExport) {
  const auto plan = planOf("Reversed");
  ASSERT_TRUE(plan);
  expectBlocksOfPlanReads(*plan);
  ASSERT_EQ(plan->counter.kind, CounterSource::Kind::Energy);
  EXPECT_EQ(plan->quantities[plan->counter.valueSlot], "energy.active.export");
  EXPECT_EQ(plan->counter.wrapRange, std::ldexp(1.0, 64));  // u64 Wh
}

TEST_F(PollPlans, PulseCounterReadsItsPositionOnly) {
  const auto water = planOf("Water");
  ASSERT_TRUE(water);
  EXPECT_EQ(water->prefix, "position.1.");
  EXPECT_EQ(water->quantities, (std::vector<std::string>{"count", "weight"}));
  expectBlocksOfPlanReads(*water, true);
  ASSERT_EQ(water->counter.kind, CounterSource::Kind::Pulses);
  EXPECT_EQ(water->counter.wrapRange, std::ldexp(1.0, 32));

  const auto process = planOf("Process");  // on the host energy counter's map
  ASSERT_TRUE(process);
  EXPECT_EQ(process->address.unitId, 6);
  EXPECT_EQ(process->prefix, "position.2.");
  EXPECT_EQ(process->quantities.size(), 2u);
  // The host itself leaves its positions to the pulse counters.
  const auto host = planOf("Host");
  ASSERT_TRUE(host);
  for (const auto& q : host->quantities) EXPECT_FALSE(q.starts_with("position.")) << q;
  expectBlocksOfPlanReads(*host);
}

TEST_F(PollPlans, RemoteEmsModuleIsShiftedByItsWindow) {
  const auto plan = planOf("Remote");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->address.unitId, 10);
  EXPECT_EQ(plan->address.registerOffset, 2 * ews::profiles::kEmsModuleStride);
  expectBlocksOfPlanReads(*plan);
  EXPECT_EQ(plan->blocks.front().wireAddress, plan->blocks.front().read.address + 0x800);
}

TEST_F(PollPlans, StationCountsItsOwnMeter) {
  const auto plan = planOf("Station");
  ASSERT_TRUE(plan);
  expectBlocksOfPlanReads(*plan);
  ASSERT_EQ(plan->counter.kind, CounterSource::Kind::Energy);
  EXPECT_EQ(plan->quantities[plan->counter.valueSlot], "energy.active.import");
}

TEST_F(PollPlans, UnsetModelIsNotPolled) { EXPECT_FALSE(planOf("Unset")); }

TEST(PollPlansReference, EveryDeviceOfTheReferenceSiteIsPlannedWithinProtocolLimits) {
  const ews::site::SimulatedSite site(
      ews::scenario::loadScenarioFile(std::string(EWS_SOURCE_DIR) + "/scenarios/reference-255.yaml"));
  std::size_t planned = 0;
  for (const auto* device : site.installation().devices()) {
    const auto plan = planDevicePoll(site.installation(), site.deviceProfiles(), *device);
    if (!plan) continue;
    ++planned;
    expectBlocksOfPlanReads(*plan, device->family == ews::installation::DeviceFamily::PulseCounter);
  }
  EXPECT_GE(planned, 250u);
}

}  // namespace

// The register map a slave serves (docs/master-slave.md): addresses of Remote IDs, and the
// values as SlaveRegisters answers them, decoded with the master's WSMEASURE profile.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>

#include "ews/installation/installation.hpp"
#include "ews/installation/master_slave.hpp"
#include "ews/installation/remote_id.hpp"
#include "ews/profiles/master_slave_map.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/stack/slave_registers.hpp"
#include "master_slave_test_support.hpp"

namespace {

using namespace ews;
using installation::RemoteKind;
using installation::RemoteTarget;
using profiles::slaveRegisterAt;
using profiles::slaveRegisterOf;
using recording::AggregateSample;
using recording::DeviceSample;

TEST(MasterSlaveMap, EveryServedRemoteIdRoundTripsThroughItsFourRegisters) {
  std::vector<int> ids{installation::kAllElectricalLoadsRemoteId};
  for (const RemoteKind kind : {RemoteKind::Device, RemoteKind::Load, RemoteKind::Group}) {
    for (int id = 1; id <= installation::kMaxServedRemoteTargetId; ++id) {
      ids.push_back(installation::encodeRemoteId(RemoteTarget{kind, id}));
    }
  }
  std::set<std::uint16_t> used;
  for (const int remoteId : ids) {
    const auto first = slaveRegisterOf(remoteId);
    ASSERT_TRUE(first.has_value()) << remoteId;
    for (std::uint16_t word = 0; word < profiles::kSlaveValueWords; ++word) {
      const auto address = static_cast<std::uint16_t>(*first + word);
      EXPECT_TRUE(used.insert(address).second) << "register " << address << " used twice";
      EXPECT_EQ(slaveRegisterAt(address), (profiles::SlaveRegister{remoteId, word})) << remoteId;
    }
  }
  EXPECT_EQ(*slaveRegisterOf(10001), 0x0000);
  EXPECT_EQ(*slaveRegisterOf(10002), 0x0004);
  EXPECT_EQ(*slaveRegisterOf(20015), 0x4000 + 4 * 14);
  EXPECT_EQ(*slaveRegisterOf(30001), 0x8000);
  EXPECT_EQ(*slaveRegisterOf(29999), 0xC000);
}

TEST(MasterSlaveMap, IdsBeyondTheWindowsAndMalformedRemoteIdsHaveNoRegister) {
  EXPECT_FALSE(slaveRegisterOf(10000 + installation::kMaxServedRemoteTargetId + 1));
  EXPECT_FALSE(slaveRegisterOf(39999));
  EXPECT_FALSE(slaveRegisterOf(40001));
  EXPECT_FALSE(slaveRegisterOf(10000));
  EXPECT_FALSE(slaveRegisterAt(0xC004));  // after "all": nothing
  EXPECT_FALSE(slaveRegisterAt(0xFFFF));
}

/// The slave of slaveScenario(): devices 1-3 (energy counters), loads, group 1.
struct Slave {
  scenario::Scenario scenario = scenario::parseScenario(master_slave::test::slaveScenario("s", 1000, 1), "s.yaml");
  installation::Installation site = installation::Installation::build(scenario.installation);
  profiles::ProfileCatalogue profiles = profiles::ProfileCatalogue::loadDirectory(profiles::defaultProfileDirectory());
  const profiles::RegisterMap& layout = *profiles.find(installation::DeviceFamily::WsMeasure, "WSMEASURE");
  stack::SlaveRegisters registers{site, layout};

  /// One sample as the recorder publishes it: device rows, then the aggregates.
  void sample(Time t, double deviceWh, double loadWh, double totalWh) {
    std::array<DeviceSample, 1> rows{};
    rows[0].deviceId = 1;
    rows[0].delta = deviceWh;
    registers.onSamples(t, rows);
    std::array<AggregateSample, 2> aggregates{};
    aggregates[0].kind = AggregateSample::Kind::Load;
    aggregates[0].id = 4;  // Lighting
    aggregates[0].delta = loadWh;
    aggregates[1].kind = AggregateSample::Kind::ElectricityTotal;
    aggregates[1].delta = totalWh;
    registers.onAggregates(t, aggregates);
  }

  /// Reads `count` registers from `address` as a master's request would.
  link::ExceptionCode read(std::uint16_t address, std::uint16_t count, std::span<std::uint16_t> out,
                           std::uint8_t unit = profiles::kSlaveUnitId,
                           link::Function function = link::Function::ReadHoldingRegisters) const {
    link::Request request;
    request.unitId = unit;
    request.function = function;
    request.address = address;
    request.count = count;
    request.readBuffer = out.first(count);
    return registers.answer(request);
  }

  double decoded(std::span<const std::uint16_t> words) const {
    return profiles::decode(layout.field(*layout.find("energy.active.import")), words);
  }
};

TEST(SlaveRegisters, ServesWhatTheRecorderPublishedAsUnsigned64BitWh) {
  Slave slave;
  const auto ids = slave.registers.servedIds();
  // Devices 1-3 meter energy; loads 1-15 without Water (16) and Gas (17); group 1; all.
  EXPECT_EQ(std::count_if(ids.begin(), ids.end(), [](int id) { return id / 10000 == 1; }), 3);
  EXPECT_TRUE(std::binary_search(ids.begin(), ids.end(), 20015));
  EXPECT_FALSE(std::binary_search(ids.begin(), ids.end(), 20016));
  EXPECT_TRUE(std::binary_search(ids.begin(), ids.end(), 30001));

  std::array<std::uint16_t, 4> words{};
  ASSERT_EQ(slave.read(*slaveRegisterOf(29999), 4, words), link::ExceptionCode::None);
  EXPECT_EQ(slave.decoded(words), 0.0);  // before the first sample

  slave.sample(Time{} + minutes(1), 1234.4, 100.0, 5000.0);
  slave.sample(Time{} + minutes(2), 1000.0, 50.0, 4000.6);
  ASSERT_EQ(slave.read(*slaveRegisterOf(29999), 4, words), link::ExceptionCode::None);
  EXPECT_EQ(slave.decoded(words), 9001.0);  // 9000.6 Wh, rounded to the Wh the map carries
  ASSERT_EQ(slave.read(*slaveRegisterOf(10001), 4, words), link::ExceptionCode::None);
  EXPECT_EQ(slave.decoded(words), 2234.0);
  EXPECT_EQ(slave.registers.energyWh(20004), 150.0);
  EXPECT_EQ(slave.registers.snapshot()->sampledAt, Time{} + minutes(2));

  // Several consecutive values in one request (devices 1 to 3), from one snapshot.
  std::array<std::uint16_t, 12> three{};
  ASSERT_EQ(slave.read(*slaveRegisterOf(10001), 12, three), link::ExceptionCode::None);
  EXPECT_EQ(slave.decoded(std::span(three).first(4)), 2234.0);
  EXPECT_EQ(slave.decoded(std::span(three).subspan(4, 4)), 0.0);
  // Big-endian words: the low word of 2234 Wh is the fourth register.
  EXPECT_EQ(three[3], 2234);
  EXPECT_EQ(three[0], 0);
}

TEST(SlaveRegisters, DeviceRowsAloneDoNotPublish) {
  Slave slave;
  std::array<DeviceSample, 1> rows{};
  rows[0].deviceId = 1;
  rows[0].delta = 10.0;
  slave.registers.onSamples(Time{} + minutes(1), rows);
  EXPECT_EQ(*slave.registers.energyWh(10001), 0.0);  // a sample is published whole, with its aggregates
}

TEST(SlaveRegisters, AnswersModbusExceptionsForWhatItDoesNotServe) {
  Slave slave;
  std::array<std::uint16_t, 8> words{};
  // Device 4 does not exist on the slave; load 16 is Water; group 2 does not exist.
  EXPECT_EQ(slave.read(*slaveRegisterOf(10004), 4, words), link::ExceptionCode::IllegalDataAddress);
  EXPECT_EQ(slave.read(*slaveRegisterOf(20016), 4, words), link::ExceptionCode::IllegalDataAddress);
  EXPECT_EQ(slave.read(*slaveRegisterOf(30002), 4, words), link::ExceptionCode::IllegalDataAddress);
  // A range running from a served value into an unserved one is refused whole.
  EXPECT_EQ(slave.read(*slaveRegisterOf(10003), 8, words), link::ExceptionCode::IllegalDataAddress);
  EXPECT_EQ(slave.read(0xC004, 1, words), link::ExceptionCode::IllegalDataAddress);
  EXPECT_EQ(slave.read(*slaveRegisterOf(10001), 4, words, 1), link::ExceptionCode::GatewayPathUnavailable);
  EXPECT_EQ(slave.read(*slaveRegisterOf(10001), 4, words, profiles::kSlaveUnitId, link::Function::ReadInputRegisters),
            link::ExceptionCode::IllegalFunction);
  const std::array<std::uint16_t, 1> value{7};
  link::Request write;
  write.unitId = profiles::kSlaveUnitId;
  write.function = link::Function::WriteSingleRegister;
  write.writeValues = value;
  EXPECT_EQ(slave.registers.answer(write), link::ExceptionCode::IllegalFunction);
}

}  // namespace

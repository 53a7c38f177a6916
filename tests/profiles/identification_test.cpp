// Identification registers: model codes round-trip over the whole catalogue, and every shipped
// map (but the Master/Slave one) identifies at the same place, so one request identifies any unit.
#include <gtest/gtest.h>

#include <array>
#include <set>

#include "ews/installation/catalogue.hpp"
#include "ews/profiles/identification.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "profiles_test_support.hpp"

namespace ews::profiles {
namespace {

TEST(Identification, EveryCatalogueModelHasACodeThatNamesItBack) {
  std::set<std::uint32_t> codes;
  for (const installation::CatalogueModel& model : installation::catalogue()) {
    const auto code = modelCodeOf(model.family, model.number);
    ASSERT_TRUE(code) << model.number;
    const auto back = modelOfCode(*code);
    ASSERT_TRUE(back) << model.number;
    EXPECT_EQ(back->number, model.number);
    codes.insert(*code);
  }
  EXPECT_EQ(modelCodeOf(installation::DeviceFamily::MultifunctionMeter, "4 120 53"), 412053u);
  EXPECT_EQ(modelCodeOf(installation::DeviceFamily::ChargingStation, "0590 00"), 59000u);  // spaces ignored
  EXPECT_EQ(describeModelCode(59000), "0 590 00");
  EXPECT_EQ(describeModelCode(999999), "unknown catalogue number 9 999 99");
  EXPECT_FALSE(modelOfCode(kNamedModelCodeBase + 100000));
  EXPECT_FALSE(modelCodeOf(installation::DeviceFamily::EnergyCounter, "4 120 53"));  // another family's
}

TEST(Identification, PulseConcentratorsHaveCodes) {
  for (const installation::PulseConcentrator& concentrator : installation::pulseConcentrators()) {
    const auto code = modelCodeOf(installation::DeviceFamily::PulseCounter, concentrator.number);
    ASSERT_TRUE(code) << concentrator.number;
    EXPECT_EQ(modelOfCode(*code)->number, concentrator.number);
  }
}

TEST(Identification, EveryShippedDeviceMapIdentifiesAtTheSamePlaceInOneRequest) {
  const auto catalogue = ProfileCatalogue::loadDirectory(test::shippedDirectory());
  for (const auto& map : catalogue.profiles()) {
    const auto plan = identificationReadOf(*map);
    if (map->id() == "wsmeasure") {
      EXPECT_FALSE(plan);
      continue;
    }
    ASSERT_TRUE(plan) << map->id();
    ASSERT_TRUE(plan->firmwareField) << map->id();
    EXPECT_EQ(plan->read.function, link::Function::ReadHoldingRegisters) << map->id();
    EXPECT_EQ(plan->read.address, 0x1010) << map->id();
    EXPECT_EQ(plan->read.count, 3) << map->id();
    // Encoded as the device serves them, decoded as the poller reads them.
    std::array<std::uint16_t, 3> words{};
    encode(map->field(plan->modelField), 412053, std::span(words).first(2));
    encode(map->field(*plan->firmwareField), 2.1, std::span(words).subspan(2));
    const DeviceIdentity identity = decodeIdentity(*map, *plan, words);
    EXPECT_EQ(identity.modelCode, 412053u) << map->id();
    EXPECT_DOUBLE_EQ(*identity.firmware, 2.1) << map->id();
  }
}

}  // namespace
}  // namespace ews::profiles

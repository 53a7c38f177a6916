#include <set>
#include <string>

#include <gtest/gtest.h>

#include "ews/installation/catalogue.hpp"

namespace ews::installation {
namespace {

TEST(Catalogue, FindsModelsIgnoringSpacesAndCase) {
  const CatalogueModel* premium = findModel(DeviceFamily::MultifunctionMeter, "412053");
  ASSERT_NE(premium, nullptr);
  EXPECT_EQ(premium->number, "4 120 53");
  EXPECT_NE(findModel(DeviceFamily::WsMeasure, "wsmeasure"), nullptr);
  EXPECT_NE(findModel(DeviceFamily::GenericModbus, "Generic Modbus meter"), nullptr);
}

TEST(Catalogue, LooksUpWithinTheFamilyOnly) {
  EXPECT_EQ(findModel(DeviceFamily::EnergyCounter, "4 120 53"), nullptr);
  EXPECT_EQ(findModel(DeviceFamily::MultifunctionMeter, "4 999 99"), nullptr);
}

TEST(Catalogue, ListsTheCatalogueNumbersOfManualSection5) {
  const std::pair<DeviceFamily, const char*> listed[] = {
      {DeviceFamily::MultifunctionMeter, "0 046 76"}, {DeviceFamily::MultifunctionMeter, "0 146 68"},
      {DeviceFamily::EnergyCounter, "0 046 77"},      {DeviceFamily::EnergyCounter, "4 120 93"},
      {DeviceFamily::EnergyCounter, "4 120 41"},      {DeviceFamily::PulseCounter, "0 046 81"},
      {DeviceFamily::PulseCounter, "4 120 42"},       {DeviceFamily::PulseCounter, "Gas counter"},
      {DeviceFamily::EmsMeasure, "4 149 27"},         {DeviceFamily::EmsStateControl, "4 149 32"},
      {DeviceFamily::Breaker, "4 106 59"},            {DeviceFamily::Breaker, "0 288 02"},
      {DeviceFamily::PowerSupervision, "0 261 36"},   {DeviceFamily::ChargingStation, "0 580 49"},
      {DeviceFamily::ChargingStation, "0 590 71"},    {DeviceFamily::ChargingStation, "0 590 67"},
  };
  for (const auto& [family, number] : listed) EXPECT_NE(findModel(family, number), nullptr) << number;
}

TEST(Catalogue, HasNoModelTwiceInAFamily) {
  std::set<std::pair<DeviceFamily, std::string>> seen;
  for (const auto& model : catalogue()) {
    EXPECT_TRUE(seen.emplace(model.family, std::string(model.number)).second) << model.number;
  }
}

TEST(Catalogue, MarksTheOldRangeTwoSidedStationsOnly) {
  for (const auto* number : {"0 590 32", "0 590 34", "0 590 38", "0 590 40", "0 590 47", "0 590 57", "0 590 58",
                             "0 590 66", "0 590 67", "0 590 77", "0 590 78", "0 590 96", "0 590 97"}) {
    EXPECT_TRUE(findModel(DeviceFamily::ChargingStation, number)->sidesShareAddress) << number;
  }
  // New-range two-sided stations: one Modbus address per side.
  EXPECT_FALSE(findModel(DeviceFamily::ChargingStation, "0 590 44")->sidesShareAddress);
  EXPECT_FALSE(findModel(DeviceFamily::ChargingStation, "0 590 31")->sidesShareAddress);
}

TEST(Catalogue, TellsSingleFromThreePhaseStationsWithTheirRating) {
  const auto* single = findModel(DeviceFamily::ChargingStation, "0 590 00");
  const auto* three = findModel(DeviceFamily::ChargingStation, "0 590 02");
  EXPECT_TRUE(single->singlePhase);
  EXPECT_DOUBLE_EQ(single->ratedCurrentA, 16.0);
  EXPECT_FALSE(three->singlePhase);
  EXPECT_DOUBLE_EQ(three->ratedCurrentA, 32.0);
}

TEST(Catalogue, KnowsWhichDevicesHavePulseInputsSupplyAndAlerts) {
  EXPECT_GT(findModel(DeviceFamily::EnergyCounter, "4 120 81")->pulseInputCount, 0);
  EXPECT_EQ(findModel(DeviceFamily::EnergyCounter, "4 120 83")->pulseInputCount, 0);
  EXPECT_TRUE(findModel(DeviceFamily::EmsMeasure, "4 149 19")->needsSupply);
  EXPECT_FALSE(findModel(DeviceFamily::EmsMeasure, "4 149 18")->needsSupply);
  EXPECT_TRUE(findModel(DeviceFamily::Breaker, "0 288 03")->raisesAlerts);
  EXPECT_FALSE(findModel(DeviceFamily::Breaker, "4 106 57")->raisesAlerts);  // DX3 is not DPX3/DMX3
  EXPECT_FALSE(findModel(DeviceFamily::Breaker, "0 288 00")->measuresEnergy);
  EXPECT_FALSE(findModel(DeviceFamily::EmsStateControl, "4 149 30")->measuresEnergy);
  EXPECT_EQ(findModel(DeviceFamily::PulseCounter, "Water counter")->pulseMedium, Medium::Water);
}

TEST(Catalogue, FindsPulseHostsWithTheirInputs) {
  const auto concentrator = findPulseHost("412065");
  ASSERT_TRUE(concentrator);
  EXPECT_EQ(concentrator->number, "4 120 65");
  EXPECT_GT(concentrator->pulseInputCount, 0);
  EXPECT_TRUE(findPulseHost("4 120 91"));   // energy counter with pulse inputs
  EXPECT_FALSE(findPulseHost("4 120 93"));  // energy counter without
  EXPECT_EQ(pulseConcentrators().size(), 3u);
}

TEST(Catalogue, ResolvesAnEmptyModelToTheFamilysUnconfiguredEntry) {
  const CatalogueModel* unset = resolveModel(DeviceFamily::Breaker, "");
  ASSERT_NE(unset, nullptr);
  EXPECT_FALSE(unset->isConfigured());
  EXPECT_EQ(unset->family, DeviceFamily::Breaker);
  EXPECT_TRUE(unset->raisesAlerts);
  EXPECT_EQ(resolveModel(DeviceFamily::Breaker, "nonsense"), nullptr);
  EXPECT_TRUE(resolveModel(DeviceFamily::Breaker, "0 288 04")->isConfigured());
}

TEST(Catalogue, NamesEveryFamily) {
  EXPECT_EQ(familyName(DeviceFamily::EnergyCounter), "energy-counter");
  EXPECT_EQ(familyName(DeviceFamily::WsMeasure), "wsmeasure");
  EXPECT_FALSE(modelsOf(DeviceFamily::PowerSupervision).empty());
}

}  // namespace
}  // namespace ews::installation

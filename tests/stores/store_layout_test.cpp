// layoutOf(): what the stores copy from a built installation.
#include <gtest/gtest.h>

#include <algorithm>

#include "ews/installation/installation.hpp"
#include "ews/installation/loads.hpp"
#include "ews/stores/store_layout.hpp"
#include "spec_builders.hpp"  // tests/installation

namespace {

using namespace ews::installation;
using namespace ews::installation::test;

TEST(StoreLayout, CopiesDevicesLoadsAndGroupsWithTheirMedia) {
  DeviceSpec main = meter(1, "Main");
  main.load = "Lighting";
  main.groups = {"Floor 1"};
  DeviceSpec water = pulseCounter(5, 1, Medium::Water, "Water counter");
  water.groups = {"Water meters"};
  InstallationSpec spec = site({physical("10.0.0.1", {main, water}, "GW1")});
  spec.groups = {group("Floor 1"), group("Water meters")};
  const auto layout = ews::stores::layoutOf(Installation::build(spec));

  ASSERT_EQ(layout.devices.size(), 2U);
  const auto& d = layout.devices[0];
  EXPECT_EQ(d.id, 1);
  EXPECT_EQ(d.name, "Main");
  EXPECT_EQ(d.gatewayName, "GW1");
  EXPECT_EQ(d.gatewayIp, "10.0.0.1");
  EXPECT_EQ(d.modbusAddress, 1);
  EXPECT_EQ(d.loadId, 4);  // Lighting, a predefined load
  EXPECT_EQ(layout.devices[1].medium, Medium::Water);
  EXPECT_EQ(layout.devices[1].loadId, kWaterLoadId);

  ASSERT_EQ(layout.groups.size(), 2U);
  EXPECT_EQ(layout.groups[0].medium, Medium::Electricity);
  EXPECT_EQ(layout.groups[1].medium, Medium::Water);
  EXPECT_EQ(layout.devices[1].groupIds, std::vector<int>{layout.groups[1].id});
  const auto waterLoad = std::find_if(layout.loads.begin(), layout.loads.end(),
                                      [](const auto& l) { return l.id == kWaterLoadId; });
  ASSERT_NE(waterLoad, layout.loads.end());
  EXPECT_EQ(waterLoad->medium, Medium::Water);
}

}  // namespace

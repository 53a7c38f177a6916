#include <gtest/gtest.h>

#include "ews/installation/defaults.hpp"
#include "spec_builders.hpp"

namespace ews::installation {
namespace {

using namespace test;

TEST(DefaultNames, FollowManual71615) {
  EXPECT_EQ(defaultDeviceName(meter(12)), "12");
  EXPECT_EQ(defaultDeviceName(pulseCounter(5, 3)), "5-3");
  DeviceSpec side = station("0 590 32", 7);
  side.side = 2;
  EXPECT_EQ(defaultDeviceName(side), "7-2");
  EXPECT_EQ(defaultDeviceName(virtualDevice(10003)), "247-10003");
  EXPECT_EQ(defaultGatewayName(physical("192.168.1.20")), "192.168.1.20");
  EXPECT_EQ(defaultGatewayName(local()), "Local");
}

TEST(DefaultNames, FillOnlyEmptyNamesAndAreIdempotent) {
  InstallationSpec spec = site({physical("10.0.0.2", {meter(1), meter(2, "Main")})});
  applyDefaultNames(spec);
  applyDefaultNames(spec);
  EXPECT_EQ(spec.gateways[0].name, "10.0.0.2");
  EXPECT_EQ(spec.gateways[0].devices[0].name, "1");
  EXPECT_EQ(spec.gateways[0].devices[1].name, "Main");
}

}  // namespace
}  // namespace ews::installation

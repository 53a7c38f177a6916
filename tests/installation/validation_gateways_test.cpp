#include <gtest/gtest.h>

#include "spec_builders.hpp"

namespace ews::installation {
namespace {

using namespace test;

TEST(LocalGatewayRule, ExistsOnTheMiniVariants) {
  EXPECT_TRUE(isValid(site({local({meter(1)})}, Variant::Ews10)));
  EXPECT_TRUE(isValid(site({local()}, Variant::Ews32)));
}

TEST(LocalGatewayRule, DoesNotExistOnTheEws255) {
  EXPECT_TRUE(reports(site({local()}, Variant::Ews255), "installation.gateways[0].kind",
                      "only on the Mini Energy Web Server 10 and 32"));
}

TEST(LocalGatewayRule, IsUnique) {
  GatewaySpec second = local();
  second.name = "Local 2";
  EXPECT_TRUE(reports(site({local(), second}, Variant::Ews10), "installation.gateways[1].kind",
                      "only one Local gateway"));
}

TEST(LocalGatewayRule, KeepsItsFixedAddress) {
  GatewaySpec fixed = local();
  fixed.ip = "127.0.0.1";
  EXPECT_TRUE(isValid(site({fixed}, Variant::Ews10)));
  GatewaySpec moved = local();
  moved.ip = "192.168.0.9";
  moved.fieldLocs["ip"] = {"site.yaml", 4, 9};
  const auto diagnostics = validate(site({moved}, Variant::Ews10));
  const Diagnostic* found = findDiagnostic(diagnostics, "installation.gateways[0].ip", "fixed at 127.0.0.1");
  ASSERT_NE(found, nullptr) << describe(diagnostics);
  EXPECT_EQ(found->where.line, 4);
}

TEST(LocalGatewayRule, MayBeOff) {
  GatewaySpec off = local({meter(1)});
  off.on = false;
  EXPECT_TRUE(isValid(site({off}, Variant::Ews32)));
}

TEST(LocalGatewayRule, LeavesItsNameFreeWhenAddedAutomatically) {
  EXPECT_TRUE(reports(site({physical("10.0.0.1", {}, "Local")}, Variant::Ews32), "installation.gateways[0].name",
                      "\"Local\" names the Local gateway, which the Mini Energy Web Server 32 (4 149 48) always has"));
  EXPECT_TRUE(isValid(site({physical("10.0.0.1", {}, "Local")}, Variant::Ews255)));
  GatewaySpec renamed = local();
  renamed.name = "Mini converter";
  EXPECT_TRUE(isValid(site({renamed, physical("10.0.0.1", {}, "Local")}, Variant::Ews10)));
}

TEST(GatewayAddressRule, AcceptsAnIpv4Address) {
  EXPECT_TRUE(isValid(site({physical("192.168.1.250"), slave("10.1.2.3")})));
}

TEST(GatewayAddressRule, RequiresAnIpAddress) {
  EXPECT_TRUE(reports(site({physical("", {}, "GW")}), "installation.gateways[0].ip", "an IP address is required"));
  EXPECT_TRUE(reports(site({slave("", {}, "Slave")}), "installation.gateways[0].ip", "an IP address is required"));
}

TEST(GatewayAddressRule, RefusesWhatIsNotAnIpv4Address) {
  for (const char* ip : {"gateway.local", "192.168.1", "192.168.1.256", "192.168.01.1", "1.2.3.4.5", "1..2.3"}) {
    EXPECT_TRUE(reports(site({physical(ip)}), "installation.gateways[0].ip", "is not an IPv4 address")) << ip;
  }
}

TEST(GatewayAddressRule, ChecksThePortRange) {
  GatewaySpec gateway = physical("10.0.0.1");
  gateway.port = 1502;
  EXPECT_TRUE(isValid(site({gateway})));
  gateway.port = 0;
  EXPECT_TRUE(reports(site({gateway}), "installation.gateways[0].port", "port 0 is out of range 1..65535"));
  gateway.port = 65536;
  EXPECT_TRUE(reports(site({gateway}), "installation.gateways[0].port", "out of range"));
}

TEST(GatewayAddressRule, RefusesTwoGatewaysAtOneAddressAndPort) {
  const InstallationSpec spec = site({physical("10.0.0.1", {}, "A"), physical("10.0.0.1", {}, "B")});
  EXPECT_TRUE(reports(spec, "installation.gateways[1].ip", "10.0.0.1:502 is already the address of installation.gateways[0]"));
  EXPECT_TRUE(reports(site({local(), physical("127.0.0.1", {}, "Loopback")}, Variant::Ews10),
                      "installation.gateways[1].ip", "127.0.0.1:502 is already"));
}

TEST(GatewayAddressRule, TellsGatewaysApartByPort) {
  // Virtual gateways behind one address, and twin gateways served on loopback.
  GatewaySpec first = slave("10.0.0.1", {}, "Slave 1");
  GatewaySpec second = slave("10.0.0.1", {}, "Slave 2");
  second.port = 5020;
  GatewaySpec twinA = physical("127.0.0.1", {}, "Twin A");
  twinA.port = 15020;
  GatewaySpec twinB = physical("127.0.0.1", {}, "Twin B");
  twinB.port = 15021;
  EXPECT_TRUE(isValid(site({first, second, twinA, twinB})));
}

TEST(PanelBoardRule, AcceptsAnExistingPanelBoard) {
  InstallationSpec spec = site({physical("10.0.0.1")});
  spec.panelBoards = {panelBoard("TGBT")};
  spec.gateways[0].panelBoard = "TGBT";
  EXPECT_TRUE(isValid(spec));
}

TEST(PanelBoardRule, RefusesAnUnknownPanelBoard) {
  InstallationSpec spec = site({physical("10.0.0.1")});
  spec.gateways[0].panelBoard = "TGBT";
  EXPECT_TRUE(reports(spec, "installation.gateways[0].panelBoard", "no panel board is named \"TGBT\""));
}

InstallationSpec eqSite(Variant variant, DeviceSpec candidate) {
  InstallationSpec spec = site({physical("10.0.0.1", {std::move(candidate)})}, variant);
  spec.gateways[0].eqDevice = "EQ";
  return spec;
}

TEST(EqDeviceRule, AcceptsADeviceWithThdOnTheEws32) {
  EXPECT_TRUE(isValid(eqSite(Variant::Ews32, meter(1, "EQ"))));
}

TEST(EqDeviceRule, IsOnlyAvailableOnTheEws32) {
  EXPECT_TRUE(reports(eqSite(Variant::Ews255, meter(1, "EQ")), "installation.gateways[0].eqDevice",
                      "only available on the Mini Energy Web Server 32 (4 149 48)"));
  EXPECT_TRUE(reports(eqSite(Variant::Ews10, meter(1, "EQ")), "installation.gateways[0].eqDevice", "only available"));
}

TEST(EqDeviceRule, NeedsTheThdFunction) {
  EXPECT_TRUE(reports(eqSite(Variant::Ews32, device(DeviceFamily::EnergyCounter, "4 120 74", 1, "EQ")),
                      "installation.gateways[0].eqDevice", "has no THD or THD + harmonics function"));
  EXPECT_TRUE(reports(eqSite(Variant::Ews32, device(DeviceFamily::MultifunctionMeter, "", 1, "EQ")),
                      "installation.gateways[0].eqDevice", "no model set"));
}

TEST(EqDeviceRule, NamesADeviceOfThatGateway) {
  InstallationSpec spec = site({physical("10.0.0.1", {meter(1, "Other")}), physical("10.0.0.2", {meter(1, "EQ")})},
                               Variant::Ews32);
  spec.gateways[0].eqDevice = "EQ";
  EXPECT_TRUE(reports(spec, "installation.gateways[0].eqDevice", "this gateway has no device named \"EQ\""));
}

TEST(EqDeviceRule, FindsDevicesByTheirDefaultName) {
  InstallationSpec spec = site({physical("10.0.0.1", {meter(4)})}, Variant::Ews32);
  spec.gateways[0].eqDevice = "4";
  EXPECT_TRUE(isValid(spec));
}

}  // namespace
}  // namespace ews::installation

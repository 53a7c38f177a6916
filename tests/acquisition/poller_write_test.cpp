// Commands through the Poller (Poller::write): the DLM's register writes go out on the
// device's line ahead of the polls, are encoded from the profile, reach the simulated station,
// and report failures; bad requests are refused before anything is queued.
#include <gtest/gtest.h>

#include <optional>

#include "acquisition_test_support.hpp"

namespace {

using ews::acquisition::WriteOutcome;
using ews::acquisition::test::oneGatewaySite;
using ews::acquisition::test::PolledSite;

const std::string kStations =
    "        - {name: P3, family: charging-station, model: \"0 590 14\", address: 2, sim: {}}\n"
    "        - {name: Old, family: charging-station, model: \"0 590 31\", address: 3, phase: L1, sim: {}}\n";

TEST(PollerWrite, SetpointReachesTheStationAndReadsBack) {
  PolledSite site(oneGatewaySite("GW") + kStations);
  site.start();
  site.runFor(ews::seconds(3));
  std::optional<WriteOutcome> outcome;
  site.poller().write(site.id("P3"), "station.setpointA", 12.5, [&](const WriteOutcome& o) { outcome = o; });
  site.runFor(ews::seconds(3));
  ASSERT_TRUE(outcome.has_value());
  EXPECT_TRUE(outcome->ok()) << ews::link::describe(outcome->result);
  EXPECT_EQ(outcome->quantity, "station.setpointA");
  EXPECT_DOUBLE_EQ(outcome->value, 12.5);
  EXPECT_DOUBLE_EQ(site.site().stationModel(site.device("P3"))->station().snapshotAt(site.engine().now()).setpointA,
                   12.5);
  // The next poll reads the written value back.
  const auto readBack = site.measurements().latest(site.id("P3"), "station.setpointA");
  ASSERT_TRUE(readBack.has_value());
  EXPECT_DOUBLE_EQ(readBack->value, 12.5);
}

TEST(PollerWrite, CoilOfAnOldRangeSideIsWrittenWithItsPrefix) {
  PolledSite site(oneGatewaySite("GW") + kStations);
  site.start();
  std::optional<WriteOutcome> outcome;
  site.poller().write(site.id("Old"), "station.evPlugEnabled", 0.0, [&](const WriteOutcome& o) { outcome = o; });
  site.runFor(ews::seconds(3));
  ASSERT_TRUE(outcome.has_value());
  EXPECT_TRUE(outcome->ok()) << ews::link::describe(outcome->result);
  EXPECT_FALSE(site.site().stationModel(site.device("Old"))->station().snapshotAt(site.engine().now()).evPlugEnabled);
}

TEST(PollerWrite, AnOutOfRangeValueReportsTheDevicesException) {
  PolledSite site(oneGatewaySite("GW") + kStations);
  site.start();
  std::optional<WriteOutcome> outcome;
  // Above the 32 A rating: the station answers IllegalDataValue (docs/devices.md).
  site.poller().write(site.id("P3"), "station.setpointA", 80.0, [&](const WriteOutcome& o) { outcome = o; });
  site.runFor(ews::seconds(3));
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->result.status, ews::link::Status::Exception);
  EXPECT_EQ(outcome->result.exception, ews::link::ExceptionCode::IllegalDataValue);
}

TEST(PollerWrite, NothingIsSentToADeviceThatIsOff) {
  PolledSite site(oneGatewaySite("GW") + kStations);
  site.start();
  site.poller().setDeviceOn(site.id("P3"), false);
  const auto before = site.poller().lineStats(site.gateway("GW").id).transactions;
  std::optional<WriteOutcome> outcome;
  site.poller().write(site.id("P3"), "station.command.startWait", 1.0, [&](const WriteOutcome& o) { outcome = o; });
  ASSERT_TRUE(outcome.has_value());  // at once
  EXPECT_EQ(outcome->result.status, ews::link::Status::Disconnected);
  EXPECT_EQ(site.poller().lineStats(site.gateway("GW").id).transactions, before);
}

TEST(PollerWrite, UnknownOrReadOnlyFieldsAreRefusedByName) {
  PolledSite site(oneGatewaySite("GW") + kStations);
  EXPECT_THROW(site.poller().write(site.id("P3"), "station.nonsense", 1.0), std::invalid_argument);
  try {
    site.poller().write(site.id("P3"), "station.state", 1.0);
    FAIL() << "a read-only field was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("station.state"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("P3"), std::string::npos) << e.what();
  }
}

}  // namespace

// ---- the write guard of a site of real devices (ews live) ----

TEST(PollerWriteGuard, AModelledMapIsNotWrittenWithoutAnOptInAndNothingIsSent) {
  PolledSite site(oneGatewaySite("GW") + kStations);
  site.start();
  site.poller().guardWrites(false);
  const auto gateway = site.gateway("GW").id;
  site.runFor(ews::seconds(2));
  const auto before = site.poller().lineStats(gateway).transactions;
  std::optional<WriteOutcome> outcome;
  site.poller().write(site.id("P3"), "station.setpointA", 12.5, [&](const WriteOutcome& o) { outcome = o; });
  ASSERT_TRUE(outcome.has_value());  // at once, never queued
  EXPECT_FALSE(outcome->ok());
  EXPECT_NE(outcome->refused.find("register map 'greenup-premium' is modelled"), std::string::npos) << outcome->refused;
  EXPECT_EQ(site.poller().lineStats(gateway).transactions, before);
  site.runFor(ews::seconds(3));
  EXPECT_NE(site.site().stationModel(site.device("P3"))->station().snapshotAt(site.engine().now()).setpointA, 12.5);
}

TEST(PollerWriteGuard, TheSiteOrTheDeviceOptsInToWritingThroughModelledMaps) {
  for (const bool siteWide : {true, false}) {
    // The device's own opt-in, or the site's for every device.
    const std::string stations =
        siteWide ? kStations
                 : "        - {name: P3, family: charging-station, model: \"0 590 14\", address: 2, sim: {}, "
                   "writeModelledMap: true}\n";
    PolledSite site(oneGatewaySite("GW") + stations);
    site.start();
    site.poller().guardWrites(siteWide);
    EXPECT_EQ(site.poller().writeRefusal(site.id("P3")), "");
    std::optional<WriteOutcome> outcome;
    site.poller().write(site.id("P3"), "station.setpointA", 12.5, [&](const WriteOutcome& o) { outcome = o; });
    site.runFor(ews::seconds(3));
    ASSERT_TRUE(outcome.has_value());
    EXPECT_TRUE(outcome->ok()) << ews::link::describe(outcome->result) << outcome->refused;
    EXPECT_DOUBLE_EQ(site.site().stationModel(site.device("P3"))->station().snapshotAt(site.engine().now()).setpointA,
                     12.5);
  }
}

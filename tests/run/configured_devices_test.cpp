// A gateway and devices added by a configuration change to a site polling its simulated site
// (what `ews serve` does): the simulated site follows the change, so the new devices are polled
// (status On, values) and their consumption is recorded; a device removed by the next change
// is no longer polled while its neighbours are.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "ews/run/config_service.hpp"
#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_host.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/sitedb/history_reader.hpp"
#include "ews/stack/live_snapshot.hpp"

namespace ews::run {
namespace {

namespace fs = std::filesystem;
const std::string kDefault = std::string(EWS_SOURCE_DIR) + "/scenarios/default.yaml";

const stack::LiveSnapshot::Device* find(const stack::LiveSnapshot& snapshot, const std::string& name) {
  for (const auto& device : snapshot.devices) {
    if (device.name == name) return &device;
  }
  return nullptr;
}

TEST(ConfiguredDevices, AnAddedGatewaysDevicesArePolledAndRecordedAndARemovedOneStops) {
  const fs::path dir = fs::temp_directory_path() / ("ews-configured-devices-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  site::SimulatedSite site(scenario::loadScenarioFile(kDefault));
  SiteData data(dir, kDefault, "test", site.start());
  SiteHost host(site.engine(), data, site.deviceProfiles(), simulatedLines(site), "test");
  ConfigService service(data);
  host.start();
  site.runUntil(site.start() + hours(8));

  const std::string gateway =
      "{name: Added gateway, kind: physical, ip: 10.0.0.50, devices: ["
      "{name: Added meter, family: energy-counter, model: \"4 120 74\", address: 3},"
      "{name: Pulse one, family: pulse-counter, model: Electricity counter, concentrator: \"4 120 65\", address: 4, "
      "position: 1, medium: electricity},"
      "{name: Pulse two, family: pulse-counter, model: Electricity counter, concentrator: \"4 120 65\", address: 4, "
      "position: 2, medium: electricity},"
      "{name: Side one, family: charging-station, model: \"0 590 32\", address: 5, side: 1, phase: L1},"
      "{name: Side two, family: charging-station, model: \"0 590 32\", address: 5, side: 2, phase: L2}]}";
  host.reconfigure(service.apply({"installer", "add a gateway", {{ConfigEdit::Op::Append, "installation.gateways", gateway}}},
                                 site.engine().now()));
  const std::vector<std::string> added = {"Added meter", "Pulse one", "Pulse two", "Side one", "Side two"};
  site.runUntil(site.engine().now() + hours(2));

  const stack::LiveSnapshot snapshot =
      stack::takeSnapshot(host.ews(), *data.config().installation, site.engine().now(), data.config().version, 1);
  const sitedb::HistoryReader reader(data.db());
  for (const std::string& name : added) {
    SCOPED_TRACE(name);
    const auto* device = find(snapshot, name);
    ASSERT_NE(device, nullptr);
    EXPECT_EQ(device->status, acquisition::DeviceStatus::On);
    EXPECT_FALSE(device->values.empty());
    const auto day = reader.queries(host.zone()).total(history::SeriesKey::device(device->id), history::Period::Day,
                                                       site.engine().now());
    // Two hours of a default load (at least 0.5 x 400 W) or of a vehicle charging from a
    // minute after the change.
    EXPECT_GT(day.value, 300.0) << "Wh recorded";
  }

  // The meter removed: no longer polled (nothing answers at its address any more:
  // tests/site/configured_simulation_test.cpp).
  host.reconfigure(service.apply(
      {"installer", "remove the meter", {{ConfigEdit::Op::Remove, "installation.gateways[2].devices[0]", ""}}},
      site.engine().now()));
  site.runUntil(site.engine().now() + hours(1));
  const stack::LiveSnapshot after =
      stack::takeSnapshot(host.ews(), *data.config().installation, site.engine().now(), data.config().version, 2);
  EXPECT_EQ(find(after, "Added meter"), nullptr);
  const auto* pulse = find(after, "Pulse one");
  ASSERT_NE(pulse, nullptr);
  EXPECT_EQ(pulse->status, acquisition::DeviceStatus::On) << "its neighbours are still polled";
  host.close();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ews::run

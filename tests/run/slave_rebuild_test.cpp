// The Master/Slave server of a site whose configuration changes while masters poll it (the
// server of `ews live --data` / `ews twin --data`): a master reading over Modbus TCP on
// 127.0.0.1 (a kernel-chosen port) from its own thread while the engine's thread rebuilds the
// stack several times. Every read is answered, no served energy ever goes back, and the server
// serves the rebuilt stack's registers (a device added by a change answers at its Remote ID;
// the registers of the stack built at start would refuse it).
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "ews/installation/remote_id.hpp"
#include "ews/live/modbus_tcp_server.hpp"
#include "ews/live/slave_request_handler.hpp"
#include "ews/live/tcp_link.hpp"
#include "ews/profiles/master_slave_map.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/run/config_service.hpp"
#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_host.hpp"
#include "ews/scenario/loader.hpp"
#include "master_slave_test_support.hpp"

namespace ews::run {
namespace {

namespace fs = std::filesystem;

/// The default scenario with its Master/Slave server ON, written to `dir`.
fs::path slaveScenario(const fs::path& dir) {
  std::ifstream in(std::string(EWS_SOURCE_DIR) + "/scenarios/default.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::string off = "tcpServer: false";
  yaml.replace(yaml.find(off), off.size(), "tcpServer: true");
  fs::create_directories(dir);
  const fs::path path = dir / "slave.yaml";
  std::ofstream(path) << yaml;
  return path;
}

using master_slave::test::readServedValue;

TEST(SlaveRebuild, TheServerFollowsEachRebuiltStackWhileAMasterPolls) {
  const fs::path dir = fs::temp_directory_path() / ("ews-slave-rebuild-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path scenarioPath = slaveScenario(dir);
  site::SimulatedSite site(scenario::loadScenarioFile(scenarioPath.string()));
  SiteData data(dir / "data", scenarioPath.string(), "test", site.start());
  SiteHost host(site.engine(), data, site.deviceProfiles(), simulatedLines(site), "test");
  ConfigService service(data);
  ASSERT_NE(host.ews().sharedSlaveRegisters(), nullptr);
  live::SlaveRequestHandler handler(host.ews().sharedSlaveRegisters());
  host.onRebuilt([&handler](stack::EwsStack& ews) { handler.follow(ews.sharedSlaveRegisters()); });
  live::ModbusTcpServer server(live::ModbusTcpServerConfig{}, handler);  // 127.0.0.1, port 0
  server.start();
  host.start();
  site.runUntil(site.start() + hours(9));  // the working day: the total grows at every sample
  const profiles::ProfileCatalogue& catalogue = site.deviceProfiles();
  const profiles::Field value = catalogue.find(installation::DeviceFamily::WsMeasure, "WSMEASURE")->field(0);

  std::atomic<bool> stop{false};
  std::atomic<int> reads{0};
  std::atomic<int> failures{0};
  std::atomic<int> decreases{0};
  std::thread master([&] {
    live::TcpLink link(live::TcpLinkConfig{"127.0.0.1", server.port(), seconds(2)});
    std::array<std::uint16_t, 4> words{};
    double last = 0.0;
    while (!stop) {
      if (!readServedValue(link, installation::kAllElectricalLoadsRemoteId, words).ok()) {
        ++failures;
        continue;
      }
      const double wh = profiles::decode(value, words);
      if (wh < last) ++decreases;
      last = wh;
      ++reads;
    }
  });

  // Five rebuilds, each while the master reads, with an hour of polling after each.
  const int devicesBefore = static_cast<int>(data.config().installation->devices().size());
  for (int change = 0; change < 5; ++change) {
    const std::string description = "rebuilt " + std::to_string(change);
    host.reconfigure(service.apply(
        {"installer", description, {{ConfigEdit::Op::Set, "installation.gateways[1].description", description}}},
        site.engine().now()));
    const int readsBefore = reads;
    site.runUntil(site.engine().now() + hours(1));
    // Let the master read the new stack's registers a few times (bounded).
    for (int wait = 0; wait < 200 && reads < readsBefore + 5; ++wait) std::this_thread::sleep_for(milliseconds(10));
  }
  // A meter added on the Local gateway: the Remote ID of the last device is served from now on.
  host.reconfigure(service.apply(
      {"installer", "add a meter",
       {{ConfigEdit::Op::Append, "installation.gateways[1].devices",
         "{name: Added meter, family: energy-counter, model: \"4 120 74\", address: 9}"}}},
      site.engine().now()));
  site.runUntil(site.engine().now() + hours(1));
  stop = true;
  master.join();

  EXPECT_EQ(failures, 0);
  EXPECT_EQ(decreases, 0) << "a served energy fell back across a rebuild";
  EXPECT_GT(reads, 25);
  live::TcpLink link(live::TcpLinkConfig{"127.0.0.1", server.port(), seconds(2)});
  std::array<std::uint16_t, 4> words{};
  const int added = installation::encodeRemoteId({installation::RemoteKind::Device, devicesBefore + 1});
  const link::Result result = readServedValue(link, added, words);
  EXPECT_TRUE(result.ok()) << link::describe(result) << ": the server still serves the registers of an older stack";
  EXPECT_GT(profiles::decode(value, words), 0.0) << "the added meter's hour";
  server.stop();
  host.close();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ews::run

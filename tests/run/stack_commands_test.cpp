// The pages' commands to a running stack (stack::StackCommands through run::SiteHost) over the
// live pages' test site in virtual time: a power supervision output and an EMS CX3 order reach
// the simulated devices and are read back by the poller; bad commands are refused naming the
// member; Start/Wait on the current charge reaches the simulated station through the DLM; the
// snapshot shows the tripped breaker, the offline meter and each device's commands.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <optional>

#include "ews/run/simulated_lines.hpp"
#include "ews/run/site_host.hpp"
#include "ews/scenario/loader.hpp"

namespace ews::run {
namespace {

namespace fs = std::filesystem;
const std::string kScenario = std::string(EWS_SOURCE_DIR) + "/tests/browser/scenarios/live-pages.yaml";

class StackCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ews-commands-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    site_ = std::make_unique<site::SimulatedSite>(scenario::loadScenarioFile(kScenario));
    data_ = std::make_unique<SiteData>(dir_, kScenario, "test", site_->start());
    host_ = std::make_unique<SiteHost>(site_->engine(), *data_, site_->deviceProfiles(), simulatedLines(*site_), "test");
    host_->publishSnapshots(board_, seconds(1));
    host_->start();
  }
  void TearDown() override {
    host_->close();
    host_.reset();
    data_.reset();
    site_.reset();
    fs::remove_all(dir_);
  }

  int id(const std::string& name) const { return site_->installation().findDevice(name)->id; }
  void runFor(Duration span) { site_->runUntil(site_->engine().now() + span); }

  /// Posts a panel command, runs the engine until it has answered (at most 10 s of site time).
  stack::CommandOutcome write(const std::string& device, std::vector<stack::FieldWrite> writes) {
    std::optional<stack::CommandOutcome> outcome;
    host_->commands().writeFields(id(device), std::move(writes), [&](const stack::CommandOutcome& o) { outcome = o; });
    for (int i = 0; i < 100 && !outcome; ++i) runFor(milliseconds(100));
    return outcome.value_or(stack::CommandOutcome{stack::CommandOutcome::Kind::DeviceError, {}, "no answer"});
  }
  stack::CommandOutcome session(const std::string& station, std::optional<bool> start, std::optional<bool> priority) {
    std::optional<stack::CommandOutcome> outcome;
    host_->commands().sessionCommand(id(station), start, priority, [&](const stack::CommandOutcome& o) { outcome = o; });
    runFor(milliseconds(1));  // the input queue is drained at the next instant
    return outcome.value_or(stack::CommandOutcome{stack::CommandOutcome::Kind::DeviceError, {}, "no answer"});
  }
  double reading(const std::string& device, const std::string& quantity) const {
    const auto* value = host_->ews().measurements().reading(id(device), quantity);
    return value != nullptr ? value->value : -1.0;
  }
  const stack::LiveSnapshot::Device& snapshotOf(const std::string& device) const {
    for (const auto& d : board_.latest()->devices) {
      if (d.name == device) return d;
    }
    throw std::out_of_range(device);
  }

  fs::path dir_;
  std::unique_ptr<site::SimulatedSite> site_;
  std::unique_ptr<SiteData> data_;
  std::unique_ptr<SiteHost> host_;
  stack::SnapshotBoard board_;
};

TEST_F(StackCommandsTest, AnOutputCommandReachesTheSimulatedRelayAndItsConfigurationIsWritten) {
  runFor(seconds(5));
  EXPECT_EQ(reading("Alarm relays", "output.2.state"), 0.0);
  const auto applied = write("Alarm relays", {{"output.2.state", 1}});
  EXPECT_EQ(applied.kind, stack::CommandOutcome::Kind::Applied) << applied.message;
  runFor(seconds(3));  // the next polls read the device's output back
  EXPECT_EQ(reading("Alarm relays", "output.2.state"), 1.0);
  EXPECT_EQ(reading("Alarm relays", "output.1.state"), 0.0);

  // The configuration form's Write: normal state, command mode and ON time of one output.
  const auto configured = write("Alarm relays", {{"output.3.mode", 1}, {"output.3.command", 1}, {"output.3.onTimeS", 15}});
  EXPECT_EQ(configured.kind, stack::CommandOutcome::Kind::Applied) << configured.message;
  runFor(seconds(3));
  EXPECT_EQ(reading("Alarm relays", "output.3.mode"), 1.0);
  EXPECT_EQ(reading("Alarm relays", "output.3.command"), 1.0);
  EXPECT_EQ(reading("Alarm relays", "output.3.onTimeS"), 15.0);
}

TEST_F(StackCommandsTest, AnEmsCx3OrderSwitchesTheControlledDeviceWhoseFeedbackFollows) {
  runFor(seconds(5));
  EXPECT_EQ(reading("Fan control", "state.output.1"), 0.0);
  const auto applied = write("Fan control", {{"command.output.1", 1}});
  EXPECT_EQ(applied.kind, stack::CommandOutcome::Kind::Applied) << applied.message;
  runFor(seconds(3));
  EXPECT_EQ(reading("Fan control", "command.output.1"), 1.0);
  EXPECT_EQ(reading("Fan control", "state.output.1"), 1.0);
}

TEST_F(StackCommandsTest, BadCommandsAreRefusedNamingTheMemberAndNothingIsWritten) {
  runFor(seconds(5));
  auto outcome = write("Alarm relays", {{"output.1.state", 1}, {"output.9.state", 1}});
  EXPECT_EQ(outcome.kind, stack::CommandOutcome::Kind::Refused);
  EXPECT_EQ(outcome.field, "writes[1].quantity") << outcome.message;
  outcome = write("Alarm relays", {{"output.1.state", 2}});
  EXPECT_EQ(outcome.kind, stack::CommandOutcome::Kind::Refused);
  EXPECT_EQ(outcome.field, "writes[0].value") << outcome.message;
  outcome = write("Alarm relays", {{"output.1.onTimeS", 1.5}});
  EXPECT_EQ(outcome.field, "writes[0].value") << outcome.message;
  outcome = write("Alarm relays", {{"output.1.onTimeS", 70000}});
  EXPECT_EQ(outcome.field, "writes[0].value") << outcome.message;
  // The DLM's own registers are not the panel's: the management page goes through the controller.
  outcome = write("Green'Up 1", {{"station.setpointA", 10}});
  EXPECT_EQ(outcome.kind, stack::CommandOutcome::Kind::Refused);
  EXPECT_EQ(outcome.field, "writes[0].quantity") << outcome.message;
  outcome = write("Main meter", {{"supply.direction", 1}});
  EXPECT_EQ(outcome.kind, stack::CommandOutcome::Kind::Refused);
  outcome = write("Alarm relays", {});
  EXPECT_EQ(outcome.field, "writes");
  std::optional<stack::CommandOutcome> unknown;
  host_->commands().writeFields(999, {{"output.1.state", 1}}, [&](const stack::CommandOutcome& o) { unknown = o; });
  runFor(milliseconds(1));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, stack::CommandOutcome::Kind::NotFound);
  runFor(seconds(3));
  EXPECT_EQ(reading("Alarm relays", "output.1.state"), 0.0) << "a refused batch writes nothing";
}

TEST_F(StackCommandsTest, StartWaitActsOnTheCurrentChargeOnlyAndReachesTheSimulatedStation) {
  const auto& station = site_->installation().device(id("Green'Up 2"));
  // 08:00:00: no vehicle yet.
  const auto early = session("Green'Up 2", false, std::nullopt);
  EXPECT_EQ(early.kind, stack::CommandOutcome::Kind::Refused);
  EXPECT_EQ(early.field, "start");
  EXPECT_NE(early.message.find("no charge in progress"), std::string::npos) << early.message;
  EXPECT_EQ(session("Main meter", true, std::nullopt).kind, stack::CommandOutcome::Kind::NotFound);

  // The vehicle arrives at 08:00:05, is authorised at once (no hold time) and charges.
  runFor(minutes(3));
  physics::ChargingStationModel* model = site_->stationModel(station);
  ASSERT_NE(model, nullptr);
  ASSERT_GT(model->station().snapshotAt(site_->engine().now()).currentPerPhaseA, 5.0);

  const Duration control = site_->scenario().run.controlPeriod;
  const Time asked = site_->engine().now();
  ASSERT_EQ(session("Green'Up 2", false, std::nullopt).kind, stack::CommandOutcome::Kind::Applied);
  // The controller decides at its next period and writes Wait through the poller; the station
  // applies it after its response delay (2 s, charging_station.hpp), when the vehicle stops drawing.
  Time stopped = kNever;
  while (site_->engine().now() < asked + seconds(10)) {
    runFor(milliseconds(100));
    if (model->station().snapshotAt(site_->engine().now()).currentPerPhaseA == 0.0) {
      stopped = site_->engine().now();
      break;
    }
  }
  ASSERT_NE(stopped, kNever) << "the vehicle still draws 10 s after Wait";
  RecordProperty("waitToNoCurrentMs", static_cast<int>(toMicros(stopped - asked) / 1000));
  EXPECT_LE(stopped - asked, 2 * control + seconds(2) + milliseconds(100)) << "two control periods and the response delay";
  runFor(seconds(5));
  EXPECT_EQ(board_.latest()->dlm->stations[1].startWait, "wait");
  EXPECT_EQ(reading("Green'Up 2", "current.L2"), 0.0) << "the poller reads the stopped station";

  ASSERT_EQ(session("Green'Up 2", true, true).kind, stack::CommandOutcome::Kind::Applied);
  runFor(seconds(10));
  EXPECT_GT(model->station().snapshotAt(site_->engine().now()).currentPerPhaseA, 5.0);
  EXPECT_TRUE(board_.latest()->dlm->stations[1].priority);
}

TEST_F(StackCommandsTest, TheSnapshotShowsTheTrippedBreakerTheOfflineMeterAndEachDevicesCommands) {
  runFor(minutes(2));
  const auto& kitchen = snapshotOf("Kitchen");
  const auto* state = [&]() -> const stack::LiveSnapshot::Value* {
    for (const auto& v : kitchen.values) {
      if (v.quantity == "breaker.state") return &v;
    }
    return nullptr;
  }();
  ASSERT_NE(state, nullptr);
  EXPECT_EQ(state->value, 2.0) << "70 kW through a 63 A breaker trips it on overcurrent";
  EXPECT_EQ(snapshotOf("HVAC").status, acquisition::DeviceStatus::CommunicationError);
  EXPECT_EQ(snapshotOf("Alarm relays").commands,
            (std::vector<std::string>{"output.1.state", "output.2.state", "output.3.state", "output.4.state", "output.1.mode",
                                      "output.2.mode", "output.3.mode", "output.4.mode", "output.1.command",
                                      "output.2.command", "output.3.command", "output.4.command", "output.1.onTimeS",
                                      "output.2.onTimeS", "output.3.onTimeS", "output.4.onTimeS"}));
  EXPECT_EQ(snapshotOf("Green'Up 1").commands,
            (std::vector<std::string>{"station.evPlugEnabled", "station.domesticPlugEnabled"}));
  EXPECT_TRUE(snapshotOf("Main meter").commands.empty());
  // The function symbols come from the map: the offline meter has its "measure" all the same.
  EXPECT_EQ(snapshotOf("HVAC").functions, std::vector<std::string>{"measure"});
  EXPECT_EQ(snapshotOf("Water").functions, std::vector<std::string>{"measure"});
  EXPECT_EQ(snapshotOf("Kitchen").functions, (std::vector<std::string>{"measure", "state"}));
  EXPECT_EQ(snapshotOf("Fan control").functions, (std::vector<std::string>{"state", "command"}));
  EXPECT_EQ(snapshotOf("Green'Up 1").functions, (std::vector<std::string>{"measure", "state", "command"}));
  EXPECT_EQ(snapshotOf("Gas").addressLabel, "5-2");
  EXPECT_EQ(snapshotOf("Green'Up 1").gatewayName, "Car park gateway");
  EXPECT_EQ(snapshotOf("Green'Up 1").panelBoard, "Car park board");
  ASSERT_TRUE(board_.latest()->dlm);
  EXPECT_EQ(board_.latest()->dlm->stations.size(), 2u);
}

}  // namespace
}  // namespace ews::run

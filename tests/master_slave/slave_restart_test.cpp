// A master's virtual device across its slave's outage and restart: communication error while the
// slave is gone, then the counters continue without double counting and without a negative
// delta (acquisition::Measurements::feedCounter's reset rule), through the same EwsStack and
// Poller as any device.
#include <gtest/gtest.h>

#include <array>

#include "ews/installation/installation.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/stack/ews_stack.hpp"
#include "ews/stack/scenario_settings.hpp"
#include "master_slave_test_support.hpp"

namespace {

using namespace ews;
using recording::AggregateSample;

/// The slave at the other end of the virtual gateway: its registers, or nobody (a TCP
/// connection refused while the slave restarts).
class SwitchableSlave final : public link::Link {
 public:
  void serve(const stack::SlaveRegisters* registers) { registers_ = registers; }
  link::Result transact(const link::Request& request) override {
    link::Result result;
    result.duration = milliseconds(2);
    if (registers_ == nullptr) {
      result.status = link::Status::Disconnected;
      result.duration = milliseconds(300);
      return result;
    }
    result.exception = registers_->answer(request);
    if (result.exception != link::ExceptionCode::None) result.status = link::Status::Exception;
    return result;
  }
  std::string describe() const override { return "switchable slave"; }

 private:
  const stack::SlaveRegisters* registers_ = nullptr;
};

/// Counts the events the poller reports (status changes, counter corrections).
class Events final : public recording::SampleSink {
 public:
  void onSamples(Time, std::span<const recording::DeviceSample>) override {}
  void onEvent(const recording::Event& event) override { kinds.push_back(event.kind); }
  std::vector<std::string> kinds;
};

/// One sample of a slave whose electricity total grew by `totalWh`.
void record(stack::SlaveRegisters& slave, Time t, double totalWh) {
  std::array<AggregateSample, 1> total{};
  total[0].kind = AggregateSample::Kind::ElectricityTotal;
  total[0].delta = totalWh;
  slave.onAggregates(t, total);
}

TEST(SlaveRestart, CountersContinueWithoutDoubleCountingAndStatusFollowsTheSlave) {
  master_slave::test::ScratchFolder folder;
  folder.write("s.yaml", master_slave::test::slaveScenario("s", 1000, 1));
  const auto slaveScenario = scenario::loadScenarioFile((folder.path() / "s.yaml").string());
  const auto slaveSite = installation::Installation::build(slaveScenario.installation);
  const auto masterScenario =
      scenario::parseScenario(master_slave::test::masterScenario("m", {{"s.yaml", "S"}}), "m.yaml");
  const auto master = installation::Installation::build(masterScenario.installation);
  const auto profiles = profiles::ProfileCatalogue::loadDirectory(profiles::defaultProfileDirectory());
  const auto& layout = *profiles.find(installation::DeviceFamily::WsMeasure, "WSMEASURE");
  const TimeZone zone("Europe/Paris");

  const Time start = masterScenario.run.start;
  Engine engine(EngineConfig{start, 1});
  stack::EwsStack ews(engine, master, profiles, zone, stack::stackSettingsOf(masterScenario, master));
  Events events;
  ews.addSink(events);
  SwitchableSlave wire;
  link::VirtualTimeLink line(engine, wire);
  ews.attachLine(*master.findGateway("S"), line);
  const int total = master.findDevice("S total")->id;
  const auto consumed = [&] { return ews.measurements().consumption(total)->total; };

  stack::SlaveRegisters beforeRestart(slaveSite, layout);
  record(beforeRestart, start, 5000.0);  // what the slave had recorded when the master started
  wire.serve(&beforeRestart);
  ews.start();
  engine.runFor(seconds(30));
  EXPECT_EQ(consumed(), 0.0);  // counted from the first reading, as any meter
  record(beforeRestart, engine.now(), 700.0);
  engine.runFor(seconds(30));
  EXPECT_EQ(consumed(), 700.0);
  EXPECT_EQ(ews.measurements().status(total), acquisition::DeviceStatus::On);

  wire.serve(nullptr);  // the slave stops answering
  engine.runFor(seconds(30));
  EXPECT_EQ(ews.measurements().status(total), acquisition::DeviceStatus::CommunicationError);
  EXPECT_EQ(ews.poller().gatewayStatus(master.findGateway("S")->id), acquisition::DeviceStatus::CommunicationError);
  EXPECT_EQ(consumed(), 700.0);

  // Restarted: its counters start again from zero, and it records 250 Wh before it is read.
  stack::SlaveRegisters afterRestart(slaveSite, layout);
  record(afterRestart, engine.now(), 250.0);
  wire.serve(&afterRestart);
  engine.runFor(minutes(6));  // longer than the back-off of the gateway's probes
  EXPECT_EQ(ews.measurements().status(total), acquisition::DeviceStatus::On);
  EXPECT_EQ(consumed(), 950.0);  // 700 before, 250 since the restart: nothing counted twice
  record(afterRestart, engine.now(), 100.0);
  engine.runFor(seconds(30));
  EXPECT_EQ(consumed(), 1050.0);
  EXPECT_EQ(std::count(events.kinds.begin(), events.kinds.end(), "counter-reset"), 1);
}

}  // namespace

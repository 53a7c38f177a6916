#pragma once
// A small site, a poller stand-in that fills Measurements directly, and a sink that keeps
// copies of what the recorder publishes.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/history/history.hpp"
#include "ews/history/recorder.hpp"
#include "ews/installation/installation.hpp"
#include "ews/kernel/calendar.hpp"
#include "ews/kernel/engine.hpp"

namespace ews::history::testing {

/// Local date-time in Europe/Paris ("2026-03-29 01:00") to UTC.
Time paris(const std::string& local);
const TimeZone& parisZone();

// The test site (ids are assigned in order of appearance):
//   1 Main     energy counter, load Heating, group Floor 1
//   2 Lights   energy counter, load Lighting, group Floor 1, "Exclude from totals" (a sub-meter of Main)
//   3 Sockets  energy counter, load Power sockets, group Floor 1
//   4 Water    water pulse counter
//   5 Gas      gas pulse counter, group Floor 1 (a mixed group: its gas stays out of the group's Wh)
//   6 Lab      energy counter, OFF (not active)
//   7 Slave    WSMEASURE virtual device on a slave server (in the Grand Total)
inline constexpr int kMain = 1, kLights = 2, kSockets = 3, kWater = 4, kGas = 5, kLab = 6, kSlave = 7;
installation::Installation makeSite();

/// Stands in for the poller: every `period` (Update phase) each device reads its counter
/// (the integral of its power, Wh; dm3 for water and gas with `power` in dm3/h) and its
/// active power, unless `offline(id, t)` says it is in communication error.
class FakePoller {
 public:
  using Power = std::function<double(int deviceId, Time t)>;
  using Offline = std::function<bool(int deviceId, Time t)>;
  FakePoller(Engine& engine, acquisition::Measurements& measurements, std::vector<int> deviceIds, Duration period,
             Power power, Offline offline = {});
  /// The true counter (what the meter itself holds), for checks.
  double trueCounter(int deviceId) const { return counters_.at(deviceId); }

 private:
  void poll(Time t);
  acquisition::Measurements& measurements_;
  std::vector<int> deviceIds_;
  Power power_;
  Offline offline_;
  std::map<int, double> counters_;
  std::map<int, double> powers_;
  std::optional<Time> last_;
};

struct CapturedRow {
  double counter = 0.0;
  double delta = 0.0;
  double averageRate = 0.0;
  bool gap = false;
  std::map<std::string, recording::StatSample> stats;  // quantity views re-pointed at the keys
};

struct CapturedAggregate {
  recording::AggregateSample::Kind kind;
  int id;
  std::string name;
  double delta;
  double gasKWhEquivalent;
  bool partial;
};

class CapturingSink : public recording::SampleSink {
 public:
  void onSamples(Time t, std::span<const recording::DeviceSample> samples) override;
  void onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) override;
  void onEvent(const recording::Event& event) override { events.push_back(event); }

  std::vector<Time> instants;
  std::map<Time, std::map<int, CapturedRow>> rows;
  std::map<Time, std::vector<CapturedAggregate>> aggregates;
  std::vector<recording::Event> events;
  std::vector<std::string> order;  // "samples" / "aggregates", to check the publishing order

  /// nullptr when absent.
  const CapturedAggregate* aggregate(Time t, recording::AggregateSample::Kind kind, int id = 0) const;
};

/// Records one row of device `deviceId` at `t` straight into `history` (no recorder).
void feed(History& history, Time t, double delta, bool gap = false, int deviceId = kMain);
/// Records a row every `step` in (from, to] with delta `deltaAt(t)`; returns their sum.
double feedRange(History& history, Time from, Time to, Duration step, const std::function<double(Time)>& deltaAt);
/// A retention that keeps every resolution forever.
Retention keepEverything();

/// An engine at `start`, the test site, measurements, a fake poller reading all devices every
/// minute and a recorder publishing to `sink` and to `history`.
struct Rig {
  Rig(Time start, FakePoller::Power power, FakePoller::Offline offline = {}, RecorderSettings settings = {});
  Engine engine;
  installation::Installation installation;
  acquisition::Measurements measurements;
  FakePoller poller;
  Recorder recorder;
  CapturingSink sink;
  History history;
};

}  // namespace ews::history::testing

#include "history_test_support.hpp"

#include <gtest/gtest.h>

namespace ews::history::testing {

namespace inst = ews::installation;

const TimeZone& parisZone() {
  static const TimeZone zone("Europe/Paris");
  return zone;
}

Time paris(const std::string& local) { return parisZone().toUtc(parseLocalDateTime(local)); }

installation::Installation makeSite() {
  inst::InstallationSpec spec;
  spec.variant = inst::Variant::Ews255;
  spec.siteName = "Test site";
  spec.groups.push_back(inst::GroupSpec{"Floor 1", "", true, {}, {}});
  inst::GatewaySpec gateway;
  gateway.name = "GW";
  gateway.ip = "10.0.0.2";
  auto counter = [](std::string name, int address, std::string load, std::vector<std::string> groups) {
    inst::DeviceSpec d;
    d.name = std::move(name);
    d.family = inst::DeviceFamily::EnergyCounter;
    d.address = address;
    d.load = std::move(load);
    d.groups = std::move(groups);
    return d;
  };
  auto pulse = [](std::string name, int position, inst::Medium medium, std::vector<std::string> groups) {
    inst::DeviceSpec d;
    d.name = std::move(name);
    d.family = inst::DeviceFamily::PulseCounter;
    d.address = 10;
    d.position = position;
    d.medium = medium;
    d.groups = std::move(groups);
    return d;
  };
  gateway.devices.push_back(counter("Main", 1, "Heating", {"Floor 1"}));
  gateway.devices.push_back(counter("Lights", 2, "Lighting", {"Floor 1"}));
  gateway.devices.back().excludeFromTotals = true;
  gateway.devices.push_back(counter("Sockets", 3, "Power sockets", {"Floor 1"}));
  gateway.devices.push_back(pulse("Water", 1, inst::Medium::Water, {}));
  gateway.devices.push_back(pulse("Gas", 2, inst::Medium::Gas, {"Floor 1"}));
  gateway.devices.push_back(counter("Lab", 6, "", {}));
  gateway.devices.back().on = false;
  spec.gateways.push_back(gateway);

  inst::GatewaySpec slave;
  slave.name = "Slave";
  slave.kind = inst::GatewayKind::Virtual;
  slave.ip = "10.0.0.3";
  inst::DeviceSpec virtualDevice;
  virtualDevice.name = "Slave";
  virtualDevice.family = inst::DeviceFamily::WsMeasure;
  virtualDevice.address = 247;
  virtualDevice.remoteId = 29999;
  slave.devices.push_back(virtualDevice);
  spec.gateways.push_back(slave);
  return inst::Installation::build(spec);
}

FakePoller::FakePoller(Engine& engine, acquisition::Measurements& measurements, std::vector<int> deviceIds,
                       Duration period, Power power, Offline offline)
    : measurements_(measurements), deviceIds_(std::move(deviceIds)), power_(std::move(power)), offline_(std::move(offline)) {
  for (int id : deviceIds_) counters_[id] = 0.0;
  engine.every(period, engine.now(), EventPhase::Update, [this](Time t) { poll(t); });
}

void FakePoller::poll(Time t) {
  const double hoursSinceLast = last_ ? toSeconds(t - *last_) / 3600.0 : 0.0;
  last_ = t;
  for (int id : deviceIds_) {
    // The meter counts whatever happens to the communication.
    counters_[id] += powers_[id] * hoursSinceLast;
    powers_[id] = power_(id, t);
    if (offline_ && offline_(id, t)) {
      measurements_.setStatus(id, acquisition::DeviceStatus::CommunicationError);
      measurements_.markAllStale(id);
      continue;
    }
    measurements_.setStatus(id, acquisition::DeviceStatus::On);
    measurements_.feedCounter(id, counters_[id], 0.0, t);
    measurements_.store(id, "power.active.total", powers_[id], t);
  }
}

void CapturingSink::onSamples(Time t, std::span<const recording::DeviceSample> samples) {
  order.push_back("samples");
  instants.push_back(t);
  auto& byId = rows[t];
  for (const auto& s : samples) {
    CapturedRow row{s.counter, s.delta, s.averageRate, s.gap, {}};
    for (const auto& stat : s.stats) row.stats[std::string(stat.quantity)] = stat;
    byId[s.deviceId] = row;
  }
}

void CapturingSink::onAggregates(Time t, std::span<const recording::AggregateSample> rowsIn) {
  order.push_back("aggregates");
  auto& out = aggregates[t];
  for (const auto& a : rowsIn) out.push_back({a.kind, a.id, a.name ? *a.name : "", a.delta, a.gasKWhEquivalent, a.partial});
}

const CapturedAggregate* CapturingSink::aggregate(Time t, recording::AggregateSample::Kind kind, int id) const {
  const auto it = aggregates.find(t);
  if (it == aggregates.end()) return nullptr;
  for (const auto& a : it->second) {
    if (a.kind == kind && a.id == id) return &a;
  }
  return nullptr;
}

void feed(History& history, Time t, double delta, bool gap, int deviceId) {
  recording::DeviceSample row;
  row.deviceId = deviceId;
  row.delta = delta;
  row.gap = gap;
  history.onSamples(t, std::span<const recording::DeviceSample>(&row, 1));
}

double feedRange(History& history, Time from, Time to, Duration step, const std::function<double(Time)>& deltaAt) {
  double sum = 0.0;
  for (Time t = from + step; t <= to; t += step) {
    const double delta = deltaAt(t);
    feed(history, t, delta);
    sum += delta;
  }
  return sum;
}

Retention keepEverything() {
  return Retention{Duration::max(), Duration::max(), Duration::max(), Duration::max()};
}

Rig::Rig(Time start, FakePoller::Power power, FakePoller::Offline offline, RecorderSettings settings)
    : engine(EngineConfig{start, 1}),
      installation(makeSite()),
      poller(engine, measurements, {kMain, kLights, kSockets, kWater, kGas, kSlave}, minutes(1), std::move(power),
             std::move(offline)),
      recorder(engine, installation, measurements, std::move(settings)),
      history(parisZone()) {
  recorder.addSink(sink);
  recorder.addSink(history);
}

}  // namespace ews::history::testing

#pragma once
// A simulated site polled by the acquisition: the site's SimLinks behind VirtualTimeLinks, one
// Poller over every physical/Local gateway, the poll notices and events it produced.
#include <memory>
#include <string>
#include <vector>

#include "ews/acquisition/measurements.hpp"
#include "ews/acquisition/poller.hpp"
#include "ews/link/async_link.hpp"
#include "ews/site/simulated_site.hpp"

namespace ews::acquisition::test {

/// Collects the Poller's events.
class EventLog final : public recording::SampleSink {
 public:
  void onSamples(Time, std::span<const recording::DeviceSample>) override {}
  void onEvent(const recording::Event& event) override { events.push_back(event); }
  std::vector<recording::Event> events;
  std::size_t count(int deviceId, const std::string& kind) const;
};

class PolledSite {
 public:
  explicit PolledSite(const std::string& yaml, PollerSettings settings = {});
  explicit PolledSite(scenario::Scenario scenario, PollerSettings settings = {});

  site::SimulatedSite& site() { return *site_; }
  Engine& engine() { return site_->engine(); }
  Poller& poller() { return *poller_; }
  Measurements& measurements() { return measurements_; }
  const installation::Device& device(const std::string& name) const;
  const installation::Gateway& gateway(const std::string& name) const;
  int id(const std::string& deviceName) const { return device(deviceName).id; }

  void start() { poller_->start(); }
  void runUntil(Time t) { site_->runUntil(t); }
  void runFor(Duration span) { site_->runUntil(site_->engine().now() + span); }
  Time at(Duration sinceStart) const { return site_->start() + sinceStart; }

  /// Poll notices of one device (kind filter optional).
  std::vector<PollNotice> noticesOf(int deviceId) const;
  std::vector<PollNotice> notices;
  EventLog events;

 private:
  void build(PollerSettings settings);
  std::unique_ptr<site::SimulatedSite> site_;
  Measurements measurements_;
  std::vector<std::unique_ptr<link::VirtualTimeLink>> links_;
  std::unique_ptr<Poller> poller_;
};

/// The head of a one-gateway EWS 255 scenario up to the gateway's `devices:` key
/// (2026-01-05, one day, seed 3, 19200 8E1).
std::string oneGatewaySite(const std::string& gatewayName);

/// oneGatewaySite("GW1") with `gw1Devices`, then a second gateway GW2 at 10.0.0.2 with
/// `gw2Devices`: the two-line sites of the gateway fault tests.
std::string twoGatewaySite(const std::string& gw1Devices, const std::string& gw2Devices);

/// A device line: a three-phase EMDX3 energy counter at `address` drawing a constant `powerW`.
std::string meterLine(const std::string& name, int address, const std::string& profile);

}  // namespace ews::acquisition::test

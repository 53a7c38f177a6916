#include "acquisition_test_support.hpp"

#include <algorithm>
#include <stdexcept>

#include "ews/scenario/loader.hpp"

namespace ews::acquisition::test {

std::size_t EventLog::count(int deviceId, const std::string& kind) const {
  return static_cast<std::size_t>(std::count_if(events.begin(), events.end(), [&](const recording::Event& e) {
    return e.deviceId == deviceId && e.kind == kind;
  }));
}

PolledSite::PolledSite(const std::string& yaml, PollerSettings settings)
    : site_(std::make_unique<site::SimulatedSite>(scenario::parseScenario(yaml, "test.yaml"))) {
  build(settings);
}

PolledSite::PolledSite(scenario::Scenario scenario, PollerSettings settings)
    : site_(std::make_unique<site::SimulatedSite>(std::move(scenario))) {
  build(settings);
}

void PolledSite::build(PollerSettings settings) {
  poller_ = std::make_unique<Poller>(site_->engine(), site_->installation(), site_->deviceProfiles(), measurements_,
                                     settings);
  for (const site::SiteLink& line : site_->links()) {
    links_.push_back(std::make_unique<link::VirtualTimeLink>(site_->engine(), *line.link));
    poller_->attachLine(*line.gateway, *links_.back());
  }
  poller_->setEventSink(&events);
  poller_->setPollObserver([this](const PollNotice& notice) { notices.push_back(notice); });
}

const installation::Device& PolledSite::device(const std::string& name) const {
  const installation::Device* device = site_->installation().findDevice(name);
  if (device == nullptr) throw std::invalid_argument("no device " + name);
  return *device;
}

const installation::Gateway& PolledSite::gateway(const std::string& name) const {
  const installation::Gateway* gateway = site_->installation().findGateway(name);
  if (gateway == nullptr) throw std::invalid_argument("no gateway " + name);
  return *gateway;
}

std::vector<PollNotice> PolledSite::noticesOf(int deviceId) const {
  std::vector<PollNotice> result;
  for (const PollNotice& notice : notices) {
    if (notice.deviceId == deviceId) result.push_back(notice);
  }
  return result;
}

std::string oneGatewaySite(const std::string& gatewayName) {
  return "name: acquisition\n"
         "ews: {variant: \"255\", timezone: Europe/Paris}\n"
         "run: {start: \"2026-01-05T00:00\", duration: 1d, seed: 3}\n"
         "installation:\n"
         "  gateways:\n"
         "    - name: " +
         gatewayName +
         "\n"
         "      ip: 10.0.0.1\n"
         "      devices:\n";
}

std::string twoGatewaySite(const std::string& gw1Devices, const std::string& gw2Devices) {
  return oneGatewaySite("GW1") + gw1Devices +
         "    - name: GW2\n"
         "      ip: 10.0.0.2\n"
         "      devices:\n" +
         gw2Devices;
}

std::string meterLine(const std::string& name, int address, const std::string& profile) {
  return "        - {name: " + name + ", family: energy-counter, model: \"4 120 74\", address: " +
         std::to_string(address) + ", sim: {profile: " + profile + "}}\n";
}

}  // namespace ews::acquisition::test

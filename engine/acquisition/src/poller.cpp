#include "ews/acquisition/poller.hpp"

#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "poll_line.hpp"

namespace ews::acquisition {

Poller::Poller(Engine& engine, const installation::Installation& installation,
               const profiles::ProfileCatalogue& profiles, Measurements& measurements, PollerSettings settings)
    : engine_(&engine), installation_(&installation), measurements_(&measurements), settings_(settings) {
  if (settings_.cyclePeriod <= Duration{0}) throw std::invalid_argument("poller: the cycle period must be positive");
  if (settings_.retries < 0 || settings_.failuresBeforeError < 1) {
    throw std::invalid_argument("poller: retries must be >= 0 and failuresBeforeError >= 1");
  }
  const auto devices = installation.devices();
  plans_.reserve(devices.size());  // lines keep pointers into plans_: no reallocation after this
  for (const installation::Device* device : devices) {
    if (auto plan = planDevicePoll(installation, profiles, *device, settings_.plan)) plans_.push_back(std::move(*plan));
  }
}

Poller::~Poller() = default;

void Poller::attachLine(const installation::Gateway& gateway, link::AsyncLink& link) {
  for (const auto& line : lines_) {
    if (line->gateway().id == gateway.id) {
      throw std::invalid_argument(fmt::format("gateway '{}' already has a line attached", gateway.name));
    }
  }
  std::vector<const DevicePlan*> plans;
  for (const DevicePlan& plan : plans_) {
    if (installation_->gatewayOf(*plan.device).id == gateway.id) plans.push_back(&plan);
  }
  lines_.push_back(std::make_unique<Line>(*this, gateway, link, plans));
  Line& line = *lines_.back();
  line.setGatewayOn(gateway.on);
  for (const DevicePlan* plan : plans) {
    const auto member = static_cast<std::size_t>(line.memberOf(plan->device->id));
    line.setDeviceOn(member, plan->device->on);
    // The stack names its fast devices when it is built, before any line is attached.
    line.setFast(member, fastDevices_.contains(plan->device->id));
  }
}

void Poller::setFastDevices(std::span<const int> deviceIds) {
  fastDevices_ = std::set<int>(deviceIds.begin(), deviceIds.end());
  for (const auto& line : lines_) {
    for (const DevicePlan& plan : plans_) {
      const int member = line->memberOf(plan.device->id);
      if (member >= 0) line->setFast(static_cast<std::size_t>(member), fastDevices_.contains(plan.device->id));
    }
  }
}

void Poller::start() {
  if (started_) return;
  started_ = true;
  // Initial statuses without events: nothing changed, the acquisition just began.
  for (const DevicePlan& plan : plans_) {
    const bool active = installation_->isActive(*plan.device) && deviceOn(plan.device->id) &&
                        gatewayOn(installation_->gatewayOf(*plan.device).id);
    measurements_->setStatus(plan.device->id, active ? DeviceStatus::On : DeviceStatus::Off);
  }
  for (const auto& line : lines_) line->start();
}

Poller::Line& Poller::lineOf(const installation::Device& device) {
  const int gatewayId = installation_->gatewayOf(device).id;
  for (const auto& line : lines_) {
    if (line->gateway().id == gatewayId) return *line;
  }
  throw std::out_of_range(fmt::format("device '{}': its gateway has no line attached", device.name));
}

void Poller::setDeviceOn(int deviceId, bool on) {
  const installation::Device& device = installation_->device(deviceId);
  Line& line = lineOf(device);
  const int member = line.memberOf(deviceId);
  if (member < 0) throw std::out_of_range(fmt::format("device '{}' is not polled (no profile)", device.name));
  line.setDeviceOn(static_cast<std::size_t>(member), on);
}

void Poller::setGatewayOn(int gatewayId, bool on) {
  for (const auto& line : lines_) {
    if (line->gateway().id == gatewayId) {
      line->setGatewayOn(on);
      return;
    }
  }
  throw std::out_of_range(fmt::format("gateway {} has no line attached", gatewayId));
}

bool Poller::deviceOn(int deviceId) const {
  for (const auto& line : lines_) {
    if (line->memberOf(deviceId) >= 0) return line->deviceOn(static_cast<std::size_t>(line->memberOf(deviceId)));
  }
  return installation_->device(deviceId).on;
}

bool Poller::gatewayOn(int gatewayId) const {
  for (const auto& line : lines_) {
    if (line->gateway().id == gatewayId) return line->gatewayOn();
  }
  return installation_->gateway(gatewayId).on;
}

DeviceStatus Poller::gatewayStatus(int gatewayId) const {
  for (const auto& line : lines_) {
    if (line->gateway().id == gatewayId) return line->gatewayStatus();
  }
  return installation_->gateway(gatewayId).on ? DeviceStatus::On : DeviceStatus::Off;
}

void Poller::probe(const installation::Device& device, ProbeCallback done) {
  const installation::Gateway& gateway = installation_->gatewayOf(device);
  Line* line = nullptr;
  for (const auto& candidate : lines_) {
    if (candidate->gateway().id == gateway.id) line = candidate.get();
  }
  const int member = line != nullptr ? line->memberOf(device.id) : -1;
  if (line == nullptr) {
    done(probeNotSent(fmt::format("gateway '{}' has no RS485 line attached", gateway.name)));
  } else if (member < 0) {
    done(probeNotSent(fmt::format("no register map describes '{}' (model not set or not supported)", device.name)));
  } else {
    line->test(static_cast<std::size_t>(member), std::move(done));
  }
}

void Poller::write(int deviceId, std::string_view quantity, double value, WriteCallback done) {
  const installation::Device& device = installation_->device(deviceId);
  const DevicePlan* plan = planOf(deviceId);
  if (plan == nullptr) {
    throw std::invalid_argument(fmt::format("device '{}' is not polled over a line: nothing to write to", device.name));
  }
  const std::string name = plan->prefix + std::string(quantity);
  const auto field = plan->map->find(name);
  if (!field || !plan->map->fields()[*field].writable()) {
    throw std::invalid_argument(fmt::format("device '{}' has no writable field '{}'", device.name, quantity));
  }
  if (std::string refusal = writeRefusal(deviceId); !refusal.empty()) {
    refuseWrite(deviceId, quantity, value, std::move(refusal), done);
    return;
  }
  Line& line = lineOf(device);
  line.write(static_cast<std::size_t>(line.memberOf(deviceId)), *field, value, std::move(done));
}

void Poller::refuseWrite(int deviceId, std::string_view quantity, double value, std::string refusal,
                         const WriteCallback& done) {
  // Once per device and quantity: the DLM asks again at every change, and the reason stays.
  if (refusalsReported_.emplace(deviceId, std::string(quantity)).second) {
    emit(recording::Event{engine_->now(), deviceId, "write-refused",
                          fmt::format("{} = {:g} not sent: {}", quantity, value, refusal)});
  }
  WriteOutcome outcome{deviceId, std::string(quantity), value,
                       link::Result{link::Status::InvalidRequest, link::ExceptionCode::None, {}}, std::move(refusal)};
  if (done) done(outcome);
}

void Poller::guardWrites(bool modelledMapsSiteWide) {
  guarded_ = true;
  modelledWritesSiteWide_ = modelledMapsSiteWide;
}

std::string Poller::writeRefusal(int deviceId) const {
  const DevicePlan* plan = planOf(deviceId);
  // Whatever answers there is not the configured device: a command meant for it could do
  // anything to the one that is there.
  if (plan != nullptr && measurements_->status(deviceId) == DeviceStatus::ConfigurationError) {
    return fmt::format("device '{}' is in configuration error (its identification contradicts its configured model {})",
                       plan->device->name, plan->device->model);
  }
  if (!guarded_ || plan == nullptr) return {};
  const profiles::Provenance& provenance = plan->map->provenance();
  if (provenance.kind != profiles::ProvenanceKind::Modelled || modelledWritesSiteWide_ ||
      plan->device->writeModelledMap) {
    return {};
  }
  return fmt::format("register map '{}' is modelled, not the vendor's table: writing needs ews.modbus.writeModelledMaps "
                     "or the device's writeModelledMap",
                     plan->map->id());
}

const LineStats& Poller::lineStats(int gatewayId) const {
  for (const auto& line : lines_) {
    if (line->gateway().id == gatewayId) return line->stats();
  }
  throw std::out_of_range(fmt::format("gateway {} has no line attached", gatewayId));
}

const DevicePlan* Poller::planOf(int deviceId) const {
  for (const DevicePlan& plan : plans_) {
    if (plan.device->id == deviceId) return &plan;
  }
  return nullptr;
}

void Poller::emit(const recording::Event& event) {
  if (sink_ != nullptr) sink_->onEvent(event);
}

std::vector<int> dlmCriticalDevices(const installation::Installation& installation, std::string_view totalMeterName) {
  std::vector<int> ids;
  if (const installation::Device* meter = installation.findDevice(totalMeterName)) ids.push_back(meter->id);
  for (const installation::Device* device : installation.devices()) {
    if (device->family == installation::DeviceFamily::ChargingStation) ids.push_back(device->id);
  }
  return ids;
}

std::string_view deviceStatusName(DeviceStatus status) {
  switch (status) {
    case DeviceStatus::Off: return "Off";
    case DeviceStatus::On: return "On";
    case DeviceStatus::CommunicationError: return "Communication error";
    case DeviceStatus::ConfigurationError: return "Configuration error";
  }
  return "?";
}

}  // namespace ews::acquisition

#include "ews/devices/unit_device.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace ews::devices {

UnitDevice::UnitDevice(std::string name, Duration turnaround) : name_(std::move(name)), turnaround_(turnaround) {}

const PowerSource& UnitDevice::keep(std::unique_ptr<PowerSource> source) {
  sources_.push_back(std::move(source));
  return *sources_.back();
}

void UnitDevice::addWindow(std::shared_ptr<const profiles::RegisterMap> map, std::uint16_t offset,
                           std::vector<Behaviour*> behaviours) {
  ServedMap window(std::move(map), offset, std::move(behaviours));
  // Windows may interleave (an EMS module's settings lie in another module's window of the
  // holding registers), but no address may belong to two of them: routing must be unique.
  for (const profiles::Field& field : window.map().fields()) {
    const std::uint32_t begin = std::uint32_t{field.address} + offset;
    for (const ServedMap& other : windows_) {
      if (begin < other.offset()) continue;
      const std::uint32_t local = begin - other.offset();
      if (local + field.words() > 0x10000u) continue;
      if (other.map().isMapped(field.space(), static_cast<std::uint16_t>(local), 1) ||
          other.map().isMapped(field.space(), static_cast<std::uint16_t>(local + field.words() - 1), 1)) {
        throw std::logic_error(fmt::format("{}: field '{}' of profile '{}' at 0x{:04X} collides with profile '{}'",
                                           name_, field.name, window.map().id(), begin, other.map().id()));
      }
    }
  }
  windows_.push_back(std::move(window));
  // Only behaviours some field is bound to need stepping (a measurement settles only when
  // its profile has statistics).
  settling_.clear();
  for (const auto& behaviour : behaviours_) {
    if (!behaviour->settles()) continue;
    for (const ServedMap& served : windows_) {
      const auto& used = served.behaviours();
      if (std::find(used.begin(), used.end(), behaviour.get()) != used.end()) {
        settling_.push_back(behaviour.get());
        break;
      }
    }
  }
}

link::ExceptionCode UnitDevice::serve(const link::Request& request, Time t) {
  // One plain map (nearly every unit): it answers every request itself, as the profile library
  // specifies (IllegalFunction, IllegalDataAddress, a write to a read-only field ...).
  if (windows_.size() == 1 && windows_.front().offset() == 0) return windows_.front().serve(request, t);
  for (ServedMap& window : windows_) {
    if (window.covers(request)) return window.serve(request, t);
  }
  for (const ServedMap& window : windows_) {
    if (window.hasSpaceOf(request.function)) return link::ExceptionCode::IllegalDataAddress;
  }
  return link::ExceptionCode::IllegalFunction;
}

void UnitDevice::settle(Time t) {
  for (Behaviour* behaviour : settling_) behaviour->settle(t);
}

}  // namespace ews::devices

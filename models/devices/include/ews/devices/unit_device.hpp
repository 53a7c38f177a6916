#pragma once
// One simulated unit on an RS485 line: everything that answers one unit id (addressing.hpp).
// It owns the behaviours of the configured devices it serves and one served map per register
// window: one for a plain device, a pulse host or an old-range station, one per module for an
// EMS CX3 interface in remote addressing. Built by makeUnit (unit_factory.hpp).
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ews/devices/behaviour.hpp"
#include "ews/devices/power_source.hpp"
#include "ews/devices/served_map.hpp"
#include "ews/installation/elements.hpp"
#include "ews/models/sim_device.hpp"

namespace ews::devices {

class UnitDevice final : public models::SimDevice {
 public:
  /// `name` names the unit in messages ("Local unit 5"); `turnaround` is its processing time.
  UnitDevice(std::string name, Duration turnaround);

  // ---- building (unit_factory.cpp) ----
  /// Constructs a behaviour owned by the unit.
  template <class B, class... Args>
  B& add(Args&&... args) {
    auto behaviour = std::make_unique<B>(std::forward<Args>(args)...);
    B& ref = *behaviour;
    behaviours_.push_back(std::move(behaviour));
    return ref;
  }
  /// Keeps a power source alive for the unit's behaviours.
  const PowerSource& keep(std::unique_ptr<PowerSource> source);
  /// Serves `map` at `offset` with `behaviours` (ServedMap binds every field). Throws
  /// std::logic_error when one of its fields lands on an address another window serves.
  void addWindow(std::shared_ptr<const profiles::RegisterMap> map, std::uint16_t offset,
                 std::vector<Behaviour*> behaviours);

  // ---- models::SimDevice ----
  /// Routes the request to the window that maps every address it touches; IllegalDataAddress
  /// when none does (a request across two modules, a hole), IllegalFunction when no window has
  /// the function's address space at all.
  link::ExceptionCode serve(const link::Request& request, Time t) override;
  Duration turnaround() const override { return turnaround_; }

  /// Whether some behaviour needs settle() at every control step (known once the windows
  /// are bound: a measurement settles only when its profile has statistics).
  bool settles() const { return !settling_.empty(); }
  /// Runs every settling behaviour at instant t (after all models of t have updated).
  void settle(Time t);

  const std::string& name() const { return name_; }
  std::span<const ServedMap> windows() const { return windows_; }
  /// The first behaviour of type B serving `device` (tests and scenario inputs reach the
  /// physics through it: a breaker to trip, an input to set); nullptr when there is none.
  template <class B>
  B* find(const installation::Device& device) const {
    for (const auto& behaviour : behaviours_) {
      if (behaviour->device() != &device) continue;
      if (auto* typed = dynamic_cast<B*>(behaviour.get())) return typed;
    }
    return nullptr;
  }

 private:
  std::string name_;
  Duration turnaround_;
  std::vector<std::unique_ptr<Behaviour>> behaviours_;
  std::vector<Behaviour*> settling_;
  std::vector<std::unique_ptr<PowerSource>> sources_;
  std::vector<ServedMap> windows_;
};

}  // namespace ews::devices

#pragma once
// An EMS CX3 control module (4 149 31 latching relays and contactors, 4 149 32 universal
// control): the order command.output.1 (a coil the EWS writes) and the controlled device's
// feedback state.output.1 (a discrete input). The controlled device follows the order at once
// (its operating time, tens of ms, is below any poll period); the order's timeline is kept, so
// any instant after the last write reads what was in force then.
#include "ews/devices/behaviour.hpp"
#include "ews/physics/digital_inputs.hpp"

namespace ews::devices {

class EmsControl final : public Behaviour {
 public:
  explicit EmsControl(const installation::Device* device) : Behaviour(device) {}

  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time t) override { now_ = t; }
  double value(std::uint32_t code) const override;
  link::ExceptionCode write(std::uint32_t code, double value, Time t) override;

  /// The order in force at t: true = on / closed.
  bool orderedOnAt(Time t) const { return order_.stateAt(t); }

 private:
  physics::DigitalInput order_{false};
  Time now_{};
};

}  // namespace ews::devices

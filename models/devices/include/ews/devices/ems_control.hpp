#pragma once
// An EMS CX3 control module (4 149 31 latching relays and contactors, 4 149 32 universal
// control): the order command.output.1 (a coil the EWS writes) and the controlled device's
// feedback state.output.1 (a discrete input). The controlled device follows the order at once
// (its operating time, tens of ms, is below any poll period); the order's timeline is kept, so
// any instant after the last write reads what was in force then.
//
// Links (manual 8.2.3, EmsBus): as an event module, each change of its order also sets the
// order of the action modules linked to it, at the same instant, with no EWS in between; as an
// action module, its order is set by its event module's changes as well as by the EWS's
// writes, the later one in force. A change made by a link is not passed further down a chain
// of links (one level: a loop of links cannot oscillate).
#include <vector>

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

  /// Links `action` to this module: from now on each change of this module's order sets
  /// `action`'s to the same state (`inverse`: to the opposite).
  void addFollower(EmsControl& action, bool inverse) { followers_.push_back({&action, inverse}); }
  /// The order a link sets at t (an event module's change).
  void driveFromLink(Time t, bool on) { order_.set(t, on); }

 private:
  struct Follower {
    EmsControl* action;
    bool inverse;
  };
  physics::DigitalInput order_{false};
  std::vector<Follower> followers_;
  Time now_{};
};

}  // namespace ews::devices

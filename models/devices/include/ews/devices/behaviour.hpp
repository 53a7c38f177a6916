#pragma once
// One behaviour of a simulated device: the part of its physics behind a group of profile
// fields (the electrical measurement, pulse inputs, a breaker's state, a charging point ...).
// A simulated unit is its profile map plus the behaviours that serve the map's fields; a
// measuring breaker is a breaker status and a measurement, an energy counter with pulse
// inputs a measurement and pulse inputs. Behaviours compose, so no family is a copy of
// another.
//
// Binding happens once, when the unit is built: each field name is offered to the unit's
// behaviours and the first one that knows it returns a code of its own. Serving then never
// touches a string: a request calls prepare(t) on the behaviours it involves (one place to
// compute the state at t), then value(code) or write(code, value, t) per field.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "ews/kernel/time.hpp"
#include "ews/link/link.hpp"

namespace ews::installation {
struct Device;
}

namespace ews::devices {

/// Runs `command` at `at` in the engine's order of events (the simulated site schedules it
/// in the Input phase of that instant); an empty scheduler runs it at once. For writes whose
/// effect is state the engine steps (a station's commands, a meter's statistics reset).
using CommandScheduler = std::function<void(Time at, std::function<void()> command)>;

class Behaviour {
 public:
  /// `device`: the configured device whose physics this is (nullptr: none, e.g. an unused
  /// side of a two-sided station).
  explicit Behaviour(const installation::Device* device) : device_(device) {}
  virtual ~Behaviour() = default;
  Behaviour(const Behaviour&) = delete;
  Behaviour& operator=(const Behaviour&) = delete;

  /// The code this behaviour serves the quantity `name` with (a profile field's name), or
  /// nullopt when the name is not its own. Called while the unit is built, never per request.
  virtual std::optional<std::uint32_t> bind(std::string_view name) = 0;

  /// Computes what the values of instant t need, before value() is asked for the fields of
  /// one request (t is the instant the device is served; reads come in time order per line).
  virtual void prepare(Time t) = 0;
  /// The value of a bound quantity at the instant last prepared, in the field's unit.
  virtual double value(std::uint32_t code) const = 0;
  /// Applies a written value at t. The default refuses (the profile should not make such a
  /// field writable).
  virtual link::ExceptionCode write(std::uint32_t code, double value, Time t);

  /// Whether settle() must run at every control step of the engine.
  virtual bool settles() const { return false; }
  /// Called once per control step, after every model of instant t has updated (the engine's
  /// Publish phase): for state that integrates what the sources do between polls (sample
  /// window statistics, a breaker's protections), so that results never depend on polling.
  virtual void settle(Time) {}

  const installation::Device* device() const { return device_; }

 private:
  const installation::Device* device_;
};

}  // namespace ews::devices

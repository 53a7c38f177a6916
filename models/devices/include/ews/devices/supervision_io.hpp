#pragma once
// The power supervision devices (manual 8.2.1): the signalling and control interface
// 0 261 36 (digital inputs, 4-20 mA analogue inputs, relay outputs) and the programmable
// output module 0 288 12 (relay outputs). Each output is a physics::SupervisionOutput:
//
//   output.N.state    read: 1 while the relay is energised (an impulse, a blink, a maintained
//                     order); write 1 = ON command, 0 = OFF command
//   output.N.mode     normal state 0 NO / 1 NC; output.N.command 0 impulsive / 1 blinking;
//   output.N.onTimeS  ON time in s (0: maintained). Writing a setting reconfigures the output
//                     ("Write" on the page), which ends any command in progress.
//
// Digital inputs are timed physics::DigitalInputs (open until a scenario or a test changes
// them); analogue inputs hold a loop current, 4 mA (a live loop at its zero) until set.
#include <array>

#include "ews/devices/behaviour.hpp"
#include "ews/physics/digital_inputs.hpp"
#include "ews/physics/supervision_output.hpp"

namespace ews::devices {

class SupervisionIo final : public Behaviour {
 public:
  static constexpr int kMaxInputs = 32;
  static constexpr int kMaxAnalogInputs = 8;
  static constexpr int kMaxOutputs = 32;
  static constexpr double kLoopZeroMa = 4.0;

  explicit SupervisionIo(const installation::Device* device) : Behaviour(device) {}

  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time t) override { now_ = t; }
  double value(std::uint32_t code) const override;
  link::ExceptionCode write(std::uint32_t code, double value, Time t) override;

  /// Input n (1-based) and output n (1-based), for scenarios and tests.
  physics::DigitalInput& input(int n) { return inputs_.at(static_cast<std::size_t>(n - 1)); }
  const physics::SupervisionOutput& output(int n) const { return outputs_.at(static_cast<std::size_t>(n - 1)); }
  void setAnalogInput(int n, double currentMa) { analogMa_.at(static_cast<std::size_t>(n - 1)) = currentMa; }

 private:
  std::array<physics::DigitalInput, kMaxInputs> inputs_;
  std::array<double, kMaxAnalogInputs> analogMa_ = filled(kLoopZeroMa);
  std::array<physics::SupervisionOutput, kMaxOutputs> outputs_;
  Time now_{};

  static std::array<double, kMaxAnalogInputs> filled(double value) {
    std::array<double, kMaxAnalogInputs> values{};
    values.fill(value);
    return values;
  }
};

}  // namespace ews::devices

#pragma once
// A relay output of the power supervision devices (signalling and control interface
// 0 261 36, programmable output module 0 288 12), as configured on "My panel board"
// (manual 8.2.1, CONFIGURATION OF DIGITAL OUTPUTS):
// - normal state NO (normally open) or NC (normally closed): the contact at rest;
// - command mode Impulsive: an ON command energises the relay for ON time, then it returns to
//   rest by itself; Blinking: the relay toggles every ON time until an OFF command;
// - ON time 0 (either mode): the command is maintained until an OFF command.
//
// The output is a pure function of its last command and configuration, so its state at any
// instant and its next change are computed, not stepped (docs/design.md decision 11).
#include <cstdint>

#include "ews/physics/quantities.hpp"

namespace ews::physics {

enum class NormalState : std::uint8_t { NormallyOpen = 0, NormallyClosed = 1 };
enum class CommandMode : std::uint8_t { Impulsive = 0, Blinking = 1 };

struct OutputSettings {
  NormalState normalState = NormalState::NormallyOpen;
  CommandMode mode = CommandMode::Impulsive;
  Duration onTime{0};  ///< manual: entered in seconds; 0 = maintained
};

class SupervisionOutput {
 public:
  /// Throws std::invalid_argument for a negative ON time.
  explicit SupervisionOutput(OutputSettings settings = {});

  /// A new configuration ("Write"): the relay returns to rest, any command ends.
  void configure(Time t, OutputSettings settings);
  /// ON command at t: starts (or restarts) the pulse, the blinking or the maintained state.
  void commandOn(Time t);
  /// OFF command at t: back to rest.
  void commandOff(Time t);

  /// Whether the relay coil is energised at t (t at or after the last command).
  bool energisedAt(Time t) const;
  /// The contact: closed when energised for NO, open when energised for NC.
  bool contactClosedAt(Time t) const;
  /// The first instant after t at which the output changes by itself; kNever if none.
  Time nextChangeAfter(Time t) const;

  const OutputSettings& settings() const { return settings_; }

 private:
  bool maintained() const { return settings_.onTime == Duration::zero(); }

  OutputSettings settings_;
  bool commanded_ = false;  ///< an ON command is in force (until OFF, or the pulse's end)
  Time commandAt_{};
};

}  // namespace ews::physics

#pragma once
// The alerts of EMS CX3 modules and DPX3/DMX3 breakers (manual 8.6.4): alarm.flags, the bit
// field of active alerts, and alarm.limit.current, the measure threshold (docs/register-maps.md
// "Alarms"):
//
//   bit 0 (kThresholdBit)          measure threshold: a phase current of the device's own
//                                  measurement is above alarm.limit.current at the instant served
//   bit 1 (kInstallationErrorBit)  configuration or installation error ("duplicated function"):
//                                  raised over the scenario's installation-error fault windows
//
// The threshold follows the physics at the instant served, as the instantaneous registers do:
// the bit is up exactly while the current is above the limit (no latch, no hysteresis: the
// acquisition sees what is in force at each poll). A device without measurement or without a
// limit (0) never raises bit 0. The limit is a setting of the device: the scenario's
// `alarmCurrent` at the start, whatever is written to it afterwards.
#include <optional>
#include <vector>

#include "ews/devices/behaviour.hpp"
#include "ews/devices/measurement.hpp"

namespace ews::devices {

/// A span of engine time [from, to).
struct TimeWindow {
  Time from{};
  Time to{};
};

/// What a device's alarms are set from (the scenario's `sim: alarmCurrent` and faults).
struct AlarmSettings {
  std::optional<double> currentLimitA;         ///< empty: no measure threshold
  std::vector<TimeWindow> installationErrors;  ///< when the device reports an installation error
};

class AlarmFlags final : public Behaviour {
 public:
  static constexpr unsigned kThresholdBit = 1u << 0;
  static constexpr unsigned kInstallationErrorBit = 1u << 1;

  /// `measurement` (may be null: the device measures nothing) must outlive the behaviour.
  AlarmFlags(const installation::Device* device, const Measurement* measurement, AlarmSettings settings);
  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time t) override;
  double value(std::uint32_t code) const override;
  /// alarm.limit.current: a new limit in A from t on (0: no threshold), as set from a
  /// configuration tool; negative or not finite: IllegalDataValue.
  link::ExceptionCode write(std::uint32_t code, double value, Time t) override;

  /// The bits in force at t (what alarm.flags reads when served at t).
  unsigned flagsAt(Time t) const;

 private:
  const Measurement* measurement_;
  AlarmSettings settings_;
  unsigned prepared_ = 0;
};

}  // namespace ews::devices

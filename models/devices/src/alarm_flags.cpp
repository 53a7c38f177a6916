#include "ews/devices/alarm_flags.hpp"

#include <algorithm>
#include <cmath>

namespace ews::devices {

namespace {
enum Code : std::uint32_t { kFlags = 0, kCurrentLimit = 1 };
}  // namespace

AlarmFlags::AlarmFlags(const installation::Device* device, const Measurement* measurement, AlarmSettings settings)
    : Behaviour(device), measurement_(measurement), settings_(std::move(settings)) {}

std::optional<std::uint32_t> AlarmFlags::bind(std::string_view name) {
  if (name == "alarm.flags") return kFlags;
  if (name == "alarm.limit.current") return kCurrentLimit;
  return std::nullopt;
}

unsigned AlarmFlags::flagsAt(Time t) const {
  unsigned flags = 0;
  if (measurement_ != nullptr && settings_.currentLimitA && *settings_.currentLimitA > 0.0) {
    const Measurement::Reading reading = measurement_->instantaneousAt(t);
    if (reading.state.currentA.maxCoeff() > *settings_.currentLimitA) flags |= kThresholdBit;
  }
  const bool faulty = std::any_of(settings_.installationErrors.begin(), settings_.installationErrors.end(),
                                  [t](const TimeWindow& w) { return t >= w.from && t < w.to; });
  if (faulty) flags |= kInstallationErrorBit;
  return flags;
}

void AlarmFlags::prepare(Time t) { prepared_ = flagsAt(t); }

double AlarmFlags::value(std::uint32_t code) const {
  if (code == kCurrentLimit) return settings_.currentLimitA.value_or(0.0);
  return static_cast<double>(prepared_);
}

}  // namespace ews::devices

namespace ews::devices {

link::ExceptionCode AlarmFlags::write(std::uint32_t code, double value, Time t) {
  if (code != kCurrentLimit) return Behaviour::write(code, value, t);
  if (!std::isfinite(value) || value < 0.0) return link::ExceptionCode::IllegalDataValue;
  settings_.currentLimitA = value;
  return link::ExceptionCode::None;
}

}  // namespace ews::devices

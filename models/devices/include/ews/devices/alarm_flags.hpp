#pragma once
// alarm.flags of EMS CX3 modules and breakers: the bit field of active alerts. The twin's
// devices raise none yet (alarms come with their own issue), so the field reads 0.
#include "ews/devices/behaviour.hpp"

namespace ews::devices {

class AlarmFlags final : public Behaviour {
 public:
  explicit AlarmFlags(const installation::Device* device) : Behaviour(device) {}
  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time) override {}
  double value(std::uint32_t) const override { return 0.0; }
};

}  // namespace ews::devices

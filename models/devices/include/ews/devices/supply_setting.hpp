#pragma once
// supply.direction of EMS CX3 measuring modules and breakers (manual 7.16.1.3 "Supply"): a
// setting the EWS writes, 0 upstream, 1 downstream. It starts as the device was configured
// (the installer set it at commissioning) and keeps what is written. It only informs: the
// measurement stays the raw one of how the sensors are mounted (SupplyPoint::supply), and the
// acquisition undoes the sign from its own configuration, as the physics says it does.
#include "ews/devices/behaviour.hpp"

namespace ews::devices {

class SupplySetting final : public Behaviour {
 public:
  explicit SupplySetting(const installation::Device* device);
  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time) override {}
  double value(std::uint32_t) const override { return downstream_ ? 1.0 : 0.0; }
  /// 0 or 1, else IllegalDataValue.
  link::ExceptionCode write(std::uint32_t code, double value, Time t) override;

 private:
  bool downstream_ = false;
};

}  // namespace ews::devices

#pragma once
// The identification registers a simulated device serves (`ident.model`, `ident.firmware`,
// engine/profiles identification.hpp): by default what its configuration says it is, or what
// a scenario makes it say (`sim: {identifiesAs, firmware}`), so that a twin can serve a
// device wired at an address the configuration gives to another model.
#include <cstdint>
#include <optional>
#include <string_view>

#include "ews/devices/behaviour.hpp"

namespace ews::devices {

/// What a unit answers in its identification registers.
struct ServedIdentity {
  std::uint32_t modelCode = 0;  ///< 0: a model the catalogue does not know
  double firmware = 1.0;        ///< major.minor
};

/// The firmware a simulated device reports unless its scenario says otherwise.
inline constexpr double kDefaultFirmware = 1.0;

/// The identity of a configured device: its model's code and the default firmware.
ServedIdentity configuredIdentity(const installation::Device& device);

class Identification final : public Behaviour {
 public:
  Identification(const installation::Device* device, ServedIdentity identity)
      : Behaviour(device), identity_(identity) {}

  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time) override {}
  double value(std::uint32_t code) const override;

 private:
  ServedIdentity identity_;
};

}  // namespace ews::devices

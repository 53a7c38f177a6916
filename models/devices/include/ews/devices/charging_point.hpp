#pragma once
// One charging point of a Green'Up station, served from its physics::ChargingStation: a
// Premium station (fields station.*, current.*, ...) or one side of an old-range station (the
// same names under side.<N>.). The commands are the DLM's and the Commands page's:
//
//   station.setpointA             0 .. rated current, else IllegalDataValue; under 6 A the
//                                 charge pauses (IEC 61851-1, in the physics)
//   station.command.startWait     1 start, 0 wait (the current charging process)
//   station.evPlugEnabled         1 / 0
//   station.domesticPlugEnabled   1 / 0; a "mode 3" only station refuses 1
//
// A written command takes effect at the instant the device is served, in the engine's order
// of events (CommandScheduler): the station's physics only ever moves forward with the
// engine, while the SimLink serves a few milliseconds ahead of the engine's clock. Until the
// engine gets there, the written register already reads back the new value; the vehicle
// follows after the station's response delay (2 s), as the physics says.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ews/devices/behaviour.hpp"
#include "ews/physics/charging_station.hpp"

namespace ews::devices {


class ChargingPoint final : public Behaviour {
 public:
  /// Serves `station` (must outlive the behaviour), or, when it is null, a station of its
  /// own built from `settings` that no vehicle visits (an unconfigured side). `prefix` is ""
  /// or "side.<N>.".
  ChargingPoint(const installation::Device* device, std::string prefix, physics::ChargingStation* station,
                const physics::StationSettings& settings, Time start, bool domesticSocket, CommandScheduler scheduler);

  std::optional<std::uint32_t> bind(std::string_view name) override;
  void prepare(Time t) override;
  double value(std::uint32_t code) const override;
  link::ExceptionCode write(std::uint32_t code, double value, Time t) override;

  physics::ChargingStation& station() { return *station_; }
  const physics::ChargingStation& station() const { return *station_; }

 private:
  struct Pending {
    std::uint64_t id = 0;
    std::uint32_t code = 0;
    double value = 0.0;
  };
  void apply(std::uint32_t code, double value, Time t);
  /// The last value written to `code` that the engine has not applied yet.
  const Pending* pendingFor(std::uint32_t code) const;

  std::string prefix_;
  std::unique_ptr<physics::ChargingStation> owned_;
  physics::ChargingStation* station_;
  bool domesticSocket_;
  CommandScheduler scheduler_;
  std::vector<Pending> pending_;
  std::uint64_t nextPendingId_ = 1;
  physics::StationSnapshot snapshot_;
};

}  // namespace ews::devices

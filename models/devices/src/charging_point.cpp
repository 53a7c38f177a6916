#include "ews/devices/charging_point.hpp"

#include <algorithm>
#include <array>

namespace ews::devices {

namespace {

enum Code : std::uint32_t {
  kStatus = 1,
  kStationError,
  kChargeError,
  kPhases,
  kRatedCurrent,
  kCurrentL1,
  kCurrentL2,
  kCurrentL3,
  kActivePower,
  kSessionEnergy,
  kMeterEnergy,
  kStartWait,
  kSetpoint,
  kEvPlug,
  kDomesticPlug,
};

struct Name {
  std::string_view name;
  Code code;
};
constexpr std::array kNames{
    Name{"station.state", kStatus},
    Name{"station.error", kStationError},
    Name{"station.chargeError", kChargeError},
    Name{"station.phase", kPhases},
    Name{"station.ratedCurrentA", kRatedCurrent},
    Name{"current.L1", kCurrentL1},
    Name{"current.L2", kCurrentL2},
    Name{"current.L3", kCurrentL3},
    Name{"power.active.total", kActivePower},
    Name{"station.energy.active.import", kSessionEnergy},
    Name{"energy.active.import", kMeterEnergy},
    Name{"station.command.startWait", kStartWait},
    Name{"station.setpointA", kSetpoint},
    Name{"station.evPlugEnabled", kEvPlug},
    Name{"station.domesticPlugEnabled", kDomesticPlug},
};

double flag(bool value) { return value ? 1.0 : 0.0; }
bool isBit(double value) { return value == 0.0 || value == 1.0; }

}  // namespace

ChargingPoint::ChargingPoint(const installation::Device* device, std::string prefix, physics::ChargingStation* station,
                             const physics::StationSettings& settings, Time start, bool domesticSocket,
                             CommandScheduler scheduler)
    : Behaviour(device),
      prefix_(std::move(prefix)),
      owned_(station == nullptr ? std::make_unique<physics::ChargingStation>(settings, start) : nullptr),
      station_(station != nullptr ? station : owned_.get()),
      domesticSocket_(domesticSocket),
      scheduler_(std::move(scheduler)) {
  // A station without a domestic socket never shows one enabled.
  if (!domesticSocket_) station_->setDomesticPlugEnabled(std::max(start, station_->now()), false);
  snapshot_ = station_->snapshotAt(station_->now());
}

std::optional<std::uint32_t> ChargingPoint::bind(std::string_view name) {
  if (!name.starts_with(prefix_)) return std::nullopt;
  name.remove_prefix(prefix_.size());
  for (const Name& entry : kNames) {
    if (entry.name == name) return entry.code;
  }
  return std::nullopt;
}

void ChargingPoint::prepare(Time t) { snapshot_ = station_->snapshotAt(std::max(t, station_->now())); }

const ChargingPoint::Pending* ChargingPoint::pendingFor(std::uint32_t code) const {
  for (auto it = pending_.rbegin(); it != pending_.rend(); ++it) {
    if (it->code == code) return &*it;
  }
  return nullptr;
}

double ChargingPoint::value(std::uint32_t code) const {
  const physics::StationSettings& settings = station_->settings();
  if (const Pending* written = pendingFor(code)) return written->value;
  switch (code) {
    case kStatus: return static_cast<double>(snapshot_.status);
    case kStationError: return static_cast<double>(snapshot_.stationError);
    case kChargeError: return static_cast<double>(snapshot_.chargeError);
    case kPhases: return settings.phases;
    case kRatedCurrent: return settings.ratedCurrentA;
    case kCurrentL1: return snapshot_.lineCurrentsA(0);
    case kCurrentL2: return snapshot_.lineCurrentsA(1);
    case kCurrentL3: return snapshot_.lineCurrentsA(2);
    case kActivePower: return snapshot_.activePowerW;
    case kSessionEnergy: return snapshot_.sessionEnergyWh;
    case kMeterEnergy: return snapshot_.energyCounterWh;
    case kStartWait: return flag(snapshot_.authorised);
    case kSetpoint: return snapshot_.setpointA;
    case kEvPlug: return flag(snapshot_.evPlugEnabled);
    case kDomesticPlug: return flag(snapshot_.domesticPlugEnabled);
    default: return 0.0;
  }
}

link::ExceptionCode ChargingPoint::write(std::uint32_t code, double value, Time t) {
  switch (code) {
    case kSetpoint:
      if (!(value >= 0.0 && value <= station_->settings().ratedCurrentA)) return link::ExceptionCode::IllegalDataValue;
      break;
    case kStartWait:
    case kEvPlug:
      if (!isBit(value)) return link::ExceptionCode::IllegalDataValue;
      break;
    case kDomesticPlug:
      if (!isBit(value) || (value == 1.0 && !domesticSocket_)) return link::ExceptionCode::IllegalDataValue;
      break;
    default: return link::ExceptionCode::IllegalDataAddress;
  }
  if (!scheduler_) {
    apply(code, value, t);
    return link::ExceptionCode::None;
  }
  const std::uint64_t id = nextPendingId_++;
  pending_.push_back(Pending{id, code, value});
  scheduler_(t, [this, id, code, value, t] {
    apply(code, value, t);
    std::erase_if(pending_, [id](const Pending& p) { return p.id == id; });
  });
  return link::ExceptionCode::None;
}

void ChargingPoint::apply(std::uint32_t code, double value, Time t) {
  physics::ChargingStation& station = *station_;
  t = std::max(t, station.now());
  switch (code) {
    case kSetpoint: station.setCurrentSetpoint(t, value); break;
    case kStartWait:
      if (value != 0.0) {
        station.commandStart(t);
      } else {
        station.commandWait(t);
      }
      break;
    case kEvPlug: station.setEvPlugEnabled(t, value != 0.0); break;
    case kDomesticPlug: station.setDomesticPlugEnabled(t, value != 0.0); break;
    default: break;
  }
}

}  // namespace ews::devices

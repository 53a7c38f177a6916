#include "ews/stack/slave_registers.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "ews/installation/master_slave.hpp"
#include "ews/installation/remote_id.hpp"
#include "ews/profiles/master_slave_map.hpp"

namespace ews::stack {

namespace {
using installation::Medium;
using installation::RemoteKind;
using installation::RemoteTarget;
using recording::AggregateSample;

/// The field every value is laid out with: the one the master's WSMEASURE plan decodes.
profiles::Field valueField(const profiles::RegisterMap& layout) {
  const auto index = layout.find("energy.active.import");
  if (!index) throw std::invalid_argument("slave registers: the value layout has no energy.active.import field");
  const profiles::Field& field = layout.field(*index);
  if (field.words() != profiles::kSlaveValueWords) {
    throw std::invalid_argument("slave registers: the served value must be 4 registers (a 64-bit counter)");
  }
  return field;
}
}  // namespace

SlaveRegisters::SlaveRegisters(const installation::Installation& installation, const profiles::RegisterMap& valueLayout)
    : ids_(installation::servedRemoteIds(installation)),
      layout_(valueField(valueLayout)),
      accumulatingWh_(ids_.size(), 0.0),
      published_(std::make_shared<const SlaveSnapshot>(SlaveSnapshot{Time{}, accumulatingWh_})) {}

std::shared_ptr<const SlaveSnapshot> SlaveRegisters::snapshot() const {
  const std::lock_guard lock(mutex_);
  return published_;
}

std::optional<std::size_t> SlaveRegisters::slotOf(int remoteId) const {
  const auto it = std::lower_bound(ids_.begin(), ids_.end(), remoteId);
  if (it == ids_.end() || *it != remoteId) return std::nullopt;
  return static_cast<std::size_t>(it - ids_.begin());
}

std::optional<double> SlaveRegisters::energyWh(int remoteId) const {
  const auto slot = slotOf(remoteId);
  if (!slot) return std::nullopt;
  return snapshot()->energiesWh[*slot];
}

link::ExceptionCode SlaveRegisters::answer(const link::Request& request) const {
  if (request.unitId != profiles::kSlaveUnitId) return link::ExceptionCode::GatewayPathUnavailable;
  if (request.function != link::Function::ReadHoldingRegisters) return link::ExceptionCode::IllegalFunction;
  // Every register first, so a refused request leaves nothing half-answered.
  const std::uint32_t end = std::uint32_t{request.address} + request.count;
  for (std::uint32_t address = request.address; address < end; ++address) {
    const auto at = profiles::slaveRegisterAt(static_cast<std::uint16_t>(address));
    if (!at || !slotOf(at->remoteId)) return link::ExceptionCode::IllegalDataAddress;
  }
  const std::shared_ptr<const SlaveSnapshot> values = snapshot();
  std::array<std::uint16_t, profiles::kSlaveValueWords> words{};
  int encodedId = 0;
  for (std::uint32_t address = request.address; address < end; ++address) {
    const auto at = *profiles::slaveRegisterAt(static_cast<std::uint16_t>(address));
    if (at.remoteId != encodedId) {
      profiles::encode(layout_, values->energiesWh[*slotOf(at.remoteId)], words);
      encodedId = at.remoteId;
    }
    request.readBuffer[address - request.address] = words[at.word];
  }
  return link::ExceptionCode::None;
}

void SlaveRegisters::continueFrom(const SlaveRegisters& previous) {
  const std::shared_ptr<const SlaveSnapshot> before = previous.snapshot();
  for (std::size_t slot = 0; slot < ids_.size(); ++slot) {
    // The published values: the new stack's recorder resumes from the previous one's last
    // sample, so what follows it is counted once, by the new stack.
    if (const auto was = previous.slotOf(ids_[slot])) accumulatingWh_[slot] = before->energiesWh[*was];
  }
  auto next = std::make_shared<const SlaveSnapshot>(SlaveSnapshot{before->sampledAt, accumulatingWh_});
  const std::lock_guard lock(mutex_);
  published_ = std::move(next);
}

void SlaveRegisters::add(int remoteId, double deltaWh) {
  if (const auto slot = slotOf(remoteId)) accumulatingWh_[*slot] += deltaWh;
}

void SlaveRegisters::onSamples(Time /*t*/, std::span<const recording::DeviceSample> samples) {
  for (const recording::DeviceSample& row : samples) {
    if (row.medium != Medium::Electricity) continue;
    if (row.deviceId > installation::kMaxServedRemoteTargetId) continue;
    add(installation::encodeRemoteId(RemoteTarget{RemoteKind::Device, row.deviceId}), row.delta);
  }
}

void SlaveRegisters::onAggregates(Time t, std::span<const AggregateSample> aggregates) {
  for (const AggregateSample& row : aggregates) {
    // A load or group counts one medium: only its electrical energy is served.
    if (row.medium != Medium::Electricity) continue;
    switch (row.kind) {
      case AggregateSample::Kind::Load:
      case AggregateSample::Kind::Group:
        if (row.id > installation::kMaxServedRemoteTargetId) break;
        add(installation::encodeRemoteId(
                RemoteTarget{row.kind == AggregateSample::Kind::Load ? RemoteKind::Load : RemoteKind::Group, row.id}),
            row.delta);
        break;
      case AggregateSample::Kind::ElectricityTotal: add(installation::kAllElectricalLoadsRemoteId, row.delta); break;
      case AggregateSample::Kind::WaterTotal:
      case AggregateSample::Kind::GasTotal: break;
    }
  }
  // The aggregates close the sample: publish it whole.
  auto next = std::make_shared<const SlaveSnapshot>(SlaveSnapshot{t, accumulatingWh_});
  const std::lock_guard lock(mutex_);
  published_ = std::move(next);
}

}  // namespace ews::stack

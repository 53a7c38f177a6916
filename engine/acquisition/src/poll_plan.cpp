#include "ews/acquisition/poll_plan.hpp"

#include <cmath>

#include "ews/profiles/master_slave_map.hpp"

namespace ews::acquisition {

using installation::DeviceFamily;

namespace {

std::optional<std::size_t> slotNamed(const DevicePlan& plan, std::string_view quantity) {
  for (std::size_t slot = 0; slot < plan.quantities.size(); ++slot) {
    if (plan.quantities[slot] == quantity) return slot;
  }
  return std::nullopt;
}

/// The range of an unsigned integer register in raw units (2^bits); 0 when a wrap cannot be
/// told from a reset (float, signed).
double rawRange(profiles::Type type) {
  switch (type) {
    case profiles::Type::U16: return std::ldexp(1.0, 16);
    case profiles::Type::U32: return std::ldexp(1.0, 32);
    case profiles::Type::U48: return std::ldexp(1.0, 48);
    case profiles::Type::U64: return std::ldexp(1.0, 64);
    default: return 0.0;
  }
}

CounterSource counterOf(const DevicePlan& plan) {
  CounterSource counter;
  const installation::Device& device = *plan.device;
  if (device.family == DeviceFamily::PulseCounter) {
    const auto count = slotNamed(plan, "count");
    const auto weight = slotNamed(plan, "weight");
    if (!count || !weight) return counter;
    counter.kind = CounterSource::Kind::Pulses;
    counter.valueSlot = *count;
    counter.weightSlot = *weight;
    const profiles::Field& field = plan.map->field(plan.fieldOfSlot[*count]);
    counter.wrapRange = rawRange(field.type) * field.scale;
    return counter;
  }
  // A sensor mounted Downstream sees the current reversed (docs/devices.md): what the load
  // draws is counted as export. Undo it here so consumption is always what the load used.
  const bool reversed = device.supply == installation::Supply::Downstream;
  auto energy = slotNamed(plan, reversed ? "energy.active.export" : "energy.active.import");
  if (!energy) return counter;
  counter.kind = CounterSource::Kind::Energy;
  counter.valueSlot = *energy;
  const profiles::Field& field = plan.map->field(plan.fieldOfSlot[*energy]);
  counter.wrapRange = rawRange(field.type) * field.scale;
  return counter;
}

std::optional<IdentificationPlan> identificationOf(const DevicePlan& plan) {
  const installation::Device& device = *plan.device;
  if (device.family == DeviceFamily::PulseCounter) return std::nullopt;
  auto read = profiles::identificationReadOf(*plan.map);
  const auto expected = profiles::modelCodeOf(device.family, device.model);
  if (!read || !expected) return std::nullopt;
  IdentificationPlan identification;
  identification.expectedModelCode = *expected;
  identification.block.wireAddress = static_cast<std::uint16_t>(read->read.address + plan.address.registerOffset);
  identification.block.read = read->read;
  identification.read = std::move(*read);
  return identification;
}

}  // namespace

std::size_t DevicePlan::registersRead() const {
  std::size_t total = 0;
  for (const PlannedBlock& block : blocks) total += block.read.count;
  return total;
}

std::optional<DevicePlan> planDevicePoll(const installation::Installation& installation,
                                         const profiles::ProfileCatalogue& profiles,
                                         const installation::Device& device, const PlanOptions& options) {
  // A Remote ID beyond the slave's register windows has no register to read on any slave.
  if (device.family == DeviceFamily::WsMeasure && !(device.remoteId && profiles::slaveRegisterOf(*device.remoteId))) {
    return std::nullopt;
  }
  DevicePlan plan;
  plan.device = &device;
  plan.map = profiles::unitProfileOf(installation, profiles, device);
  if (!plan.map) return std::nullopt;
  plan.address = profiles::unitAddressOf(device);
  plan.prefix = profiles::fieldPrefixOf(device, *plan.map);

  const bool pulseCounter = device.family == DeviceFamily::PulseCounter;
  std::vector<std::size_t> wanted;
  for (const std::size_t index : profiles::readableFields(*plan.map)) {
    const std::string& name = plan.map->field(index).name;
    if (!name.starts_with(plan.prefix)) continue;
    // A host energy counter's pulse inputs belong to the pulse counters configured on them.
    if (!pulseCounter && name.starts_with("position.")) continue;
    if (profiles::isIdentification(name)) continue;
    wanted.push_back(index);
  }
  if (wanted.empty()) return std::nullopt;

  std::vector<std::size_t> slotOfField(plan.map->fields().size(), 0);
  for (const std::size_t index : wanted) {
    slotOfField[index] = plan.quantities.size();
    plan.quantities.push_back(plan.map->field(index).name.substr(plan.prefix.size()));
    plan.fieldOfSlot.push_back(index);
  }
  for (profiles::ReadBlock& read : profiles::planReads(*plan.map, wanted, options.maxRegisters, options.maxGap)) {
    PlannedBlock block;
    block.wireAddress = static_cast<std::uint16_t>(read.address + plan.address.registerOffset);
    for (const std::size_t index : read.fields) block.slots.push_back(slotOfField[index]);
    block.read = std::move(read);
    plan.blocks.push_back(std::move(block));
  }
  plan.counter = counterOf(plan);
  plan.identification = identificationOf(plan);
  return plan;
}

link::Request requestFor(const DevicePlan& plan, const PlannedBlock& block, std::span<std::uint16_t> buffer) {
  link::Request request;
  request.unitId = plan.address.unitId;
  request.function = block.read.function;
  request.address = block.wireAddress;
  request.count = block.read.count;
  request.readBuffer = buffer.first(block.read.count);
  return request;
}

}  // namespace ews::acquisition

#include "device_decoder.hpp"

#include "ews/profiles/field_codec.hpp"

namespace ews::acquisition {

DeviceDecoder::DeviceDecoder(const DevicePlan& plan)
    : plan_(&plan), readings_(plan.quantities.size(), nullptr), values_(plan.quantities.size(), 0.0) {
  const profiles::RegisterMap& map = *plan.map;
  steps_.reserve(plan.blocks.size());
  for (const PlannedBlock& block : plan.blocks) {
    std::vector<Step>& steps = steps_.emplace_back();
    steps.reserve(block.slots.size());
    for (std::size_t i = 0; i < block.slots.size(); ++i) {
      const std::size_t fieldIndex = block.read.fields[i];
      steps.push_back(Step{map.codec(fieldIndex),
                           static_cast<std::uint32_t>(map.field(fieldIndex).address - block.read.address),
                           static_cast<std::uint32_t>(block.slots[i])});
    }
  }
}

void DeviceDecoder::decodeBlock(std::size_t blockIndex, std::span<const std::uint16_t> buffer,
                                Measurements& measurements, Time at) {
  for (const Step& step : steps_[blockIndex]) {
    // What ReadBlock::wordsOf gives, resolved at construction.
    const double value = step.codec.decode(buffer.subspan(step.offset, step.codec.words()));
    values_[step.slot] = value;
    Reading* reading = readings_[step.slot];
    if (reading == nullptr) {
      readings_[step.slot] = &measurements.record(plan_->device->id, plan_->quantities[step.slot], value, at);
    } else {
      // Member by member: a whole-struct assignment went through a stack temporary whose
      // 16-byte reload missed store forwarding, the hottest instruction of a simulated poll.
      reading->value = value;
      reading->at = at;
      reading->quality = Quality::Good;
    }
  }
}

void DeviceDecoder::markStaleFrom(std::size_t blockIndex) {
  for (std::size_t b = blockIndex; b < plan_->blocks.size(); ++b) {
    for (const std::size_t slot : plan_->blocks[b].slots) {
      if (readings_[slot] != nullptr) readings_[slot]->quality = Quality::Stale;
    }
  }
}

std::optional<recording::Event> DeviceDecoder::feedCounter(Measurements& measurements, Time at) const {
  const CounterSource& counter = plan_->counter;
  switch (counter.kind) {
    case CounterSource::Kind::None:
      return std::nullopt;
    case CounterSource::Kind::Energy:
      return measurements.feedCounter(plan_->device->id, values_[counter.valueSlot], counter.wrapRange, at);
    case CounterSource::Kind::Pulses: {
      const double weight = values_[counter.weightSlot];
      return measurements.feedCounter(plan_->device->id, values_[counter.valueSlot] * weight,
                                      counter.wrapRange * weight, at);
    }
  }
  return std::nullopt;
}

}  // namespace ews::acquisition

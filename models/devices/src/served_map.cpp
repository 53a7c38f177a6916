#include "ews/devices/served_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace ews::devices {

ServedMap::ServedMap(std::shared_ptr<const profiles::RegisterMap> map, std::uint16_t offset,
                     std::vector<Behaviour*> behaviours)
    : map_(std::move(map)), offset_(offset) {
  if (!map_) throw std::invalid_argument("ServedMap: no register map");
  const auto fields = map_->fields();
  bindings_.resize(fields.size());
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const profiles::Field& field = fields[i];
    if (field.end() + offset_ > 0x10000u) {
      throw std::invalid_argument(fmt::format("profile '{}': field '{}' at 0x{:04X} shifted by 0x{:04X} runs past 0xFFFF",
                                              map_->id(), field.name, field.address, offset_));
    }
    for (Behaviour* behaviour : behaviours) {
      if (const auto code = behaviour->bind(field.name)) {
        bindings_[i] = Binding{behaviour, *code};
        if (std::find(prepared_.begin(), prepared_.end(), behaviour) == prepared_.end()) prepared_.push_back(behaviour);
        break;
      }
    }
    if (bindings_[i].behaviour == nullptr) {
      throw std::logic_error(fmt::format("profile '{}': no behaviour of the simulated device serves field '{}'",
                                         map_->id(), field.name));
    }
  }
}

bool ServedMap::covers(const link::Request& request) const {
  if (request.address < offset_) return false;
  const auto local = static_cast<std::uint16_t>(request.address - offset_);
  return map_->isMapped(profiles::addressSpaceOf(request.function), local, request.count);
}

bool ServedMap::hasSpaceOf(link::Function function) const { return map_->hasSpace(profiles::addressSpaceOf(function)); }

link::ExceptionCode ServedMap::serve(const link::Request& request, Time t) {
  link::Request local = request;
  if (offset_ != 0) {
    // Callers route by covers(); an address below the window cannot be one of its fields.
    if (request.address < offset_) return link::ExceptionCode::IllegalDataAddress;
    local.address = static_cast<std::uint16_t>(request.address - offset_);
  }
  for (Behaviour* behaviour : prepared_) behaviour->prepare(t);
  if (link::isRead(request.function)) {
    return map_->readWith(local, locate(local), [this](std::size_t fieldIndex) {
      const Binding& binding = bindings_[fieldIndex];
      return binding.behaviour->value(binding.code);
    });
  }
  Writer writer(bindings_, t);
  return map_->write(local, writer);
}

const profiles::RegisterMap::ReadSpan& ServedMap::locate(const link::Request& local) {
  for (std::size_t i = 0; i < locatedCount_; ++i) {
    const Located& known = located_[i];
    if (known.function == local.function && known.address == local.address && known.count == local.count) {
      return known.span;
    }
  }
  Located& slot = located_[nextLocated_];
  slot = Located{local.function, local.address, local.count,
                 map_->locateRead(local.function, local.address, local.count)};
  nextLocated_ = (nextLocated_ + 1) % located_.size();
  locatedCount_ = std::min(locatedCount_ + 1, located_.size());
  return slot.span;
}

link::ExceptionCode ServedMap::Writer::writeField(std::size_t fieldIndex, double value) {
  const Binding& binding = (*bindings_)[fieldIndex];
  return binding.behaviour->write(binding.code, value, t_);
}

}  // namespace ews::devices

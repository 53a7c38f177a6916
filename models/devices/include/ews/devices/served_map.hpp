#pragma once
// The plumbing every simulated unit shares: a profile map (models/profiles) whose fields are
// bound, once, to the behaviours that compute them, read through RegisterMap::readWith and
// written through profiles::FieldWriter. A map may sit at an offset in the unit's address
// spaces (an EMS CX3 module behind its interface, addressing.hpp).
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "ews/devices/behaviour.hpp"
#include "ews/profiles/register_map.hpp"

namespace ews::devices {

class ServedMap {
 public:
  /// Binds every field of `map` to the first of `behaviours` that knows its name. Throws
  /// std::logic_error naming the profile and the field when none does (a profile asks for a
  /// quantity this device cannot compute: a bug to fix in the device, never served as junk),
  /// std::invalid_argument when a field shifted by `offset` runs past 0xFFFF.
  ServedMap(std::shared_ptr<const profiles::RegisterMap> map, std::uint16_t offset, std::vector<Behaviour*> behaviours);

  ServedMap(ServedMap&&) noexcept = default;
  ServedMap& operator=(ServedMap&&) noexcept = default;

  const profiles::RegisterMap& map() const { return *map_; }
  std::uint16_t offset() const { return offset_; }
  /// Whether every address the request touches is a field of this map (after the offset).
  bool covers(const link::Request& request) const;
  /// Whether the map has fields in the space `function` reads or writes.
  bool hasSpaceOf(link::Function function) const;
  /// The behaviours some field is bound to.
  const std::vector<Behaviour*>& behaviours() const { return prepared_; }
  /// Serves a request given in the unit's addresses: prepares the behaviours at t, then reads
  /// or writes the map's fields. No allocation.
  link::ExceptionCode serve(const link::Request& request, Time t);

 private:
  struct Binding {
    Behaviour* behaviour = nullptr;
    std::uint32_t code = 0;
  };

  class Writer final : public profiles::FieldWriter {
   public:
    Writer(const std::vector<Binding>& bindings, Time t) : bindings_(&bindings), t_(t) {}
    link::ExceptionCode writeField(std::size_t fieldIndex, double value) override;

   private:
    const std::vector<Binding>* bindings_;
    Time t_;
  };

  /// A read this map served lately, and where its fields start (RegisterMap::locateRead): a
  /// poller repeats the same few reads every cycle, so they are located once.
  struct Located {
    link::Function function{};
    std::uint16_t address = 0;  ///< in the map's addresses
    std::uint16_t count = 0;
    profiles::RegisterMap::ReadSpan span;
  };
  const profiles::RegisterMap::ReadSpan& locate(const link::Request& local);

  std::shared_ptr<const profiles::RegisterMap> map_;
  std::uint16_t offset_ = 0;
  std::array<Located, 4> located_{};  ///< the last distinct reads, replaced in turn
  std::size_t locatedCount_ = 0;
  std::size_t nextLocated_ = 0;
  std::vector<Binding> bindings_;    ///< per field index of the map
  std::vector<Behaviour*> prepared_;  ///< the distinct behaviours bound, prepared per request
};

}  // namespace ews::devices

#pragma once
// What polling one configured device means on its line, computed once per device: the unit id
// and register offset it answers at, the profile of that unit, the fields that are its own,
// their block reads (profiles::planReads, <= 125 registers each) and where its consumption
// counter comes from. The Poller only walks these plans; it never looks at a profile again.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ews/installation/installation.hpp"
#include "ews/link/link.hpp"
#include "ews/profiles/addressing.hpp"
#include "ews/profiles/identification.hpp"
#include "ews/profiles/profile_catalogue.hpp"
#include "ews/profiles/read_plan.hpp"

namespace ews::acquisition {

struct PlanOptions {
  std::uint16_t maxRegisters = link::kMaxReadRegisters;  ///< per request (capped at 125 by planReads)
  std::uint16_t maxGap = profiles::kDefaultMaxGap;       ///< see read_plan.hpp
};

/// One read request of a device's poll.
struct PlannedBlock {
  profiles::ReadBlock read;      ///< addresses in the profile's terms (ReadBlock::wordsOf works on them)
  std::uint16_t wireAddress = 0;  ///< read.address + the unit's register offset: what goes on the line
  /// Parallel to read.fields: the index in DevicePlan::quantities of each field's value.
  std::vector<std::size_t> slots;
};

/// Where the device's consumption counter (Wh, or dm3 for water and gas) comes from.
struct CounterSource {
  enum class Kind : std::uint8_t {
    None,    ///< the device meters nothing cumulative (breaker without measurement, I/O, ...)
    Energy,  ///< an energy register: energy.active.import (export for a Downstream sensor)
    Pulses,  ///< a pulse counter: count x weight
  };
  Kind kind = Kind::None;
  std::size_t valueSlot = 0;   ///< energy register, or pulse count
  std::size_t weightSlot = 0;  ///< Pulses: the position's weight (Wh or L per pulse)
  /// Energy: the register's range in Wh (2^bits x scale) for unsigned integer registers, 0 for
  /// float and signed ones. Pulses: the count's range in pulses (x weight at each reading).
  double wrapRange = 0.0;
};

/// The device's identification registers (profiles/identification.hpp), read when it is first
/// reached and after each reconnection, never in its polls.
struct IdentificationPlan {
  profiles::IdentificationRead read;  ///< ident.model (and ident.firmware when the map has it)
  PlannedBlock block;                 ///< the same read, at its wire address
  std::uint32_t expectedModelCode = 0;  ///< the configured model's code
};

struct DevicePlan {
  const installation::Device* device = nullptr;
  profiles::UnitAddress address;
  std::shared_ptr<const profiles::RegisterMap> map;
  std::string prefix;                    ///< fieldPrefixOf: "position.3.", "side.2.", ""
  std::vector<std::string> quantities;   ///< names without the prefix, one per polled field
  std::vector<std::size_t> fieldOfSlot;  ///< the map's field index of each quantity
  std::vector<PlannedBlock> blocks;      ///< in planReads order; blocks[0] is what a probe reads
  CounterSource counter;
  /// nullopt: nothing to check (a map without identification registers, a pulse counter: its
  /// unit identifies the concentrator, not the meter; a model the catalogue has no code for).
  std::optional<IdentificationPlan> identification;

  /// Registers (or bits) the whole poll reads.
  std::size_t registersRead() const;
};

/// The plan of `device`, or nullopt when it cannot be polled over a line: a model left unset
/// ("Configuration") or without a profile, a WSMEASURE device whose Remote ID is beyond the
/// slave's register windows (ids above installation::kMaxServedRemoteTargetId). A WSMEASURE device of a virtual gateway reads its
/// Remote ID's value at the slave's unit 247 (profiles/master_slave_map.hpp).
/// Polls the device's own readable fields (those under its prefix); a device that is not a
/// pulse counter leaves position.* fields to the pulse counters configured on them; the
/// ident.* fields are its `identification`, not polled.
std::optional<DevicePlan> planDevicePoll(const installation::Installation& installation,
                                         const profiles::ProfileCatalogue& profiles,
                                         const installation::Device& device, const PlanOptions& options = {});

/// The request reading `block` of `plan` into `buffer` (room for block.read.count values).
link::Request requestFor(const DevicePlan& plan, const PlannedBlock& block, std::span<std::uint16_t> buffer);

/// The largest block of any plan, to size a line's buffer: 2000 covers any read.
inline constexpr std::size_t kMaxBlockValues = link::kMaxReadBits;

}  // namespace ews::acquisition

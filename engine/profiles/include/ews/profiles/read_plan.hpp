#pragma once
// Block planning for the acquisition: which read requests fetch a set of fields in the
// fewest transactions. Each request costs a frame header, two silent intervals and the
// device's turnaround; each extra register read costs 2 bytes on the line. At 19200 baud
// with a 5 ms turnaround a new request costs about 16.5 ms and one register 1.15 ms, so
// reading up to ~14 unwanted (but mapped) registers beats a second request: that is the
// default `maxGap`.
//
// A block only spans addresses the map covers, so the strict serving of RegisterMap::read
// accepts every planned block (and a real device with the same map does too).
#include <cstdint>
#include <span>
#include <vector>

#include "ews/link/link.hpp"
#include "ews/profiles/register_map.hpp"

namespace ews::profiles {

inline constexpr std::uint16_t kDefaultMaxGap = 14;

struct ReadBlock {
  link::Function function = link::Function::ReadHoldingRegisters;  ///< 1, 2, 3 or 4
  std::uint16_t address = 0;
  std::uint16_t count = 0;          ///< registers, or bits for functions 1 and 2
  std::vector<std::size_t> fields;  ///< the requested fields inside, in address order

  /// The words of `field` (one of `fields`) within the block's read buffer.
  std::span<const std::uint16_t> wordsOf(const Field& field, std::span<const std::uint16_t> buffer) const;
};

/// Plans read requests for the fields `fieldIndices` of `map` (any order; duplicates are
/// read once). Blocks group fields of one function in address order, start at a requested
/// field and end with one, hold at most `maxRegisters` registers (capped at 125) or 2000
/// bits, and bridge a gap between two requested fields only when it is at most `maxGap`
/// addresses and wholly mapped. Blocks come out by function (1, 2, 3, 4), then address.
/// Throws std::out_of_range for an unknown index and std::invalid_argument for a write-only
/// field (it has nothing to read).
std::vector<ReadBlock> planReads(const RegisterMap& map, std::span<const std::size_t> fieldIndices,
                                 std::uint16_t maxRegisters = link::kMaxReadRegisters,
                                 std::uint16_t maxGap = kDefaultMaxGap);

/// Every readable field of `map`.
std::vector<std::size_t> readableFields(const RegisterMap& map);

}  // namespace ews::profiles

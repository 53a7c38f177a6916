#include "ews/profiles/read_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace ews::profiles {

std::span<const std::uint16_t> ReadBlock::wordsOf(const Field& field, std::span<const std::uint16_t> buffer) const {
  return buffer.subspan(field.address - address, field.words());
}

std::vector<std::size_t> readableFields(const RegisterMap& map) {
  std::vector<std::size_t> indices;
  const auto fields = map.fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].readable()) indices.push_back(i);
  }
  return indices;
}

std::vector<ReadBlock> planReads(const RegisterMap& map, std::span<const std::size_t> fieldIndices,
                                 std::uint16_t maxRegisters, std::uint16_t maxGap) {
  const auto fields = map.fields();
  std::vector<std::size_t> wanted(fieldIndices.begin(), fieldIndices.end());
  for (const std::size_t index : wanted) {
    if (index >= fields.size()) {
      throw std::out_of_range(fmt::format("planReads: profile '{}' has no field {}", map.id(), index));
    }
    if (!fields[index].readable()) {
      throw std::invalid_argument(
          fmt::format("planReads: '{}' of profile '{}' is write-only", fields[index].name, map.id()));
    }
  }
  std::sort(wanted.begin(), wanted.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(fields[a].space(), fields[a].address) < std::pair(fields[b].space(), fields[b].address);
  });
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());

  // A block never splits a field, so it must hold at least the widest one.
  const std::uint32_t registerLimit = std::clamp<std::uint32_t>(maxRegisters, kMaxFieldWords, link::kMaxReadRegisters);
  const std::uint32_t bitLimit = std::min<std::uint32_t>(link::kMaxReadBits, registerLimit * 16);

  std::vector<ReadBlock> blocks;
  std::uint32_t blockEnd = 0;
  for (const std::size_t index : wanted) {
    const Field& field = fields[index];
    const AddressSpace space = field.space();
    const std::uint32_t limit = isBitSpace(space) ? bitLimit : registerLimit;
    bool extend = !blocks.empty() && blocks.back().function == field.readFunction;
    if (extend) {
      // Fields never overlap, so in address order the next one starts at or after blockEnd.
      const std::uint32_t gap = field.address - blockEnd;
      extend = gap <= maxGap && field.end() - blocks.back().address <= limit &&
               (gap == 0 || map.isMapped(space, static_cast<std::uint16_t>(blockEnd), static_cast<std::uint16_t>(gap)));
    }
    if (!extend) {
      blocks.push_back(ReadBlock{field.readFunction, field.address, 0, {}});
    }
    ReadBlock& block = blocks.back();
    block.fields.push_back(index);
    blockEnd = field.end();
    block.count = static_cast<std::uint16_t>(blockEnd - block.address);
  }
  return blocks;
}

}  // namespace ews::profiles

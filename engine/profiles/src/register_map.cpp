// RegisterMap: the index built once per map, and the serving of read and write requests.
#include "ews/profiles/register_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>

namespace ews::profiles {

namespace {

using link::ExceptionCode;
using link::Function;

constexpr std::uint32_t kAddressSpaceEnd = 0x10000;

bool typeFitsSpace(const Field& field) { return (field.type == Type::Bit) == isBitSpace(field.space()); }

bool isReadFunction(Function function) {
  return function == Function::ReadCoils || function == Function::ReadDiscreteInputs ||
         function == Function::ReadHoldingRegisters || function == Function::ReadInputRegisters;
}

bool isWriteFunction(Function function) {
  return function == Function::WriteSingleCoil || function == Function::WriteMultipleCoils ||
         function == Function::WriteSingleRegister || function == Function::WriteMultipleRegisters;
}

}  // namespace

RegisterMap::RegisterMap(ProfileInfo info, std::vector<Field> fields)
    : info_(std::move(info)), fields_(std::move(fields)) {
  codecs_.reserve(fields_.size());
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    const Field& field = fields_[i];
    codecs_.emplace_back(field);
    if (!isReadFunction(field.readFunction) || !typeFitsSpace(field) || field.end() > kAddressSpaceEnd) {
      throw std::invalid_argument(fmt::format("profile '{}': field '{}' does not fit {} at address {}", info_.id,
                                              field.name, addressSpaceName(field.space()), field.address));
    }
    SpaceIndex& space = spaces_[static_cast<std::size_t>(field.space())];
    space.starts.push_back(field.address);
    space.served.push_back(Served{static_cast<std::uint32_t>(i), field.address,
                                  static_cast<std::uint8_t>(field.words()), field.readable(), codecs_.back()});
  }
  for (SpaceIndex& space : spaces_) {
    std::vector<std::size_t> order(space.starts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return space.starts[a] < space.starts[b]; });
    SpaceIndex sorted;
    for (const std::size_t k : order) {
      const Field& field = fields_[space.served[k].fieldIndex];
      if (!sorted.runEnds.empty() && field.address < sorted.runEnds.back()) {
        throw std::invalid_argument(fmt::format("profile '{}': field '{}' overlaps another field in {}", info_.id,
                                                field.name, addressSpaceName(field.space())));
      }
      sorted.starts.push_back(field.address);
      sorted.served.push_back(space.served[k]);
      if (!sorted.runEnds.empty() && sorted.runEnds.back() == field.address) {
        sorted.runEnds.back() = field.end();  // continues the run without a hole
      } else {
        sorted.runBegins.push_back(field.address);
        sorted.runEnds.push_back(field.end());
      }
    }
    space = std::move(sorted);
  }
  byName_.resize(fields_.size());
  std::iota(byName_.begin(), byName_.end(), std::uint32_t{0});
  std::sort(byName_.begin(), byName_.end(),
            [&](std::uint32_t a, std::uint32_t b) { return fields_[a].name < fields_[b].name; });
}

std::optional<std::size_t> RegisterMap::find(std::string_view name) const {
  const auto it =
      std::lower_bound(byName_.begin(), byName_.end(), name,
                       [&](std::uint32_t index, std::string_view key) { return fields_[index].name < key; });
  if (it == byName_.end() || fields_[*it].name != name) return std::nullopt;
  return *it;
}

bool RegisterMap::covers(const SpaceIndex& index, std::uint32_t begin, std::uint32_t end) {
  // The run holding `begin` is the last one starting at or before it.
  const auto after = std::upper_bound(index.runBegins.begin(), index.runBegins.end(), begin);
  if (after == index.runBegins.begin()) return false;
  const auto run = static_cast<std::size_t>(after - index.runBegins.begin()) - 1;
  return end <= index.runEnds[run];
}

bool RegisterMap::isMapped(AddressSpace space, std::uint16_t address, std::uint16_t count) const {
  return count > 0 && covers(index(space), address, std::uint32_t{address} + count);
}

RegisterMap::ReadSpan RegisterMap::locateRead(link::Function function, std::uint16_t address,
                                              std::uint16_t count) const {
  if (!isReadFunction(function)) return ReadSpan{ExceptionCode::IllegalFunction};
  const SpaceIndex& space = index(addressSpaceOf(function));
  if (space.starts.empty()) return ReadSpan{ExceptionCode::IllegalFunction};
  const std::uint32_t begin = address;
  if (count == 0 || !covers(space, begin, begin + count)) return ReadSpan{ExceptionCode::IllegalDataAddress};
  // First field overlapping `begin`: the last one starting at or before it (the range is
  // covered, so it reaches `begin`).
  const auto first = std::upper_bound(space.starts.begin(), space.starts.end(), begin) - space.starts.begin() - 1;
  return ReadSpan{ExceptionCode::None, static_cast<std::uint32_t>(first)};
}

ExceptionCode RegisterMap::read(const link::Request& request, const FieldValues& values) const {
  return readWith(request, locateRead(request.function, request.address, request.count),
                  [&values](std::size_t fieldIndex) { return values.fieldValue(fieldIndex); });
}

ExceptionCode RegisterMap::write(const link::Request& request, FieldWriter& writer) const {
  if (!isWriteFunction(request.function)) return ExceptionCode::IllegalFunction;
  const AddressSpace spaceId = addressSpaceOf(request.function);
  const SpaceIndex& space = index(spaceId);
  if (space.starts.empty()) return ExceptionCode::IllegalFunction;
  const std::uint32_t begin = request.address;
  const std::uint32_t end = begin + request.count;
  if (request.count == 0 || !covers(space, begin, end)) return ExceptionCode::IllegalDataAddress;
  if (request.writeValues.size() < request.count) return ExceptionCode::IllegalDataValue;

  const auto first = static_cast<std::size_t>(std::upper_bound(space.starts.begin(), space.starts.end(), begin) -
                                              space.starts.begin()) -
                     1;
  // Check the whole request before applying any of it: a refused write changes nothing.
  std::size_t last = first;
  for (; last < space.starts.size() && space.starts[last] < end; ++last) {
    const Field& field = fields_[space.served[last].fieldIndex];
    if (!field.writable() || field.address < begin || field.end() > end) return ExceptionCode::IllegalDataAddress;
  }
  if (isBitSpace(spaceId)) {
    const auto values = request.writeValues.first(request.count);
    if (std::any_of(values.begin(), values.end(), [](std::uint16_t bit) { return bit > 1; })) {
      return ExceptionCode::IllegalDataValue;
    }
  }
  for (std::size_t at = first; at < last; ++at) {
    const std::size_t fieldIndex = space.served[at].fieldIndex;
    const Field& field = fields_[fieldIndex];
    const double value = codecs_[fieldIndex].decode(request.writeValues.subspan(field.address - begin, field.words()));
    if (const ExceptionCode code = writer.writeField(fieldIndex, value); code != ExceptionCode::None) return code;
  }
  return ExceptionCode::None;
}

}  // namespace ews::profiles

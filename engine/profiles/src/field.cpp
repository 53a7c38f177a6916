#include "ews/profiles/field.hpp"

#include <array>

namespace ews::profiles {

namespace {

template <class E>
struct Named {
  std::string_view name;
  E value;
};

constexpr std::array kTypes = {
    Named<Type>{"bit", Type::Bit}, Named<Type>{"u16", Type::U16},         Named<Type>{"s16", Type::S16},
    Named<Type>{"u32", Type::U32}, Named<Type>{"s32", Type::S32},         Named<Type>{"u48", Type::U48},
    Named<Type>{"u64", Type::U64}, Named<Type>{"float32", Type::Float32},
};
constexpr std::array kWordOrders = {Named<WordOrder>{"big", WordOrder::Big},
                                    Named<WordOrder>{"little", WordOrder::Little}};
constexpr std::array kAccesses = {Named<Access>{"r", Access::Read}, Named<Access>{"rw", Access::ReadWrite},
                                  Named<Access>{"w", Access::Write}};

template <class E, std::size_t N>
std::string_view nameIn(const std::array<Named<E>, N>& table, E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

template <class E, std::size_t N>
std::optional<E> valueIn(const std::array<Named<E>, N>& table, std::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

}  // namespace

std::uint16_t wordsOf(Type type) {
  switch (type) {
    case Type::Bit:
    case Type::U16:
    case Type::S16:
      return 1;
    case Type::U32:
    case Type::S32:
    case Type::Float32:
      return 2;
    case Type::U48:
      return 3;
    case Type::U64:
      return 4;
  }
  return 1;
}

AddressSpace addressSpaceOf(link::Function function) {
  switch (function) {
    case link::Function::ReadCoils:
    case link::Function::WriteSingleCoil:
    case link::Function::WriteMultipleCoils:
      return AddressSpace::Coils;
    case link::Function::ReadDiscreteInputs:
      return AddressSpace::DiscreteInputs;
    case link::Function::ReadInputRegisters:
      return AddressSpace::InputRegisters;
    case link::Function::ReadHoldingRegisters:
    case link::Function::WriteSingleRegister:
    case link::Function::WriteMultipleRegisters:
      break;
  }
  return AddressSpace::HoldingRegisters;
}

link::Function readFunctionOf(AddressSpace space) {
  switch (space) {
    case AddressSpace::Coils:
      return link::Function::ReadCoils;
    case AddressSpace::DiscreteInputs:
      return link::Function::ReadDiscreteInputs;
    case AddressSpace::HoldingRegisters:
      return link::Function::ReadHoldingRegisters;
    case AddressSpace::InputRegisters:
      return link::Function::ReadInputRegisters;
  }
  return link::Function::ReadHoldingRegisters;
}

std::string_view typeName(Type type) { return nameIn(kTypes, type); }
std::string_view wordOrderName(WordOrder order) { return nameIn(kWordOrders, order); }
std::string_view accessName(Access access) { return nameIn(kAccesses, access); }

std::string_view addressSpaceName(AddressSpace space) {
  switch (space) {
    case AddressSpace::Coils:
      return "coils";
    case AddressSpace::DiscreteInputs:
      return "discrete inputs";
    case AddressSpace::HoldingRegisters:
      return "holding registers";
    case AddressSpace::InputRegisters:
      return "input registers";
  }
  return "?";
}

std::optional<Type> parseType(std::string_view name) { return valueIn(kTypes, name); }
std::optional<WordOrder> parseWordOrder(std::string_view name) { return valueIn(kWordOrders, name); }
std::optional<Access> parseAccess(std::string_view name) { return valueIn(kAccesses, name); }

}  // namespace ews::profiles

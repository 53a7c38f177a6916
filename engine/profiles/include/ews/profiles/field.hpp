#pragma once
// One quantity of a device's register map, and how its value travels in Modbus words
// (docs/design.md decision 6: device profiles are data). The same Field serves a value in a
// simulated device (encode) and reads it back in the acquisition (decode), so both sides
// agree by construction.
//
// Values are doubles in the quantity's unit (Wh, V, A, ...): raw x scale = value.
// Registers are big-endian 16-bit words on the wire; multi-word types put their words in
// `wordOrder`. Coils and discrete inputs carry one bit per address, as one uint16 (0/1) per
// bit, like link::Request's buffers.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ews/kernel/diagnostic.hpp"
#include "ews/link/link.hpp"

namespace ews::profiles {

enum class Type : std::uint8_t {
  Bit,      ///< one coil or discrete input (0/1)
  U16,      ///< unsigned, 1 word
  S16,      ///< two's complement, 1 word
  U32,      ///< unsigned, 2 words
  S32,      ///< two's complement, 2 words
  U48,      ///< unsigned, 3 words (the generic meter's 3-word counters)
  U64,      ///< unsigned, 4 words
  Float32,  ///< IEEE 754 binary32, 2 words
};

/// Order of the words of a multi-word value; bytes within a word are always big-endian.
enum class WordOrder : std::uint8_t {
  Big,     ///< high word first (the Modbus convention)
  Little,  ///< low word first
};

enum class Access : std::uint8_t {
  Read,       ///< "r": read only; a write answers IllegalDataAddress
  ReadWrite,  ///< "rw": a setting or a command with a readable state
  Write,      ///< "w": a command without state; reads answer 0
};

/// The four Modbus data tables: separate address spaces (a holding register and an input
/// register at the same address are different registers).
enum class AddressSpace : std::uint8_t { Coils, DiscreteInputs, HoldingRegisters, InputRegisters };

inline constexpr std::array kAllTypes = {Type::Bit, Type::U16, Type::S16, Type::U32,
                                         Type::S32, Type::U48, Type::U64, Type::Float32};
inline constexpr std::array kAllWordOrders = {WordOrder::Big, WordOrder::Little};
inline constexpr std::array kAllAccesses = {Access::Read, Access::ReadWrite, Access::Write};
inline constexpr std::array kAllAddressSpaces = {AddressSpace::Coils, AddressSpace::DiscreteInputs,
                                                 AddressSpace::HoldingRegisters, AddressSpace::InputRegisters};
inline constexpr std::size_t kAddressSpaceCount = kAllAddressSpaces.size();
inline constexpr std::uint16_t kMaxFieldWords = 4;

/// Words (or bits, for Type::Bit) one value of `type` occupies.
std::uint16_t wordsOf(Type type);
constexpr bool isBitSpace(AddressSpace space) {
  return space == AddressSpace::Coils || space == AddressSpace::DiscreteInputs;
}
/// Discrete inputs and input registers cannot be written over Modbus.
constexpr bool isReadOnlySpace(AddressSpace space) {
  return space == AddressSpace::DiscreteInputs || space == AddressSpace::InputRegisters;
}

/// The space a function reads or writes: 1 and 5, 15 -> coils; 2 -> discrete inputs;
/// 3 and 6, 16 -> holding registers; 4 -> input registers.
AddressSpace addressSpaceOf(link::Function function);
/// The read function of a space (1, 2, 3 or 4).
link::Function readFunctionOf(AddressSpace space);

/// Names as the profile files spell them: "u32", "little", "rw", "holding registers".
std::string_view typeName(Type type);
std::string_view wordOrderName(WordOrder order);
std::string_view accessName(Access access);
std::string_view addressSpaceName(AddressSpace space);
std::optional<Type> parseType(std::string_view name);
std::optional<WordOrder> parseWordOrder(std::string_view name);
std::optional<Access> parseAccess(std::string_view name);

struct Field {
  std::string name;           ///< a quantity of the vocabulary (quantities.hpp), e.g. "voltage.L1N"
  std::uint16_t address = 0;  ///< 0-based protocol address of the first word (or the bit)
  link::Function readFunction = link::Function::ReadHoldingRegisters;  ///< 1, 2, 3 or 4
  Type type = Type::U16;
  WordOrder wordOrder = WordOrder::Big;
  double scale = 1.0;  ///< raw x scale = value in `unit`; > 0
  std::string unit;    ///< the vocabulary's unit of `name`; empty for codes and ratios
  Access access = Access::Read;
  SourceLoc loc;  ///< where the field is defined (unknown for maps built from code)

  std::uint16_t words() const { return wordsOf(type); }
  AddressSpace space() const { return addressSpaceOf(readFunction); }
  /// One past the last address, as an int: fields may end exactly at 0x10000.
  std::uint32_t end() const { return std::uint32_t{address} + words(); }
  bool readable() const { return access != Access::Write; }
  bool writable() const { return access != Access::Read; }
};

/// (A field encoded or decoded again and again resolves these rules once: FieldCodec,
/// field_codec.hpp.)
///
/// Writes `value` (in the field's unit) as field.words() words into words[0, words()).
/// Integer types round raw = value / scale to the nearest integer (halves away from zero) and
/// saturate at the type's range; NaN encodes as 0. Bits are a 1-bit unsigned integer: values
/// from 0.5 up encode as 1. Float32 rounds to the nearest float; a finite value beyond the
/// float range saturates at +/-FLT_MAX, infinities and NaN are kept.
/// Precondition: words.size() >= field.words(). No allocation.
void encode(const Field& field, double value, std::span<std::uint16_t> words);

/// The value the words hold, in the field's unit: raw x scale. For every type and word order,
/// decode(encode(v)) == v when v is (the double nearest to) a multiple of the scale within the
/// type's range, and representable: raw integers up to 2^53, floats for float32. Decimal scales
/// (0.1, 0.01, ...) divide by their integer inverse so that 2301 at 0.1 decodes to 230.1.
/// Precondition: words.size() >= field.words(). No allocation.
double decode(const Field& field, std::span<const std::uint16_t> words);

}  // namespace ews::profiles

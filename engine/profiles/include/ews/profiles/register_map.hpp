#pragma once
// A device family's register map: the fields of one profile file (docs/register-maps.md),
// loaded and validated, indexed for serving requests in a simulated device and for decoding
// them in the acquisition.
//
// Serving is on the hot path of every simulated transaction: read() and write() allocate
// nothing and do no string work; they binary-search a per-address-space index built once.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ews/installation/spec.hpp"
#include "ews/kernel/diagnostic.hpp"
#include "ews/link/link.hpp"
#include "ews/profiles/field.hpp"
#include "ews/profiles/field_codec.hpp"
#include "ews/profiles/provenance.hpp"

namespace ews::profiles {

/// The current value of each field, asked by read() while serving (simulated device side).
class FieldValues {
 public:
  virtual ~FieldValues() = default;
  /// The value of fields()[fieldIndex] in its unit. Called only for readable fields.
  virtual double fieldValue(std::size_t fieldIndex) const = 0;
};

/// Receives the values a write request carries, one whole field at a time.
class FieldWriter {
 public:
  virtual ~FieldWriter() = default;
  /// Applies `value` (decoded, in the field's unit) to fields()[fieldIndex]. Returns None,
  /// or the exception the device answers, e.g. IllegalDataValue for an out-of-range setpoint.
  virtual link::ExceptionCode writeField(std::size_t fieldIndex, double value) = 0;
};

/// Who a map is for, and where it came from.
struct ProfileInfo {
  std::string id;  ///< the file name without ".yaml", e.g. "energy-counter-3ph"
  installation::DeviceFamily family = installation::DeviceFamily::EnergyCounter;
  std::vector<std::string> models;   ///< canonical catalogue spellings ("4 120 53")
  std::vector<SourceLoc> modelLocs;  ///< where each model is listed (parallel to models)
  std::vector<std::string> hosts;    ///< pulse concentrators served (pulse-counter profiles)
  std::vector<SourceLoc> hostLocs;
  std::string description;
  std::string extends;  ///< id of the profile whose fields come first; empty: none
  Provenance provenance;  ///< the file's own (not inherited through extends)
  SourceLoc loc;        ///< the file
};

class RegisterMap {
 public:
  /// Builds the index of `fields` (in that order: field indices are positions in it).
  /// Throws std::invalid_argument when two fields overlap in one address space, a field runs
  /// past 0xFFFF or lies in a space its type does not fit; the loader reports those as
  /// diagnostics first, so this only guards maps built from code.
  RegisterMap(ProfileInfo info, std::vector<Field> fields);

  /// Parses one profile file's text; `fileName` names it in diagnostics and locates the
  /// profile it `extends` (same directory). Throws ews::ValidationError with every problem,
  /// each "file:line:column: field: reason".
  static RegisterMap parse(const std::string& yamlText, const std::string& fileName);
  /// Reads and parses a profile file; an unreadable file is a ValidationError too.
  static RegisterMap loadFile(const std::string& path);

  /// The manual's "Generic Modbus meter" (7.16.1.3): one field energy.active.import (Wh) read
  /// with function 3 or 4 at `registerAddress`, over `words` words (1: u16, 2: u32, 3: u48,
  /// 4: u64, high word first), raw x `multiplier` = Wh. Throws ValidationError on bad input.
  static RegisterMap generic(int functionCode, int registerAddress, int words, double multiplier);
  static RegisterMap generic(const installation::GenericRegisterSpec& spec);

  const ProfileInfo& info() const { return info_; }
  const std::string& id() const { return info_.id; }
  installation::DeviceFamily family() const { return info_.family; }
  const std::vector<std::string>& models() const { return info_.models; }
  const std::string& description() const { return info_.description; }
  const Provenance& provenance() const { return info_.provenance; }

  std::span<const Field> fields() const { return fields_; }
  const Field& field(std::size_t index) const { return fields_.at(index); }
  /// The codec of fields()[index], resolved once.
  const FieldCodec& codec(std::size_t index) const { return codecs_.at(index); }
  /// The index of the field named `name`. No allocation.
  std::optional<std::size_t> find(std::string_view name) const;

  /// True when fields cover every address of [address, address + count) in `space`.
  bool isMapped(AddressSpace space, std::uint16_t address, std::uint16_t count) const;
  /// True when the map has at least one field in `space`.
  bool hasSpace(AddressSpace space) const { return !spaces_[static_cast<std::size_t>(space)].starts.empty(); }

  /// Serves a read (functions 1-4), filling request.readBuffer[0, count) with the encoded
  /// words or bits of every field overlapping the range (a range may start or end inside a
  /// multi-word field: those words are served). Write-only fields read as 0.
  /// Answers IllegalFunction for a non-read function or a space without fields,
  /// IllegalDataAddress when any requested address is not covered by a field (strict, like
  /// most meters: a poller must not read across holes), IllegalDataValue when the buffer is
  /// shorter than count. No allocation.
  link::ExceptionCode read(const link::Request& request, const FieldValues& values) const;

  /// A read's checks and where its fields start, for a caller serving the same request again
  /// and again (a poller repeats its reads every cycle): locate once, read many times.
  struct ReadSpan {
    link::ExceptionCode refusal = link::ExceptionCode::None;  ///< what read() answers instead
    std::uint32_t first = 0;  ///< the first field overlapping the request, in address order
  };
  ReadSpan locateRead(link::Function function, std::uint16_t address, std::uint16_t count) const;
  /// read() of a request with the function, address and count `span` was located for, the
  /// values from `valueOf(fieldIndex)` (a callable returning double), inline: a simulated
  /// device serving every poll saves a virtual call per field.
  template <class ValueOf>
  link::ExceptionCode readWith(const link::Request& request, const ReadSpan& span, const ValueOf& valueOf) const;

  /// Serves a write (functions 5, 6, 15, 16): every written address must belong to a writable
  /// field (rw or w) wholly inside the request, else IllegalDataAddress (read-only field,
  /// partial field, hole); coils take 0 or 1 only (else IllegalDataValue). The fields are then
  /// decoded and handed to `writer` in address order; the first exception it returns stops
  /// the write and is answered (fields before it stay written, as on a device that applies a
  /// multiple write register by register). Non-write functions and spaces without fields
  /// answer IllegalFunction. No allocation.
  link::ExceptionCode write(const link::Request& request, FieldWriter& writer) const;

 private:
  /// The fields of one address space, sorted by address, and the runs of addresses they
  /// cover without a hole.
  /// What serving a field needs, next to its neighbours in address order (a read walks them).
  struct Served {
    std::uint32_t fieldIndex;
    std::uint16_t address;
    std::uint8_t words;
    bool readable;
    FieldCodec codec;
  };
  struct SpaceIndex {
    std::vector<std::uint32_t> starts;     ///< sorted field start addresses
    std::vector<Served> served;            ///< parallel to starts
    std::vector<std::uint32_t> runBegins;  ///< sorted starts of covered runs
    std::vector<std::uint32_t> runEnds;    ///< one past the end of each run
  };

  const SpaceIndex& index(AddressSpace space) const { return spaces_[static_cast<std::size_t>(space)]; }
  static bool covers(const SpaceIndex& index, std::uint32_t begin, std::uint32_t end);

  ProfileInfo info_;
  std::vector<Field> fields_;
  std::vector<FieldCodec> codecs_;  ///< parallel to fields_
  std::array<SpaceIndex, kAddressSpaceCount> spaces_;
  std::vector<std::uint32_t> byName_;  ///< field indices sorted by name
};

template <class ValueOf>
link::ExceptionCode RegisterMap::readWith(const link::Request& request, const ReadSpan& span,
                                          const ValueOf& valueOf) const {
  if (span.refusal != link::ExceptionCode::None) return span.refusal;
  if (request.readBuffer.size() < request.count) return link::ExceptionCode::IllegalDataValue;
  const SpaceIndex& space = index(addressSpaceOf(request.function));
  const std::uint32_t begin = request.address;
  const std::uint32_t end = begin + request.count;
  for (std::size_t at = span.first; at < space.starts.size() && space.starts[at] < end; ++at) {
    const Served& field = space.served[at];
    const std::uint32_t fieldBegin = field.address;
    const std::uint32_t fieldEnd = fieldBegin + field.words;
    // A command without state reads as 0.
    const double value = field.readable ? valueOf(field.fieldIndex) : 0.0;
    if (fieldBegin >= begin && fieldEnd <= end) {
      // Nearly always the field lies wholly inside the request: straight into the answer.
      field.codec.encode(value, request.readBuffer.subspan(fieldBegin - begin, field.words));
      continue;
    }
    // A request starting or ending inside a field gets the overlapping words only.
    std::array<std::uint16_t, kMaxFieldWords> words{};
    field.codec.encode(value, words);
    const std::uint32_t from = std::max(begin, fieldBegin);
    const std::uint32_t to = std::min(end, fieldEnd);
    std::uint16_t* out = request.readBuffer.data() + (from - begin);
    for (std::uint32_t address = from; address < to; ++address) *out++ = words[address - fieldBegin];
  }
  return link::ExceptionCode::None;
}

}  // namespace ews::profiles

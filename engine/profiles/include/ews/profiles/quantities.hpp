#pragma once
// The vocabulary of quantity names a profile field may carry, with each quantity's unit.
// Profiles of different families name the same physics the same way ("current.L1" in A on
// a meter, a breaker and a station), so the acquisition, the history and the pages look
// quantities up by name and never by family. docs/register-maps.md lists the vocabulary.
//
// Names are dotted paths. Most come from a pattern table (brace alternatives as in bash:
// "voltage.{L1N,L2N,L3N,L12,L23,L31}", "position.{1..64}.count"); two rules build on it:
//   stat.<measurand>.{min,max,avg}   statistics of any measurand, in its unit
//   side.{1,2}.<quantity>            one side of an old-range two-sided charging station
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ews::profiles {

enum class QuantityKind : std::uint8_t {
  Counter,    ///< grows over time (energies, pulse counts): the history integrates it
  Measurand,  ///< an instantaneous measurement (may have stat.* statistics)
  State,      ///< a state or code the device reports
  Setting,    ///< a configuration value the EWS may write
  Command,    ///< an order the EWS writes (and may read back)
  Identification,  ///< what the device says it is: read at first contact, not polled
};

struct QuantityPattern {
  std::string_view pattern;  ///< brace pattern, e.g. "current.{L1,L2,L3,N}"
  std::string_view unit;     ///< empty: a code, a flag or a ratio
  QuantityKind kind;
  std::string_view meaning;  ///< one line for the documentation and messages
};

struct QuantityInfo {
  std::string_view unit;
  QuantityKind kind = QuantityKind::Measurand;
};

/// The pattern table (without the stat/side rules), in documentation order.
std::span<const QuantityPattern> quantityPatterns();

/// The unit and kind of `name`, or nullopt when the vocabulary has no such quantity.
std::optional<QuantityInfo> findQuantity(std::string_view name);

/// Why `name` is not in the vocabulary, listing the names it could have meant:
/// "unknown quantity 'voltage.L4N' (voltage quantities: voltage.{L1N,L2N,L3N,L12,L23,L31})".
std::string unknownQuantityReason(std::string_view name);

std::string_view quantityKindName(QuantityKind kind);

}  // namespace ews::profiles

#pragma once
// `ews scan`'s probing of one Modbus line (scan_command.cpp): every unit id of a range is asked
// for its identification registers (profiles/identification.hpp) with a bounded timeout and
// retries; a unit that answers an exception is there without them, and may be an EMS CX3
// interface whose modules answer in their windows (module x 0x0400).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ews/link/link.hpp"
#include "ews/profiles/identification.hpp"
#include "ews/profiles/profile_catalogue.hpp"

namespace ews::cli {

struct ScanRange {
  int first = 1;
  int last = 247;
  int retries = 1;  ///< extra attempts after a silent or garbled answer (not after an exception)
};

struct UnitFound {
  int unitId = 0;
  int module = 0;  ///< EMS CX3 module address behind an interface; 0: the unit itself
  /// ident.model read; nullopt: the unit answered `exception` to the identification read.
  std::optional<std::uint32_t> modelCode;
  std::optional<double> firmware;
  link::ExceptionCode exception = link::ExceptionCode::None;
};

struct ScanReport {
  std::vector<UnitFound> found;
  int addressesProbed = 0;
  int transactions = 0;
  std::chrono::steady_clock::duration elapsed{};
};

/// Where the identification registers are: the block reading ident.model (and ident.firmware)
/// of the catalogue's maps, which all put them at the same place; std::runtime_error when the
/// maps disagree or none has them (a site-local map set that moved them).
struct IdentificationBlock {
  const profiles::RegisterMap* map = nullptr;  ///< decodes the block
  profiles::IdentificationRead plan;
};
IdentificationBlock identificationBlockOf(const profiles::ProfileCatalogue& profiles);

/// Probes every unit id of `range` on `line`, in order; `onUnit` (may be empty) hears about
/// each one probed (progress) and each one found.
ScanReport scanLine(link::Link& line, const IdentificationBlock& block, const ScanRange& range,
                    const std::function<void(int unitId, const UnitFound* found)>& onUnit);

}  // namespace ews::cli

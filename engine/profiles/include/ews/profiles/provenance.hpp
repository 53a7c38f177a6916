#pragma once
// Where a register map comes from (docs/register-maps.md, "Provenance"). A map rebuilt from a
// manufacturer's published Modbus table is `vendor` and names the document; a map designed by
// ews-twin because no table is public is `modelled` and says how it was designed. Reading is
// always allowed; the live stack writes (setpoints, plug enables, output and breaker commands)
// through a `modelled` map only when the site or the device opts in (docs/live.md, "Writing
// to real devices"), because a modelled address may be another register on a real device.
#include <cstdint>
#include <string>
#include <string_view>

namespace ews::profiles {

enum class ProvenanceKind : std::uint8_t {
  Modelled,    ///< no public table: ews-twin's own design
  Vendor,      ///< rebuilt from a manufacturer's published table
  Configured,  ///< built from the installer's configuration (the Generic Modbus meter's fields)
};

struct Provenance {
  ProvenanceKind kind = ProvenanceKind::Modelled;
  std::string document;  ///< vendor: the table's title or reference ("EMDX3 ModbusTable 4 120 5x")
  std::string version;   ///< vendor: its version or date
  std::string checked;   ///< vendor: what was checked against it
  std::string design;    ///< modelled: how the map was designed

  /// "vendor (DOC, VERSION)", "modelled", "configured": for start-up listings and pages.
  std::string summary() const;
};

std::string_view provenanceKindName(ProvenanceKind kind);

}  // namespace ews::profiles

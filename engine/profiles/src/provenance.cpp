#include "ews/profiles/provenance.hpp"

#include <fmt/format.h>

namespace ews::profiles {

std::string_view provenanceKindName(ProvenanceKind kind) {
  switch (kind) {
    case ProvenanceKind::Vendor: return "vendor";
    case ProvenanceKind::Configured: return "configured";
    case ProvenanceKind::Modelled: break;
  }
  return "modelled";
}

std::string Provenance::summary() const {
  if (kind != ProvenanceKind::Vendor) return std::string(provenanceKindName(kind));
  return version.empty() ? fmt::format("vendor ({})", document) : fmt::format("vendor ({}, {})", document, version);
}

}  // namespace ews::profiles

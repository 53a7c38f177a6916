#pragma once
// Every configuration rule of manual 7.16.1-7.16.2 (docs/installation.md lists them),
// checked on a spec as written.
#include <vector>

#include "ews/installation/spec.hpp"
#include "ews/kernel/diagnostic.hpp"

namespace ews::installation {

/// All violations of `spec`, not only the first; empty when the spec is valid. Names are
/// defaulted first (on a copy), as the EWS does when saving. Each diagnostic points at
/// the offending field's value when its position is known (fieldLocs), else at the entry,
/// and names the field as a dotted path with 0-based indexes, for instance
/// "installation.gateways[1].devices[3].address".
std::vector<Diagnostic> validate(const InstallationSpec& spec);

}  // namespace ews::installation

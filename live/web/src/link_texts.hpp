#pragma once
// The Link functionality page's JSON (manual 8.2.3, docs/api.md "GET /api/v1/links"): the links
// between EMS CX3 modules as the modules' link tables (link.{1..4}.*, docs/register-maps.md)
// were last read by the poller.
#include <string>

#include "ews/stack/live_snapshot.hpp"

namespace ews::web::detail {

/// The links of `snapshot` (nullptr: none published yet).
std::string linksJson(const stack::LiveSnapshot* snapshot);

}  // namespace ews::web::detail

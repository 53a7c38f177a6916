#pragma once
// The site database's tables and their migrations (docs/site-database.md, "Schema").
#include "ews/sitedb/database.hpp"

namespace ews::sitedb::detail {

/// Brings a database at schema `fromVersion` (0: empty file) to kSchemaVersion in one
/// transaction, and sets PRAGMA user_version.
void migrate(const Database& db, int fromVersion);

}  // namespace ews::sitedb::detail

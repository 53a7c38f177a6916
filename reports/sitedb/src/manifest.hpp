#pragma once
// manifest.json of a backup archive: written with the reports JSON writer (keys in a fixed
// order), read back with Poco::JSON and checked field by field.
#include <string>
#include <string_view>

#include "ews/sitedb/backup.hpp"

namespace ews::sitedb::detail {

inline constexpr std::string_view kManifestFormatName = "ews-twin site backup";

std::string manifestJson(const Manifest& manifest);

/// Throws std::runtime_error saying what is wrong ("manifest.json: ..."): not JSON, not an
/// ews backup, a format version this build does not read, a missing or mistyped field, a
/// duplicate file.
Manifest parseManifest(const std::string& json);

}  // namespace ews::sitedb::detail

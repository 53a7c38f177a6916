#pragma once
// Which names a backup archive may hold. Restore writes each entry under a staging folder
// inside the data folder, so a name must never reach outside it: relative, '/'-separated,
// normalised (no '.', '..' or empty segment), no backslash or control character, and under one
// of the three top-level names a backup writes.
#include <optional>
#include <string>
#include <string_view>

namespace ews::sitedb::detail {

inline constexpr std::string_view kManifestName = "manifest.json";
inline constexpr std::string_view kDatabaseName = "ews.db";
inline constexpr std::string_view kCsvFolderName = "csv";

/// Why `name` (a zip entry name; directories end with '/') is refused, or nullopt when it is
/// acceptable. The reason reads after "entry '<name>'", e.g. "escapes the data folder".
std::optional<std::string> entryNameProblem(std::string_view name);

}  // namespace ews::sitedb::detail

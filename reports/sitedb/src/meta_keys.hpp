#pragma once
// Keys of the meta table written by backup, system information and optimisation
// (docs/backup.md lists them). Times are int64 microseconds since the epoch, UTC, as text.
#include <string_view>

namespace ews::sitedb::detail {

inline constexpr std::string_view kMetaLastStart = "last_start_us";
inline constexpr std::string_view kMetaAutoBackupAttempt = "auto_backup_attempt_us";
inline constexpr std::string_view kMetaAutoBackupSuccess = "auto_backup_ok_us";
inline constexpr std::string_view kMetaAutoBackupStatus = "auto_backup_status";  // "ok" | "error"
inline constexpr std::string_view kMetaAutoBackupMessage = "auto_backup_message";
inline constexpr std::string_view kMetaLastOptimize = "last_optimize_us";
/// The HMAC key of the users' PIN tags (docs/users.md, "Login by PIN"): 32 random bytes as hex.
inline constexpr std::string_view kMetaPinTagKey = "pin_tag_key";

}  // namespace ews::sitedb::detail

#pragma once
// The FTP client's paths inside the CSV tree: every path it names is resolved against its
// working folder, "." and ".." are applied, and ".." at the root stays at the root (as in a
// chroot), so no name reaches outside the tree; a path whose real location (symbolic links
// followed) is outside the tree is refused as well.
#include <filesystem>
#include <optional>
#include <string>

namespace ews::ftp::detail {

/// "/devices/1" from the working folder "/devices" and the argument "1" (or "/devices/1",
/// "../devices/./1"); always absolute, without a trailing '/'.
std::string resolveVirtual(const std::string& cwd, const std::string& argument);

/// The file or folder on the box for a virtual path, nullopt when it does not exist or leads
/// outside `root` (symbolic links included).
std::optional<std::filesystem::path> realPath(const std::filesystem::path& root, const std::string& virtualPath);

}  // namespace ews::ftp::detail

#pragma once
// The two ways the connector copies the CSV tree (manual 7.12): SFTP synchronises the chosen
// folders into a remote folder, sending only the files that changed; SCP sends them as one zip.
// Neither changes or deletes anything on the box.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ews/connector/ssh_link.hpp"

namespace ews::connector {

/// A file of the CSV tree to send: its path on the box and relative to the tree's root
/// ("devices/1/1_energy_2026-01.csv", always with '/').
struct LocalFile {
  std::filesystem::path path;
  std::string relative;
  std::uint64_t bytes = 0;
  std::int64_t modifiedSeconds = 0;  ///< mtime, Unix seconds
};

/// The regular files under `csvRoot`'s `folders` (empty: every folder of the tree), sorted by
/// relative path. Symbolic links are not followed: only what the box wrote is sent.
std::vector<LocalFile> filesToSend(const std::filesystem::path& csvRoot, const std::vector<std::string>& folders);

struct TransferSummary {
  std::string remotePath;           ///< the folder (SFTP) or zip (SCP) written, keywords expanded
  std::uint64_t filesSent = 0;
  std::uint64_t filesUnchanged = 0;  ///< SFTP: already on the server with the same size and time
  std::uint64_t bytesSent = 0;
};

/// SFTP: creates `remoteDir` (relative to the remote home, parents too) and writes each file
/// under it whose remote copy is missing or differs in size or modification time; each file is
/// written to "<name>.part" and renamed, so an interrupted transfer never leaves a truncated
/// file under the real name; the remote time is set to the box's, which is how the next run
/// knows it unchanged. Throws TransferError naming the file and the server's answer.
TransferSummary syncSftp(SshLink& link, const std::vector<LocalFile>& files, const std::string& remoteDir);

/// SCP: zips the files (their relative paths inside) into a temporary file under `workDir`,
/// sends it as `remoteZip` (".zip" added when missing; its folders created), and removes the
/// temporary file. Throws TransferError.
TransferSummary sendScpZip(SshLink& link, const std::vector<LocalFile>& files, const std::string& remoteZip,
                           const std::filesystem::path& workDir);

}  // namespace ews::connector

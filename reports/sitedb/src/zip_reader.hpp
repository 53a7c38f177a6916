#pragma once
// A strict reader of zip archives for restore: it trusts nothing in the file. The entry list
// comes from the central directory, located from the end-of-central-directory record that
// must close the file (a truncated archive has none); every entry's local header must agree
// with it, its data must lie inside the archive, and its bytes are checked against the declared
// size and CRC-32 as they are inflated. Nothing is written: entries are streamed to a sink.
//
// Why not Poco::Zip::ZipArchive/Decompress for reading: ZipArchive walks the local headers
// front to back, keys entries by name in a std::map (a second entry of the same name silently
// disappears) and returns without error on a file cut before its central directory; Decompress
// writes the files itself. Restore must see every entry exactly as listed, before anything
// is written. Archives are written with Poco::Zip::Compress (backup.cpp).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ews::sitedb::detail {

/// The archive is not a well-formed zip; what() says why, without the archive's name.
class ZipFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ZipEntry {
  std::string name;  ///< as stored (zip names use '/')
  std::uint16_t madeBy = 0;  ///< high byte: host system (3 = Unix)
  std::uint16_t flags = 0;
  std::uint16_t method = 0;  ///< 0 stored, 8 deflated
  std::uint32_t crc32 = 0;
  std::uint64_t compressedBytes = 0;
  std::uint64_t uncompressedBytes = 0;
  std::uint64_t localHeaderOffset = 0;
  std::uint32_t externalAttributes = 0;

  bool isDirectory() const { return !name.empty() && name.back() == '/'; }
  /// A Unix-made entry whose mode says symbolic link (S_IFLNK in the high 16 bits).
  bool isSymlink() const;
};

class ZipReader {
 public:
  /// Opens the archive and reads its central directory. Throws ZipFormatError.
  explicit ZipReader(const std::filesystem::path& path);

  const std::vector<ZipEntry>& entries() const { return entries_; }
  std::uint64_t archiveBytes() const { return fileBytes_; }

  using Sink = std::function<void(const char* data, std::size_t bytes)>;
  /// Streams the entry's uncompressed bytes to `sink`. Throws ZipFormatError naming the
  /// entry: local header disagreeing with the directory, data past the archive's end, corrupt
  /// compressed data, more or fewer bytes than declared, CRC-32 mismatch.
  void extract(const ZipEntry& entry, const Sink& sink);

 private:
  void readCentralDirectory();

  std::filesystem::path path_;
  std::ifstream in_;
  std::uint64_t fileBytes_ = 0;
  std::uint64_t centralDirectoryOffset_ = 0;  // entries' data must end before it
  std::vector<ZipEntry> entries_;
};

}  // namespace ews::sitedb::detail

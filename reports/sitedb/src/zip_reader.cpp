#include "zip_reader.hpp"

#include <Poco/Checksum.h>
#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <optional>
#include <streambuf>

#include "range_buf.hpp"

namespace ews::sitedb::detail {

namespace {
// Record signatures and fixed sizes (PKWARE APPNOTE 6.3, sections 4.3.7-4.3.16).
constexpr std::uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr std::uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::size_t kEndBytes = 22;
constexpr std::size_t kZip64LocatorBytes = 20;
constexpr std::size_t kZip64EndBytes = 56;
constexpr std::size_t kCentralHeaderBytes = 46;
constexpr std::size_t kLocalHeaderBytes = 30;
constexpr std::size_t kMaxCommentBytes = 0xFFFF;
constexpr std::uint16_t kZip64ExtraId = 0x0001;
constexpr std::uint16_t kMethodStored = 0;
constexpr std::uint16_t kMethodDeflated = 8;
constexpr std::uint16_t kFlagEncrypted = 0x0001;
constexpr int kRawDeflateWindowBits = -15;  // zip entries are raw deflate streams (no zlib header)
constexpr std::size_t kChunkBytes = 64 * 1024;

std::uint16_t u16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t u32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint64_t u64(const unsigned char* p) { return u32(p) | (static_cast<std::uint64_t>(u32(p + 4)) << 32); }

const char* const kTruncated = "not a zip archive (truncated?)";
}  // namespace

bool ZipEntry::isSymlink() const {
  constexpr int kUnixHost = 3;
  if ((madeBy >> 8) != kUnixHost) return false;
  const auto mode = static_cast<mode_t>(externalAttributes >> 16);
  return S_ISLNK(mode);
}

ZipReader::ZipReader(const std::filesystem::path& path) : path_(path) {
  in_.open(path, std::ios::binary);
  if (!in_) throw ZipFormatError("cannot be read");
  in_.seekg(0, std::ios::end);
  const auto end = in_.tellg();
  if (end < 0) throw ZipFormatError("cannot be read");
  fileBytes_ = static_cast<std::uint64_t>(end);
  readCentralDirectory();
}

void ZipReader::readCentralDirectory() {
  if (fileBytes_ < kEndBytes) throw ZipFormatError(kTruncated);
  // The end record is the last thing in the file, followed only by its comment: search the
  // tail backwards for a signature whose comment length reaches exactly the end of the file.
  const std::uint64_t tailBytes = std::min<std::uint64_t>(fileBytes_, kEndBytes + kMaxCommentBytes);
  std::vector<unsigned char> tail(tailBytes);
  in_.seekg(static_cast<std::streamoff>(fileBytes_ - tailBytes));
  in_.read(reinterpret_cast<char*>(tail.data()), static_cast<std::streamsize>(tailBytes));
  if (static_cast<std::uint64_t>(in_.gcount()) != tailBytes) throw ZipFormatError("cannot be read");
  std::optional<std::size_t> endAt;
  for (std::size_t at = tailBytes - kEndBytes + 1; at-- > 0;) {
    if (u32(&tail[at]) == kEndSignature && at + kEndBytes + u16(&tail[at + 20]) == tailBytes) {
      endAt = at;
      break;
    }
  }
  if (!endAt) throw ZipFormatError(kTruncated);
  const unsigned char* end = &tail[*endAt];
  const std::uint64_t endOffset = fileBytes_ - tailBytes + *endAt;
  if (u16(end + 4) != 0 || u16(end + 6) != 0) throw ZipFormatError("multi-part archives are not supported");
  std::uint64_t entryCount = u16(end + 10);
  std::uint64_t directoryBytes = u32(end + 12);
  std::uint64_t directoryOffset = u32(end + 16);
  std::uint64_t directoryEnd = endOffset;  // the directory ends where the end records begin

  // Zip64: a locator right before the end record points to the 64-bit end record.
  if (*endAt >= kZip64LocatorBytes && u32(end - kZip64LocatorBytes) == kZip64LocatorSignature) {
    const std::uint64_t zip64EndOffset = u64(end - kZip64LocatorBytes + 8);
    if (zip64EndOffset + kZip64EndBytes > endOffset - kZip64LocatorBytes) throw ZipFormatError(kTruncated);
    std::array<unsigned char, kZip64EndBytes> record{};
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(zip64EndOffset));
    in_.read(reinterpret_cast<char*>(record.data()), record.size());
    if (!in_ || u32(record.data()) != kZip64EndSignature) throw ZipFormatError("corrupt zip64 end record");
    if (u32(record.data() + 16) != 0 || u32(record.data() + 20) != 0) {
      throw ZipFormatError("multi-part archives are not supported");
    }
    entryCount = u64(record.data() + 32);
    directoryBytes = u64(record.data() + 40);
    directoryOffset = u64(record.data() + 48);
    directoryEnd = zip64EndOffset;
  }
  if (directoryOffset > directoryEnd || directoryBytes != directoryEnd - directoryOffset) {
    throw ZipFormatError("central directory does not fit the archive (truncated or modified?)");
  }
  centralDirectoryOffset_ = directoryOffset;

  std::vector<unsigned char> directory(directoryBytes);
  in_.clear();
  in_.seekg(static_cast<std::streamoff>(directoryOffset));
  in_.read(reinterpret_cast<char*>(directory.data()), static_cast<std::streamsize>(directoryBytes));
  if (static_cast<std::uint64_t>(in_.gcount()) != directoryBytes) throw ZipFormatError(kTruncated);

  std::size_t at = 0;
  while (at < directory.size()) {
    if (directory.size() - at < kCentralHeaderBytes || u32(&directory[at]) != kCentralHeaderSignature) {
      throw ZipFormatError("corrupt central directory");
    }
    const unsigned char* h = &directory[at];
    ZipEntry entry;
    entry.madeBy = u16(h + 4);
    entry.flags = u16(h + 8);
    entry.method = u16(h + 10);
    entry.crc32 = u32(h + 16);
    entry.compressedBytes = u32(h + 20);
    entry.uncompressedBytes = u32(h + 24);
    const std::size_t nameBytes = u16(h + 28);
    const std::size_t extraBytes = u16(h + 30);
    const std::size_t commentBytes = u16(h + 32);
    entry.externalAttributes = u32(h + 38);
    entry.localHeaderOffset = u32(h + 42);
    const std::size_t recordBytes = kCentralHeaderBytes + nameBytes + extraBytes + commentBytes;
    if (directory.size() - at < recordBytes) throw ZipFormatError("corrupt central directory");
    entry.name.assign(reinterpret_cast<const char*>(h + kCentralHeaderBytes), nameBytes);

    // The zip64 extra field holds, in this order, only the values whose 32-bit field is full.
    const unsigned char* extra = h + kCentralHeaderBytes + nameBytes;
    for (std::size_t e = 0; e + 4 <= extraBytes;) {
      const std::uint16_t id = u16(extra + e);
      const std::size_t size = u16(extra + e + 2);
      if (e + 4 + size > extraBytes) throw ZipFormatError(fmt::format("entry '{}': corrupt extra field", entry.name));
      if (id == kZip64ExtraId) {
        const unsigned char* field = extra + e + 4;
        std::size_t used = 0;
        auto take = [&](std::uint64_t& value) {
          if (value != 0xFFFFFFFFu) return;
          if (used + 8 > size) throw ZipFormatError(fmt::format("entry '{}': corrupt zip64 field", entry.name));
          value = u64(field + used);
          used += 8;
        };
        take(entry.uncompressedBytes);
        take(entry.compressedBytes);
        take(entry.localHeaderOffset);
      }
      e += 4 + size;
    }
    if (entry.flags & kFlagEncrypted) throw ZipFormatError(fmt::format("entry '{}' is encrypted", entry.name));
    if (entry.method != kMethodStored && entry.method != kMethodDeflated) {
      throw ZipFormatError(fmt::format("entry '{}': compression method {} is not supported", entry.name, entry.method));
    }
    if (entry.localHeaderOffset >= directoryOffset) {
      throw ZipFormatError(fmt::format("entry '{}' lies outside the archive's data (truncated or modified?)", entry.name));
    }
    entries_.push_back(std::move(entry));
    at += recordBytes;
  }
  if (entries_.size() != entryCount) {
    throw ZipFormatError(fmt::format("central directory lists {} entries where its end record says {}",
                                     entries_.size(), entryCount));
  }
}

void ZipReader::extract(const ZipEntry& entry, const Sink& sink) {
  const auto fail = [&](std::string_view why) { return ZipFormatError(fmt::format("entry '{}': {}", entry.name, why)); };
  std::array<unsigned char, kLocalHeaderBytes> header{};
  in_.clear();
  in_.seekg(static_cast<std::streamoff>(entry.localHeaderOffset));
  in_.read(reinterpret_cast<char*>(header.data()), header.size());
  if (!in_ || u32(header.data()) != kLocalHeaderSignature) throw fail("no local header where the directory says");
  const std::size_t nameBytes = u16(header.data() + 26);
  const std::size_t extraBytes = u16(header.data() + 28);
  std::string localName(nameBytes, '\0');
  in_.read(localName.data(), static_cast<std::streamsize>(nameBytes));
  if (!in_ || localName != entry.name) throw fail("local header names another file");
  if (u16(header.data() + 8) != entry.method) throw fail("local header disagrees with the directory");
  const std::uint64_t dataOffset = entry.localHeaderOffset + kLocalHeaderBytes + nameBytes + extraBytes;
  if (dataOffset > centralDirectoryOffset_ || entry.compressedBytes > centralDirectoryOffset_ - dataOffset) {
    throw fail("data runs past the archive's end (truncated?)");
  }
  if (entry.method == kMethodStored && entry.compressedBytes != entry.uncompressedBytes) {
    throw fail("stored entry with different compressed and uncompressed sizes");
  }
  in_.seekg(static_cast<std::streamoff>(dataOffset));

  detail::RangeBuf range(in_, entry.compressedBytes);
  std::istream compressed(&range);
  std::optional<Poco::InflatingInputStream> inflated;
  std::istream* data = &compressed;
  if (entry.method == kMethodDeflated) data = &inflated.emplace(compressed, kRawDeflateWindowBits);
  // The inflater reports corrupt data by throwing from its streambuf: let it through instead
  // of a mere badbit, so the message can say what zlib found.
  data->exceptions(std::ios::badbit);

  Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
  std::uint64_t produced = 0;
  std::vector<char> chunk(kChunkBytes);
  try {
    while (true) {
      data->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const auto got = static_cast<std::size_t>(data->gcount());
      if (got == 0) break;
      produced += got;
      // A zip bomb or a modified size: stop at the declared size, never write past it.
      if (produced > entry.uncompressedBytes) throw fail("more data than its declared size (corrupt archive?)");
      crc.update(chunk.data(), static_cast<unsigned>(got));
      sink(chunk.data(), got);
    }
  } catch (const Poco::Exception& error) {
    throw fail(fmt::format("corrupt compressed data ({})", error.message()));
  } catch (const std::ios_base::failure&) {
    throw fail("corrupt compressed data");
  }
  if (produced != entry.uncompressedBytes) {
    throw fail(fmt::format("{} bytes where {} are declared (truncated?)", produced, entry.uncompressedBytes));
  }
  if (crc.checksum() != entry.crc32) throw fail("CRC-32 mismatch (corrupt archive)");
}

}  // namespace ews::sitedb::detail

#pragma once
// Hand-made zip archives for the restore tests: stored entries with any name, content and mode
// (a Unix symbolic link, a '../' name), which no well-behaved zip writer would produce.
#include <Poco/Checksum.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace ews::sitedb::testing {

class ZipBuilder {
 public:
  ZipBuilder& add(std::string name, std::string content, std::uint32_t unixMode = 0100644) {
    entries_.push_back({std::move(name), std::move(content), unixMode});
    return *this;
  }

  std::string bytes() const {
    std::string out;
    std::string directory;
    for (const Entry& entry : entries_) {
      Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
      crc.update(entry.content.data(), static_cast<unsigned>(entry.content.size()));
      const auto offset = static_cast<std::uint32_t>(out.size());
      const auto size = static_cast<std::uint32_t>(entry.content.size());
      const auto nameBytes = static_cast<std::uint16_t>(entry.name.size());
      u32(out, 0x04034b50); u16(out, 20); u16(out, 0); u16(out, 0); u16(out, 0); u16(out, 0x21);
      u32(out, crc.checksum()); u32(out, size); u32(out, size); u16(out, nameBytes); u16(out, 0);
      out += entry.name;
      out += entry.content;
      u32(directory, 0x02014b50); u16(directory, 0x031e); u16(directory, 20); u16(directory, 0); u16(directory, 0);
      u16(directory, 0); u16(directory, 0x21); u32(directory, crc.checksum()); u32(directory, size); u32(directory, size);
      u16(directory, nameBytes); u16(directory, 0); u16(directory, 0); u16(directory, 0); u16(directory, 0);
      u32(directory, entry.unixMode << 16); u32(directory, offset);
      directory += entry.name;
    }
    const auto directoryOffset = static_cast<std::uint32_t>(out.size());
    out += directory;
    const auto count = static_cast<std::uint16_t>(entries_.size());
    u32(out, 0x06054b50); u16(out, 0); u16(out, 0); u16(out, count); u16(out, count);
    u32(out, static_cast<std::uint32_t>(directory.size())); u32(out, directoryOffset); u16(out, 0);
    return out;
  }

  void write(const std::string& path) const { std::ofstream(path, std::ios::binary) << bytes(); }

 private:
  struct Entry {
    std::string name;
    std::string content;
    std::uint32_t unixMode;
  };
  static void u16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>((v >> 8) & 0xff);
  }
  static void u32(std::string& out, std::uint32_t v) {
    u16(out, v & 0xffff);
    u16(out, v >> 16);
  }
  std::vector<Entry> entries_;
};

}  // namespace ews::sitedb::testing

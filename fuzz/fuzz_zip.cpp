// libFuzzer target: an uploaded database.zip as the restore reads it (docs/backup.md): the
// central directory, then every entry streamed out. ZipFormatError is the reader's answer to a
// bad archive.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "zip_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("ews-fuzz-zip-" + std::to_string(::getpid()) + ".zip");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    ews::sitedb::detail::ZipReader zip(path);
    for (const auto& entry : zip.entries()) {
      std::size_t bytes = 0;
      zip.extract(entry, [&bytes](const char*, std::size_t count) { bytes += count; });
    }
  } catch (const ews::sitedb::detail::ZipFormatError&) {
  }
  return 0;
}

#include "file_text.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "ews/kernel/utf8.hpp"

namespace ews::scenario::detail {

Parsed<std::string> readFileText(const std::string& path, std::string_view what, std::size_t maxBytes) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return Parsed<std::string>::fail(fmt::format("cannot open {}: {}", what, std::strerror(errno)));
  std::string text;
  char buffer[1 << 16];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, count);
    if (text.size() > maxBytes) {
      return Parsed<std::string>::fail(fmt::format("{} is over the limit of {} bytes", what, maxBytes));
    }
  }
  // fopen succeeds on a directory; the read then fails with EISDIR.
  if (std::ferror(file.get()) != 0) {
    return Parsed<std::string>::fail(fmt::format("cannot read {}: {}", what, std::strerror(errno)));
  }
  // Station names, load names and the like go on to JSON, HDF5 and CSV files that require UTF-8.
  if (const auto invalid = utf8::firstInvalidByte(text)) {
    const auto at = utf8::positionOf(text, *invalid);
    return Parsed<std::string>::fail(fmt::format("{}: not valid UTF-8 at line {}, column {} (byte 0x{:02X})", what,
                                                 at.line, at.column, static_cast<unsigned char>(text[*invalid])));
  }
  return Parsed<std::string>::ok(std::move(text));
}

}  // namespace ews::scenario::detail

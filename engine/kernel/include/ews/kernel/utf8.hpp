#pragma once
// UTF-8 checks of the texts that come from outside (scenario and profile files, data files,
// names given on the pages): every reader downstream (summary.json, trace.h5, CSV, the pages)
// assumes valid UTF-8, so an invalid byte is refused where it enters, with its position.
// Hand-written (a dozen lines): the packaged libraries either validate whole documents without
// a position (Poco's UTF8Encoding) or are not among our dependencies.
#include <cstddef>
#include <optional>
#include <string_view>

namespace ews::utf8 {

/// The next code point of `text` (advancing it), nullopt for invalid UTF-8 (overlong forms,
/// surrogates and values above U+10FFFF included). `text` must not be empty.
std::optional<char32_t> nextCodePoint(std::string_view& text);

/// The offset of the first byte of `text` that does not start a valid UTF-8 sequence; nullopt
/// when all of it is valid.
std::optional<std::size_t> firstInvalidByte(std::string_view text);

/// 1-based line and column (in bytes) of `offset` in `text`, for messages.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition positionOf(std::string_view text, std::size_t offset);

}  // namespace ews::utf8

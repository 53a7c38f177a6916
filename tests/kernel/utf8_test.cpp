// The UTF-8 check of texts from outside: what is valid, what is not, and where it is reported.
#include <gtest/gtest.h>

#include <string>

#include "ews/kernel/utf8.hpp"

namespace ews::utf8 {
namespace {

TEST(Utf8, ValidTextsOfOneToFourBytesPerCharacter) {
  EXPECT_EQ(firstInvalidByte(""), std::nullopt);
  EXPECT_EQ(firstInvalidByte("Compteur général – 电表 😀"), std::nullopt);
  std::string_view text = "é";
  EXPECT_EQ(nextCodePoint(text), char32_t{0xE9});
  EXPECT_TRUE(text.empty());
}

TEST(Utf8, InvalidSequencesAreFoundAtTheirFirstByte) {
  EXPECT_EQ(firstInvalidByte("abc\xFF"), 3u);             // never a UTF-8 byte
  EXPECT_EQ(firstInvalidByte("ab\xC3"), 2u);              // truncated at the end
  EXPECT_EQ(firstInvalidByte("a\xC3(b"), 1u);             // a lead without its continuation
  EXPECT_EQ(firstInvalidByte("\xC0\xAF"), 0u);            // overlong '/'
  EXPECT_EQ(firstInvalidByte("ok \xED\xA0\x80"), 3u);     // a UTF-16 surrogate
  EXPECT_EQ(firstInvalidByte("\xF4\x90\x80\x80"), 0u);    // above U+10FFFF
  EXPECT_EQ(firstInvalidByte("é\x80"), 2u);               // a stray continuation byte
}

TEST(Utf8, PositionsAreOneBasedLinesAndByteColumns) {
  const std::string_view text = "name: a\ndescription: b\xFF\n";
  const auto offset = firstInvalidByte(text);
  ASSERT_TRUE(offset.has_value());
  const auto at = positionOf(text, *offset);
  EXPECT_EQ(at.line, 2);
  EXPECT_EQ(at.column, 15);
}

}  // namespace
}  // namespace ews::utf8

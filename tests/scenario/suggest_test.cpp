#include "suggest.hpp"

#include <gtest/gtest.h>

#include <array>

namespace ews::scenario::detail {
namespace {

TEST(Suggest, EditDistanceIsCaseInsensitiveLevenshtein) {
  EXPECT_EQ(editDistance("address", "address"), 0u);
  EXPECT_EQ(editDistance("adress", "address"), 1u);
  EXPECT_EQ(editDistance("Address", "address"), 0u);
  EXPECT_EQ(editDistance("", "abc"), 3u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
}

TEST(Suggest, ClosestMatchOnlyForLikelyTypos) {
  const std::array<std::string, 4> keys{"address", "name", "model", "on"};
  EXPECT_EQ(closestMatch("adress", keys), "address");
  EXPECT_EQ(closestMatch("nmae", keys), "name");
  EXPECT_EQ(closestMatch("colour", keys), std::nullopt);
  EXPECT_EQ(closestMatch("xy", keys), std::nullopt);
}

}  // namespace
}  // namespace ews::scenario::detail

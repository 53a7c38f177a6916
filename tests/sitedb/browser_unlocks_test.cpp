// Browsers unlocked by a login with the PUK (manual 8.1.4, docs/users.md "Login"): random
// tokens of which the database keeps only the SHA-256, one year of life, Lock forgets.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>

#include "ews/sitedb/browser_unlocks.hpp"
#include "ews/sitedb/database.hpp"
#include "ews/sitedb/tokens.hpp"

namespace ews::sitedb {
namespace {

namespace fs = std::filesystem;

const Time kStart = timeFromMicros(1'767'225'600'000'000);  // 2026-01-01T00:00:00Z

class BrowserUnlocksTest : public ::testing::Test {
 protected:
  BrowserUnlocksTest() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("ews-sitedb-unlocks-") + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::make_unique<Database>(dir_ / "site.db", Database::Mode::ReadWrite);
  }
  ~BrowserUnlocksTest() override {
    db_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::int64_t rows() const { return db_->queryInt("SELECT COUNT(*) FROM unlocked_browsers").value_or(0); }

  fs::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(BrowserUnlocksTest, AnUnlockGivesAFreshTokenThatUnlocksTheBrowserForAnyUser) {
  BrowserUnlocks unlocks(*db_);
  const std::string token = unlocks.unlock("administrator", kStart);
  EXPECT_EQ(token.size(), 43u);
  EXPECT_TRUE(looksLikeToken(token));
  EXPECT_TRUE(unlocks.isUnlocked(token, kStart));
  EXPECT_TRUE(unlocks.isUnlocked(token, kStart + days(200)));
  EXPECT_FALSE(unlocks.isUnlocked("", kStart));
  EXPECT_FALSE(unlocks.isUnlocked(randomToken(), kStart));
  EXPECT_FALSE(unlocks.isUnlocked(token.substr(1), kStart));
  EXPECT_FALSE(unlocks.isUnlocked(token + "A", kStart));

  std::set<std::string> tokens{token};
  for (int i = 0; i < 50; ++i) tokens.insert(unlocks.unlock("user", kStart));
  EXPECT_EQ(tokens.size(), 51u) << "every unlock is a new random token";
  EXPECT_EQ(rows(), 51);
  // Only the SHA-256 is stored, with who unlocked and when.
  Statement row = db_->prepare("SELECT user, created_at_us, last_used_us FROM unlocked_browsers WHERE token_hash = ?");
  row.bind(1, tokenDigest(token));
  ASSERT_TRUE(row.step());
  EXPECT_EQ(row.text(0), "administrator");
  EXPECT_EQ(row.int64(1), toMicros(kStart));
  EXPECT_EQ(row.int64(2), toMicros(kStart + days(200)));
}

TEST_F(BrowserUnlocksTest, ForgetLocksTheBrowserAgain) {
  BrowserUnlocks unlocks(*db_);
  const std::string kept = unlocks.unlock("installer", kStart);
  const std::string locked = unlocks.unlock("installer", kStart);
  unlocks.forget(locked);
  EXPECT_FALSE(unlocks.isUnlocked(locked, kStart));
  EXPECT_TRUE(unlocks.isUnlocked(kept, kStart));
  unlocks.forget(locked);        // twice: nothing
  unlocks.forget("not a token");  // unknown: nothing
  EXPECT_EQ(rows(), 1);

  const std::string other = unlocks.unlock("user", kStart);
  EXPECT_EQ(unlocks.forgetUser("INSTALLER"), 1u);
  EXPECT_FALSE(unlocks.isUnlocked(kept, kStart));
  EXPECT_TRUE(unlocks.isUnlocked(other, kStart));
}

TEST_F(BrowserUnlocksTest, AnUnlockLastsOneYear) {
  BrowserUnlocks unlocks(*db_);
  const std::string old = unlocks.unlock("user", kStart);
  const std::string younger = unlocks.unlock("user", kStart + days(100));
  EXPECT_TRUE(unlocks.isUnlocked(old, kStart + kBrowserUnlockLifetime - seconds(1)));
  EXPECT_FALSE(unlocks.isUnlocked(old, kStart + kBrowserUnlockLifetime));
  EXPECT_EQ(rows(), 1) << "an expired entry is deleted when seen";
  EXPECT_TRUE(unlocks.isUnlocked(younger, kStart + kBrowserUnlockLifetime));

  // Entries never seen again are purged by the next unlock.
  const std::string never = unlocks.unlock("user", kStart + days(200));
  EXPECT_EQ(rows(), 2);
  (void)unlocks.unlock("user", kStart + days(200) + kBrowserUnlockLifetime);
  EXPECT_EQ(rows(), 1);
  EXPECT_FALSE(unlocks.isUnlocked(never, kStart + days(200)));
}

TEST_F(BrowserUnlocksTest, TheDatabaseFileHoldsNoToken) {
  std::vector<std::string> tokens;
  {
    BrowserUnlocks unlocks(*db_);
    for (int i = 0; i < 5; ++i) tokens.push_back(unlocks.unlock("administrator", kStart));
  }
  db_.reset();
  std::string bytes;
  for (const auto& file : {dir_ / "site.db", dir_ / "site.db-wal"}) {
    std::ifstream in(file, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_FALSE(bytes.empty());
  for (const auto& token : tokens) {
    EXPECT_EQ(bytes.find(token.substr(0, 16)), std::string::npos) << "token in clear";
    EXPECT_NE(bytes.find(tokenDigest(token)), std::string::npos) << "its digest is what is kept";
  }
}

TEST(TokensTest, DigestsAndComparisons) {
  EXPECT_EQ(tokenDigest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(randomToken(3).size(), 4u);
  EXPECT_EQ(randomToken(1).size(), 2u);
  EXPECT_TRUE(looksLikeToken(randomToken(16), 16));
  EXPECT_FALSE(looksLikeToken(std::string(42, 'A') + "=", 32));
  EXPECT_FALSE(looksLikeToken(std::string(42, 'A') + "+", 32));
  EXPECT_TRUE(looksLikeToken(std::string(42, 'A') + "_", 32));
  EXPECT_TRUE(equalSecrets("abc", "abc"));
  EXPECT_FALSE(equalSecrets("abc", "abd"));
  EXPECT_FALSE(equalSecrets("abc", "abcd"));
  EXPECT_TRUE(equalSecrets("", ""));
}

}  // namespace
}  // namespace ews::sitedb

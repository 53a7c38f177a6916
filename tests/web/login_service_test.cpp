// The login (manual 8.1, 8.1.4; docs/api.md; docs/users.md "Login") over a real site database
// seeded with the manual's users: the PIN picks the user, a browser not unlocked gives the PUK
// too, Logout and Lock, the lockout and its events, nothing in clear in the file, and many
// threads at once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ews/sitedb/database.hpp"
#include "ews/sitedb/users.hpp"
#include "ews/web/login_service.hpp"

namespace ews::web {
namespace {

namespace fs = std::filesystem;
using sitedb::Page;

// Few hash iterations: the logic does not depend on the count (sitedb's tests check it).
constexpr int kTestIterations = 1000;
const Time kStart = timeFromMicros(1'767'225'600'000'000);  // 2026-01-01T00:00:00Z
constexpr std::string_view kHere = "192.0.2.10";

constexpr std::string_view kAdminPin = "99999";
constexpr std::string_view kAdminPuk = "00000 9999 00000";

class LoginServiceTest : public ::testing::Test {
 protected:
  LoginServiceTest() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("ews-web-login-") + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::make_unique<sitedb::Database>(path(), sitedb::Database::Mode::ReadWrite);
    sitedb::seedDefaultUsers(*db_, kStart, kTestIterations);
    service_ = std::make_unique<LoginService>(*db_, LoginOptions{.hashIterations = kTestIterations});
  }
  ~LoginServiceTest() override {
    service_.reset();
    db_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  fs::path path() const { return dir_ / "site.db"; }
  LoginService& service() { return *service_; }
  sitedb::UserStore users() const { return sitedb::UserStore(*db_, kTestIterations); }

  LoginOutcome login(std::string_view pin, std::optional<std::string_view> puk = std::nullopt,
                     std::optional<std::string_view> browser = std::nullopt, std::string_view address = kHere,
                     Time now = kStart) {
    return service().login(pin, puk, browser, address, now);
  }
  /// Unlocks a browser with the administrator's PUK; returns its token.
  std::string unlockedBrowser() {
    const auto outcome = login(kAdminPin, kAdminPuk);
    EXPECT_TRUE(std::holds_alternative<login::Ok>(outcome));
    return *std::get<login::Ok>(outcome).newBrowserToken;
  }
  std::int64_t securityEvents() const {
    return db_->queryInt("SELECT COUNT(*) FROM events WHERE kind = 'security'").value_or(0);
  }
  std::string lastSecurityEvent() const {
    sitedb::Statement row =
        db_->prepare("SELECT detail, author FROM events WHERE kind = 'security' ORDER BY id DESC LIMIT 1");
    EXPECT_TRUE(row.step());
    EXPECT_EQ(row.text(1), "web");
    return row.text(0);
  }

  fs::path dir_;
  std::unique_ptr<sitedb::Database> db_;
  std::unique_ptr<LoginService> service_;
};

template <class T>
bool is(const LoginOutcome& outcome) {
  return std::holds_alternative<T>(outcome);
}
std::optional<Duration> lockedOutFor(const LoginOutcome& outcome) {
  if (!is<login::LockedOut>(outcome)) return std::nullopt;
  return std::get<login::LockedOut>(outcome).retryAfter;
}

TEST_F(LoginServiceTest, ThePinPicksTheUser) {
  for (const auto& user : sitedb::defaultUsers()) {
    const auto outcome = login(user.pin, user.puk);
    ASSERT_TRUE(is<login::Ok>(outcome)) << user.name;
    const auto& ok = std::get<login::Ok>(outcome);
    EXPECT_EQ(ok.user.name, user.name);
    EXPECT_EQ(ok.session.user, user.name);
    EXPECT_EQ(ok.session.pages, user.pages);
    EXPECT_EQ(ok.session.manager, user.name == "administrator" || user.name == "greenUp");
    EXPECT_TRUE(ok.newBrowserToken);
  }
  EXPECT_EQ(service().sessions().size(), 4u);
}

TEST_F(LoginServiceTest, ANewBrowserGivesThePukOnceThenThePinIsEnough) {
  // First login on a new browser: the right PIN alone is not enough.
  EXPECT_TRUE(is<login::PukRequired>(login(kAdminPin)));
  EXPECT_TRUE(is<login::PukRequired>(login(kAdminPin, "")));  // an empty PUK field is no PUK
  EXPECT_TRUE(is<login::PukRequired>(login(kAdminPin, std::nullopt, "forged-cookie")));
  // ... but a wrong PIN says wrong code, not "PUK required": nothing is revealed about it.
  EXPECT_TRUE(is<login::WrongCode>(login("12345")));

  // With the PUK: logged in, and the browser gets its token.
  const auto first = login(kAdminPin, kAdminPuk);
  ASSERT_TRUE(is<login::Ok>(first));
  const auto& ok = std::get<login::Ok>(first);
  ASSERT_TRUE(ok.newBrowserToken);
  const std::string browser = *ok.newBrowserToken;
  EXPECT_EQ(browser.size(), 43u);
  EXPECT_TRUE(service().isBrowserUnlocked(browser, kStart));
  EXPECT_FALSE(service().isBrowserUnlocked(std::nullopt, kStart));

  // Next login from that browser: the PIN alone, for any user (the browser is unlocked).
  const auto second = login(kAdminPin, std::nullopt, browser, kHere, kStart + minutes(5));
  ASSERT_TRUE(is<login::Ok>(second));
  EXPECT_FALSE(std::get<login::Ok>(second).newBrowserToken);
  const auto other = login("11111", std::nullopt, browser);
  ASSERT_TRUE(is<login::Ok>(other));
  EXPECT_EQ(std::get<login::Ok>(other).user.name, "user");
  EXPECT_TRUE(is<login::WrongCode>(login("11112", std::nullopt, browser)));

  // A PUK given again on an unlocked browser replaces its token.
  const auto again = login(kAdminPin, kAdminPuk, browser);
  ASSERT_TRUE(is<login::Ok>(again));
  EXPECT_FALSE(service().isBrowserUnlocked(browser, kStart));
  EXPECT_TRUE(service().isBrowserUnlocked(*std::get<login::Ok>(again).newBrowserToken, kStart));
}

TEST_F(LoginServiceTest, LogoutKeepsTheBrowserUnlockedAndLockForgetsIt) {
  const auto first = login(kAdminPin, kAdminPuk);
  ASSERT_TRUE(is<login::Ok>(first));
  const Session session = std::get<login::Ok>(first).session;
  const std::string browser = *std::get<login::Ok>(first).newBrowserToken;
  ASSERT_TRUE(service().sessions().touch(session.id, kStart));

  // Logout: the session ends, the next login needs the PIN only.
  service().logout(session.id);
  EXPECT_FALSE(service().sessions().touch(session.id, kStart));
  const auto second = login(kAdminPin, std::nullopt, browser);
  ASSERT_TRUE(is<login::Ok>(second));

  // Lock: the session ends and the browser is forgotten: PIN and PUK again.
  const Session secondSession = std::get<login::Ok>(second).session;
  service().lock(secondSession.id, browser);
  EXPECT_FALSE(service().sessions().touch(secondSession.id, kStart));
  EXPECT_FALSE(service().isBrowserUnlocked(browser, kStart));
  EXPECT_TRUE(is<login::PukRequired>(login(kAdminPin, std::nullopt, browser)));
  EXPECT_TRUE(is<login::PukRequired>(login("88888", std::nullopt, browser)));
  EXPECT_TRUE(is<login::Ok>(login(kAdminPin, kAdminPuk, browser)));
}

TEST_F(LoginServiceTest, ADisabledUsersCodesAreWrongCodes) {
  const std::string browser = unlockedBrowser();
  users().disable("administrator", "installer", kStart);
  EXPECT_TRUE(is<login::WrongCode>(login("55555", std::nullopt, browser)));
  EXPECT_TRUE(is<login::WrongCode>(login("55555", "00000 5555 00000", browser)));
  EXPECT_TRUE(is<login::WrongCode>(login("55555")));  // not PukRequired: nothing says the PIN exists
  users().update("administrator", "installer", sitedb::UserChange{.enabled = true}, kStart);
  EXPECT_TRUE(is<login::Ok>(login("55555", std::nullopt, browser)));
}

TEST_F(LoginServiceTest, FiveWrongPinsFromOneAddressLockItAndASuccessDoesNotBuyMoreGuesses) {
  const std::string browser = unlockedBrowser();
  Time now = kStart;
  for (int i = 1; i <= 4; ++i) EXPECT_TRUE(is<login::WrongCode>(login("12345", std::nullopt, browser, kHere, now)));
  EXPECT_EQ(securityEvents(), 0);
  // The 5th wrong PIN starts the lockout: 30 s, and an event naming the address.
  EXPECT_EQ(lockedOutFor(login("12345", std::nullopt, browser, kHere, now)), seconds(30));
  EXPECT_EQ(securityEvents(), 1);
  EXPECT_EQ(lastSecurityEvent(), "login locked for 30s: wrong codes from address 192.0.2.10");
  // Locked: even the right PIN is refused, and nothing more is counted or written.
  now += seconds(10);
  const auto refused = login(kAdminPin, std::nullopt, browser, kHere, now);
  EXPECT_EQ(lockedOutFor(refused), seconds(20));
  EXPECT_EQ(std::get<login::LockedOut>(refused).retryAfterSeconds(), 20);
  EXPECT_EQ(securityEvents(), 1);
  // Other addresses are not locked.
  EXPECT_TRUE(is<login::Ok>(login(kAdminPin, std::nullopt, browser, "192.0.2.11", now)));

  // After the lockout, a 6th failure locks for 60 s.
  now += seconds(20);
  EXPECT_EQ(lockedOutFor(login("12345", std::nullopt, browser, kHere, now)), seconds(60));
  EXPECT_EQ(lastSecurityEvent(), "login locked for 1min: wrong codes from address 192.0.2.10");
  now += seconds(60);
  // A success after the lockout logs in, but the address keeps its count: its next wrong PIN
  // (the 7th) locks it for 2 min, so a user's own logins buy no more PIN guesses.
  EXPECT_TRUE(is<login::Ok>(login(kAdminPin, std::nullopt, browser, kHere, now)));
  EXPECT_EQ(lockedOutFor(login("12345", std::nullopt, browser, kHere, now)), seconds(120));
  // No event ever names a code.
  sitedb::Statement rows = db_->prepare("SELECT detail FROM events WHERE kind = 'security'");
  while (rows.step()) {
    EXPECT_EQ(rows.text(0).find("12345"), std::string::npos);
    EXPECT_EQ(rows.text(0).find("99999"), std::string::npos);
  }
}

TEST_F(LoginServiceTest, WrongPuksForOneUserFromManyAddressesLockTheUser) {
  for (int i = 1; i <= 4; ++i) {
    EXPECT_TRUE(is<login::WrongCode>(login(kAdminPin, "00000 0000 00000", std::nullopt,
                                           "198.51.100." + std::to_string(i))));
  }
  EXPECT_EQ(lockedOutFor(login(kAdminPin, "00000 0000 00000", std::nullopt, "198.51.100.5")), seconds(30));
  EXPECT_EQ(lastSecurityEvent(), "login locked for 30s: wrong codes for user 'administrator' (from address 198.51.100.5)");
  // The user is locked from anywhere, even with the right codes; the addresses are not.
  EXPECT_EQ(lockedOutFor(login(kAdminPin, kAdminPuk, std::nullopt, "203.0.113.7", kStart + seconds(5))), seconds(25));
  EXPECT_EQ(service().throttle().lockedFor("198.51.100.5", kStart), std::nullopt);
  // Other users log in from those addresses.
  EXPECT_TRUE(is<login::Ok>(login("88888", "00000 8888 00000", std::nullopt, "198.51.100.5")));
  // After the lockout the user's right codes work, and reset the user's count.
  EXPECT_TRUE(is<login::Ok>(login(kAdminPin, kAdminPuk, std::nullopt, "203.0.113.7", kStart + seconds(30))));
  EXPECT_EQ(service().throttle().lockedForUser("administrator", kStart + seconds(30)), std::nullopt);
  EXPECT_TRUE(is<login::WrongCode>(login(kAdminPin, "00000 0000 00000", std::nullopt, "198.51.100.1",
                                         kStart + seconds(31))));
}

TEST_F(LoginServiceTest, ChangedOrDisabledUsersLoseTheirSessionsAndBrowsers) {
  const auto first = login("55555", "00000 5555 00000");
  ASSERT_TRUE(is<login::Ok>(first));
  const auto& ok = std::get<login::Ok>(first);
  users().update("administrator", "installer", sitedb::UserChange{.pages = sitedb::PageSet{Page::Consumptions}}, kStart);
  EXPECT_EQ(service().sessions().updateUser(*users().find("installer")), 1u);
  EXPECT_EQ(service().sessions().touch(ok.session.id, kStart)->pages, sitedb::PageSet{Page::Consumptions});

  users().disable("administrator", "installer", kStart);
  EXPECT_EQ(service().sessions().endAllOf("installer"), 1u);
  EXPECT_EQ(service().forgetBrowsersOf("installer"), 1u);
  EXPECT_FALSE(service().sessions().touch(ok.session.id, kStart));
  EXPECT_FALSE(service().isBrowserUnlocked(*ok.newBrowserToken, kStart));
}

TEST_F(LoginServiceTest, SessionsTimeOutAndEachHasItsOwnCsrfToken) {
  const std::string browser = unlockedBrowser();
  const auto a = std::get<login::Ok>(login(kAdminPin, std::nullopt, browser)).session;
  const auto b = std::get<login::Ok>(login(kAdminPin, std::nullopt, browser)).session;
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.csrfToken, b.csrfToken);
  EXPECT_FALSE(csrfMatches(a, b.csrfToken));
  EXPECT_TRUE(service().sessions().touch(a.id, kStart + minutes(29)));
  EXPECT_FALSE(service().sessions().touch(b.id, kStart + minutes(30)));
  EXPECT_FALSE(service().sessions().touch(a.id, kStart + hours(12)));
}

TEST_F(LoginServiceTest, AStolenDatabaseFileHoldsNoCodeAndNoToken) {
  std::vector<std::string> tokens;
  for (const auto& user : sitedb::defaultUsers()) {
    const auto outcome = login(user.pin, user.puk);
    ASSERT_TRUE(is<login::Ok>(outcome));
    tokens.push_back(*std::get<login::Ok>(outcome).newBrowserToken);
    tokens.push_back(std::get<login::Ok>(outcome).session.id);
  }
  for (int i = 0; i < 5; ++i) (void)login("12121", "12345 6789 01234");  // a lockout event
  users().add("administrator", {"luke", "24680", "13579 2468 13579", {Page::Consumptions}, true}, kStart);
  ASSERT_TRUE(is<login::Ok>(login("24680", "13579 2468 13579", std::nullopt, "192.0.2.77")));

  // What may hold any digits (hashes, tags, digests, the key) is taken out before searching.
  std::vector<std::string> opaque{*db_->meta("pin_tag_key")};
  {
    sitedb::Statement rows = db_->prepare("SELECT pin_hash, puk_hash, pin_tag FROM users");
    while (rows.step()) {
      for (int column = 0; column < 3; ++column) opaque.push_back(rows.text(column));
    }
    sitedb::Statement browsers = db_->prepare("SELECT token_hash FROM unlocked_browsers");
    while (browsers.step()) opaque.push_back(browsers.text(0));
  }
  service_.reset();
  db_.reset();
  std::string bytes;
  for (const auto& file : {path(), fs::path(path().string() + "-wal")}) {
    std::ifstream in(file, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_FALSE(bytes.empty());
  for (const auto& text : opaque) {
    for (auto at = bytes.find(text); at != std::string::npos; at = bytes.find(text)) bytes.erase(at, text.size());
  }
  for (const auto& user : sitedb::defaultUsers()) {
    EXPECT_EQ(bytes.find(user.pin), std::string::npos) << user.name << " PIN in clear";
    EXPECT_EQ(bytes.find(user.puk), std::string::npos) << user.name << " PUK in clear";
  }
  for (const char* code : {"24680", "13579246813579", "12121", "12345678901234"}) {
    EXPECT_EQ(bytes.find(code), std::string::npos) << code;
  }
  for (const auto& token : tokens) EXPECT_EQ(bytes.find(token.substr(0, 12)), std::string::npos) << "token in clear";
}

TEST_F(LoginServiceTest, ManyThreadsLogInAtOnce) {
  const std::string browser = unlockedBrowser();
  service_ = std::make_unique<LoginService>(
      *db_, LoginOptions{.hashIterations = kTestIterations, .sessions = SessionLimits{.capacity = 32}});
  std::atomic<int> ok{0};
  std::atomic<int> wrong{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  constexpr int kThreads = 8;
  constexpr int kLogins = 12;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string address = "10.0.0." + std::to_string(t + 1);
      const auto& user = sitedb::defaultUsers()[static_cast<std::size_t>(t) % 4];
      for (int i = 0; i < kLogins; ++i) {
        const bool right = i % 4 != 3;  // 3 wrong PINs per thread and address: below the lockout
        const auto outcome = service().login(right ? user.pin : "13131", std::nullopt, browser, address,
                                             kStart + seconds(i));
        if (is<login::Ok>(outcome)) {
          ++ok;
          (void)service().sessions().touch(std::get<login::Ok>(outcome).session.id, kStart + seconds(i));
        } else if (is<login::WrongCode>(outcome)) {
          ++wrong;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), kThreads * kLogins * 3 / 4);
  EXPECT_EQ(wrong.load(), kThreads * kLogins / 4);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(service().sessions().size(), 32u) << "bounded";
  EXPECT_EQ(securityEvents(), 0);
}

}  // namespace
}  // namespace ews::web

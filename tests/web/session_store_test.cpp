// Web sessions (docs/api.md, "Session"): random ids and CSRF tokens, idle and absolute
// timeouts, logout, ending a user's sessions, bounded size. Time is a parameter.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ews/sitedb/tokens.hpp"
#include "ews/web/session_store.hpp"

namespace ews::web {
namespace {

using sitedb::Page;
using sitedb::PageSet;

const Time kStart = timeFromMicros(1'767'225'600'000'000);  // 2026-01-01T00:00:00Z

sitedb::UserView user(std::string name, PageSet pages = {Page::Consumptions}, bool enabled = true) {
  return sitedb::UserView{std::move(name), enabled, pages, false, false, kStart};
}

TEST(SessionStoreTest, ASessionCarriesItsUserAndRandomIdAndCsrfToken) {
  SessionStore store;
  const auto administrator = user("administrator", PageSet{Page::WebServerConfiguration, Page::Consumptions});
  const Session a = store.create(administrator, kStart);
  const Session b = store.create(administrator, kStart);
  EXPECT_EQ(a.id.size(), 43u);
  EXPECT_TRUE(sitedb::looksLikeToken(a.id));
  EXPECT_TRUE(sitedb::looksLikeToken(a.csrfToken));
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.csrfToken, b.csrfToken) << "each session has its own CSRF token";
  EXPECT_NE(a.id, a.csrfToken);
  EXPECT_EQ(a.user, "administrator");
  EXPECT_EQ(a.pages, administrator.pages);
  EXPECT_TRUE(a.manager);
  EXPECT_FALSE(store.create(user("installer"), kStart).manager);
  EXPECT_EQ(a.createdAt, kStart);
  EXPECT_EQ(a.lastSeenAt, kStart);

  const auto seen = store.touch(a.id, kStart + minutes(1));
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->id, a.id);
  EXPECT_EQ(seen->csrfToken, a.csrfToken);
  EXPECT_EQ(seen->user, "administrator");
  EXPECT_EQ(seen->lastSeenAt, kStart + minutes(1));
  EXPECT_TRUE(csrfMatches(*seen, a.csrfToken));
  EXPECT_FALSE(csrfMatches(*seen, b.csrfToken));
  EXPECT_FALSE(csrfMatches(*seen, ""));
  EXPECT_FALSE(store.touch("", kStart));
  EXPECT_FALSE(store.touch(a.csrfToken, kStart)) << "the CSRF token is no session id";
  EXPECT_FALSE(store.touch(sitedb::randomToken(), kStart));
}

TEST(SessionStoreTest, IdleSessionsExpireAfterThirtyMinutes) {
  SessionStore store;
  const Session session = store.create(user("user"), kStart);
  EXPECT_TRUE(store.touch(session.id, kStart + minutes(29)));
  // Each request moves the idle limit.
  EXPECT_TRUE(store.touch(session.id, kStart + minutes(29) + minutes(30) - seconds(1)));
  EXPECT_FALSE(store.touch(session.id, kStart + minutes(29) + minutes(30) - seconds(1) + minutes(30)));
  EXPECT_EQ(store.size(), 0u) << "an expired session is ended";
  // Not back when asked at an earlier time.
  EXPECT_FALSE(store.touch(session.id, kStart + minutes(1)));
}

TEST(SessionStoreTest, SessionsEndTwelveHoursAfterLoginWhateverTheActivity) {
  SessionStore store;
  const Session session = store.create(user("user"), kStart);
  Time now = kStart;
  for (; now < kStart + hours(12); now += minutes(20)) {
    ASSERT_TRUE(store.touch(session.id, now)) << formatUtc(now);
  }
  EXPECT_TRUE(store.touch(session.id, kStart + hours(12) - seconds(1)));
  EXPECT_FALSE(store.touch(session.id, kStart + hours(12)));
}

TEST(SessionStoreTest, LogoutAndEndingAUsersSessions) {
  SessionStore store;
  const Session mine = store.create(user("installer"), kStart);
  const Session again = store.create(user("installer"), kStart);
  const Session other = store.create(user("user"), kStart);
  store.end(mine.id);
  store.end(mine.id);
  store.end("junk");
  EXPECT_FALSE(store.touch(mine.id, kStart));
  EXPECT_TRUE(store.touch(again.id, kStart));
  EXPECT_EQ(store.endAllOf("INSTALLER"), 1u) << "user names ignore case";
  EXPECT_FALSE(store.touch(again.id, kStart));
  EXPECT_TRUE(store.touch(other.id, kStart));
}

TEST(SessionStoreTest, AUsersChangedRightsReachTheirSessions) {
  SessionStore store;
  const Session session = store.create(user("installer", {Page::SystemConfiguration, Page::Consumptions}), kStart);
  EXPECT_EQ(store.updateUser(user("Installer", {Page::Consumptions})), 1u);
  EXPECT_EQ(store.touch(session.id, kStart)->pages, PageSet{Page::Consumptions});
  EXPECT_EQ(store.updateUser(user("installer", {Page::Consumptions}, false)), 1u);
  EXPECT_FALSE(store.touch(session.id, kStart)) << "a disabled user's sessions end";
}

TEST(SessionStoreTest, TheStoreIsBoundedAndEvictsTheLeastRecentlySeen) {
  SessionStore store(SessionLimits{.capacity = 3});
  const Session a = store.create(user("a"), kStart);
  const Session b = store.create(user("b"), kStart + seconds(1));
  const Session c = store.create(user("c"), kStart + seconds(2));
  ASSERT_TRUE(store.touch(a.id, kStart + seconds(3)));  // b is now the least recently seen
  const Session d = store.create(user("d"), kStart + seconds(4));
  EXPECT_EQ(store.size(), 3u);
  EXPECT_FALSE(store.touch(b.id, kStart + seconds(5)));
  EXPECT_TRUE(store.touch(a.id, kStart + seconds(5)));
  EXPECT_TRUE(store.touch(c.id, kStart + seconds(5)));
  EXPECT_TRUE(store.touch(d.id, kStart + seconds(5)));

  // Expired sessions go first: at +40 min all three are idle, the new one is alone.
  const Session e = store.create(user("e"), kStart + minutes(40));
  EXPECT_EQ(store.size(), 1u);
  EXPECT_TRUE(store.touch(e.id, kStart + minutes(40)));

  SessionStore big;
  for (int i = 0; i < 1500; ++i) (void)big.create(user(std::to_string(i)), kStart + seconds(i));
  EXPECT_EQ(big.size(), 1024u);
}

TEST(SessionStoreTest, ConcurrentUseIsSafe) {
  SessionStore store(SessionLimits{.capacity = 64});
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&store, t] {
      for (int i = 0; i < 200; ++i) {
        const Time now = kStart + seconds(i);
        const Session session = store.create(user("user" + std::to_string(t)), now);
        (void)store.touch(session.id, now);
        if (i % 3 == 0) store.end(session.id);
        if (i % 50 == 0) (void)store.endAllOf("user" + std::to_string((t + 1) % 8));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(store.size(), 64u);
}

}  // namespace
}  // namespace ews::web

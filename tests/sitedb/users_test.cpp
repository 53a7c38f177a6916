// The users of the site database (docs/users.md): the manual's defaults, salted slow hashes,
// the rules of adding and editing users, events. Real SQLite files in a temporary folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ews/sitedb/database.hpp"
#include "ews/sitedb/pages.hpp"
#include "ews/sitedb/users.hpp"

namespace ews::sitedb {
namespace {

namespace fs = std::filesystem;

// Tests hash with few iterations: the rules do not depend on the count, and the production
// count (0.2 s per code) would make each test take seconds. One test checks the real count.
constexpr int kTestIterations = 1000;
const Time kSeedTime = timeFromMicros(1'767'225'600'000'000);  // 2026-01-01T00:00:00Z
const Time kLater = kSeedTime + hours(1);

class UsersTest : public ::testing::Test {
 protected:
  UsersTest() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("ews-sitedb-users-") + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::make_unique<Database>(path(), Database::Mode::ReadWrite);
    seedDefaultUsers(*db_, kSeedTime, kTestIterations);
  }
  ~UsersTest() override {
    db_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  fs::path path() const { return dir_ / "site.db"; }
  UserStore store() const { return UserStore(*db_, kTestIterations); }

  /// Everything a refused change must leave as it was: every users row, hashes included, and
  /// the number of events.
  std::string snapshot() const {
    std::string text;
    Statement rows = db_->prepare(
        "SELECT name, enabled, pages, pin_hash, puk_hash, default_pin, default_puk, updated_at_us FROM users "
        "ORDER BY name");
    while (rows.step()) {
      for (int column = 0; column < 8; ++column) text += rows.text(column) + "|";
      text += "\n";
    }
    return text + "events:" + std::to_string(eventCount());
  }
  std::int64_t eventCount() const { return db_->queryInt("SELECT COUNT(*) FROM events").value_or(0); }
  std::string hashOf(const std::string& name, const char* column) const {
    Statement row = db_->prepare(std::string("SELECT ") + column + " FROM users WHERE name = ?");
    row.bind(1, name);
    EXPECT_TRUE(row.step());
    return row.text(0);
  }
  struct EventRow {
    std::string kind;
    std::string detail;
    std::string author;
  };
  EventRow lastEvent() const {
    Statement row = db_->prepare("SELECT kind, detail, author FROM events ORDER BY id DESC LIMIT 1");
    EXPECT_TRUE(row.step());
    return {row.text(0), row.text(1), row.text(2)};
  }

  fs::path dir_;
  std::unique_ptr<Database> db_;
};

/// Runs `change` and expects a FieldError naming `field` (and reading `what`, when given).
template <class Change>
void expectFieldError(const std::string& field, Change change, const std::string& what = {}) {
  try {
    change();
    ADD_FAILURE() << "expected a FieldError on " << field;
  } catch (const FieldError& error) {
    EXPECT_EQ(error.field(), field) << error.what();
    if (!what.empty()) {
      EXPECT_EQ(std::string(error.what()), what);
    }
  }
}

/// The statement is refused with a FieldError on `field`, and users and events are unchanged.
#define EXPECT_REFUSED_UNCHANGED(field, statement, ...)                          \
  do {                                                                           \
    const std::string before_ = snapshot();                                      \
    expectFieldError(field, [&] { statement; } __VA_OPT__(, ) __VA_ARGS__);      \
    EXPECT_EQ(snapshot(), before_) << "a refused change must write nothing";     \
  } while (false)

TEST_F(UsersTest, SeedsTheManualsFourDefaultUsersWithTheirPages) {
  const auto users = store().list();
  ASSERT_EQ(users.size(), 4u);
  // Ordered by name; each with the manual's 8.1.1 rights, enabled, default codes flagged.
  EXPECT_EQ(users[0].name, "administrator");
  EXPECT_EQ(users[0].pages, (PageSet{Page::WebServerConfiguration, Page::SystemConfiguration, Page::MyPanelBoard,
                                     Page::Consumptions, Page::ReportsDataDownload, Page::ReportsAlarms}));
  EXPECT_FALSE(users[0].pages.has(Page::GreenUp));
  EXPECT_EQ(users[1].name, "greenUp");
  EXPECT_EQ(users[1].pages, PageSet::all());
  EXPECT_EQ(users[2].name, "installer");
  EXPECT_EQ(users[2].pages,
            (PageSet{Page::SystemConfiguration, Page::MyPanelBoard, Page::Consumptions, Page::ReportsAlarms}));
  EXPECT_EQ(users[3].name, "user");
  EXPECT_EQ(users[3].pages, (PageSet{Page::Consumptions, Page::ReportsAlarms}));
  for (const auto& user : users) {
    EXPECT_TRUE(user.enabled) << user.name;
    EXPECT_TRUE(user.defaultPin && user.defaultPuk && user.usesDefaultCode()) << user.name;
    EXPECT_EQ(user.updatedAt, kSeedTime);
  }
  EXPECT_EQ(db_->queryInt("SELECT COUNT(*) FROM users WHERE pages = 'consumptions,reports_alarms'"), 1);

  const auto event = lastEvent();
  EXPECT_EQ(event.kind, "user");
  EXPECT_EQ(event.author, "system");
  EXPECT_EQ(event.detail, "default users created: administrator, greenUp, installer, user");
  // Seeding a table that has users does nothing.
  EXPECT_FALSE(seedDefaultUsers(*db_, kLater, kTestIterations));
  EXPECT_EQ(eventCount(), 1);
}

TEST_F(UsersTest, DefaultCodesVerifyAndWrongOnesDoNot) {
  const UserStore users = store();
  EXPECT_EQ(users.verifyPin("administrator", "99999"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPuk("administrator", "00000 9999 00000"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPuk("administrator", "00000999900000"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPin("greenUp", "88888"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPuk("greenUp", "00000 8888 00000"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPin("installer", "55555"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPuk("installer", "00000 5555 00000"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPin("user", "11111"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPuk("user", "00000 1111 00000"), CodeCheck::Accepted);

  EXPECT_EQ(users.verifyPin("administrator", "99998"), CodeCheck::WrongCode);
  EXPECT_EQ(users.verifyPin("administrator", "88888"), CodeCheck::WrongCode);  // another user's PIN
  EXPECT_EQ(users.verifyPin("administrator", ""), CodeCheck::WrongCode);
  EXPECT_EQ(users.verifyPuk("administrator", "99999"), CodeCheck::WrongCode);  // the PIN is not the PUK
  // The manual's misprints are not accepted (docs/users.md, "Defaults").
  EXPECT_EQ(users.verifyPin("administrator", "9999"), CodeCheck::WrongCode);
  EXPECT_EQ(users.verifyPuk("administrator", "0000 9999 0000"), CodeCheck::WrongCode);
  EXPECT_EQ(users.verifyPuk("greenUp", "00000 88888 00000"), CodeCheck::WrongCode);
  EXPECT_EQ(users.verifyPin("nobody", "99999"), CodeCheck::UnknownUser);
  // Names are found whatever their case.
  EXPECT_EQ(users.verifyPin("Administrator", "99999"), CodeCheck::Accepted);
  ASSERT_TRUE(users.find("GREENUP"));
  EXPECT_EQ(users.find("GREENUP")->name, "greenUp");
}

TEST_F(UsersTest, TheDatabaseFileNeverHoldsAClearCode) {
  store().add("administrator", {"meter reader", "24680", "13579 2468 13579", {Page::Consumptions}, true}, kLater);
  std::vector<std::string> hashes;  // and PIN tags and their key: hex may hold any digits too
  {
    Statement rows = db_->prepare("SELECT pin_hash, puk_hash, pin_tag FROM users");
    while (rows.step()) {
      hashes.push_back(rows.text(0));
      hashes.push_back(rows.text(1));
      hashes.push_back(rows.text(2));
    }
  }
  hashes.push_back(*db_->meta("pin_tag_key"));
  db_.reset();  // the last connection checkpoints the WAL into the file
  std::string bytes;
  for (const auto& file : {path(), fs::path(path().string() + "-wal")}) {
    std::ifstream in(file, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_FALSE(bytes.empty());
  // The base64 of a hash may contain any run of digits: take the hashes out before looking
  // for 5-digit PINs (the 14-digit PUKs cannot occur there by chance).
  for (const auto& hash : hashes) {
    ASSERT_NE(bytes.find(hash), std::string::npos);
    for (auto at = bytes.find(hash); at != std::string::npos; at = bytes.find(hash)) bytes.erase(at, hash.size());
  }
  for (const auto& user : defaultUsers()) {
    EXPECT_EQ(bytes.find(user.pin), std::string::npos) << user.name << " PIN in clear";
    EXPECT_EQ(bytes.find(user.puk), std::string::npos) << user.name << " PUK in clear";
    EXPECT_EQ(bytes.find(std::string(user.puk.substr(0, 5)) + " " + std::string(user.puk.substr(5, 4))), std::string::npos);
  }
  EXPECT_EQ(bytes.find("24680"), std::string::npos);
  EXPECT_EQ(bytes.find("13579"), std::string::npos);
  EXPECT_EQ(bytes.find("13579246813579"), std::string::npos);
}

TEST_F(UsersTest, EachCodeHasItsOwnSaltSoEqualCodesHashDifferently) {
  UserStore users = store();
  // PINs are unique (the PIN picks the user), PUKs need not be.
  users.add("greenUp", {"alice", "24680", "11111 2222 33333", {Page::Consumptions}, true}, kLater);
  users.add("greenUp", {"bob", "24681", "11111 2222 33333", {Page::Consumptions}, true}, kLater);
  const std::string alice = hashOf("alice", "pin_hash");
  EXPECT_NE(hashOf("alice", "puk_hash"), hashOf("bob", "puk_hash"));
  EXPECT_EQ(users.verifyPuk("alice", "11111222233333"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPuk("bob", "11111222233333"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPin("alice", "24680"), CodeCheck::Accepted);
  // "pbkdf2-sha256$<iterations>$<16-byte salt>$<32-byte hash>", base64 with padding.
  EXPECT_TRUE(alice.starts_with("pbkdf2-sha256$1000$")) << alice;
  const auto salt = alice.substr(alice.find('$', 15) + 1, 24);
  EXPECT_EQ(salt.size(), 24u);
  EXPECT_EQ(alice.size(), std::string("pbkdf2-sha256$1000$").size() + 24 + 1 + 44);
  // Seeded rows are salted too.
  EXPECT_NE(hashOf("administrator", "pin_hash"), hashOf("greenUp", "pin_hash"));
}

TEST_F(UsersTest, NewCodesUseTheProductionIterationCount) {
  UserStore users(*db_);  // kCodeHashIterations
  users.add("administrator", {"carol", "13579", "11111 2222 33333", {Page::Consumptions}, true}, kLater);
  EXPECT_TRUE(hashOf("carol", "pin_hash").starts_with("pbkdf2-sha256$600000$"));
  EXPECT_EQ(kCodeHashIterations, 600'000);
  // Older hashes with another count still verify: the count is read from each hash.
  EXPECT_EQ(users.verifyPin("administrator", "99999"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPin("carol", "13579"), CodeCheck::Accepted);
}

TEST_F(UsersTest, OnlyAdministratorAndGreenUpManageUsers) {
  const auto administrator = *store().find("administrator");
  EXPECT_TRUE(canManageUsers(administrator));
  EXPECT_TRUE(canManageUsers(*store().find("greenUp")));
  EXPECT_FALSE(canManageUsers(*store().find("installer")));
  EXPECT_FALSE(canManageUsers(*store().find("user")));
  UserView disabled = administrator;
  disabled.enabled = false;
  EXPECT_FALSE(canManageUsers(disabled));
  UserView withoutConfiguration = administrator;
  withoutConfiguration.pages.remove(Page::WebServerConfiguration);
  EXPECT_FALSE(canManageUsers(withoutConfiguration));
  // Holding every page does not make a new user a manager: the manual names the two users.
  UserView everything{"dave", true, PageSet::all(), false, false, kLater};
  EXPECT_FALSE(canManageUsers(everything));

  const NewUser erin{"erin", "13579", "11111 2222 33333", {Page::Consumptions}, true};
  for (const char* actor : {"installer", "user", "nobody"}) {
    const std::string before = snapshot();
    EXPECT_THROW(store().add(actor, erin, kLater), PermissionDenied) << actor;
    EXPECT_THROW(store().update(actor, "user", UserChange{.enabled = false}, kLater), PermissionDenied) << actor;
    EXPECT_EQ(snapshot(), before);
  }
}

TEST_F(UsersTest, AddChecksEachFieldAndWritesNothingWhenRefused) {
  UserStore users = store();
  const NewUser good{"frank", "13579", "11111 2222 33333", {Page::Consumptions}, true};
  auto with = [&](auto edit) {
    NewUser user = good;
    edit(user);
    return user;
  };
  EXPECT_REFUSED_UNCHANGED("pin", users.add("administrator", with([](NewUser& u) { u.pin = "1234"; }), kLater),
                           "pin: must be 5 digits");
  EXPECT_REFUSED_UNCHANGED("pin", users.add("administrator", with([](NewUser& u) { u.pin = "123456"; }), kLater));
  EXPECT_REFUSED_UNCHANGED("pin", users.add("administrator", with([](NewUser& u) { u.pin = "12a45"; }), kLater));
  EXPECT_REFUSED_UNCHANGED("puk", users.add("administrator", with([](NewUser& u) { u.puk = "0000 9999 0000"; }), kLater),
                           "puk: must be 14 digits (spaces between groups allowed)");
  EXPECT_REFUSED_UNCHANGED("puk", users.add("administrator", with([](NewUser& u) { u.puk = "00000-9999-00000"; }), kLater));
  EXPECT_REFUSED_UNCHANGED("pages", users.add("administrator", with([](NewUser& u) { u.pages = {}; }), kLater));
  EXPECT_REFUSED_UNCHANGED("name", users.add("administrator", with([](NewUser& u) { u.name = ""; }), kLater));
  EXPECT_REFUSED_UNCHANGED("name", users.add("administrator", with([](NewUser& u) { u.name = " frank"; }), kLater));
  EXPECT_REFUSED_UNCHANGED("name", users.add("administrator", with([](NewUser& u) { u.name = "fr\nank"; }), kLater));
  EXPECT_REFUSED_UNCHANGED("name", users.add("administrator", with([](NewUser& u) { u.name = "\xC3\x28"; }), kLater));
  EXPECT_REFUSED_UNCHANGED("name",
                           users.add("administrator", with([](NewUser& u) { u.name = std::string(33, 'x'); }), kLater));
  EXPECT_REFUSED_UNCHANGED("name", users.add("administrator", with([](NewUser& u) { u.name = "Installer"; }), kLater),
                           "name: a user named 'installer' already exists");

  // 32 characters, some of them beyond ASCII, are fine.
  std::string longName;
  for (int i = 0; i < 16; ++i) longName += "\xC3\xA9" "e";  // "ée" x 16
  users.add("administrator", with([&](NewUser& u) {
              u.name = longName;
              u.pin = "13570";  // PINs are unique
            }),
            kLater);
  EXPECT_TRUE(users.find(longName));

  users.add("greenUp", good, kLater);
  const auto frank = users.find("frank");
  ASSERT_TRUE(frank);
  EXPECT_EQ(*frank, (UserView{"frank", true, PageSet{Page::Consumptions}, false, false, kLater}));
  EXPECT_EQ(users.verifyPin("frank", "13579"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPuk("frank", "11111222233333"), CodeCheck::Accepted);
  const auto event = lastEvent();
  EXPECT_EQ(event.kind, "user");
  EXPECT_EQ(event.author, "greenUp");
  EXPECT_EQ(event.detail, "user 'frank' added: enabled yes, pages consumptions");
}

TEST_F(UsersTest, AUserGivenAPublishedCodeIsFlaggedAsUsingADefaultCode) {
  UserStore users = store();
  // The user "user" first leaves 11111 (PINs are unique), then gina takes it.
  users.update("administrator", "user", UserChange{.pin = "86420"}, kLater);
  users.add("administrator", {"gina", "11111", "12345 6789 01234", {Page::Consumptions}, true}, kLater);
  const auto gina = *users.find("gina");
  EXPECT_TRUE(gina.defaultPin);
  EXPECT_FALSE(gina.defaultPuk);
  EXPECT_TRUE(gina.usesDefaultCode());

  users.update("administrator", "administrator", UserChange{.pin = "31415"}, kLater);
  auto administrator = *users.find("administrator");
  EXPECT_FALSE(administrator.defaultPin);
  EXPECT_TRUE(administrator.defaultPuk);  // the PUK is still the manual's
  users.update("administrator", "administrator", UserChange{.puk = "27182 8182 84590"}, kLater);
  administrator = *users.find("administrator");
  EXPECT_FALSE(administrator.usesDefaultCode());
  EXPECT_EQ(users.verifyPin("administrator", "99999"), CodeCheck::WrongCode);
  EXPECT_EQ(users.verifyPin("administrator", "31415"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPuk("administrator", "27182818284590"), CodeCheck::Accepted);
}

TEST_F(UsersTest, UpdateChangesWhatItNamesAndRecordsItWithoutCodes) {
  UserStore users = store();
  const std::string pukBefore = hashOf("installer", "puk_hash");
  users.update("greenUp", "installer",
               UserChange{.pin = "97531", .pages = PageSet{Page::MyPanelBoard, Page::Consumptions}}, kLater);
  const auto installer = *users.find("installer");
  EXPECT_EQ(installer.pages, (PageSet{Page::MyPanelBoard, Page::Consumptions}));
  EXPECT_TRUE(installer.enabled);
  EXPECT_EQ(installer.updatedAt, kLater);
  EXPECT_EQ(users.verifyPin("installer", "97531"), CodeCheck::Accepted);
  EXPECT_EQ(users.verifyPin("installer", "55555"), CodeCheck::WrongCode);
  EXPECT_EQ(hashOf("installer", "puk_hash"), pukBefore) << "a code not given is kept";
  const auto event = lastEvent();
  EXPECT_EQ(event.author, "greenUp");
  EXPECT_EQ(event.detail,
            "user 'installer' changed: PIN, pages system_configuration,my_panel_board,consumptions,reports_alarms -> "
            "my_panel_board,consumptions");
  EXPECT_EQ(event.detail.find("97531"), std::string::npos);

  // A change that changes nothing writes nothing.
  const std::string before = snapshot();
  users.update("greenUp", "installer", UserChange{.pages = installer.pages, .enabled = true}, kLater + hours(1));
  EXPECT_EQ(snapshot(), before);

  EXPECT_REFUSED_UNCHANGED("name", users.update("greenUp", "nobody", UserChange{.enabled = false}, kLater));
  EXPECT_REFUSED_UNCHANGED("pin", users.update("greenUp", "installer", UserChange{.pin = "1"}, kLater));
  EXPECT_REFUSED_UNCHANGED("puk", users.update("greenUp", "installer", UserChange{.puk = "1"}, kLater));
  EXPECT_REFUSED_UNCHANGED("pages", users.update("greenUp", "installer", UserChange{.pages = PageSet{}}, kLater));
}

TEST_F(UsersTest, DisabledUsersCannotLogInOrActAndAreKept) {
  UserStore users = store();
  users.disable("administrator", "user", kLater);
  EXPECT_FALSE(users.find("user")->enabled);
  EXPECT_EQ(users.list().size(), 4u);
  EXPECT_EQ(users.verifyPin("user", "11111"), CodeCheck::Disabled);
  EXPECT_EQ(users.verifyPin("user", "11112"), CodeCheck::WrongCode) << "a wrong code says nothing more";
  EXPECT_EQ(lastEvent().detail, "user 'user' changed: enabled yes -> no");

  users.disable("administrator", "greenUp", kLater);
  EXPECT_THROW(users.add("greenUp", {"hank", "13579", "11111 2222 33333", {Page::Consumptions}, true}, kLater),
               PermissionDenied);
  users.update("administrator", "greenUp", UserChange{.enabled = true}, kLater);
  EXPECT_EQ(users.verifyPin("greenUp", "88888"), CodeCheck::Accepted);
}

TEST_F(UsersTest, TheLastUserWhoCanManageUsersCannotBeLockedOut) {
  UserStore users = store();
  users.disable("administrator", "greenUp", kLater);
  EXPECT_REFUSED_UNCHANGED("enabled", users.disable("administrator", "administrator", kLater),
                           "enabled: the last user who can manage users cannot be disabled");
  EXPECT_REFUSED_UNCHANGED(
      "pages", users.update("administrator", "administrator", UserChange{.pages = PageSet{Page::Consumptions}}, kLater));
  // Other pages may go; the right to manage users stays.
  users.update("administrator", "administrator", UserChange{.pages = PageSet{Page::WebServerConfiguration}}, kLater);

  // With greenUp back, the administrator may step down (and greenUp remains).
  users.update("administrator", "greenUp", UserChange{.enabled = true}, kLater);
  users.disable("administrator", "administrator", kLater);
  EXPECT_FALSE(users.find("administrator")->enabled);
  EXPECT_REFUSED_UNCHANGED("enabled", users.disable("greenUp", "greenUp", kLater));
}

TEST_F(UsersTest, ThePinAlonePicksTheUser) {
  const UserStore users = store();
  for (const auto& user : defaultUsers()) {
    const auto found = users.findByPin(user.pin);
    ASSERT_TRUE(found) << user.name;
    EXPECT_EQ(found->name, user.name);
    EXPECT_EQ(*found, *users.find(user.name));
  }
  EXPECT_EQ(users.findByPin(" 9 9 9 9 9 ")->name, "administrator");  // spaces are separators
  EXPECT_FALSE(users.findByPin("99998"));
  EXPECT_FALSE(users.findByPin(""));
  EXPECT_FALSE(users.findByPin("9999"));
  EXPECT_FALSE(users.findByPin("999999"));
  EXPECT_FALSE(users.findByPin("00000999900000")) << "a PUK is not a PIN";

  store().add("administrator", {"ivan", "24680", "13579 2468 13579", {Page::Consumptions}, true}, kLater);
  EXPECT_EQ(users.findByPin("24680")->name, "ivan");
  store().update("administrator", "ivan", UserChange{.pin = "97531"}, kLater);
  EXPECT_FALSE(users.findByPin("24680")) << "the old PIN is gone with its tag";
  EXPECT_EQ(users.findByPin("97531")->name, "ivan");
  // Each row has a 64-hex-digit tag, all different, none the PIN.
  EXPECT_EQ(db_->queryInt("SELECT COUNT(DISTINCT pin_tag) FROM users WHERE length(pin_tag) = 64"), 5);
  EXPECT_EQ(db_->meta("pin_tag_key")->size(), 64u);
}

TEST_F(UsersTest, ADisabledUsersPinFindsNoOne) {
  UserStore users = store();
  users.disable("administrator", "installer", kLater);
  EXPECT_FALSE(users.findByPin("55555"));
  users.update("administrator", "installer", UserChange{.enabled = true}, kLater);
  EXPECT_EQ(users.findByPin("55555")->name, "installer");
}

TEST_F(UsersTest, ATagPointsAtACandidateButOnlyTheSlowHashLetsIn) {
  // Another user's tag copied onto administrator: the tag finds administrator, whose hash
  // does not verify "11111", so the PIN finds no one (and not "user" either: tags are unique
  // only as long as nobody edits the file; the hash decides).
  const std::string userTag = [&] {
    Statement row = db_->prepare("SELECT pin_tag FROM users WHERE name = 'user'");
    EXPECT_TRUE(row.step());
    return row.text(0);
  }();
  db_->exec("UPDATE users SET pin_tag = 'moved' WHERE name = 'user'");
  db_->prepare("UPDATE users SET pin_tag = ? WHERE name = 'administrator'").bind(1, userTag).run();
  EXPECT_FALSE(store().findByPin("11111"));
  EXPECT_FALSE(store().findByPin("99999"));

  // A replaced key (stale tags): no PIN logs in, none wrongly.
  db_->setMeta("pin_tag_key", std::string(64, 'a'));
  for (const auto& user : defaultUsers()) EXPECT_FALSE(store().findByPin(user.pin)) << user.name;
  // A malformed key is refused for writing rather than silently replaced.
  db_->setMeta("pin_tag_key", "not hex");
  EXPECT_FALSE(store().findByPin("88888"));
  EXPECT_THROW(store().update("administrator", "user", UserChange{.pin = "12121"}, kLater), DbError);
}

TEST_F(UsersTest, PinsAreUniqueAmongUsers) {
  UserStore users = store();
  const NewUser judy{"judy", "55555", "13579 2468 13579", {Page::Consumptions}, true};
  EXPECT_REFUSED_UNCHANGED("pin", users.add("administrator", judy, kLater),
                           "pin: is already used by another user");
  EXPECT_REFUSED_UNCHANGED("pin", users.add("administrator", {"judy", "5 5555", "13579 2468 13579", {Page::Consumptions}, true}, kLater));
  EXPECT_REFUSED_UNCHANGED("pin", users.update("administrator", "user", UserChange{.pin = "99999"}, kLater),
                           "pin: is already used by another user");
  // A disabled user's PIN is taken too: enabling the user again must not make two users share it.
  users.disable("administrator", "installer", kLater);
  EXPECT_REFUSED_UNCHANGED("pin", users.add("administrator", judy, kLater));
  // Setting a user's own PIN again is no clash.
  users.update("administrator", "user", UserChange{.pin = "11111"}, kLater);
  EXPECT_EQ(users.findByPin("11111")->name, "user");
  // Once the PIN is freed, another user may take it.
  users.update("administrator", "installer", UserChange{.pin = "56565"}, kLater);
  users.add("administrator", judy, kLater);
  users.update("administrator", "installer", UserChange{.enabled = true}, kLater);
  EXPECT_EQ(users.findByPin("55555")->name, "judy");
  EXPECT_EQ(users.findByPin("56565")->name, "installer");
}

TEST_F(UsersTest, AFailedPinLookupCostsAsMuchAsAFoundOne) {
  // At the production count, a wrong PIN and a right one both spend one 600 000-iteration hash,
  // so the answer time does not say whether a PIN's tag matched.
  UserStore users(*db_);
  users.add("administrator", {"kate", "24680", "13579 2468 13579", {Page::Consumptions}, true}, kLater);
  auto timeOf = [&](const char* pin) {
    auto best = std::chrono::steady_clock::duration::max();
    for (int run = 0; run < 2; ++run) {
      const auto start = std::chrono::steady_clock::now();
      (void)users.findByPin(pin);
      best = std::min(best, std::chrono::steady_clock::now() - start);
    }
    return best;
  };
  const auto found = timeOf("24680");
  const auto missing = timeOf("24681");
  EXPECT_TRUE(users.findByPin("24680"));
  // Both ~0.2 s; a tag lookup alone takes microseconds. Generous bounds for a loaded machine.
  EXPECT_GT(missing * 3, found);
  EXPECT_GT(found * 3, missing);
}

TEST(PagesTest, IdsAndTitlesFollowTheManual) {
  EXPECT_EQ(kAllPages.size(), kPageCount);
  EXPECT_EQ(pageTitle(Page::WebServerConfiguration), "Web Server configuration");
  EXPECT_EQ(pageTitle(Page::Consumptions), "Consumptions: data & diagram.");
  EXPECT_EQ(pageTitle(Page::ReportsAlarms), "Reports: alarms");
  for (const Page page : kAllPages) EXPECT_EQ(pageFromId(pageId(page)), page);
  EXPECT_EQ(pageFromId("users"), std::nullopt);

  const PageSet pages{Page::ReportsAlarms, Page::GreenUp};
  EXPECT_EQ(formatPages(pages), "green_up,reports_alarms");
  EXPECT_EQ(parsePages("green_up, reports_alarms"), pages);
  EXPECT_EQ(parsePages(""), PageSet{});
  EXPECT_EQ(formatPages(PageSet::all()),
            "web_server_configuration,system_configuration,my_panel_board,consumptions,green_up,"
            "reports_data_download,reports_alarms");
  try {
    parsePages("consumptions,users");
    ADD_FAILURE();
  } catch (const FieldError& error) {
    EXPECT_EQ(std::string(error.what()), "pages: unknown page 'users'");
  }
}

TEST(CodesTest, SpacesAreGroupSeparators) {
  EXPECT_EQ(normalizeCode("00000 9999 00000"), "00000999900000");
  EXPECT_EQ(normalizeCode(" 99999 "), "99999");
}

}  // namespace
}  // namespace ews::sitedb

#include "ews/sitedb/users.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "code_hash.hpp"
#include "ews/recording/sample.hpp"
#include "ews/sitedb/history_writer.hpp"
#include "pin_tag.hpp"
#include "user_rules.hpp"

namespace ews::sitedb {

namespace {
constexpr std::string_view kEventKind = "user";
constexpr std::string_view kSystemAuthor = "system";
constexpr std::string_view kViewColumns = "name, enabled, pages, default_pin, default_puk, updated_at_us";

UserView readView(const Statement& row) {
  UserView user;
  user.name = row.text(0);
  user.enabled = row.int64(1) != 0;
  user.pages = parsePages(row.text(2));
  user.defaultPin = row.int64(3) != 0;
  user.defaultPuk = row.int64(4) != 0;
  user.updatedAt = timeFromMicros(row.int64(5));
  return user;
}

std::optional<UserView> findUser(const Database& db, std::string_view name) {
  Statement row = db.prepare(fmt::format("SELECT {} FROM users WHERE name = ?", kViewColumns));
  row.bind(1, name);
  if (!row.step()) return std::nullopt;
  return readView(row);
}

std::vector<UserView> listUsers(const Database& db) {
  Statement rows = db.prepare(fmt::format("SELECT {} FROM users ORDER BY name", kViewColumns));
  std::vector<UserView> users;
  while (rows.step()) users.push_back(readView(rows));
  return users;
}

/// The acting user, or PermissionDenied. Checked again inside each write's transaction: the
/// first check (before hashing) only spares the work.
UserView requireManager(const Database& db, std::string_view actor) {
  auto user = findUser(db, actor);
  if (!user || !canManageUsers(*user)) throw PermissionDenied(fmt::format("'{}' may not manage users", actor));
  return *user;
}

std::string_view yesNo(bool value) { return value ? "yes" : "no"; }

void recordChange(const Database& db, Time now, std::string detail, std::string_view author) {
  appendEvent(db, recording::Event{now, 0, std::string(kEventKind), std::move(detail)}, author);
}

/// The hashes of a user's new codes, computed before the write transaction opens: at 0.2 s
/// each they must not hold the database's write lock (the engine writes every sample).
struct NewCodes {
  std::optional<std::string> pinDigits;  ///< normalised, for the PIN tag (computed in the transaction)
  std::optional<std::string> pinHash;
  std::optional<std::string> pukHash;
  bool defaultPin = false;
  bool defaultPuk = false;
};

NewCodes hashCodes(const std::optional<std::string>& pin, const std::optional<std::string>& puk, int iterations) {
  NewCodes codes;
  if (pin) {
    const std::string digits = detail::checkedPin(*pin);
    codes.defaultPin = detail::isDefaultPin(digits);
    codes.pinHash = detail::hashCode(digits, iterations);
    codes.pinDigits = digits;
  }
  if (puk) {
    const std::string digits = detail::checkedPuk(*puk);
    codes.defaultPuk = detail::isDefaultPuk(digits);
    codes.pukHash = detail::hashCode(digits, iterations);
  }
  return codes;
}

void insertUser(const Database& db, const UserView& user, const std::string& pinHash, const std::string& pukHash,
                const std::string& pinTag) {
  db.prepare(
        "INSERT INTO users(name, enabled, pages, pin_hash, puk_hash, pin_tag, default_pin, default_puk, "
        "updated_at_us) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, user.name)
      .bind(2, user.enabled ? 1 : 0)
      .bind(3, formatPages(user.pages))
      .bind(4, pinHash)
      .bind(5, pukHash)
      .bind(6, pinTag)
      .bind(7, user.defaultPin ? 1 : 0)
      .bind(8, user.defaultPuk ? 1 : 0)
      .bind(9, toMicros(user.updatedAt))
      .run();
}

/// The tag of a new PIN for user `name`, inside the write transaction; FieldError when another
/// user has that PIN (the PIN picks the user at login, so two users cannot share one).
std::string uniquePinTag(const Database& db, std::string_view name, std::string_view pinDigits) {
  std::string tag = detail::pinTag(detail::pinTagKeyForWrite(db), pinDigits);
  Statement other = db.prepare("SELECT 1 FROM users WHERE pin_tag = ? AND name <> ?");
  other.bind(1, tag).bind(2, name);
  if (other.step()) throw FieldError("pin", "is already used by another user");
  return tag;
}

bool isPin(std::string_view digits) {
  return digits.size() == kPinDigits &&
         std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

UserStore::UserStore(const Database& db, int hashIterations) : db_(db), hashIterations_(hashIterations) {}

std::vector<UserView> UserStore::list() const { return listUsers(db_); }

std::optional<UserView> UserStore::find(std::string_view name) const { return findUser(db_, name); }

std::optional<UserView> UserStore::findByPin(std::string_view pin) const {
  const std::string digits = normalizeCode(pin);
  std::optional<UserView> candidate;
  std::string hash;
  if (isPin(digits)) {
    if (const auto key = detail::loadPinTagKey(db_)) {
      Statement row = db_.prepare(fmt::format("SELECT {}, pin_hash FROM users WHERE pin_tag = ?", kViewColumns));
      row.bind(1, detail::pinTag(*key, digits));
      if (row.step()) {
        candidate = readView(row);
        hash = row.text(6);
      }
    }
  }
  if (!candidate) {
    // As long as a found PIN takes: the answer time does not say whether a tag matched.
    detail::spendVerification(hashIterations_);
    return std::nullopt;
  }
  // The tag only points at a candidate; the slow hash decides.
  if (!detail::verifyCode(digits, hash) || !candidate->enabled) return std::nullopt;
  return candidate;
}

CodeCheck UserStore::verifyPin(std::string_view name, std::string_view pin) const { return verify(name, pin, false); }

CodeCheck UserStore::verifyPuk(std::string_view name, std::string_view puk) const { return verify(name, puk, true); }

CodeCheck UserStore::verify(std::string_view name, std::string_view code, bool puk) const {
  Statement row = db_.prepare(puk ? "SELECT enabled, puk_hash FROM users WHERE name = ?"
                                  : "SELECT enabled, pin_hash FROM users WHERE name = ?");
  row.bind(1, name);
  if (!row.step()) {
    detail::spendVerification(hashIterations_);
    return CodeCheck::UnknownUser;
  }
  const bool enabled = row.int64(0) != 0;
  if (!detail::verifyCode(normalizeCode(code), row.text(1))) return CodeCheck::WrongCode;
  return enabled ? CodeCheck::Accepted : CodeCheck::Disabled;
}

void UserStore::add(std::string_view actor, const NewUser& user, Time now) {
  requireManager(db_, actor);
  detail::checkUserName(user.name);
  detail::checkedPin(user.pin);
  detail::checkedPuk(user.puk);
  detail::checkPages(user.pages);
  const NewCodes codes = hashCodes(user.pin, user.puk, hashIterations_);

  Transaction transaction(db_);
  requireManager(db_, actor);
  if (const auto existing = findUser(db_, user.name)) {
    throw FieldError("name", fmt::format("a user named '{}' already exists", existing->name));
  }
  const std::string pinTag = uniquePinTag(db_, user.name, *codes.pinDigits);
  const UserView row{user.name, user.enabled, user.pages, codes.defaultPin, codes.defaultPuk, now};
  insertUser(db_, row, *codes.pinHash, *codes.pukHash, pinTag);
  recordChange(db_, now,
               fmt::format("user '{}' added: enabled {}, pages {}", user.name, yesNo(user.enabled),
                           formatPages(user.pages)),
               actor);
  transaction.commit();
}

void UserStore::update(std::string_view actor, std::string_view name, const UserChange& change, Time now) {
  requireManager(db_, actor);
  if (change.pages) detail::checkPages(*change.pages);
  const NewCodes codes = hashCodes(change.pin, change.puk, hashIterations_);

  Transaction transaction(db_);
  requireManager(db_, actor);
  const auto before = findUser(db_, name);
  if (!before) throw FieldError("name", fmt::format("no user named '{}'", name));
  std::optional<std::string> pinTag;
  if (codes.pinDigits) pinTag = uniquePinTag(db_, before->name, *codes.pinDigits);
  UserView after = *before;
  after.pages = change.pages.value_or(before->pages);
  after.enabled = change.enabled.value_or(before->enabled);
  if (codes.pinHash) after.defaultPin = codes.defaultPin;
  if (codes.pukHash) after.defaultPuk = codes.defaultPuk;
  std::vector<std::string> changes;
  if (codes.pinHash) changes.emplace_back("PIN");
  if (codes.pukHash) changes.emplace_back("PUK");
  if (after.pages != before->pages) {
    changes.push_back(fmt::format("pages {} -> {}", formatPages(before->pages), formatPages(after.pages)));
  }
  if (after.enabled != before->enabled) {
    changes.push_back(fmt::format("enabled {} -> {}", yesNo(before->enabled), yesNo(after.enabled)));
  }
  if (changes.empty()) return;

  // Never lock everyone out: some enabled user must still be able to manage users.
  if (canManageUsers(*before) && !canManageUsers(after)) {
    auto users = listUsers(db_);
    const bool another = std::any_of(users.begin(), users.end(), [&](const UserView& user) {
      return user.name != before->name && canManageUsers(user);
    });
    if (!another) {
      if (!after.enabled) throw FieldError("enabled", "the last user who can manage users cannot be disabled");
      throw FieldError("pages", "the last user who can manage users must keep Web Server configuration");
    }
  }

  after.updatedAt = now;
  Statement write = db_.prepare(
      "UPDATE users SET enabled = ?, pages = ?, pin_hash = COALESCE(?, pin_hash), "
      "puk_hash = COALESCE(?, puk_hash), pin_tag = COALESCE(?, pin_tag), default_pin = ?, default_puk = ?, "
      "updated_at_us = ? WHERE name = ?");
  write.bind(1, after.enabled ? 1 : 0).bind(2, formatPages(after.pages));
  // NULL keeps the stored hash (COALESCE): an edit without a new code leaves it untouched.
  if (codes.pinHash) {
    write.bind(3, *codes.pinHash);
  } else {
    write.bindNull(3);
  }
  if (codes.pukHash) {
    write.bind(4, *codes.pukHash);
  } else {
    write.bindNull(4);
  }
  if (pinTag) {
    write.bind(5, *pinTag);
  } else {
    write.bindNull(5);
  }
  write.bind(6, after.defaultPin ? 1 : 0)
      .bind(7, after.defaultPuk ? 1 : 0)
      .bind(8, toMicros(now))
      .bind(9, before->name)
      .run();
  recordChange(db_, now, fmt::format("user '{}' changed: {}", before->name, fmt::join(changes, ", ")), actor);
  transaction.commit();
}

void UserStore::disable(std::string_view actor, std::string_view name, Time now) {
  update(actor, name, UserChange{.enabled = false}, now);
}

bool seedDefaultUsers(const Database& db, Time now, int hashIterations) {
  if (db.queryInt("SELECT COUNT(*) FROM users").value_or(0) != 0) return false;
  struct Hashed {
    std::string pin;
    std::string puk;
  };
  std::vector<Hashed> hashes;
  for (const DefaultUser& user : defaultUsers()) {
    hashes.push_back({detail::hashCode(user.pin, hashIterations), detail::hashCode(user.puk, hashIterations)});
  }

  Transaction transaction(db);
  if (db.queryInt("SELECT COUNT(*) FROM users").value_or(0) != 0) return false;  // seeded meanwhile
  const std::string key = detail::pinTagKeyForWrite(db);
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < defaultUsers().size(); ++i) {
    const DefaultUser& user = defaultUsers()[i];
    insertUser(db, UserView{std::string(user.name), true, user.pages, true, true, now}, hashes[i].pin, hashes[i].puk,
               detail::pinTag(key, user.pin));
    names.push_back(user.name);
  }
  recordChange(db, now, fmt::format("default users created: {}", fmt::join(names, ", ")), kSystemAuthor);
  transaction.commit();
  return true;
}

}  // namespace ews::sitedb

#include "user_rules.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "ews/kernel/utf8.hpp"
#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/users.hpp"

namespace ews::sitedb {

std::string normalizeCode(std::string_view code) {
  std::string digits;
  digits.reserve(code.size());
  for (const char c : code) {
    if (c != ' ') digits += c;
  }
  return digits;
}

bool canManageUsers(const UserView& user) {
  return user.enabled && (user.name == "administrator" || user.name == "greenUp") &&
         user.pages.has(Page::WebServerConfiguration);
}

}  // namespace ews::sitedb

namespace ews::sitedb::detail {

namespace {
bool allDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void checkUserName(std::string_view name) {
  if (name.empty()) throw FieldError("name", "must not be empty");
  if (name.front() == ' ' || name.back() == ' ') throw FieldError("name", "must not begin or end with a space");
  std::size_t characters = 0;
  for (std::string_view rest = name; !rest.empty();) {
    const auto codePoint = utf8::nextCodePoint(rest);
    if (!codePoint) throw FieldError("name", "is not valid UTF-8");
    if (*codePoint < 0x20 || (*codePoint >= 0x7F && *codePoint < 0xA0)) {
      throw FieldError("name", "must not contain control characters");
    }
    ++characters;
  }
  if (characters > kMaxUserNameLength) {
    throw FieldError("name", fmt::format("must be at most {} characters", kMaxUserNameLength));
  }
}

std::string checkedPin(std::string_view pin) {
  std::string digits = normalizeCode(pin);
  if (digits.size() != kPinDigits || !allDigits(digits)) {
    throw FieldError("pin", fmt::format("must be {} digits", kPinDigits));
  }
  return digits;
}

std::string checkedPuk(std::string_view puk) {
  std::string digits = normalizeCode(puk);
  if (digits.size() != kPukDigits || !allDigits(digits)) {
    throw FieldError("puk", fmt::format("must be {} digits (spaces between groups allowed)", kPukDigits));
  }
  return digits;
}

void checkPages(PageSet pages) {
  if (pages.empty()) throw FieldError("pages", "choose at least one page");
}

bool isDefaultPin(std::string_view pin) {
  const auto users = defaultUsers();
  return std::any_of(users.begin(), users.end(), [&](const DefaultUser& user) { return user.pin == pin; });
}

bool isDefaultPuk(std::string_view puk) {
  const auto users = defaultUsers();
  return std::any_of(users.begin(), users.end(), [&](const DefaultUser& user) { return user.puk == puk; });
}

}  // namespace ews::sitedb::detail

#pragma once
// The manual's rules on one user's fields (8.1), checked before anything is hashed or written.
// Each failure is a FieldError naming the field.
#include <string>
#include <string_view>

#include "ews/sitedb/pages.hpp"

namespace ews::sitedb::detail {

/// 1 to kMaxUserNameLength characters of valid UTF-8, no control character, no space at
/// either end.
void checkUserName(std::string_view name);
/// The normalised PIN (kPinDigits digits) or FieldError("pin", ...).
std::string checkedPin(std::string_view pin);
/// The normalised PUK (kPukDigits digits) or FieldError("puk", ...).
std::string checkedPuk(std::string_view puk);
/// At least one page: a user who can open no page is a disabled user.
void checkPages(PageSet pages);

/// Whether a normalised code is one the manual publishes (any default user's), so the pages
/// can say a default code is still in use without the database ever holding a clear code.
bool isDefaultPin(std::string_view pin);
bool isDefaultPuk(std::string_view puk);

}  // namespace ews::sitedb::detail

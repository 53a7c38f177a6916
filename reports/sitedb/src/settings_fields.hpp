#pragma once
// What every settings section's form and rules share (settings_json.cpp, settings_validation.cpp,
// webserver_settings.cpp): JSON readers and writers whose bad member becomes a FieldError naming
// it as the API does, and the host name check.
#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "ews/sitedb/field_error.hpp"
#include "ews/sitedb/settings.hpp"

namespace ews::sitedb::settings_fields {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

inline Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

inline std::string stringify(const Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

/// Clear: the value itself; Masked: only whether one is set ("<key>_set").
inline void setSecret(Object& object, const std::string& key, const Secret& secret, SecretView view) {
  if (view == SecretView::Clear) {
    object.set(key, secret.reveal());
  } else {
    object.set(key + "_set", secret.isSet());
  }
}

inline Object::Ptr parseObject(std::string_view json, const std::string& field) {
  Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(std::string(json));
  } catch (const Poco::Exception& error) {
    throw FieldError(field, fmt::format("not valid JSON: {}", error.displayText()));
  }
  if (parsed.type() != typeid(Object::Ptr)) throw FieldError(field, "must be a JSON object");
  return parsed.extract<Object::Ptr>();
}

inline std::string asString(const Var& value, const std::string& field) {
  if (!value.isString()) throw FieldError(field, "must be a string");
  return value.extract<std::string>();
}

inline bool asBool(const Var& value, const std::string& field) {
  if (!value.isBoolean()) throw FieldError(field, "must be true or false");
  return value.extract<bool>();
}

inline std::int64_t asInteger(const Var& value, const std::string& field) {
  // Poco counts true and false as integers.
  if (!value.isInteger() || value.isBoolean()) throw FieldError(field, "must be an integer");
  try {
    return value.convert<std::int64_t>();
  } catch (const Poco::Exception&) {
    throw FieldError(field, "is out of range");
  }
}

[[noreturn]] inline void unknownField(const std::string& field) { throw FieldError(field, "unknown field"); }

inline constexpr std::size_t kMaxHostLength = 253;  // DNS name limit

/// A DNS name or an IPv4/IPv6 address, without scheme or port.
inline bool isHost(std::string_view text) {
  if (text.empty() || text.size() > kMaxHostLength) return false;
  if (text.front() == '-' || text.front() == '.') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == ':';
  });
}

}  // namespace ews::sitedb::settings_fields

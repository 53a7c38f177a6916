// The rules and JSON form of the Web Server's own settings (webserver_settings.hpp,
// docs/settings.md). Field names as the API names them: "network.gateway", "ftp.password".
#include "ews/sitedb/webserver_settings.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <regex>

#include <fmt/format.h>

#include "settings_fields.hpp"

namespace ews::sitedb {

namespace {
using namespace settings_fields;

constexpr std::size_t kMinFtpPasswordLength = 4;
constexpr std::size_t kMaxFtpPasswordLength = 64;

std::optional<std::uint32_t> parseIpv4(std::string_view text) {
  std::uint32_t address = 0;
  int parts = 0;
  for (std::size_t at = 0;; ++parts) {
    const std::size_t end = std::min(text.find('.', at), text.size());
    const std::string_view part = text.substr(at, end - at);
    if (parts == 4 || part.empty() || part.size() > 3 || (part.size() > 1 && part.front() == '0')) return std::nullopt;
    unsigned value = 0;
    for (const char c : part) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 255) return std::nullopt;
    address = (address << 8) | value;
    if (end == text.size()) break;
    at = end + 1;
  }
  if (parts != 3) return std::nullopt;  // the index of the last part read
  return address;
}

/// The mask's prefix length when its ones are contiguous, nullopt otherwise.
std::optional<int> prefixOf(std::uint32_t mask) {
  int prefix = 0;
  while (prefix < 32 && (mask & (0x80000000u >> prefix)) != 0) ++prefix;
  const std::uint32_t expected = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  if (mask != expected) return std::nullopt;
  return prefix;
}

std::uint32_t requireIpv4(const std::string& text, const std::string& field) {
  const auto address = parseIpv4(text);
  if (!address) throw FieldError(field, fmt::format("'{}' is not an IPv4 address (four numbers 0-255: 192.168.1.100)", text));
  return *address;
}

/// An address a host may take in the subnet: not the network's, not its broadcast, not
/// loopback, multicast or reserved.
void checkHostAddress(std::uint32_t address, std::uint32_t mask, const std::string& text, const std::string& field) {
  const std::uint32_t first = address >> 24;
  if (first == 0 || first == 127 || first >= 224) {
    throw FieldError(field, fmt::format("'{}' cannot be the address of a host on the LAN", text));
  }
  if ((address & ~mask) == 0) throw FieldError(field, fmt::format("'{}' is the subnet's network address", text));
  if ((address & ~mask) == ~mask) throw FieldError(field, fmt::format("'{}' is the subnet's broadcast address", text));
}

void checkNoControl(const std::string& text, const std::string& field) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) throw FieldError(field, "must not contain control characters");
  }
}

/// "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" ('T' also separating) naming a day of the
/// calendar and a time of day.
bool isLocalDateTime(const std::string& text) {
  static const std::regex kForm(R"((\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?)");
  std::smatch parts;
  if (!std::regex_match(text, parts, kForm)) return false;
  const auto number = [&](int i) { return parts[i].matched ? std::stoi(parts[i].str()) : 0; };
  const std::chrono::year_month_day day{std::chrono::year{number(1)}, std::chrono::month{static_cast<unsigned>(number(2))},
                                        std::chrono::day{static_cast<unsigned>(number(3))}};
  return day.ok() && number(4) < 24 && number(5) < 60 && number(6) < 60;
}
}  // namespace

bool isIpv4Address(std::string_view text) { return parseIpv4(text).has_value(); }

// --- network ---

void validate(const NetworkSettings& settings) {
  const std::uint32_t mask = requireIpv4(settings.subnetMask, "network.subnet_mask");
  const auto prefix = prefixOf(mask);
  if (!prefix || *prefix < 8 || *prefix > 30) {
    throw FieldError("network.subnet_mask",
                     fmt::format("'{}' is not a subnet mask of 8 to 30 bits (e.g. 255.255.255.0)", settings.subnetMask));
  }
  const std::uint32_t address = requireIpv4(settings.address, "network.address");
  checkHostAddress(address, mask, settings.address, "network.address");
  if (!settings.gateway.empty()) {
    const std::uint32_t gateway = requireIpv4(settings.gateway, "network.gateway");
    if ((gateway & mask) != (address & mask)) {
      throw FieldError("network.gateway", fmt::format("'{}' is not in the subnet of {}/{}", settings.gateway,
                                                      settings.address, *prefix));
    }
    checkHostAddress(gateway, mask, settings.gateway, "network.gateway");
    if (gateway == address) throw FieldError("network.gateway", "must differ from the box's own address");
  }
  if (!settings.dns.empty()) requireIpv4(settings.dns, "network.dns");
}

std::string toJson(const NetworkSettings& settings, SecretView) {
  auto object = newObject();
  object->set("address", settings.address);
  object->set("subnet_mask", settings.subnetMask);
  object->set("gateway", settings.gateway);
  object->set("dns", settings.dns);
  return stringify(object);
}

void applyJson(NetworkSettings& settings, std::string_view json) {
  NetworkSettings next = settings;  // all or nothing
  const auto object = parseObject(json, std::string(NetworkSettings::kSection));
  for (const auto& [key, value] : *object) {
    const std::string field = fmt::format("{}.{}", NetworkSettings::kSection, key);
    if (key == "address") {
      next.address = asString(value, field);
    } else if (key == "subnet_mask") {
      next.subnetMask = asString(value, field);
    } else if (key == "gateway") {
      next.gateway = asString(value, field);
    } else if (key == "dns") {
      next.dns = asString(value, field);
    } else {
      unknownField(field);
    }
  }
  settings = std::move(next);
}

// --- time ---

void validate(const TimeSettings& settings) {
  if (!settings.ntpServer.empty() && !isHost(settings.ntpServer)) {
    throw FieldError("time.ntp_server", fmt::format("'{}' is not a host name or an IP address", settings.ntpServer));
  }
  if (settings.automatic && settings.ntpServer.empty()) {
    throw FieldError("time.ntp_server", "required when the automatic time setting is on");
  }
  if (!settings.manualDateTime.empty()) {
    if (!isLocalDateTime(settings.manualDateTime)) {
      throw FieldError("time.manual_date_time",
                       fmt::format("'{}' is not a date and time as YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS",
                                   settings.manualDateTime));
    }
    if (settings.automatic) {
      throw FieldError("time.manual_date_time",
                       "the automatic time setting is on: turn it off to set the date and time by hand");
    }
  }
}

std::string toJson(const TimeSettings& settings, SecretView) {
  auto object = newObject();
  object->set("automatic", settings.automatic);
  object->set("ntp_server", settings.ntpServer);
  object->set("manual_date_time", settings.manualDateTime);
  object->set("manual_set_at", settings.manualSetAt);
  return stringify(object);
}

void applyJson(TimeSettings& settings, std::string_view json) {
  TimeSettings next = settings;
  const auto object = parseObject(json, std::string(TimeSettings::kSection));
  for (const auto& [key, value] : *object) {
    const std::string field = fmt::format("{}.{}", TimeSettings::kSection, key);
    if (key == "automatic") {
      next.automatic = asBool(value, field);
    } else if (key == "ntp_server") {
      next.ntpServer = asString(value, field);
    } else if (key == "manual_date_time") {
      next.manualDateTime = asString(value, field);
    } else if (key == "manual_set_at") {
      // Read back from the database; the route refuses it from a client (the server sets it).
      next.manualSetAt = asString(value, field);
    } else {
      unknownField(field);
    }
  }
  settings = std::move(next);
}

// --- ftp ---

void validate(const FtpSettings& settings) {
  const std::string& password = settings.password.reveal();
  if (password.empty()) throw FieldError("ftp.password", "must not be empty (the FTP access needs a password)");
  checkNoControl(password, "ftp.password");
  if (password.size() < kMinFtpPasswordLength || password.size() > kMaxFtpPasswordLength) {
    throw FieldError("ftp.password", fmt::format("must be {} to {} characters", kMinFtpPasswordLength,
                                                 kMaxFtpPasswordLength));
  }
}

std::string toJson(const FtpSettings& settings, SecretView view) {
  auto object = newObject();
  object->set("user", std::string(FtpSettings::kUser));
  setSecret(*object, "password", settings.password, view);
  if (view == SecretView::Masked) object->set("password_default", settings.usesDefaultPassword());
  return stringify(object);
}

void applyJson(FtpSettings& settings, std::string_view json) {
  FtpSettings next = settings;
  const auto object = parseObject(json, std::string(FtpSettings::kSection));
  for (const auto& [key, value] : *object) {
    const std::string field = fmt::format("{}.{}", FtpSettings::kSection, key);
    if (key == "password") {
      next.password = Secret(asString(value, field));
    } else if (key != "user" && key != "password_set" && key != "password_default") {
      // The user name is fixed and the masked members are the API's own: sent back, ignored.
      unknownField(field);
    }
  }
  settings = std::move(next);
}

}  // namespace ews::sitedb

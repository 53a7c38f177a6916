#pragma once
// The Web Server settings the site database keeps beside the configuration (manual 7.7, 7.9,
// 8.4.1; docs/settings.md): the box's network settings, its clock source, and the password of
// the CSV files' FTP access. They are stored and shown by the pages; the host's operating
// system applies the network and clock ones (docs/settings.md says how on Debian), the FTP
// server reads the password. The settings that shape acquisition and the files (Modbus, time
// zone, CSV separators, default language) are part of the configuration (`ews:` section of the
// scenario) and change through the configuration service instead.
#include <string>
#include <string_view>

#include "ews/sitedb/settings.hpp"

namespace ews::sitedb {

/// 7.7.1 "Network settings": the LAN properties of the box (IPv4). Defaults: the technical
/// sheet's 192.168.1.100 / 255.255.255.0, gateway 192.168.1.1 (the sheet's "198.168.1.1" is
/// outside the subnet: a misprint of the manual's 192.168.1.1, 7.5).
struct NetworkSettings {
  static constexpr std::string_view kSection = "network";
  std::string address = "192.168.1.100";
  std::string subnetMask = "255.255.255.0";
  std::string gateway = "192.168.1.1";
  std::string dns;  ///< a name server (IPv4); empty: none (an NTP server is then given as an address)
  bool operator==(const NetworkSettings&) const = default;
};

/// 7.9 "Automatic time settings": the NTP server the box's clock follows.
struct TimeSettings {
  static constexpr std::string_view kSection = "time";
  bool automatic = false;  ///< the manual's ON/OFF
  std::string ntpServer;   ///< host name or IPv4/IPv6 address, e.g. 0.europe.pool.ntp.org
  /// 7.9's manual entry, with automatic time off: the site's local date and time entered,
  /// "YYYY-MM-DD HH:MM[:SS]"; empty: never entered. Recorded, shown and applied by the host's
  /// operating system; the twin's own clock never jumps (docs/settings.md, "Date and time").
  std::string manualDateTime;
  /// The box's clock (UTC, ISO 8601) when manualDateTime was entered; set by the server only.
  std::string manualSetAt;
  bool operator==(const TimeSettings&) const = default;
};

/// 8.4.1-8.4.2: the FTP access to the CSV files. The user name is fixed ("wsmeasure", not
/// changeable by the user); the password is write-only through the API.
struct FtpSettings {
  static constexpr std::string_view kSection = "ftp";
  static constexpr std::string_view kUser = "wsmeasure";
  static constexpr std::string_view kDefaultPassword = "wsmeasure";
  Secret password{std::string(kDefaultPassword)};
  bool usesDefaultPassword() const { return password.reveal() == kDefaultPassword; }
  bool operator==(const FtpSettings&) const = default;
};

/// Throws FieldError naming the first bad field ("network.gateway").
void validate(const NetworkSettings& settings);
void validate(const TimeSettings& settings);
void validate(const FtpSettings& settings);

/// As the other sections (settings.hpp): snake_case fields; the FTP password masked as
/// "password_set" and "password_default" (the manual's default is still in use).
std::string toJson(const NetworkSettings& settings, SecretView view);
std::string toJson(const TimeSettings& settings, SecretView view);
std::string toJson(const FtpSettings& settings, SecretView view);

/// Sets the fields present and keeps the others (settings.hpp's applyJson); FieldError for an
/// unknown field or a value of the wrong type. Does not validate().
void applyJson(NetworkSettings& settings, std::string_view json);
void applyJson(TimeSettings& settings, std::string_view json);
void applyJson(FtpSettings& settings, std::string_view json);

/// "a.b.c.d" with each part 0-255 written without leading zeros.
bool isIpv4Address(std::string_view text);

}  // namespace ews::sitedb

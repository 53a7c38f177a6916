#pragma once
// The pages a user may be given, exactly the list of the manual's access rights (8.1.1). Every
// other page of the web server is reached from one of these and inherits its right; the table
// is in docs/users.md ("Pages").
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ews::sitedb {

enum class Page : std::uint8_t {
  /// Also: network, Modbus, date and time, language, software update, Users, E-mail and
  /// notification, Connector, CSV file options, System information, Backup and restore.
  WebServerConfiguration,
  /// Also: gateways and devices, loads/groups/panel boards, tariffs, sample rate, Green'Up and
  /// Master/Slave configuration, Link function, Data & Chart settings.
  SystemConfiguration,
  MyPanelBoard,
  Consumptions,         ///< "Consumptions: data & diagram."
  GreenUp,
  ReportsDataDownload,  ///< "Reports & data download"
  ReportsAlarms,        ///< "Reports: alarms"
};

inline constexpr std::size_t kPageCount = 7;
inline constexpr std::array<Page, kPageCount> kAllPages{
    Page::WebServerConfiguration, Page::SystemConfiguration, Page::MyPanelBoard, Page::Consumptions,
    Page::GreenUp,                Page::ReportsDataDownload, Page::ReportsAlarms};

/// The stable id stored in the database and used by the API ("web_server_configuration").
std::string_view pageId(Page page);
/// The manual's label ("Web Server configuration").
std::string_view pageTitle(Page page);
std::optional<Page> pageFromId(std::string_view id);

/// A set of pages: the rights of one user.
class PageSet {
 public:
  constexpr PageSet() = default;
  constexpr PageSet(std::initializer_list<Page> pages) {
    for (const Page page : pages) add(page);
  }
  static constexpr PageSet all() {
    PageSet set;
    for (const Page page : kAllPages) set.add(page);
    return set;
  }

  constexpr bool has(Page page) const { return (bits_ & bit(page)) != 0; }
  constexpr PageSet& add(Page page) {
    bits_ |= bit(page);
    return *this;
  }
  constexpr PageSet& remove(Page page) {
    bits_ &= ~bit(page);
    return *this;
  }
  constexpr bool empty() const { return bits_ == 0; }
  /// The pages in the order of kAllPages.
  std::vector<Page> pages() const;
  constexpr bool operator==(const PageSet&) const = default;

 private:
  static constexpr std::uint32_t bit(Page page) { return std::uint32_t{1} << static_cast<unsigned>(page); }
  std::uint32_t bits_ = 0;
};

/// "web_server_configuration,consumptions": ids joined by commas in kAllPages order ("" when empty).
std::string formatPages(PageSet pages);
/// The inverse of formatPages; spaces around ids are ignored. Throws FieldError("pages", ...)
/// naming an unknown id.
PageSet parsePages(std::string_view text);

}  // namespace ews::sitedb

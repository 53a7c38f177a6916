#include "ews/sitedb/pages.hpp"

#include <fmt/format.h>

#include "ews/sitedb/field_error.hpp"

namespace ews::sitedb {

namespace {
struct PageNames {
  std::string_view id;
  std::string_view title;
};

// Indexed by Page. The ids are stored in the users table: never rename one.
constexpr std::array<PageNames, kPageCount> kNames{{
    {"web_server_configuration", "Web Server configuration"},
    {"system_configuration", "System configuration"},
    {"my_panel_board", "My panel board"},
    {"consumptions", "Consumptions: data & diagram."},
    {"green_up", "Green'Up"},
    {"reports_data_download", "Reports & data download"},
    {"reports_alarms", "Reports: alarms"},
}};

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}
}  // namespace

std::string_view pageId(Page page) { return kNames[static_cast<std::size_t>(page)].id; }
std::string_view pageTitle(Page page) { return kNames[static_cast<std::size_t>(page)].title; }

std::optional<Page> pageFromId(std::string_view id) {
  for (const Page page : kAllPages) {
    if (pageId(page) == id) return page;
  }
  return std::nullopt;
}

std::vector<Page> PageSet::pages() const {
  std::vector<Page> result;
  for (const Page page : kAllPages) {
    if (has(page)) result.push_back(page);
  }
  return result;
}

std::string formatPages(PageSet pages) {
  std::string text;
  for (const Page page : pages.pages()) {
    if (!text.empty()) text += ',';
    text += pageId(page);
  }
  return text;
}

PageSet parsePages(std::string_view text) {
  PageSet pages;
  if (trim(text).empty()) return pages;
  while (true) {
    const auto comma = text.find(',');
    const std::string_view id = trim(text.substr(0, comma));
    const auto page = pageFromId(id);
    if (!page) throw FieldError("pages", fmt::format("unknown page '{}'", id));
    pages.add(*page);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return pages;
}

}  // namespace ews::sitedb

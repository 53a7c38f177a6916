#include "ews/connector/destination.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <array>

namespace ews::connector {

std::string_view weekdayName(const LocalDateTime& local) {
  static constexpr std::array<std::string_view, 7> kNames{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  const date::weekday weekday{date::sys_days{date::year{local.year} / date::month{local.month} / date::day{local.day}}};
  return kNames[weekday.c_encoding()];
}

std::string expandDestination(std::string_view pattern, const LocalDateTime& local) {
  // Longest keyword first: "%day" must not be read as "%d" + "ay", and "%dow" starts like "%day".
  struct Keyword {
    std::string_view name;
    std::string value;
  };
  const std::array<Keyword, 4> keywords{{
      {"%date", fmt::format("{:04}{:02}{:02}{:02}{:02}", local.year, local.month, local.day, local.hour, local.minute)},
      {"%hour", fmt::format("{:02}", local.hour)},
      {"%day", fmt::format("{:02}", local.day)},
      {"%dow", std::string(weekdayName(local))},
  }};
  std::string out;
  for (std::size_t at = 0; at < pattern.size();) {
    bool replaced = false;
    if (pattern[at] == '%') {
      for (const auto& keyword : keywords) {
        if (pattern.substr(at).starts_with(keyword.name)) {
          out += keyword.value;
          at += keyword.name.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += pattern[at++];
  }
  return out;
}

}  // namespace ews::connector

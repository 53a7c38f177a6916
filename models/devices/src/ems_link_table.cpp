#include "ews/devices/ems_link_table.hpp"

#include <charconv>

namespace ews::devices {

namespace {
// A code is entry index * kFields + field.
enum Field : std::uint32_t { kPeer, kRole, kFunction, kStatus, kFields };
constexpr std::array<std::string_view, kFields> kFieldNames = {"peer", "role", "function", "status"};
constexpr std::string_view kPrefix = "link.";
}  // namespace

bool EmsLinkTable::add(const Entry& entry) {
  if (used_ == kEntries) return false;
  entries_[used_++] = entry;
  return true;
}

std::optional<std::uint32_t> EmsLinkTable::bind(std::string_view name) {
  // "link.<n>.<field>", n from 1 to kEntries.
  if (!name.starts_with(kPrefix)) return std::nullopt;
  name.remove_prefix(kPrefix.size());
  const auto dot = name.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::size_t number = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + dot, number);
  if (error != std::errc() || end != name.data() + dot || number < 1 || number > kEntries) return std::nullopt;
  const std::string_view field = name.substr(dot + 1);
  for (std::uint32_t f = 0; f < kFields; ++f) {
    if (kFieldNames[f] == field) return static_cast<std::uint32_t>((number - 1) * kFields + f);
  }
  return std::nullopt;
}

double EmsLinkTable::value(std::uint32_t code) const {
  const Entry& entry = entries_[code / kFields];
  switch (code % kFields) {
    case kPeer: return entry.peerAddress;
    case kRole: return static_cast<double>(entry.role);
    case kFunction: return entry.function;
    default: return static_cast<double>(entry.status);
  }
}

}  // namespace ews::devices

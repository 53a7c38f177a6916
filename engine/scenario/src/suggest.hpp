#pragma once
// "did you mean ...?" for misspelt keys and enum values.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ews::scenario::detail {

/// Edit distance (insertions, deletions, substitutions, swaps of neighbours), case-insensitive:
/// a user typing "Address" meant "address".
std::size_t editDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a likely typo.
std::optional<std::string> closestMatch(std::string_view word, std::span<const std::string> candidates);

}  // namespace ews::scenario::detail

#include "ordering.hpp"

#include <algorithm>
#include <tuple>

namespace ews::dlm::detail {
namespace {

/// Sorts by key(station) ascending; the index breaks ties.
template <typename Key>
void sortBy(std::vector<std::size_t>& stations, std::span<const Session> sessions, Key key) {
  std::sort(stations.begin(), stations.end(), [&](std::size_t a, std::size_t b) {
    return std::tuple_cat(key(sessions[a]), std::tuple{a}) < std::tuple_cat(key(sessions[b]), std::tuple{b});
  });
}

}  // namespace

void sortRequests(std::vector<std::size_t>& stations, std::span<const Session> sessions) {
  sortBy(stations, sessions, [](const Session& s) { return std::tuple{!s.priority, s.waitingSince}; });
}

void sortReductionPass(std::vector<std::size_t>& stations, std::span<const Session> sessions) {
  sortBy(stations, sessions, [](const Session& s) { return std::tuple{-s.chargeAh}; });
}

void sortRaises(std::vector<std::size_t>& stations, std::span<const Session> sessions) {
  sortBy(stations, sessions, [](const Session& s) { return std::tuple{s.reducedAt, !s.priority}; });
}

void sortStops(std::vector<std::size_t>& stations, std::span<const Session> sessions) {
  sortBy(stations, sessions, [](const Session& s) { return std::tuple{s.priority, s.connectedAt}; });
}

}  // namespace ews::dlm::detail

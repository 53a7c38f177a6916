#pragma once
// The orders in which the controller serves stations (docs/dlm.md, "Orders"). Each sorts a
// list of station indices in place; every order ends on the station index, so it is total and
// the result never depends on the list's initial order or on the sort algorithm.
#include <span>
#include <vector>

#include "session.hpp"

namespace ews::dlm::detail {

/// Authorisation: priority sessions first, then the longest waiting, then the index.
void sortRequests(std::vector<std::size_t>& stations, std::span<const Session> sessions);
/// Within one reduction pass: the session with the most charge first, then the index.
void sortReductionPass(std::vector<std::size_t>& stations, std::span<const Session> sessions);
/// Raises: the first reduced first, then priority sessions, then the index.
void sortRaises(std::vector<std::size_t>& stations, std::span<const Session> sessions);
/// Stops: non-priority sessions first, then the one connected longest, then the index.
void sortStops(std::vector<std::size_t>& stations, std::span<const Session> sessions);

}  // namespace ews::dlm::detail

#pragma once
// Small helpers shared by the kernel tests.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "ews/kernel/time.hpp"

namespace ews::test {

/// 2026-01-05T00:00:00Z (a Monday), the start of most test runs.
inline constexpr Time kT0 = timeFromMicros(1'767'571'200'000'000);

/// Expects `action` to throw `Exception` whose what() contains `fragment`.
template <class Exception, class Action>
void expectThrowsWith(Action&& action, const std::string& fragment) {
  try {
    action();
    ADD_FAILURE() << "expected an exception mentioning '" << fragment << "'";
  } catch (const Exception& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)
        << "message '" << e.what() << "' does not mention '" << fragment << "'";
  }
}

/// One dispatched event: when it ran and who it was.
struct Entry {
  Time at;
  int id;
  friend bool operator==(const Entry&, const Entry&) = default;
};
inline std::ostream& operator<<(std::ostream& out, const Entry& e) {
  return out << '{' << formatUtc(e.at) << ", " << e.id << '}';
}
using Log = std::vector<Entry>;

inline std::vector<int> idsOf(const Log& log) {
  std::vector<int> ids;
  ids.reserve(log.size());
  for (const auto& e : log) ids.push_back(e.id);
  return ids;
}

/// Wall-clock milliseconds elapsed since `since`, as a double (for tolerances only).
inline double elapsedMs(std::chrono::steady_clock::time_point since,
                        std::chrono::steady_clock::time_point until = std::chrono::steady_clock::now()) {
  return std::chrono::duration<double, std::milli>(until - since).count();
}

}  // namespace ews::test

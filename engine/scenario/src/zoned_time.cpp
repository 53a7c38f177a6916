#include "zoned_time.hpp"

#include <fmt/format.h>

namespace ews::scenario::detail {

Parsed<const date::time_zone*> findZone(const std::string& name) {
  using Result = Parsed<const date::time_zone*>;
  if (name.empty()) return Result::fail("empty time zone name (expected an IANA name such as Europe/Paris)");
  try {
    return Result::ok(date::locate_zone(name));
  } catch (const std::exception&) {
    // date's message ("X not found in timezone database") does not tell what to write instead.
    return Result::fail(fmt::format("unknown time zone '{}' (expected an IANA name such as Europe/Paris)", name));
  } catch (...) {
    return Result::fail(fmt::format("time zone database unavailable while looking up '{}'", name));
  }
}

Parsed<Time> localToUtc(const date::time_zone& zone, date::local_time<Duration> local) {
  const date::local_info info = zone.get_info(date::floor<std::chrono::seconds>(local));
  if (info.result == date::local_info::nonexistent) {
    return Parsed<Time>::fail(fmt::format("local time {} does not exist in {} (skipped by the change to daylight saving time)",
                                          date::format("%F %T", date::floor<std::chrono::seconds>(local)),
                                          zone.name()));
  }
  const auto zoned = date::make_zoned(&zone, local, date::choose::earliest);
  return Parsed<Time>::ok(zoned.get_sys_time());
}

}  // namespace ews::scenario::detail

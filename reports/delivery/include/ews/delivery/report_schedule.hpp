#pragma once
// When an automatic report is sent and what it covers (manual 8.6.3, docs/delivery.md): in
// the site's local time, daily, on Mondays or on the 1st of the month at the report's time of
// day, across DST changes.
#include <chrono>

#include "ews/kernel/calendar.hpp"
#include "ews/kernel/time.hpp"
#include "ews/sitedb/settings.hpp"

namespace ews::delivery {

/// The first instant strictly after `after` at which `report` is due. A time of day that a
/// spring DST change skips is sent as many minutes after the gap as it was into it (02:30 ->
/// 03:30 in Paris); one that an autumn change repeats, at its first occurrence only.
Time nextDelivery(const sitedb::AutomaticReport& report, Time after, const TimeZone& zone);

/// What a report sent at `sentAt` covers: the local month (Monthly) or year (Yearly) of the
/// day before, from its first day to that day. Sent on the 1st, a monthly report covers the
/// whole last month; sent daily, the month to date.
struct ReportWindow {
  sitedb::AutomaticReport::Period period = sitedb::AutomaticReport::Period::Monthly;
  std::chrono::year_month_day first;
  std::chrono::year_month_day last;  ///< included
  /// "2026-03" or "2026": the manual's "report type and period".
  std::string periodText() const;
};
ReportWindow reportWindow(const sitedb::AutomaticReport& report, Time sentAt, const TimeZone& zone);

}  // namespace ews::delivery

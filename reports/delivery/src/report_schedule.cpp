#include "ews/delivery/report_schedule.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace ews::delivery {

namespace {
using namespace std::chrono;
using Frequency = sitedb::AutomaticReport::Frequency;

year_month_day localDay(Time t, const TimeZone& zone) {
  const LocalDateTime local = zone.toLocal(t);
  return year_month_day{year{local.year}, month{local.month}, day{local.day}};
}

/// The instant of `minuteOfDay` on local `date`; a skipped time is shifted past the gap.
Time instantOn(const year_month_day& date, int minuteOfDay, const TimeZone& zone) {
  LocalDateTime local{int(date.year()), unsigned(date.month()), unsigned(date.day()), minuteOfDay / 60, minuteOfDay % 60, 0};
  try {
    return zone.toUtc(local);
  } catch (const std::invalid_argument&) {
    // In the spring gap: read with the offset in force before it (an hour earlier exists in
    // every zone whose gap is at most an hour), then moved on by that hour.
    LocalDateTime before = local;
    before.hour -= 1;
    return zone.toUtc(before) + hours(1);
  }
}

bool dueOn(Frequency frequency, const year_month_day& date) {
  switch (frequency) {
    case Frequency::Daily: return true;
    case Frequency::Weekly: return weekday{sys_days{date}} == Monday;
    case Frequency::Monthly: return date.day() == day{1};
  }
  return false;
}
}  // namespace

Time nextDelivery(const sitedb::AutomaticReport& report, Time after, const TimeZone& zone) {
  // The day before `after`'s local day too: a time shifted past a gap may fall on it.
  sys_days date = sys_days{localDay(after, zone)} - std::chrono::days{1};
  for (int i = 0; i < 40; ++i, date += std::chrono::days{1}) {  // a month and a bit always holds a 1st
    const year_month_day ymd{date};
    if (!dueOn(report.frequency, ymd)) continue;
    const Time at = instantOn(ymd, report.sendMinute, zone);
    if (at > after) return at;
  }
  throw std::logic_error("nextDelivery: no day found in 40");
}

std::string ReportWindow::periodText() const {
  if (period == sitedb::AutomaticReport::Period::Yearly) return fmt::format("{}", int(first.year()));
  return fmt::format("{}-{:02}", int(first.year()), unsigned(first.month()));
}

ReportWindow reportWindow(const sitedb::AutomaticReport& report, Time sentAt, const TimeZone& zone) {
  const year_month_day last{sys_days{localDay(sentAt, zone)} - std::chrono::days{1}};
  ReportWindow window;
  window.period = report.period;
  window.last = last;
  window.first = report.period == sitedb::AutomaticReport::Period::Yearly
                     ? year_month_day{last.year(), January, day{1}}
                     : year_month_day{last.year(), last.month(), day{1}};
  return window;
}

}  // namespace ews::delivery

#include "step_rows.hpp"

#include <stdexcept>

namespace ews::exporting::detail {

namespace {
constexpr Duration kQuarter = minutes(15);

bool sameMonth(history::LocalDate a, history::LocalDate b) { return a.year == b.year && a.month == b.month; }
}  // namespace

history::LocalDate nextDay(history::LocalDate date) {
  return history::LocalCalendar::dateOfDayKey(history::LocalCalendar::dayKey(date) + 1);
}

StepRows::StepRows(const history::HistoryQueries& queries, const TimeZone& zone, DataStep step)
    : queries_(queries), calendar_(zone), step_(step) {}

std::vector<DayBlock> StepRows::blocks(history::LocalDate first, history::LocalDate last) const {
  std::vector<DayBlock> list;
  const std::int64_t lastKey = history::LocalCalendar::dayKey(last);
  for (history::LocalDate day = first; history::LocalCalendar::dayKey(day) <= lastKey; day = nextDay(day)) {
    if (step_ == DataStep::Day && !list.empty() && sameMonth(list.back().first, day)) {
      list.back().last = day;
    } else {
      list.push_back({day, day});
    }
  }
  return list;
}

std::vector<Time> StepRows::starts(const DayBlock& block) const {
  std::vector<Time> list;
  if (step_ == DataStep::Day) {
    for (history::LocalDate day = block.first;; day = nextDay(day)) {
      list.push_back(calendar_.dayStart(day));
      if (day == block.last) break;
    }
    return list;
  }
  // Steps are whole hours or quarters after local midnight: on a DST day the local clock
  // jumps by a whole hour, so they stay on the local grid.
  const Duration step = step_ == DataStep::Hour ? hours(1) : kQuarter;
  const Time end = calendar_.dayStart(nextDay(block.last));
  for (Time t = calendar_.dayStart(block.first); t < end; t += step) list.push_back(t);
  return list;
}

std::vector<history::BucketValue> StepRows::values(history::SeriesKey series, const DayBlock& block) const {
  switch (step_) {
    case DataStep::Hour: return queries_.day(series, block.first);
    case DataStep::Day: {
      const auto days = queries_.month(series, block.first.year, block.first.month);
      return {days.begin() + (block.first.day - 1), days.begin() + block.last.day};
    }
    case DataStep::Minutes15: break;
  }
  // A sample covers the interval ending at its instant: it counts in the quarter holding its
  // last microsecond, as the hour buckets count it (docs/history.md, "Buckets in local time").
  const std::vector<Time> quarters = starts(block);
  const Time from = quarters.front();
  std::vector<history::BucketValue> values(quarters.size());
  // Only the start is used (the rows print their own date-time): no local conversion per quarter.
  for (std::size_t index = 0; index < quarters.size(); ++index) values[index].start = quarters[index];
  for (const auto& sample : queries_.samples(series, from, from + kQuarter * static_cast<int>(quarters.size()))) {
    const auto index = static_cast<std::size_t>((sample.start - microseconds(1) - from) / kQuarter);
    if (index >= values.size()) throw std::logic_error("a sample row outside the day asked for");
    values[index].value += sample.value;
    values[index].samples += sample.samples;
    values[index].gapSamples += sample.gapSamples;
  }
  return values;
}

std::size_t StepRows::countSteps(history::LocalDate first, history::LocalDate last) const {
  const auto days = static_cast<std::size_t>(history::LocalCalendar::dayKey(last) - history::LocalCalendar::dayKey(first) + 1);
  switch (step_) {
    case DataStep::Day: return days;
    case DataStep::Hour: return days * 24;
    case DataStep::Minutes15: break;
  }
  return days * 96;
}

}  // namespace ews::exporting::detail

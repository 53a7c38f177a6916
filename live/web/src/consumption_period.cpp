#include "consumption_period.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <charconv>

#include "api.hpp"

namespace ews::web::detail {

namespace {
/// The digits of `text` as a number, or -1 when it is not all digits.
int digitsOf(std::string_view text) {
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || text.front() == '-') return -1;
  return number;
}

[[noreturn]] void badDate(const std::string& date, const char* form) {
  throw ApiError(422, "invalid", fmt::format("date '{}' is not a date of the form {}", date, form), "date");
}
}  // namespace

PeriodView PeriodView::parse(const std::string& period, const std::string& date) {
  PeriodView view;
  const char* form = "YYYY";
  std::size_t parts = 1;
  if (period == "day") {
    view.kind_ = Kind::Day;
    form = "YYYY-MM-DD";
    parts = 3;
  } else if (period == "month") {
    view.kind_ = Kind::Month;
    form = "YYYY-MM";
    parts = 2;
  } else if (period == "year") {
    view.kind_ = Kind::Year;
  } else if (period == "decade") {
    view.kind_ = Kind::Decade;
  } else {
    throw ApiError(422, "invalid", fmt::format("period '{}' is none of day, month, year, decade", period), "period");
  }
  // Exactly YYYY[-MM[-DD]] with the period's number of parts.
  const std::size_t expectedLength = parts == 3 ? 10 : parts == 2 ? 7 : 4;
  if (date.size() != expectedLength || (parts >= 2 && date[4] != '-') || (parts == 3 && date[7] != '-')) {
    badDate(date, form);
  }
  const int year = digitsOf(std::string_view(date).substr(0, 4));
  const int month = parts >= 2 ? digitsOf(std::string_view(date).substr(5, 2)) : 1;
  const int day = parts == 3 ? digitsOf(std::string_view(date).substr(8, 2)) : 1;
  if (year < 1970 || month < 1 || day < 1) badDate(date, form);
  const date::year_month_day civil{date::year{year}, date::month{static_cast<unsigned>(month)},
                                   date::day{static_cast<unsigned>(day)}};
  if (!civil.ok()) throw ApiError(422, "invalid", fmt::format("date '{}' does not exist", date), "date");
  view.date_ = {view.kind_ == Kind::Decade ? year - year % 10 : year, static_cast<unsigned>(month),
                static_cast<unsigned>(day)};
  return view;
}

PeriodView PeriodView::previous() const {
  PeriodView before = *this;
  const date::year_month_day civil{date::year{date_.year}, date::month{date_.month}, date::day{date_.day}};
  date::year_month_day shifted = civil;
  switch (kind_) {
    case Kind::Day: shifted = date::year_month_day{date::sys_days(civil) - date::days(1)}; break;
    case Kind::Month: shifted = civil - date::months(1); break;
    case Kind::Year: shifted = civil - date::years(1); break;
    case Kind::Decade: shifted = civil - date::years(10); break;
  }
  before.date_ = {static_cast<int>(shifted.year()), static_cast<unsigned>(shifted.month()),
                  static_cast<unsigned>(shifted.day())};
  return before;
}

std::string PeriodView::text() const {
  switch (kind_) {
    case Kind::Day: return fmt::format("{:04}-{:02}-{:02}", date_.year, date_.month, date_.day);
    case Kind::Month: return fmt::format("{:04}-{:02}", date_.year, date_.month);
    case Kind::Year:
    case Kind::Decade: break;
  }
  return fmt::format("{:04}", date_.year);
}

std::string PeriodView::kindText() const {
  switch (kind_) {
    case Kind::Day: return "day";
    case Kind::Month: return "month";
    case Kind::Year: return "year";
    case Kind::Decade: break;
  }
  return "decade";
}

std::vector<history::BucketValue> PeriodView::bars(const history::HistoryQueries& queries,
                                                   history::SeriesKey series) const {
  switch (kind_) {
    case Kind::Day: return queries.day(series, date_);
    case Kind::Month: return queries.month(series, date_.year, date_.month);
    case Kind::Year: return queries.year(series, date_.year);
    case Kind::Decade: break;
  }
  return queries.decade(series, date_.year);
}

std::string PeriodView::label(const history::BucketValue& bar) const {
  const LocalDateTime& local = bar.localStart;
  switch (kind_) {
    case Kind::Day: return fmt::format("{:02}:{:02}", local.hour, local.minute);
    case Kind::Month: return fmt::format("{}", local.day);
    case Kind::Year: return fmt::format("{}", local.month);
    case Kind::Decade: break;
  }
  return fmt::format("{}", local.year);
}

}  // namespace ews::web::detail

#pragma once
// The period a consumption page shows (manual 8.2.2, 8.2.2.6): Day (hours), Month (days), Year
// (months) or 10 years (years), named in the API's paths as "day/2026-03-29", "month/2026-03",
// "year/2026", "decade/2026". Parsing refuses a bad period or date with a 422 naming the field.
#include <string>
#include <vector>

#include "ews/history/history_queries.hpp"

namespace ews::web::detail {

class PeriodView {
 public:
  enum class Kind { Day, Month, Year, Decade };

  /// Throws ApiError 422 (field "period" or "date") for an unknown period or a date that does
  /// not exist (2026-02-30) or is not of the period's form.
  static PeriodView parse(const std::string& period, const std::string& date);

  Kind kind() const { return kind_; }
  /// The period before this one: yesterday, last month, last year, the previous decade.
  PeriodView previous() const;
  /// As the path writes it ("2026-03-29", "2026-03", "2026"; a decade by its first year).
  std::string text() const;
  /// "day", "month", "year", "decade".
  std::string kindText() const;
  /// The bars of `series` in this period, from the pages' shared queries.
  std::vector<history::BucketValue> bars(const history::HistoryQueries& queries, history::SeriesKey series) const;
  /// A bar's label: "02:00" for an hour (the fall-back day has two), the day of month, the
  /// month number, or the year.
  std::string label(const history::BucketValue& bar) const;

 private:
  Kind kind_ = Kind::Day;
  history::LocalDate date_{};
};

}  // namespace ews::web::detail

#include "ews/sitedb/history_reader.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>

#include "bucket_columns.hpp"

namespace ews::sitedb {

namespace {
// Consumption, unpriced, and one per tariff: the value columns a series can read.
constexpr std::size_t kValueColumns = 2 + detail::kCostColumns;

std::size_t slotOf(const history::SeriesKey& series) {
  switch (series.value) {
    case history::SeriesValue::Consumption: return 0;
    case history::SeriesValue::Unpriced: return 1;
    case history::SeriesValue::TariffCost: break;
  }
  return 2 + (series.tariff < detail::kCostColumns ? series.tariff : 0);
}
}  // namespace

struct HistoryReader::Impl {
  explicit Impl(const Database& database) : db(database) {}

  Statement& rangeStatement(const history::SeriesKey& series) {
    std::optional<Statement>& statement = ranges[slotOf(series)];
    if (!statement) {
      statement.emplace(db.prepare(fmt::format(
          "SELECT key, {}, samples, gaps FROM buckets WHERE kind = ? AND subject = ? AND resolution = ? "
          "AND key BETWEEN ? AND ? ORDER BY key",
          detail::valueColumnOf(series))));
    }
    return *statement;
  }

  const Database& db;
  std::array<std::optional<Statement>, kValueColumns> ranges;
};

HistoryReader::HistoryReader(const Database& db) : impl_(std::make_unique<Impl>(db)) {}

HistoryReader::~HistoryReader() = default;

std::vector<history::Bucket> HistoryReader::range(history::SeriesKey series, history::Resolution resolution,
                                                  std::int64_t fromKey, std::int64_t toKey) const {
  Statement& statement = impl_->rangeStatement(series);
  statement.bind(1, static_cast<int>(series.kind)).bind(2, series.id).bind(3, static_cast<int>(resolution));
  statement.bind(4, fromKey).bind(5, toKey);
  std::vector<history::Bucket> buckets;
  while (statement.step()) {
    buckets.push_back({statement.int64(0), statement.real(1), static_cast<std::uint32_t>(statement.int64(2)),
                       static_cast<std::uint32_t>(statement.int64(3))});
  }
  statement.reset();
  return buckets;
}

std::optional<std::int64_t> HistoryReader::droppedBelow(history::Resolution resolution) const {
  const auto stored = impl_->db.meta(fmt::format("dropped_below_{}", static_cast<int>(resolution)));
  if (!stored) return std::nullopt;
  return std::stoll(*stored);
}

std::vector<history::SeriesKey> HistoryReader::subjects() const {
  std::vector<history::SeriesKey> keys;
  Statement rows = impl_->db.prepare(fmt::format("SELECT DISTINCT kind, subject FROM buckets WHERE resolution = {} ORDER BY kind, subject",
                                                 static_cast<int>(history::Resolution::Year)));
  while (rows.step()) {
    keys.push_back({static_cast<history::SeriesKind>(rows.int64(0)), static_cast<int>(rows.int64(1))});
  }
  return keys;
}

}  // namespace ews::sitedb

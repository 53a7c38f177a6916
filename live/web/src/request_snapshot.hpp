#pragma once
// The site database as one consumption request sees it: one read transaction, so every series
// of an answer (current and previous period, each load, each tariff) comes from the same
// committed instants while the engine goes on writing, and the retention marks read once per
// request instead of once per series.
#include <array>
#include <optional>

#include "history_connections.hpp"

namespace ews::web::detail {

class RequestSnapshot final : public history::BucketSource {
 public:
  explicit RequestSnapshot(HistoryConnections::Connection& connection) : connection_(connection) {
    connection_.db.exec("BEGIN");
  }
  ~RequestSnapshot() override {
    try {
      connection_.db.exec("COMMIT");
    } catch (const std::exception&) {
      // A read transaction has nothing to lose; the connection goes back to the pool either way.
    }
  }
  RequestSnapshot(const RequestSnapshot&) = delete;
  RequestSnapshot& operator=(const RequestSnapshot&) = delete;

  std::vector<history::Bucket> range(history::SeriesKey series, history::Resolution resolution, std::int64_t fromKey,
                                     std::int64_t toKey) const override {
    return connection_.reader.range(series, resolution, fromKey, toKey);
  }
  std::optional<std::int64_t> droppedBelow(history::Resolution resolution) const override {
    auto& known = dropped_[static_cast<std::size_t>(resolution)];
    if (!known) known = connection_.reader.droppedBelow(resolution);
    return *known;
  }

 private:
  HistoryConnections::Connection& connection_;
  mutable std::array<std::optional<std::optional<std::int64_t>>, history::kResolutionCount> dropped_;
};

}  // namespace ews::web::detail

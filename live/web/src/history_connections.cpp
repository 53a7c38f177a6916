#include "history_connections.hpp"

namespace ews::web::detail {

HistoryConnections::Lease HistoryConnections::lease() {
  {
    const std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<Connection>(path_));
}

void HistoryConnections::giveBack(std::unique_ptr<Connection> connection) {
  const std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

std::shared_ptr<const ConsumptionSite> HistoryConnections::site(const sitedb::Database& db) {
  std::shared_ptr<const ConsumptionSite> known;
  {
    const std::lock_guard lock(mutex_);
    known = site_;
  }
  // Parsed outside the lock: a new version is rare, and other requests keep the old one meanwhile.
  auto current = consumptionSiteOf(db, known);
  if (current != known) {
    const std::lock_guard lock(mutex_);
    site_ = current;
  }
  return current;
}

}  // namespace ews::web::detail

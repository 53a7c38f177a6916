#pragma once
// The outbox's keeper over the site database (docs/delivery.md, "Failures never lose data"):
// a delivery that failed, or was still waiting when the box stopped, is a row of the outbox
// tables (sitedb/outbox_rows.hpp) until it is sent or given up; the next start resumes it.
#include <vector>

#include "ews/delivery/outbox.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::delivery {

class SiteOutboxKeeper : public OutboxKeeper {
 public:
  /// `db` (a read-write connection used by the outbox's worker only) and `log` outlive it.
  SiteOutboxKeeper(const sitedb::Database& db, DeliveryLog log) : db_(db), log_(std::move(log)) {}
  /// Makes a report's pending file first, so the row holds what goes out. A database error is
  /// logged and the delivery stays in memory only.
  std::int64_t keep(const Delivery& delivery, int attempts, Time nextAttempt) override;
  void forget(const Delivery& delivery) override;

 private:
  const sitedb::Database& db_;
  DeliveryLog log_;
};

/// A delivery kept by an earlier run: its parcel, row id and log fields (`attempt` is left to
/// the caller, which knows how to send), the attempts made and when the next is due.
struct KeptDelivery {
  Delivery delivery;
  int attempts = 0;
  Time nextAttempt{};
};
std::vector<KeptDelivery> keptDeliveries(const sitedb::Database& db);

}  // namespace ews::delivery

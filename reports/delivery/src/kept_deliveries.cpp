#include "ews/delivery/kept_deliveries.hpp"

#include <fmt/format.h>

#include "ews/sitedb/outbox_rows.hpp"

namespace ews::delivery {

namespace {
constexpr const char* kEmail = "email";
constexpr const char* kTelegram = "telegram";
}  // namespace

std::int64_t SiteOutboxKeeper::keep(const Delivery& delivery, int attempts, Time nextAttempt) {
  Parcel& parcel = *delivery.parcel;
  if (const auto error = completeParcel(parcel)) {
    log_(delivery.kind, delivery.deviceId, delivery.at, fmt::format("{}: cannot be kept for the next start: {}", delivery.what, *error));
    return delivery.keptId;
  }
  sitedb::OutboxRow row;
  row.id = delivery.keptId;
  row.kind = delivery.kind;
  row.deviceId = delivery.deviceId;
  row.postedAt = delivery.at;
  row.what = delivery.what;
  row.channel = parcel.channel == Parcel::Channel::Email ? kEmail : kTelegram;
  row.recipients = parcel.message.to;
  row.subject = parcel.message.subject;
  row.text = parcel.message.text;
  for (const MailAttachment& file : parcel.message.attachments) row.files.push_back({file.fileName, file.mimeType, file.content});
  row.attempts = attempts;
  row.nextAttempt = nextAttempt;
  try {
    return sitedb::keepOutboxRow(db_, row);
  } catch (const std::exception& error) {
    log_(delivery.kind, delivery.deviceId, delivery.at, fmt::format("{}: cannot be kept for the next start: {}", delivery.what, error.what()));
    return delivery.keptId;
  }
}

void SiteOutboxKeeper::forget(const Delivery& delivery) {
  try {
    sitedb::removeOutboxRow(db_, delivery.keptId);
  } catch (const std::exception& error) {
    // Left in the table, it would go again at the next start: say so.
    log_(delivery.kind, delivery.deviceId, delivery.at,
         fmt::format("{}: its kept copy could not be removed (it may go again at the next start): {}", delivery.what, error.what()));
  }
}

std::vector<KeptDelivery> keptDeliveries(const sitedb::Database& db) {
  std::vector<KeptDelivery> kept;
  for (sitedb::OutboxRow& row : sitedb::outboxRows(db)) {
    auto parcel = std::make_shared<Parcel>();
    parcel->channel = row.channel == kTelegram ? Parcel::Channel::Telegram : Parcel::Channel::Email;
    parcel->message.to = std::move(row.recipients);
    parcel->message.subject = std::move(row.subject);
    parcel->message.text = std::move(row.text);
    for (sitedb::OutboxFile& file : row.files) {
      parcel->message.attachments.push_back({std::move(file.name), std::move(file.mimeType), std::move(file.content)});
    }
    Delivery delivery{row.kind, row.deviceId, row.postedAt, row.what, {}, std::move(parcel), row.id};
    kept.push_back({std::move(delivery), row.attempts, row.nextAttempt});
  }
  return kept;
}

}  // namespace ews::delivery

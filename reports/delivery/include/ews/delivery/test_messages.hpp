#pragma once
// The "Test" buttons of the E-mail and Telegram pages (manual 8.6.1, 8.6.2, FAQ 11.2-11.3),
// shared by the web API and `ews notify`: send the sample with the stored settings, log the
// outcome in the events (kind "email" / "telegram") and return it for the page.
#include <string>

#include "ews/delivery/mail_sender.hpp"
#include "ews/kernel/time.hpp"
#include "ews/sitedb/database.hpp"

namespace ews::delivery {

/// A sample e-mail to the sender's own address (the manual's test).
SendOutcome sendTestMail(const sitedb::Database& db, Time now, const std::string& author, const std::string& siteName,
                         const MailOptions& options = {});
/// A sample message to every enabled Telegram recipient.
SendOutcome sendTestTelegram(const sitedb::Database& db, Time now, const std::string& author, const std::string& siteName,
                             const std::string& caFile = {});

}  // namespace ews::delivery

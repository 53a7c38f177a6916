#pragma once
// Sends one e-mail through the sender account of the E-mail page (manual 8.6.1,
// docs/delivery.md) with Poco's SMTP client: plain, STARTTLS (refused if the server does not
// offer it: no silent downgrade) or implicit TLS, the server's certificate verified.
#include <chrono>
#include <string>
#include <vector>

#include "ews/sitedb/settings.hpp"

namespace ews::delivery {

struct MailAttachment {
  std::string fileName;  ///< "monthly_report_2026-03.pdf"
  std::string mimeType;  ///< "application/pdf"
  std::string content;   ///< the bytes
};

struct MailMessage {
  std::vector<std::string> to;
  std::string subject;
  std::string text;  ///< plain text, UTF-8
  std::vector<MailAttachment> attachments;
};

/// What came of one attempt: `answer` is what the server (or the network) said, for the pages'
/// logs. It never holds the password.
struct SendOutcome {
  bool ok = false;
  std::string answer;
};

struct MailOptions {
  std::chrono::seconds timeout{30};  ///< connect and each reply
  /// PEM file of extra trusted certificates (a site's own mail relay, the tests' self-signed
  /// one); empty: the system's CAs only.
  std::string caFile;
};

/// Sends `message` from `settings.sender`. Logs in when `settings.user` is set. Never throws
/// for a network or server failure: they come back as ok = false with the reason.
SendOutcome sendMail(const sitedb::EmailSettings& settings, const MailMessage& message, const MailOptions& options = {});

/// The sample message of the page's "Test" (to the sender's own address).
MailMessage testMail(const sitedb::EmailSettings& settings, const std::string& siteName);

}  // namespace ews::delivery

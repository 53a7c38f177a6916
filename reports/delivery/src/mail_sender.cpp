#include "ews/delivery/mail_sender.hpp"

#include <Poco/Net/AcceptCertificateHandler.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StringPartSource.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>
#include <mutex>

#include "tls_client.hpp"

namespace ews::delivery {

namespace {
using Poco::Net::SMTPClientSession;
using Poco::Net::SecureSMTPClientSession;

void compose(const sitedb::EmailSettings& settings, const MailMessage& message, Poco::Net::MailMessage& mail) {
  mail.setSender(settings.sender);
  for (const auto& to : message.to) {
    mail.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, to));
  }
  // Non-ASCII subjects (the pages' 13 languages) must be RFC 2047 encoded.
  mail.setSubject(Poco::Net::MailMessage::encodeWord(message.subject, "UTF-8"));
  mail.addContent(new Poco::Net::StringPartSource(message.text, "text/plain; charset=UTF-8"),
                  Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
  for (const auto& file : message.attachments) {
    mail.addAttachment(file.fileName, new Poco::Net::StringPartSource(file.content, file.mimeType, file.fileName));
  }
}

void logIn(SMTPClientSession& session, const sitedb::EmailSettings& settings) {
  if (settings.user.empty()) {
    session.login();  // EHLO only: a relay that needs no account
  } else {
    // AUTH PLAIN, not LOGIN: Poco's LOGIN goes on only if the server's prompt is exactly
    // "Username:" and otherwise sends nothing, leaving the server waiting for a name (aiosmtpd
    // prompts "User Name"); PLAIN is one command every submission server takes (RFC 4954).
    session.login(SMTPClientSession::AUTH_PLAIN, settings.user, settings.password.reveal());
  }
}
}  // namespace

SendOutcome sendMail(const sitedb::EmailSettings& settings, const MailMessage& message, const MailOptions& options) {
  if (!settings.configured()) return {false, "no sender address and SMTP server are set"};
  if (message.to.empty()) return {false, "no recipient"};
  const std::uint16_t port = settings.effectivePort();
  const std::string where = fmt::format("{}:{}", settings.smtpServer, port);
  const Poco::Timespan timeout(static_cast<long>(options.timeout.count()), 0);
  try {
    Poco::Net::MailMessage mail;
    compose(settings, message, mail);
    const Poco::Net::SocketAddress address(settings.smtpServer, port);
    using Security = sitedb::EmailSettings::Security;
    if (settings.security == Security::Tls) {
      // Implicit TLS (the manual's SSL, port 465): the handshake comes before any SMTP.
      Poco::Net::SecureStreamSocket socket(clientContext(options.caFile));
      socket.setPeerHostName(settings.smtpServer);
      socket.connect(address, timeout);
      SMTPClientSession session(socket);
      session.setTimeout(timeout);
      logIn(session, settings);
      session.sendMessage(mail);
      session.close();
    } else {
      Poco::Net::StreamSocket socket;
      socket.connect(address, timeout);
      SecureSMTPClientSession session(socket);
      session.setTimeout(timeout);
      if (settings.security == Security::StartTls) {
        session.login();  // EHLO first: STARTTLS is an extension the server announces
        // startTLS() answers false when the server does not offer it: sending the password in
        // clear instead would defeat the setting, so that is a failure.
        if (!session.startTLS(clientContext(options.caFile))) {
          session.close();
          return {false, fmt::format("{} does not offer STARTTLS", where)};
        }
      }
      logIn(session, settings);  // again after STARTTLS: the server forgets the EHLO
      session.sendMessage(mail);
      session.close();
    }
  } catch (const Poco::Exception& error) {
    return {false, fmt::format("{}: {}", where, error.displayText())};
  } catch (const std::exception& error) {
    return {false, fmt::format("{}: {}", where, error.what())};
  }
  return {true, fmt::format("{} accepted the message for {}", where, fmt::join(message.to, ", "))};
}

MailMessage testMail(const sitedb::EmailSettings& settings, const std::string& siteName) {
  MailMessage mail;
  mail.to = {settings.sender};
  mail.subject = fmt::format("Energy Web Server test message ({})", siteName);
  mail.text = fmt::format(
      "This is a test message from the Energy Web Server of {}.\n\n"
      "It was sent through {} as {}: the sender settings work.\n",
      siteName, settings.smtpServer, settings.sender);
  return mail;
}

}  // namespace ews::delivery

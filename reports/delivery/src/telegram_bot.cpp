#include "ews/delivery/telegram_bot.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <memory>
#include <sstream>

#include "tls_client.hpp"

namespace ews::delivery {

namespace {
using Poco::JSON::Object;

/// Telegram's answers are {"ok": bool, "description": "...", "result": ...}.
Object::Ptr parseAnswer(const std::string& body) {
  try {
    Poco::JSON::Parser parser;
    const auto value = parser.parse(body);
    if (value.type() == typeid(Object::Ptr)) return value.extract<Object::Ptr>();
  } catch (const Poco::Exception&) {
  }
  return nullptr;
}

std::string describe(int status, const std::string& body) {
  const auto answer = parseAnswer(body);
  if (answer && answer->has("description")) return fmt::format("HTTP {}: {}", status, answer->getValue<std::string>("description"));
  return fmt::format("HTTP {}: {}", status, body.substr(0, 200));
}

std::string nameOf(const Object::Ptr& from) {
  if (!from) return {};
  std::string name = from->optValue<std::string>("first_name", "");
  const std::string last = from->optValue<std::string>("last_name", "");
  if (!last.empty()) name += (name.empty() ? "" : " ") + last;
  if (name.empty() && from->has("username")) name = "@" + from->getValue<std::string>("username");
  return name;
}
}  // namespace

TelegramBot::TelegramBot(const sitedb::TelegramSettings& settings, std::chrono::seconds timeout, std::string caFile)
    : apiUrl_(settings.apiUrl), token_(settings.token.reveal()), timeout_(timeout), caFile_(std::move(caFile)) {
  while (!apiUrl_.empty() && apiUrl_.back() == '/') apiUrl_.pop_back();
}

std::pair<int, std::string> TelegramBot::request(const std::string& method, const std::string& contentType,
                                                 const std::string& body) const {
  const Poco::URI base(apiUrl_);
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (base.getScheme() == "https") {
    session = std::make_unique<Poco::Net::HTTPSClientSession>(base.getHost(), base.getPort(), clientContext(caFile_));
  } else {
    session = std::make_unique<Poco::Net::HTTPClientSession>(base.getHost(), base.getPort());
  }
  session->setTimeout(Poco::Timespan(static_cast<long>(timeout_.count()), 0));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, base.getPath() + "/bot" + token_ + "/" + method,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType(contentType);
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session->sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session->receiveResponse(response);
  std::string answer;
  Poco::StreamCopier::copyToString(in, answer);
  return {static_cast<int>(response.getStatus()), answer};
}

UpdateBatch TelegramBot::updates(std::int64_t offset, int limit) const {
  UpdateBatch batch;
  try {
    Object query;
    query.set("offset", Poco::Int64{offset});
    query.set("limit", limit);
    query.set("timeout", 0);
    std::ostringstream body;
    query.stringify(body);
    const auto [status, text] = request("getUpdates", "application/json", body.str());
    const auto answer = parseAnswer(text);
    if (status != 200 || !answer || !answer->optValue<bool>("ok", false)) {
      batch.answer = describe(status, text);
      return batch;
    }
    const auto results = answer->getArray("result");
    for (std::size_t i = 0; results && i < results->size(); ++i) {
      const auto update = results->getObject(static_cast<unsigned>(i));
      if (!update) continue;
      BotUpdate item;
      item.updateId = update->getValue<Poco::Int64>("update_id");
      const auto message = update->getObject("message");
      if (message && message->has("text") && message->getObject("chat")) {
        item.chatId = message->getObject("chat")->getValue<Poco::Int64>("id");
        item.text = message->getValue<std::string>("text");
        item.name = nameOf(message->getObject("from"));
      }
      batch.updates.push_back(std::move(item));  // kept without text too: its id moves the offset
    }
    batch.ok = true;
  } catch (const Poco::Exception& error) {
    batch.answer = fmt::format("{}: {}", Poco::URI(apiUrl_).getAuthority(), error.displayText());
  }
  return batch;
}

SendOutcome TelegramBot::outcomeOf(const std::string& method, std::int64_t chatId, int status,
                                   const std::string& body) const {
  const auto answer = parseAnswer(body);
  if (status == 200 && answer && answer->optValue<bool>("ok", false)) {
    return {true, fmt::format("{}: chat {} ok", method, chatId)};
  }
  return {false, fmt::format("{} to chat {}: {}", method, chatId, describe(status, body))};
}

SendOutcome TelegramBot::sendMessage(std::int64_t chatId, const std::string& text) const {
  try {
    Object message;
    message.set("chat_id", Poco::Int64{chatId});
    message.set("text", text);
    std::ostringstream body;
    message.stringify(body);
    const auto [status, answer] = request("sendMessage", "application/json", body.str());
    return outcomeOf("sendMessage", chatId, status, answer);
  } catch (const Poco::Exception& error) {
    return {false, fmt::format("sendMessage to chat {}: {}: {}", chatId, Poco::URI(apiUrl_).getAuthority(), error.displayText())};
  }
}

SendOutcome TelegramBot::sendDocument(std::int64_t chatId, const MailAttachment& document,
                                      const std::string& caption) const {
  try {
    Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    form.set("chat_id", std::to_string(chatId));
    form.set("caption", caption);
    form.addPart("document", new Poco::Net::StringPartSource(document.content, document.mimeType, document.fileName));
    std::ostringstream body;
    form.write(body);
    const auto [status, answer] =
        request("sendDocument", "multipart/form-data; boundary=" + form.boundary(), body.str());
    return outcomeOf("sendDocument", chatId, status, answer);
  } catch (const Poco::Exception& error) {
    return {false, fmt::format("sendDocument to chat {}: {}: {}", chatId, Poco::URI(apiUrl_).getAuthority(), error.displayText())};
  }
}

}  // namespace ews::delivery

// The live values of the stack (docs/api.md): the latest snapshot the engine published, as
// JSON, and the same as server-sent events at most once a second, so an open page shows a
// value within two seconds of its poll.
#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <fmt/format.h>

#include <memory>
#include <mutex>
#include <thread>

#include "web_state.hpp"

namespace ews::web::detail {

namespace {
std::string statusName(acquisition::DeviceStatus status) {
  switch (status) {
    case acquisition::DeviceStatus::On: return "on";
    case acquisition::DeviceStatus::CommunicationError: return "communication-error";
    case acquisition::DeviceStatus::Off: break;
  }
  return "off";
}

std::string snapshotJson(const stack::LiveSnapshot* snapshot) {
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
  Poco::JSON::Array::Ptr devices = new Poco::JSON::Array;
  if (snapshot != nullptr) {
    json->set("at", formatUtc(snapshot->at));
    json->set("configVersion", snapshot->configVersion);
    json->set("sequence", snapshot->sequence);
    for (const auto& device : snapshot->devices) {
      Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
      row->set("id", device.id);
      row->set("name", device.name);
      row->set("status", statusName(device.status));
      Poco::JSON::Object::Ptr values = new Poco::JSON::Object;
      for (const auto& value : device.values) {
        Poco::JSON::Object::Ptr reading = new Poco::JSON::Object;
        reading->set("value", value.value);
        reading->set("at", formatUtc(value.at));
        if (value.stale) reading->set("stale", true);
        values->set(value.quantity, reading);
      }
      row->set("values", values);
      devices->add(row);
    }
    if (!snapshot->dlmZone.empty()) {
      Poco::JSON::Object::Ptr dlm = new Poco::JSON::Object;
      dlm->set("zone", snapshot->dlmZone);
      json->set("dlm", dlm);
    } else {
      json->set("dlm", Poco::Dynamic::Var());
    }
  } else {
    json->set("at", Poco::Dynamic::Var());
  }
  json->set("devices", devices);
  ApiReply reply;
  reply.setJson(json);
  return reply.body;
}

/// The JSON of the latest snapshot, made once per snapshot: every request of the second
/// shares it (a 255-device site's snapshot is large, and pages poll it from many browsers).
class SnapshotText {
 public:
  explicit SnapshotText(const stack::SnapshotBoard& board) : board_(board) {}

  std::shared_ptr<const std::string> latest() {
    const auto snapshot = board_.latest();
    const std::uint64_t sequence = snapshot ? snapshot->sequence : 0;
    const std::lock_guard lock(mutex_);
    if (!text_ || sequence != sequence_) {
      text_ = std::make_shared<const std::string>(snapshotJson(snapshot.get()));
      sequence_ = sequence;
    }
    return text_;
  }

 private:
  const stack::SnapshotBoard& board_;
  std::mutex mutex_;
  std::uint64_t sequence_ = 0;
  std::shared_ptr<const std::string> text_;
};

/// Frees a stream slot however the stream ends.
class StreamSlot {
 public:
  explicit StreamSlot(WebState& state) : state_(state) {
    const std::lock_guard lock(state_.streamMutex);
    if (state_.openStreams >= state_.config.maxStreams) {
      throw ApiError(503, "busy", fmt::format("{} live streams are open already; try again later", state_.openStreams));
    }
    ++state_.openStreams;
  }
  ~StreamSlot() {
    const std::lock_guard lock(state_.streamMutex);
    --state_.openStreams;
  }
  StreamSlot(const StreamSlot&) = delete;
  StreamSlot& operator=(const StreamSlot&) = delete;

 private:
  WebState& state_;
};
}  // namespace

void addLiveRoutes(WebState& state) {
  const Right panel = Right::pageRight(sitedb::Page::MyPanelBoard);
  auto text = std::make_shared<SnapshotText>(state.board);
  state.router.add({"GET", "/api/v1/site/live", panel, [text](const ApiRequest&, ApiReply& reply) {
                      reply.sharedBody = text->latest();
                    }, {}});
  state.router.add({"GET", "/api/v1/site/live/stream", panel, {},
                    [&state, text](const ApiRequest&, Poco::Net::HTTPServerResponse& response) {
                      const StreamSlot slot(state);
                      response.setContentType("text/event-stream");
                      response.set("Cache-Control", "no-store");
                      response.setChunkedTransferEncoding(true);
                      std::ostream& out = response.send();
                      std::uint64_t sent = 0;
                      // Checked every 250 ms, sent at most once a second: a new value reaches
                      // the page within 1.25 s of its snapshot. Ends when the client goes or
                      // the server stops.
                      auto lastSend = std::chrono::steady_clock::now() - std::chrono::seconds(1);
                      while (!state.stopping && out.good()) {
                        const auto snapshot = state.board.latest();
                        const auto now = std::chrono::steady_clock::now();
                        if (snapshot && snapshot->sequence != sent && now - lastSend >= std::chrono::seconds(1)) {
                          out << "event: snapshot\ndata: " << *text->latest() << "\n\n";
                          out.flush();
                          sent = snapshot->sequence;
                          lastSend = now;
                        } else if (now - lastSend >= std::chrono::seconds(15)) {
                          out << ": keep-alive\n\n";  // finds a client that went away
                          out.flush();
                          lastSend = now;
                        }
                        std::this_thread::sleep_for(std::chrono::milliseconds(250));
                      }
                    }});
}

}  // namespace ews::web::detail

// The live values of the stack (docs/api.md): the site's overview (statuses, DLM zone) and each
// device's latest values from the snapshot the engine published, and the overview as
// server-sent events at most once a second, so an open page sees a change within two seconds.
#include <Poco/Net/HTTPServerResponse.h>
#include <fmt/format.h>

#include <charconv>
#include <thread>

#include "snapshot_texts.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

namespace {
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
  SnapshotTexts& texts = state.snapshotTexts;
  state.router.add({"GET", "/api/v1/site/live", panel, [&texts](const ApiRequest&, ApiReply& reply) {
                      reply.sharedBody = texts.current()->overview;
                    }, {}});
  state.router.add({"GET", "/api/v1/site/live/devices/{id}", panel, [&texts](const ApiRequest& request, ApiReply& reply) {
                      const std::string& id = request.params.at("id");
                      int number = 0;
                      const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), number);
                      if (error != std::errc() || end != id.data() + id.size()) {
                        throw ApiError(404, "not-found", fmt::format("no device '{}'", id));
                      }
                      const auto current = texts.current();
                      const auto device = current->devices.find(number);
                      if (device == current->devices.end()) {
                        throw ApiError(404, "not-found", fmt::format("no device {}", number));
                      }
                      reply.sharedBody = device->second;
                    }, {}});
  state.router.add({"GET", "/api/v1/site/live/stream", panel, {},
                    [&state, &texts](const ApiRequest&, Poco::Net::HTTPServerResponse& response) {
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
                        const auto current = texts.current();
                        const auto now = std::chrono::steady_clock::now();
                        if (current->sequence != 0 && current->sequence != sent && now - lastSend >= std::chrono::seconds(1)) {
                          out << "event: snapshot\ndata: " << *current->overview << "\n\n";
                          out.flush();
                          sent = current->sequence;
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

#include "snapshot_stream.hpp"

#include <Poco/Net/HTTPServerResponse.h>
#include <fmt/format.h>

#include <chrono>
#include <thread>

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

StreamHandler snapshotStream(WebState& state, std::shared_ptr<const std::string> SnapshotTexts::Texts::*member) {
  return [&state, member](const ApiRequest&, Poco::Net::HTTPServerResponse& response) {
    const StreamSlot slot(state);
    response.setContentType("text/event-stream");
    response.set("Cache-Control", "no-store");
    response.setChunkedTransferEncoding(true);
    std::ostream& out = response.send();
    std::uint64_t sent = 0;
    // Checked every 250 ms, sent at most once a second: a new value reaches the page within
    // 1.25 s of its snapshot. Ends when the client goes or the server stops.
    auto lastSend = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    while (!state.stopping && out.good()) {
      const auto current = state.snapshotTexts.current();
      const auto now = std::chrono::steady_clock::now();
      if (current->sequence != 0 && current->sequence != sent && now - lastSend >= std::chrono::seconds(1)) {
        out << "event: snapshot\ndata: " << *((*current).*member) << "\n\n";
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
  };
}

}  // namespace ews::web::detail

// The live values of the stack (docs/api.md): the site's overview (the panel board's device
// buttons, the DLM zone), each device's latest values and the Green'Up stations from the
// snapshot the engine published, and the overview and the stations as server-sent events.
#include <Poco/Net/HTTPServerResponse.h>
#include <fmt/format.h>

#include "snapshot_stream.hpp"
#include "snapshot_texts.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

void addLiveRoutes(WebState& state) {
  const Right panel = Right::pageRight(sitedb::Page::MyPanelBoard);
  SnapshotTexts& texts = state.snapshotTexts;
  state.router.add({"GET", "/api/v1/site/live", panel, [&texts](const ApiRequest&, ApiReply& reply) {
                      reply.sharedBody = texts.current()->overview;
                    }, {}});
  state.router.add({"GET", "/api/v1/site/live/devices/{id}", panel, [&texts](const ApiRequest& request, ApiReply& reply) {
                      const int number = idParam(request, "id");
                      const auto current = texts.current();
                      const auto device = current->devices.find(number);
                      if (device == current->devices.end()) {
                        throw ApiError(404, "not-found", fmt::format("no device {}", number));
                      }
                      reply.sharedBody = device->second;
                    }, {}});
  state.router.add({"GET", "/api/v1/site/live/stream", panel, {}, snapshotStream(state, &SnapshotTexts::Texts::overview)});
  // The Green'Up pages (8.3): the stations with their DLM session, the zone and the site current.
  const Right greenUp = Right::pageRight(sitedb::Page::GreenUp);
  state.router.add({"GET", "/api/v1/green-up", greenUp, [&texts](const ApiRequest&, ApiReply& reply) {
                      reply.sharedBody = texts.current()->greenUp;
                    }, {}});
  state.router.add({"GET", "/api/v1/green-up/stream", greenUp, {}, snapshotStream(state, &SnapshotTexts::Texts::greenUp)});
  // Link functionality (8.2.3), a System configuration page: the EMS CX3 modules' links as read.
  state.router.add({"GET", "/api/v1/links", Right::pageRight(sitedb::Page::SystemConfiguration),
                    [&texts](const ApiRequest&, ApiReply& reply) { reply.sharedBody = texts.current()->links; }, {}});
}

}  // namespace ews::web::detail

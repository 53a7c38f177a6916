#pragma once
// A text of the latest snapshot as server-sent events (docs/api.md): `event: snapshot` with the
// text at most once a second, whenever a new snapshot came, so an open page sees a change
// within two seconds. The panel board's overview and the Green'Up pages use it.
#include "snapshot_texts.hpp"
#include "web_state.hpp"

namespace ews::web::detail {

/// The stream of `member` of each new snapshot's texts.
StreamHandler snapshotStream(WebState& state, std::shared_ptr<const std::string> SnapshotTexts::Texts::*member);

}  // namespace ews::web::detail

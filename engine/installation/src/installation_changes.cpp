// The changes the configuration pages allow on a built Installation (manual 7.16.1.5
// ON/OFF and DELETE, 7.16.2.4 Disable/Erase), each checked before anything changes.
#include <fmt/format.h>

#include "ews/installation/installation.hpp"
#include "installation_graph.hpp"

namespace ews::installation {

namespace {

[[noreturn]] void refuse(std::string subject, std::string reason) {
  throw ValidationError({Diagnostic{SourceLoc{}, std::move(subject), std::move(reason)}});
}

template <class T>
std::string_view kindWord() {
  if constexpr (std::is_same_v<T, Gateway>) return "gateway";
  else if constexpr (std::is_same_v<T, Device>) return "device";
  else if constexpr (std::is_same_v<T, PanelBoard>) return "panel board";
  else if constexpr (std::is_same_v<T, Load>) return "load";
  else return "measure group";
}

template <class T>
std::string subject(std::string_view name) {
  return fmt::format("{} \"{}\"", kindWord<T>(), name);
}

template <class T>
Vertex require(const Installation::Impl& impl, std::string_view name) {
  const Vertex* vertex = impl.findVertex<T>(name);
  if (vertex == nullptr) refuse(subject<T>(name), fmt::format("there is no {} of that name", kindWord<T>()));
  return *vertex;
}

// Loads the user cannot change: the pseudo-loads always exist and are always enabled.
void refusePseudoLoad(const Load& load) {
  if (load.kind == LoadKind::Predefined || load.kind == LoadKind::User) return;
  refuse(subject<Load>(load.name), "this pseudo-load is not configurable");
}

}  // namespace

void Installation::setGatewayOn(std::string_view name, bool on) {
  impl_->get<Gateway>(require<Gateway>(*impl_, name)).on = on;
}

void Installation::setDeviceOn(std::string_view name, bool on) {
  impl_->get<Device>(require<Device>(*impl_, name)).on = on;
}

void Installation::removeGateway(std::string_view name) {
  const Vertex vertex = require<Gateway>(*impl_, name);
  if (impl_->get<Gateway>(vertex).kind == GatewayKind::Local) {
    refuse(subject<Gateway>(name), "the Local gateway cannot be deleted, only put OFF (manual 7.16.1.5)");
  }
  if (const auto devices = impl_->targets<Device>(vertex, Relation::GatewayDevice); !devices.empty()) {
    refuse(subject<Gateway>(name), fmt::format("it still holds {} device(s): delete them first (manual 7.16.1.5)",
                                               devices.size()));
  }
  impl_->remove<Gateway>(vertex);
}

void Installation::removeDevice(std::string_view name) { impl_->remove<Device>(require<Device>(*impl_, name)); }

void Installation::removeLoad(std::string_view name) {
  const Vertex vertex = require<Load>(*impl_, name);
  const Load& load = impl_->get<Load>(vertex);
  refusePseudoLoad(load);
  if (load.kind == LoadKind::Predefined) {
    refuse(subject<Load>(name), "a predefined load can only be disabled (manual 7.16.2.4)");
  }
  const Vertex others = impl_->vertexOf<Load>(kOthersLoadId);
  for (const Device* device : impl_->targets<Device>(vertex, Relation::LoadDevice)) {
    impl_->link(others, impl_->vertexOf(*device), Relation::LoadDevice);
  }
  impl_->remove<Load>(vertex);
}

void Installation::removeGroup(std::string_view name) { impl_->remove<Group>(require<Group>(*impl_, name)); }

void Installation::removePanelBoard(std::string_view name) {
  impl_->remove<PanelBoard>(require<PanelBoard>(*impl_, name));
}

void Installation::setLoadEnabled(std::string_view name, bool enabled) {
  Load& load = impl_->get<Load>(require<Load>(*impl_, name));
  refusePseudoLoad(load);
  load.enabled = enabled;
}

void Installation::setGroupEnabled(std::string_view name, bool enabled) {
  impl_->get<Group>(require<Group>(*impl_, name)).enabled = enabled;
}

void Installation::setPanelBoardEnabled(std::string_view name, bool enabled) {
  impl_->get<PanelBoard>(require<PanelBoard>(*impl_, name)).enabled = enabled;
}

}  // namespace ews::installation

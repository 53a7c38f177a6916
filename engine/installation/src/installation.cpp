// Building the Installation graph from a valid spec, and the queries over it.
#include "ews/installation/installation.hpp"

#include "ews/installation/defaults.hpp"
#include "ews/installation/limits.hpp"
#include "ews/installation/validation.hpp"
#include "installation_graph.hpp"

namespace ews::installation {

namespace {

Device makeDevice(const DeviceSpec& spec, int id) {
  Device device;
  device.id = id;
  device.name = spec.name;
  device.family = spec.family;
  device.catalogue = resolveModel(spec.family, spec.model);  // never null once validated
  device.model = std::string(device.catalogue->number);
  device.description = spec.description;
  device.address = spec.family == DeviceFamily::WsMeasure ? kVirtualDeviceAddress : spec.address;
  device.interfaceAddress = spec.interfaceAddress;
  device.position = spec.position;
  device.side = spec.side;
  device.phase = spec.phase;
  device.medium = spec.family == DeviceFamily::PulseCounter ? spec.medium.value_or(Medium::Electricity)
                                                            : Medium::Electricity;
  if (const auto host = findPulseHost(spec.concentrator)) device.concentrator = std::string(host->number);
  device.remoteId = spec.remoteId;
  device.generic = spec.generic;
  // The direction is only a setting of some models; elsewhere a written value is ignored.
  device.supply = device.catalogue->needsSupply ? spec.supply : Supply::Upstream;
  device.on = spec.on;
  device.excludeFromTotals = spec.excludeFromTotals;
  device.excludeAlerts = spec.excludeAlerts;
  device.writeModelledMap = spec.writeModelledMap;
  return device;
}

Gateway makeGateway(const GatewaySpec& spec, int id) {
  const bool isLocal = spec.kind == GatewayKind::Local;
  return Gateway{id, spec.name, spec.kind, isLocal ? std::string(kLocalGatewayIp) : spec.ip, spec.port,
                 spec.description, spec.on};
}

// Fills an Impl from a spec that passed validation, with default names applied.
class Builder {
 public:
  explicit Builder(Installation::Impl& impl) : impl_(impl) {}

  void build(const InstallationSpec& spec) {
    impl_.site = boost::add_vertex(Element{Site{spec.siteName, spec.variant}}, impl_.graph);
    addLoads(spec.loads);
    for (std::size_t index = 0; index < spec.groups.size(); ++index) {
      const GroupSpec& group = spec.groups[index];
      impl_.add(Group{static_cast<int>(index) + 1, group.name, group.description, group.enabled});
    }
    for (std::size_t index = 0; index < spec.panelBoards.size(); ++index) {
      const PanelBoardSpec& board = spec.panelBoards[index];
      impl_.add(PanelBoard{static_cast<int>(index) + 1, board.name, board.description, board.enabled});
    }
    const bool localListed = std::any_of(spec.gateways.begin(), spec.gateways.end(),
                                         [](const GatewaySpec& gateway) { return gateway.kind == GatewayKind::Local; });
    if (hasLocalGateway(spec.variant) && !localListed) {
      GatewaySpec local;
      local.kind = GatewayKind::Local;
      local.name = defaultGatewayName(local);
      addGateway(local);
    }
    for (const auto& gateway : spec.gateways) addGateway(gateway);
  }

 private:
  // Predefined loads first (ids 1-6), user loads next, pseudo-loads at their fixed ids.
  void addLoads(const std::vector<LoadSpec>& entries) {
    for (std::size_t index = 0; index < kPredefinedLoadNames.size(); ++index) {
      impl_.add(Load{static_cast<int>(index) + 1, std::string(kPredefinedLoadNames[index]), LoadKind::Predefined, true});
    }
    int nextUserId = kFirstUserLoadId;
    for (const auto& entry : entries) {
      if (const auto id = predefinedLoadId(entry.name)) {
        impl_.get<Load>(impl_.vertexOf<Load>(*id)).enabled = entry.enabled;
      } else {
        impl_.add(Load{nextUserId++, entry.name, LoadKind::User, entry.enabled});
      }
    }
    for (const auto kind : {LoadKind::Others, LoadKind::Water, LoadKind::Gas}) {
      impl_.add(Load{pseudoLoadId(kind), std::string(pseudoLoadName(kind)), kind, true});
    }
  }

  void addGateway(const GatewaySpec& spec) {
    const Vertex gateway = impl_.add(makeGateway(spec, nextGatewayId_++));
    impl_.link(impl_.site, gateway, Relation::SiteGateway);
    if (const Vertex* board = impl_.findVertex<PanelBoard>(spec.panelBoard)) {
      impl_.link(*board, gateway, Relation::PanelBoardGateway);
    }
    for (const auto& deviceSpec : spec.devices) {
      const Device made = makeDevice(deviceSpec, nextDeviceId_++);
      const std::string_view loadName = deviceSpec.load.empty() ? pseudoLoadName(defaultLoadKind(made.medium))
                                                                : std::string_view(deviceSpec.load);
      const Vertex device = impl_.add(made);
      impl_.link(gateway, device, Relation::GatewayDevice);
      impl_.link(*impl_.findVertex<Load>(loadName), device, Relation::LoadDevice);
      for (const auto& groupName : deviceSpec.groups) {
        impl_.link(*impl_.findVertex<Group>(groupName), device, Relation::GroupDevice);
      }
    }
    if (const Vertex* eqDevice = impl_.findVertex<Device>(spec.eqDevice)) {
      impl_.link(gateway, *eqDevice, Relation::GatewayEqDevice);
    }
  }

  Installation::Impl& impl_;
  int nextGatewayId_ = 1;
  int nextDeviceId_ = 1;
};

}  // namespace

Installation::Installation(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Installation::Installation(Installation&&) noexcept = default;
Installation& Installation::operator=(Installation&&) noexcept = default;
Installation::~Installation() = default;

Installation Installation::build(const InstallationSpec& spec) {
  if (auto diagnostics = validate(spec); !diagnostics.empty()) throw ValidationError(std::move(diagnostics));
  InstallationSpec named = spec;
  applyDefaultNames(named);
  auto impl = std::make_unique<Impl>();
  Builder(*impl).build(named);
  return Installation(std::move(impl));
}

const Site& Installation::site() const { return impl_->get<Site>(impl_->site); }

std::vector<const Gateway*> Installation::gateways() const {
  return impl_->targets<Gateway>(impl_->site, Relation::SiteGateway);
}
std::vector<const Device*> Installation::devices() const { return impl_->all<Device>(); }
std::vector<const PanelBoard*> Installation::panelBoards() const { return impl_->all<PanelBoard>(); }
std::vector<const Load*> Installation::loads() const { return impl_->all<Load>(); }
std::vector<const Group*> Installation::groups() const { return impl_->all<Group>(); }

const Device& Installation::device(int id) const { return impl_->get<Device>(impl_->vertexOf<Device>(id)); }
const Gateway& Installation::gateway(int id) const { return impl_->get<Gateway>(impl_->vertexOf<Gateway>(id)); }
const Load& Installation::load(int id) const { return impl_->get<Load>(impl_->vertexOf<Load>(id)); }
const Group& Installation::group(int id) const { return impl_->get<Group>(impl_->vertexOf<Group>(id)); }
const PanelBoard& Installation::panelBoard(int id) const {
  return impl_->get<PanelBoard>(impl_->vertexOf<PanelBoard>(id));
}

namespace {
template <class T>
const T* findElement(const Installation::Impl& impl, std::string_view name) {
  const Vertex* vertex = impl.findVertex<T>(name);
  return vertex == nullptr ? nullptr : &impl.get<T>(*vertex);
}
}  // namespace

const Device* Installation::findDevice(std::string_view name) const { return findElement<Device>(*impl_, name); }
const Gateway* Installation::findGateway(std::string_view name) const { return findElement<Gateway>(*impl_, name); }
const Load* Installation::findLoad(std::string_view name) const { return findElement<Load>(*impl_, name); }
const Group* Installation::findGroup(std::string_view name) const { return findElement<Group>(*impl_, name); }
const PanelBoard* Installation::findPanelBoard(std::string_view name) const {
  return findElement<PanelBoard>(*impl_, name);
}

std::vector<const Device*> Installation::devicesOfGateway(const Gateway& gateway) const {
  return impl_->targets<Device>(impl_->vertexOf(gateway), Relation::GatewayDevice);
}
std::vector<const Device*> Installation::devicesOfLoad(const Load& load) const {
  return impl_->targets<Device>(impl_->vertexOf(load), Relation::LoadDevice);
}
std::vector<const Device*> Installation::devicesOfGroup(const Group& group) const {
  return impl_->targets<Device>(impl_->vertexOf(group), Relation::GroupDevice);
}
std::vector<const Gateway*> Installation::gatewaysOfPanelBoard(const PanelBoard& panelBoard) const {
  return impl_->targets<Gateway>(impl_->vertexOf(panelBoard), Relation::PanelBoardGateway);
}

std::vector<const Device*> Installation::devicesOfPanelBoard(const PanelBoard& panelBoard) const {
  std::vector<const Device*> devices;
  for (const Gateway* gateway : gatewaysOfPanelBoard(panelBoard)) {
    const auto ofGateway = devicesOfGateway(*gateway);
    devices.insert(devices.end(), ofGateway.begin(), ofGateway.end());
  }
  Impl::sortById(devices);
  return devices;
}

// Every device has exactly one gateway and one load: the builder and the changes keep it so.
const Gateway& Installation::gatewayOf(const Device& device) const {
  return *impl_->sources<Gateway>(impl_->vertexOf(device), Relation::GatewayDevice).front();
}
const Load& Installation::loadOf(const Device& device) const {
  return *impl_->sources<Load>(impl_->vertexOf(device), Relation::LoadDevice).front();
}
std::vector<const Group*> Installation::groupsOf(const Device& device) const {
  return impl_->sources<Group>(impl_->vertexOf(device), Relation::GroupDevice);
}

const PanelBoard* Installation::panelBoardOf(const Gateway& gateway) const {
  const auto boards = impl_->sources<PanelBoard>(impl_->vertexOf(gateway), Relation::PanelBoardGateway);
  return boards.empty() ? nullptr : boards.front();
}
const Device* Installation::eqDeviceOf(const Gateway& gateway) const {
  const auto devices = impl_->targets<Device>(impl_->vertexOf(gateway), Relation::GatewayEqDevice);
  return devices.empty() ? nullptr : devices.front();
}

bool Installation::isActive(const Device& device) const { return device.on && gatewayOf(device).on; }

std::vector<const Device*> Installation::electricalTotalDevices() const {
  std::vector<const Device*> devices;
  for (const Device* device : this->devices()) {
    if (isActive(*device) && !device->excludeFromTotals && device->medium == Medium::Electricity &&
        device->catalogue->measuresEnergy) {
      devices.push_back(device);
    }
  }
  return devices;
}

}  // namespace ews::installation

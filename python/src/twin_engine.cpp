#include "twin_engine.hpp"

#include <fmt/format.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <limits>

namespace py = pybind11;

namespace ews::python {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// trace.h5's /samples/gap codes (docs/hdf5-trace.md).
constexpr std::uint8_t kRead = 0;
constexpr std::uint8_t kCommunicationGap = 1;
constexpr std::uint8_t kNoSample = 2;

template <typename Element>
std::vector<int> idsOf(const std::vector<const Element*>& elements) {
  std::vector<int> ids;
  for (const Element* element : elements) ids.push_back(element->id);
  return ids;
}

/// Column of `id` in `ids` (ascending), or nullopt for an id the table does not have.
std::optional<std::size_t> columnOf(const std::vector<int>& ids, int id) {
  const auto found = std::lower_bound(ids.begin(), ids.end(), id);
  if (found == ids.end() || *found != id) return std::nullopt;
  return static_cast<std::size_t>(found - ids.begin());
}

}  // namespace

TraceColumns::TraceColumns(const installation::Installation& installation)
    : deviceIds(idsOf(installation.devices())),
      loadIds(idsOf(installation.loads())),
      groupIds(idsOf(installation.groups())),
      counter(deviceIds.size()),
      delta(deviceIds.size()),
      averageRate(deviceIds.size()),
      gap(deviceIds.size()),
      loadDelta(loadIds.size()),
      groupDelta(groupIds.size()),
      totals(3) {}

void TraceColumns::onSamples(Time t, std::span<const recording::DeviceSample> samples) {
  const std::size_t n = deviceIds.size();
  std::vector<double> counterRow(n, kNaN), deltaRow(n, kNaN), rateRow(n, kNaN);
  std::vector<std::uint8_t> gapRow(n, kNoSample);
  for (const auto& sample : samples) {
    const auto column = columnOf(deviceIds, sample.deviceId);
    if (!column) continue;
    const std::size_t i = *column;
    gapRow[i] = sample.gap ? kCommunicationGap : kRead;
    counterRow[i] = sample.counter;
    deltaRow[i] = sample.gap ? kNaN : sample.delta;  // unknown, not zero (DeviceSample::gap)
    rateRow[i] = sample.gap ? kNaN : sample.averageRate;
  }
  sampleTimeUs.append(toMicros(t));
  counter.append(counterRow);
  delta.append(deltaRow);
  averageRate.append(rateRow);
  gap.append(gapRow);
}

void TraceColumns::onEvent(const recording::Event& event) {
  eventTimeUs.push_back(toMicros(event.at));
  eventDeviceIds.push_back(event.deviceId);
  eventKinds.push_back(event.kind);
  eventDetails.push_back(event.detail);
}

void TraceColumns::onAggregates(Time t, std::span<const recording::AggregateSample> aggregates) {
  std::vector<double> loadRow(loadIds.size(), kNaN), groupRow(groupIds.size(), kNaN), totalRow(3, kNaN);
  using Kind = recording::AggregateSample::Kind;
  for (const auto& a : aggregates) {
    std::optional<std::size_t> column;
    switch (a.kind) {
      case Kind::Load:
        if ((column = columnOf(loadIds, a.id))) loadRow[*column] = a.delta;
        break;
      case Kind::Group:
        if ((column = columnOf(groupIds, a.id))) groupRow[*column] = a.delta;
        break;
      case Kind::ElectricityTotal: totalRow[0] = a.delta; break;
      case Kind::WaterTotal: totalRow[1] = a.delta; break;
      case Kind::GasTotal: totalRow[2] = a.delta; break;
    }
  }
  aggregateTimeUs.append(toMicros(t));
  loadDelta.append(loadRow);
  groupDelta.append(groupRow);
  totals.append(totalRow);
}

TwinEngine::TwinEngine(scenario::Scenario scenario, const EngineOptions& options) {
  site::RunOverrides overrides;
  overrides.seed = options.seed;
  overrides.duration = options.duration;
  site_ = std::make_unique<site::SimulatedSite>(std::move(scenario), overrides);
  trace_ = std::make_unique<TraceColumns>(site_->installation());
  twin_ = std::make_unique<site::SimulatedStack>(*site_);
  twin_->ews().addSink(*trace_);
  twin_->start();
  // After start(): at each instant the DLM's decision runs first (FIFO within the phase), so the
  // samplers see the decision of their own instant.
  const Duration dlmPeriod = options.dlmSamplePeriod.value_or(site_->scenario().run.controlPeriod);
  if (twin_->ews().dlm() != nullptr && dlmPeriod > Duration::zero()) startDlmSampler(dlmPeriod);
  if (options.stationSamplePeriod > Duration::zero()) startStationSampler(options.stationSamplePeriod);
}

TwinEngine::~TwinEngine() = default;

void TwinEngine::startDlmSampler(Duration period) {
  dlmColumns_ = std::make_unique<DlmColumns>();
  const stack::DlmRunner* runner = twin_->ews().dlm();
  site_->engine().every(period, site_->engine().now(), EventPhase::Publish, [this, runner](Time t) {
    const dlm::Observation& seen = runner->lastObservation();
    dlmColumns_->timeUs.append(toMicros(t));
    dlmColumns_->zone.append(static_cast<std::uint8_t>(runner->controller().zone()));
    dlmColumns_->failSafe.append(static_cast<std::uint8_t>(runner->controller().failSafe()));
    dlmColumns_->meterValid.append(static_cast<std::uint8_t>(seen.meter.valid));
    dlmColumns_->siteCurrentA.append(seen.meter.currentsA);
  });
}

void TwinEngine::startStationSampler(Duration period) {
  std::vector<std::string> names;
  for (const installation::Device* device : site_->installation().devices()) {
    if (physics::ChargingStationModel* model = site_->stationModel(*device)) {
      stationModels_.push_back(model);
      names.push_back(device->name);
    }
  }
  if (stationModels_.empty()) return;
  stationColumns_ = std::make_unique<StationColumns>(
      StationColumns{std::move(names), GrowingColumn<std::int64_t>(), GrowingColumn<double>(stationModels_.size()),
                     GrowingColumn<double>(stationModels_.size())});
  site_->engine().every(period, site_->engine().now(), EventPhase::Publish, [this](Time t) {
    std::vector<double> soc, current;
    for (const physics::ChargingStationModel* model : stationModels_) {
      const physics::StationSnapshot snapshot = model->station().snapshotAt(t);
      soc.push_back(snapshot.evConnected ? snapshot.socPct : kNaN);
      current.push_back(snapshot.currentPerPhaseA);
    }
    stationColumns_->timeUs.append(toMicros(t));
    stationColumns_->socPct.append(soc);
    stationColumns_->vehicleCurrentA.append(current);
  });
}

stack::DlmRunner& TwinEngine::dlm() {
  stack::DlmRunner* runner = twin_->ews().dlm();
  if (runner == nullptr) throw std::runtime_error("the scenario's DLM is OFF (no dlm section, or dlm.enabled: false)");
  return *runner;
}

std::size_t TwinEngine::stationIndex(const std::string& name) {
  const auto& stations = dlm().controller().settings().stations;
  for (std::size_t i = 0; i < stations.size(); ++i) {
    if (stations[i].name == name) return i;
  }
  throw py::key_error(fmt::format("no charging station named '{}' under the DLM", name));
}

const installation::Device& TwinEngine::device(const std::string& name) const {
  const installation::Device* found = site_->installation().findDevice(name);
  if (found == nullptr) throw py::key_error(fmt::format("no device named '{}' in the installation", name));
  return *found;
}

void TwinEngine::checkIdle() const {
  if (running_) throw std::runtime_error("the engine is running in another thread");
}

bool TwinEngine::runUntil(Time t) {
  if (running_.exchange(true)) throw std::runtime_error("the engine is running in another thread");
  struct Idle {
    std::atomic<bool>& flag;
    ~Idle() { flag = false; }
  } idle{running_};
  const py::gil_scoped_release release;
  return site_->runUntil(t);
}

}  // namespace ews::python

#include "run_summary.hpp"

#include <array>

#include <fmt/format.h>

#include "ews/installation/catalogue.hpp"
#include "ews/installation/loads.hpp"
#include "ews/reports/atomic_file.hpp"
#include "ews/reports/json_writer.hpp"
#include "ews/scenario/metering_tree.hpp"

namespace ews::cli {

namespace {
void writeNamedTotals(reports::JsonWriter& json, std::string_view key, const std::vector<site::NamedTotal>& totals) {
  json.beginArray(key);
  for (const auto& total : totals) {
    json.beginObject().value("id", std::int64_t{total.id}).value("name", total.name).number("energyWh", total.value).endObject();
  }
  json.endArray();
}

void writeTotals(reports::JsonWriter& json, std::string_view key, const site::SiteTotals& totals) {
  json.beginObject(key)
      .number("electricityWh", totals.electricityWh)
      .number("waterDm3", totals.waterDm3)
      .number("gasDm3", totals.gasDm3);
  writeNamedTotals(json, "loads", totals.loadsWh);
  writeNamedTotals(json, "groups", totals.groupsWh);
  json.endObject();
}

}  // namespace

site::SiteTotals siteTotalsOf(const RecordedTotals& recorded) {
  using Kind = recording::AggregateSample::Kind;
  site::SiteTotals totals;
  totals.electricityWh = recorded.total(Kind::ElectricityTotal);
  totals.waterDm3 = recorded.total(Kind::WaterTotal);
  totals.gasDm3 = recorded.total(Kind::GasTotal);
  for (const auto& [key, total] : recorded.totals()) {
    // The Water and Gas pseudo-loads are volumes: they are the water and gas totals already.
    const bool volumeLoad = key.second == installation::kWaterLoadId || key.second == installation::kGasLoadId;
    if (key.first == Kind::Load && !volumeLoad) totals.loadsWh.push_back(site::NamedTotal{key.second, total.name, total.value});
    if (key.first == Kind::Group) totals.groupsWh.push_back(site::NamedTotal{key.second, total.name, total.value});
  }
  return totals;
}
RunSummary summarizeRun(site::SimulatedSite& site, const RecordedTotals& recorded, bool completed) {
  const auto& installation = site.installation();
  const auto counters = site.counters();
  RunSummary summary;
  summary.scenarioName = site.scenario().name;
  summary.seed = site.seed();
  summary.timezone = site.zone().name();
  summary.start = site.start();
  summary.end = site.end();
  summary.reached = site.engine().now();
  summary.completed = completed;
  summary.sampleRate = site.scenario().ews.sampleRate;
  summary.eventsDispatched = site.engine().eventsDispatched();
  summary.samples = site.samplesTaken();
  summary.gateways = installation.gateways().size();
  summary.devices = installation.devices().size();
  for (const auto& [deviceId, counter] : counters) {
    const auto& device = installation.device(deviceId);
    summary.recordedDevices.push_back(DeviceFigure{deviceId, device.name, std::string(installation::mediumName(device.medium)),
                                                   installation.loadOf(device).name, device.excludeFromTotals,
                                                   counter});
  }
  summary.recorded = siteTotalsOf(recorded);
  summary.groundTruth = site::computeTotals(installation, counters);
  for (const std::string& name : scenario::mainMeters(site.scenario())) {
    const installation::Device* meter = installation.findDevice(name);
    if (meter == nullptr) continue;
    const auto counter = counters.find(meter->id);
    summary.mainMeters.push_back({name, recorded.deviceConsumption(meter->id),
                                  counter == counters.end() ? 0.0 : counter->second});
  }
  summary.costs = costsOf(recorded, site.scenario());
  return summary;
}

std::vector<EnergyCost> costsOf(const RecordedTotals& recorded, const scenario::Scenario& scenario) {
  using Kind = recording::AggregateSample::Kind;
  constexpr std::array energies = {std::pair{installation::Medium::Electricity, Kind::ElectricityTotal},
                                   std::pair{installation::Medium::Water, Kind::WaterTotal},
                                   std::pair{installation::Medium::Gas, Kind::GasTotal}};
  std::vector<EnergyCost> costs;
  for (const auto& [medium, kind] : energies) {
    const auto& tariffs = scenario.tariffs.plan.of(medium).tariffs;
    if (tariffs.empty()) continue;
    EnergyCost cost{std::string(installation::mediumName(medium)), scenario.ews.currency, {}, 0.0, 0.0};
    const auto it = recorded.totals().find({kind, 0});
    for (std::size_t k = 0; k < tariffs.size(); ++k) {
      const bool recordedCost = it != recorded.totals().end() && k < it->second.costByTariff.size();
      const double amount = recordedCost ? it->second.costByTariff[k] : 0.0;
      cost.byTariff.emplace_back(tariffs[k].name, amount);
      cost.total += amount;
    }
    if (it != recorded.totals().end()) cost.unpriced = it->second.unpriced;
    costs.push_back(std::move(cost));
  }
  return costs;
}

void writeRunSummaryJson(const std::string& path, const RunSummary& summary) {
  reports::JsonWriter json;
  json.beginObject()
      .value("scenario", summary.scenarioName)
      .value("seed", summary.seed)
      .value("timezone", summary.timezone)
      .value("start", formatUtc(summary.start))
      .value("end", formatUtc(summary.end))
      .value("reached", formatUtc(summary.reached))
      .value("completed", summary.completed)
      .value("sampleRate", formatDuration(summary.sampleRate))
      .value("eventsDispatched", summary.eventsDispatched)
      .value("samples", summary.samples)
      .value("gateways", std::uint64_t{summary.gateways})
      .value("devices", std::uint64_t{summary.devices});
  writeTotals(json, "recorded", summary.recorded);
  if (summary.groundTruth) writeTotals(json, "groundTruth", *summary.groundTruth);
  if (!summary.costs.empty()) {
    json.beginArray("costs");
    for (const EnergyCost& cost : summary.costs) {
      json.beginObject().value("energy", cost.energy).value("currency", cost.currency);
      json.beginArray("tariffs");
      for (const auto& [name, amount] : cost.byTariff) json.beginObject().value("name", name).number("cost", amount, 2).endObject();
      json.endArray().number("total", cost.total, 2).number("unpriced", cost.unpriced).endObject();
    }
    json.endArray();
  }
  if (!summary.mainMeters.empty()) {
    json.beginArray("mainMeters");
    for (const auto& meter : summary.mainMeters) {
      json.beginObject()
          .value("name", meter.name)
          .number("recordedWh", meter.recordedWh)
          .number("groundTruthWh", meter.groundTruthWh)
          .endObject();
    }
    json.endArray();
  }
  if (summary.dlm) writeDlmJson(json, *summary.dlm);
  if (!summary.polledDevices.empty()) {
    json.beginArray("polledDevices");
    for (const auto& device : summary.polledDevices) {
      json.beginObject().value("id", std::int64_t{device.id}).value("name", device.name).value("status", device.status);
      if (device.counter) json.number("counter", *device.counter);
      if (device.consumption) json.number("consumption", *device.consumption);
      json.endObject();
    }
    json.endArray();
  }
  json.beginArray("recordedDevices");
  for (const auto& device : summary.recordedDevices) {
    json.beginObject()
        .value("id", std::int64_t{device.id})
        .value("name", device.name)
        .value("medium", device.medium)
        .value("load", device.load)
        .value("excludedFromTotals", device.excludedFromTotals)
        .number("counter", device.counter)
        .endObject();
  }
  json.endArray().endObject();

  reports::AtomicFile file(path);
  file.stream() << json.str();
  file.commit();
}

void printRunSummary(const RunSummary& summary) {
  fmt::print("scenario '{}' seed {}: {} -> {} ({}){}\n", summary.scenarioName, summary.seed, formatUtc(summary.start),
             formatUtc(summary.reached), formatDuration(summary.reached - summary.start),
             summary.completed ? "" : " INTERRUPTED");
  fmt::print("{} gateways, {} devices, {} recorded; {} events, {} samples every {}\n", summary.gateways,
             summary.devices, summary.polledDevices.empty() ? summary.recordedDevices.size() : summary.polledDevices.size(), summary.eventsDispatched, summary.samples,
             formatDuration(summary.sampleRate));
  fmt::print("recorded grand total electricity {:.3f} kWh, water {:.3f} m3, gas {:.3f} m3",
             summary.recorded.electricityWh / 1000.0, summary.recorded.waterDm3 / 1000.0,
             summary.recorded.gasDm3 / 1000.0);
  if (const auto& truth = summary.groundTruth) {
    fmt::print(" (ground truth {:.3f} kWh, {:.3f} m3, {:.3f} m3)", truth->electricityWh / 1000.0,
               truth->waterDm3 / 1000.0, truth->gasDm3 / 1000.0);
  }
  fmt::print("\n");
  for (const auto& meter : summary.mainMeters) {
    fmt::print("  main meter {:<18} {:>12.3f} kWh recorded (ground truth {:.3f} kWh)\n", meter.name,
               meter.recordedWh / 1000.0, meter.groundTruthWh / 1000.0);
  }
  for (const auto& load : summary.recorded.loadsWh) fmt::print("  load {:<24} {:>12.3f} kWh\n", load.name, load.value / 1000.0);
  for (const auto& group : summary.recorded.groupsWh) fmt::print("  group {:<23} {:>12.3f} kWh\n", group.name, group.value / 1000.0);
  for (const EnergyCost& cost : summary.costs) {
    fmt::print("cost of {} {:.2f} {}:", cost.energy, cost.total, cost.currency);
    for (const auto& [name, amount] : cost.byTariff) fmt::print(" {} {:.2f}", name, amount);
    // Wh -> kWh, dm3 -> m3: both a thousandth.
    if (cost.unpriced > 0.0) {
      fmt::print("; {:.3f} {} not priced (no rule covered it)", cost.unpriced / 1000.0,
                 cost.energy == "electricity" ? "kWh" : "m3");
    }
    fmt::print("\n");
  }
}

}  // namespace ews::cli

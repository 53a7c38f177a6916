#include "synthetic_site.hpp"

#include <fmt/format.h>

namespace ews::stores::testing {

using installation::Medium;
using recording::AggregateSample;

SyntheticSite::SyntheticSite() {
  const auto device = [](int id, std::string name, Medium medium, int load, std::vector<int> groups) {
    DeviceEntry e;
    e.id = id;
    e.name = std::move(name);
    e.medium = medium;
    e.loadId = load;
    e.groupIds = std::move(groups);
    e.gatewayName = "Gateway 1";
    e.gatewayIp = "192.168.1.10";
    e.modbusAddress = id + 10;
    e.family = medium == Medium::Electricity ? "multifunction-meter" : "pulse-counter";
    e.model = medium == Medium::Electricity ? "4 120 53" : "Water counter";
    return e;
  };
  // A name with the field separators and a quote: CSV headers must quote it.
  layout_.devices = {device(1, "Main meter", Medium::Electricity, 1, {1}),
                     device(2, "Lighting; \"floor\", 1", Medium::Electricity, 4, {1, 2}),
                     device(3, "Water meter", Medium::Water, 16, {3}),
                     device(4, "Gas meter", Medium::Gas, 17, {})};
  layout_.loads = {{1, "Heating", Medium::Electricity, true},
                   {4, "Lighting", Medium::Electricity, true},
                   {15, "Others", Medium::Electricity, true},
                   {16, "Water", Medium::Water, true},
                   {17, "Gas", Medium::Gas, true}};
  layout_.groups = {{1, "Building A", Medium::Electricity, true},
                    {2, "Floor 1", Medium::Electricity, true},
                    {3, "Water A", Medium::Water, true}};
  layout_.currency = "EUR";
  layout_.tariffs = {{Medium::Electricity, "Day", "#0072B2"},
                     {Medium::Electricity, "Night", "#E69F00"},
                     {Medium::Water, "DEFAULT", "#009E73"}};
  for (const auto& d : layout_.devices) deviceNames_.push_back(d.name);
  for (const auto& l : layout_.loads) aggregateNames_.push_back(l.name);
  for (const auto& g : layout_.groups) aggregateNames_.push_back(g.name);
}

namespace {
/// Row costs: tariff k of the row's energy prices delta x (k + 1) / 1000; gas has no tariff.
template <class Row>
void priceRow(Row& row, const StoreLayout& layout, double unpricedDelta, std::vector<double>& costs) {
  const std::size_t tariffs = layout.tariffsOf(row.medium).size();
  if (tariffs == 0) return;
  const std::size_t first = costs.size();
  for (std::size_t k = 0; k < tariffs; ++k) costs.push_back(row.delta * static_cast<double>(k + 1) / 1000.0);
  row.costByTariff = std::span<const double>(costs).subspan(first, tariffs);
  row.unpricedDelta = unpricedDelta;
}

Medium mediumOfTotal(AggregateSample::Kind kind) {
  return kind == AggregateSample::Kind::WaterTotal ? Medium::Water
         : kind == AggregateSample::Kind::GasTotal ? Medium::Gas
                                                    : Medium::Electricity;
}
}  // namespace

const std::vector<recording::DeviceSample>& SyntheticSite::samples(int row) {
  const double r = row;
  stats_ = {{"power.active.total", 100.0 + r, 200.0 + r, 150.0 + r}, {"current.L1", r, 2.0 * r, 1.5 * r}};
  samples_.clear();
  for (std::size_t i = 0; i < layout_.devices.size(); ++i) {
    const auto& d = layout_.devices[i];
    recording::DeviceSample s;
    s.deviceId = d.id;
    s.deviceName = &deviceNames_[i];
    s.medium = d.medium;
    s.delta = 1.5 * d.id;
    s.counter = 1000.0 * d.id + s.delta * (r + 1.0);
    s.averageRate = s.delta * 6.0;  // per 10 min -> per hour
    s.gap = d.id == 2 && row % 7 == 3;
    if (s.gap) s.delta = 0.0;
    if (d.id == 1) s.stats = stats_;
    samples_.push_back(s);
  }
  sampleCosts_.clear();
  sampleCosts_.reserve(samples_.size() * tariff::kMaxTariffs);  // no reallocation: spans stay valid
  for (auto& s : samples_) priceRow(s, layout_, 0.25 * s.deviceId, sampleCosts_);
  return samples_;
}

const std::vector<recording::AggregateSample>& SyntheticSite::aggregates(int row) {
  const double r = row;
  aggregates_.clear();
  std::size_t name = 0;
  for (const auto& l : layout_.loads) {
    aggregates_.push_back({.kind = AggregateSample::Kind::Load, .id = l.id, .name = &aggregateNames_[name++],
                           .delta = 10.0 * l.id + r, .medium = l.medium});
  }
  for (const auto& g : layout_.groups) {
    aggregates_.push_back({.kind = AggregateSample::Kind::Group, .id = g.id, .name = &aggregateNames_[name++],
                           .delta = 100.0 * g.id + r, .partial = row % 7 == 3, .medium = g.medium});
  }
  aggregates_.push_back({.kind = AggregateSample::Kind::ElectricityTotal, .delta = 1000.0 + r});
  aggregates_.push_back({.kind = AggregateSample::Kind::WaterTotal, .delta = 50.0 + r});
  aggregates_.push_back({.kind = AggregateSample::Kind::GasTotal, .delta = 20.0 + r, .gasKWhEquivalent = (20.0 + r) * 0.5});
  aggregateCosts_.clear();
  aggregateCosts_.reserve(aggregates_.size() * tariff::kMaxTariffs);
  for (auto& a : aggregates_) {
    if (a.kind != AggregateSample::Kind::Load && a.kind != AggregateSample::Kind::Group) a.medium = mediumOfTotal(a.kind);
    priceRow(a, layout_, 0.0, aggregateCosts_);
  }
  return aggregates_;
}

std::vector<recording::Event> SyntheticSite::events(int row, Time at) const {
  if (row % 3 != 0) return {};
  return {recording::Event{at, row % 4 + 1, "status", fmt::format("row {} — état", row)}};
}

void SyntheticSite::feed(recording::SampleSink& sink, int row, Time at) {
  sink.onSamples(at, samples(row));
  sink.onAggregates(at, aggregates(row));
  for (const auto& event : events(row, at)) sink.onEvent(event);
}

}  // namespace ews::stores::testing

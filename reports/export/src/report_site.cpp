#include "ews/export/report_site.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "ews/installation/installation.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/sitedb/config_store.hpp"

namespace ews::exporting {

namespace {
using history::SeriesKey;
using installation::Medium;

/// A load or group counts the medium of its counted members; electricity first, because the
/// recorder sums a mixed group's electricity (docs/history.md, "Aggregates").
std::optional<Medium> countedMedium(const std::vector<const installation::Device*>& members) {
  std::optional<Medium> medium;
  for (const installation::Device* device : members) {
    if (!device->catalogue->measuresEnergy || device->excludeFromTotals) continue;
    if (device->medium == Medium::Electricity) return Medium::Electricity;
    if (!medium || device->medium == Medium::Water) medium = device->medium;
  }
  return medium;
}

SiteSubject aggregate(SeriesKey key, const std::string& name, Medium medium) {
  SiteSubject subject;
  subject.key = key;
  subject.name = name;
  subject.medium = medium;
  return subject;
}

const SiteSubject* findIn(const std::vector<SiteSubject>& list, SeriesKey key) {
  for (const auto& subject : list) {
    if (subject.key == key) return &subject;
  }
  return nullptr;
}
}  // namespace

const SiteSubject* ReportSite::find(SeriesKey key) const {
  switch (key.kind) {
    case history::SeriesKind::Device: return findIn(devices, key);
    case history::SeriesKind::Load: return findIn(loads, key);
    case history::SeriesKind::Group: return findIn(groups, key);
    default: return nullptr;
  }
}

std::optional<ReportSite> readReportSite(const sitedb::Database& db) {
  const auto stored = sitedb::latestConfig(db);
  if (!stored) return std::nullopt;
  // Relative file references of the scenario resolve beside the file the site was seeded from.
  const std::string source = db.meta("config_source").value_or(db.path().string());
  const scenario::Scenario parsed = scenario::parseScenario(stored->scenarioYaml, source);
  const auto built = installation::Installation::build(parsed.installation);
  ReportSite site(stored->version, parsed.ews.timezone);
  site.currency = parsed.ews.currency;
  site.gasKWhPerM3 = parsed.ews.gasKWhPerM3;
  site.csv = {parsed.ews.csvDecimalSeparator, parsed.ews.csvFieldSeparator};
  site.tariffs = parsed.tariffs.plan;
  site.language = parsed.ews.language;
  for (const installation::Device* device : built.devices()) {
    if (!device->catalogue->measuresEnergy) continue;
    SiteSubject subject;
    subject.key = SeriesKey::device(device->id);
    subject.name = device->name;
    subject.medium = device->medium;
    subject.address = device->address;
    subject.virtualDevice = device->family == installation::DeviceFamily::WsMeasure;
    subject.station = device->family == installation::DeviceFamily::ChargingStation;
    subject.loadId = built.loadOf(*device).id;
    for (const installation::Group* group : built.groupsOf(*device)) subject.groupIds.push_back(group->id);
    site.devices.push_back(std::move(subject));
  }
  for (const installation::Load* load : built.loads()) {
    const auto medium = countedMedium(built.devicesOfLoad(*load));
    if (load->enabled && medium) site.loads.push_back(aggregate(SeriesKey::load(load->id), load->name, *medium));
  }
  for (const installation::Group* group : built.groups()) {
    const auto medium = countedMedium(built.devicesOfGroup(*group));
    if (group->enabled && medium) site.groups.push_back(aggregate(SeriesKey::group(group->id), group->name, *medium));
  }
  return site;
}

ReportSite requireReportSite(const sitedb::Database& db) {
  auto site = readReportSite(db);
  if (!site) throw std::runtime_error(fmt::format("{} holds no configuration yet", db.path().string()));
  return std::move(*site);
}

std::string unitOf(Medium medium) { return medium == Medium::Electricity ? "Wh" : "dm3"; }

GapRule gapRuleOf(SeriesKey key) {
  return key.kind == history::SeriesKind::Device ? GapRule::DeviceRows : GapRule::AggregateRows;
}

std::optional<double> barValue(const history::BucketValue& bar, GapRule rule) {
  if (!bar.available || bar.samples == 0) return std::nullopt;
  if (bar.gapSamples >= bar.samples) {
    // Every row a gap: a device's hold nothing; an aggregate's that add up to nothing had no
    // member read at all (a group of one meter offline), so the bar is unknown too.
    if (rule == GapRule::DeviceRows || bar.value == 0.0) return std::nullopt;
  }
  return bar.value;
}

std::optional<double> totalOf(const std::vector<history::BucketValue>& bars, GapRule rule) {
  std::optional<double> total;
  for (const auto& bar : bars) {
    if (const auto value = barValue(bar, rule)) total = total.value_or(0.0) + *value;
  }
  return total;
}

}  // namespace ews::exporting

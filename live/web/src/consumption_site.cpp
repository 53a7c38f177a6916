#include "consumption_site.hpp"

#include <fmt/format.h>

#include <charconv>

#include "api.hpp"
#include "ews/installation/installation.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/sitedb/config_store.hpp"

namespace ews::web::detail {

namespace {
using history::SeriesKey;
using history::SeriesKind;
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

std::shared_ptr<const ConsumptionSite> parseSite(const sitedb::Database& db, const sitedb::ConfigVersion& stored) {
  // Relative file references of the scenario resolve beside the file the site was seeded from.
  const std::string source = db.meta("config_source").value_or(db.path().string());
  const scenario::Scenario parsed = scenario::parseScenario(stored.scenarioYaml, source);
  const auto built = installation::Installation::build(parsed.installation);
  auto site = std::make_shared<ConsumptionSite>(stored.version, parsed.ews.timezone);
  site->currency = parsed.ews.currency;
  site->gasKWhPerM3 = parsed.ews.gasKWhPerM3;
  site->csv = {parsed.ews.csvDecimalSeparator, parsed.ews.csvFieldSeparator};
  site->tariffs = parsed.tariffs.plan;
  for (const installation::Device* device : built.devices()) {
    if (!device->catalogue->measuresEnergy) continue;
    site->devices.push_back({SeriesKey::device(device->id), device->name, device->medium, device->address,
                             device->family == installation::DeviceFamily::WsMeasure});
  }
  for (const installation::Load* load : built.loads()) {
    const auto medium = countedMedium(built.devicesOfLoad(*load));
    if (load->enabled && medium) site->loads.push_back({SeriesKey::load(load->id), load->name, *medium});
  }
  for (const installation::Group* group : built.groups()) {
    const auto medium = countedMedium(built.devicesOfGroup(*group));
    if (group->enabled && medium) site->groups.push_back({SeriesKey::group(group->id), group->name, *medium});
  }
  return site;
}

const ConsumptionSubject* findIn(const std::vector<ConsumptionSubject>& list, SeriesKey key) {
  for (const auto& subject : list) {
    if (subject.key == key) return &subject;
  }
  return nullptr;
}
}  // namespace

std::shared_ptr<const ConsumptionSite> consumptionSiteOf(const sitedb::Database& db,
                                                         std::shared_ptr<const ConsumptionSite> current) {
  const auto latest = db.queryInt("SELECT max(version) FROM config_versions");
  if (!latest) throw ApiError(503, "no-configuration", "the site database holds no configuration yet");
  if (current && current->version == *latest) return current;
  const auto stored = sitedb::latestConfig(db);
  if (!stored) throw ApiError(503, "no-configuration", "the site database holds no configuration yet");
  return parseSite(db, *stored);
}

ConsumptionSubject ConsumptionSite::subject(const std::string& name, const std::string& field) const {
  if (name == "total") return {SeriesKey::total(SeriesKind::ElectricityTotal), "", Medium::Electricity};
  if (name == "water") return {SeriesKey::total(SeriesKind::WaterTotal), "", Medium::Water};
  if (name == "gas") return {SeriesKey::total(SeriesKind::GasTotal), "", Medium::Gas};
  // The gas total in Wh (docs/history.md): electricity's unit, never priced.
  if (name == "gas-wh") return {SeriesKey::total(SeriesKind::GasWhEquivalent), "", Medium::Electricity};
  const auto dash = name.find('-');
  int id = 0;
  const char* first = name.data() + (dash == std::string::npos ? name.size() : dash + 1);
  const char* last = name.data() + name.size();
  const auto [end, error] = std::from_chars(first, last, id);
  const std::string kind = name.substr(0, dash);
  if (dash == std::string::npos || error != std::errc() || end != last || id <= 0 ||
      (kind != "device" && kind != "load" && kind != "group")) {
    throw ApiError(422, "invalid",
                   fmt::format("'{}' is none of total, water, gas, gas-wh, device-ID, load-ID, group-ID", name), field);
  }
  const SeriesKey key = kind == "device" ? SeriesKey::device(id) : kind == "load" ? SeriesKey::load(id) : SeriesKey::group(id);
  const auto& list = kind == "device" ? devices : kind == "load" ? loads : groups;
  const ConsumptionSubject* found = findIn(list, key);
  if (found == nullptr) {
    throw ApiError(404, "not-found", fmt::format("no {} {} records a consumption on this site", kind, id), field);
  }
  return *found;
}

std::string subjectName(SeriesKey key) {
  switch (key.kind) {
    case SeriesKind::Device: return fmt::format("device-{}", key.id);
    case SeriesKind::Load: return fmt::format("load-{}", key.id);
    case SeriesKind::Group: return fmt::format("group-{}", key.id);
    case SeriesKind::ElectricityTotal: return "total";
    case SeriesKind::WaterTotal: return "water";
    case SeriesKind::GasTotal: return "gas";
    case SeriesKind::GasWhEquivalent: break;
  }
  return "gas-wh";
}

}  // namespace ews::web::detail

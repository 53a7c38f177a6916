#include "consumption_site.hpp"

#include <fmt/format.h>

#include <charconv>

#include "api.hpp"

namespace ews::web::detail {

namespace {
using history::SeriesKey;
using history::SeriesKind;
using installation::Medium;

/// A ConsumptionSubject of a total (the pages name the totals themselves).
ConsumptionSubject totalSubject(SeriesKind kind, Medium medium) {
  ConsumptionSubject subject;
  subject.key = SeriesKey::total(kind);
  subject.medium = medium;
  return subject;
}
}  // namespace

std::shared_ptr<const ConsumptionSite> consumptionSiteOf(const sitedb::Database& db,
                                                         std::shared_ptr<const ConsumptionSite> current) {
  const auto latest = db.queryInt("SELECT max(version) FROM config_versions");
  if (!latest) throw ApiError(503, "no-configuration", "the site database holds no configuration yet");
  if (current && current->version == *latest) return current;
  auto site = exporting::readReportSite(db);
  if (!site) throw ApiError(503, "no-configuration", "the site database holds no configuration yet");
  return std::make_shared<ConsumptionSite>(std::move(*site));
}

ConsumptionSubject ConsumptionSite::subject(const std::string& name, const std::string& field) const {
  if (name == "total") return totalSubject(SeriesKind::ElectricityTotal, Medium::Electricity);
  if (name == "water") return totalSubject(SeriesKind::WaterTotal, Medium::Water);
  if (name == "gas") return totalSubject(SeriesKind::GasTotal, Medium::Gas);
  // The gas total in Wh (docs/history.md): electricity's unit, never priced.
  if (name == "gas-wh") return totalSubject(SeriesKind::GasWhEquivalent, Medium::Electricity);
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
  const ConsumptionSubject* found = find(key);
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

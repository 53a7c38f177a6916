#include "data_files.hpp"

#include <fmt/format.h>

#include <optional>

#include "ews/installation/catalogue.hpp"

namespace ews::exporting::detail {

namespace {
using installation::Medium;

std::string labelOf(const SiteSubject& subject) {
  return subject.key.kind == history::SeriesKind::Device ? fmt::format("{} {}", subject.key.id, subject.name)
                                                         : subject.name;
}

std::string listName(DataList list) {
  switch (list) {
    case DataList::Devices: return "devices";
    case DataList::Groups: return "groups";
    case DataList::Loads: break;
  }
  return "loads";
}

/// The consumption file and its cost twin of the subjects of `medium` (every medium: nullopt).
void addFiles(std::vector<DataFile>& files, const ReportSite& site, const std::vector<SiteSubject>& subjects,
              const std::string& baseName, std::optional<Medium> medium, bool costs) {
  DataFile consumption{baseName + ".csv", {}};
  DataFile cost{baseName + "_cost.csv", {}};
  for (const SiteSubject& subject : subjects) {
    if (medium && subject.medium != *medium) continue;
    const GapRule rule = gapRuleOf(subject.key);
    consumption.columns.push_back(
        {fmt::format("{} ({})", labelOf(subject), unitOf(subject.medium)), subject.key, rule, 3});
    if (!costs) continue;
    const auto& tariffs = site.tariffsOf(subject.medium);
    for (std::size_t position = 0; position < tariffs.size(); ++position) {
      cost.columns.push_back({fmt::format("{} [{}] ({})", labelOf(subject), tariffs[position].name, site.currency),
                              history::SeriesKey::cost(subject.key, position), rule, 6});
    }
  }
  if (!consumption.columns.empty()) files.push_back(std::move(consumption));
  if (!cost.columns.empty()) files.push_back(std::move(cost));
}
}  // namespace

std::vector<DataFile> planDataFiles(const ReportSite& site, DataList list, const std::vector<SiteSubject>& subjects,
                                    bool costs) {
  std::vector<DataFile> files;
  const std::string base = "report_energy_" + listName(list);
  if (list == DataList::Loads) {
    addFiles(files, site, subjects, base, std::nullopt, costs);
    return files;
  }
  for (const Medium medium : {Medium::Electricity, Medium::Gas, Medium::Water}) {
    addFiles(files, site, subjects, fmt::format("{}_{}", base, installation::mediumName(medium)), medium, costs);
  }
  return files;
}

}  // namespace ews::exporting::detail

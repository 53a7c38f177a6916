// Loads and measure groups (manual 7.16.2.2, 7.16.2.3): the load list itself, and the load
// and groups each device is assigned to.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "ews/installation/limits.hpp"
#include "ews/installation/loads.hpp"
#include "validation/context.hpp"

namespace ews::installation::validation {

namespace {

// What a pseudo-load gathers, for messages.
std::string_view gathers(LoadKind kind) {
  switch (kind) {
    case LoadKind::Water: return "the water pulse counters";
    case LoadKind::Gas: return "the gas pulse counters";
    default: return "the devices without a load";
  }
}

void checkLoadList(const SiteView& site, Report& report) {
  std::set<std::string_view> userLoads;
  for (std::size_t index = 0; index < site.spec.loads.size(); ++index) {
    const LoadSpec& load = site.spec.loads[index];
    const std::string path = indexedPath("installation.loads", index);
    if (const auto pseudo = pseudoLoadKind(load.name)) {
      report.fail(load, path, "name",
                  fmt::format("\"{}\" is not a configurable load: it gathers {}", load.name, gathers(*pseudo)));
      continue;
    }
    if (load.name.empty() || predefinedLoadId(load.name)) continue;  // predefined: only toggles enabled
    if (userLoads.insert(load.name).second && userLoads.size() > static_cast<std::size_t>(kMaxUserLoads)) {
      report.fail(load, path, "name",
                  fmt::format("at most {} user loads can be added ({} loads with the {} predefined ones); \"{}\" "
                              "would be user load {}",
                              kMaxUserLoads, kMaxLoads, kPredefinedLoadNames.size(), load.name, userLoads.size()));
    }
  }
}

bool isUserLoad(const SiteView& site, std::string_view name) {
  return std::any_of(site.spec.loads.begin(), site.spec.loads.end(),
                     [&](const LoadSpec& load) { return load.name == name; });
}

std::string predefinedLoadList() {
  std::string list;
  for (const auto name : kPredefinedLoadNames) list += fmt::format("{}{}", list.empty() ? "" : ", ", name);
  return list;
}

// A device's load must exist; water and gas counters get theirs automatically.
void checkDeviceLoad(const SiteView& site, const DeviceEntry& entry, Report& report) {
  const DeviceSpec& device = entry.device;
  if (device.load.empty()) return;
  const Medium medium = device.family == DeviceFamily::PulseCounter ? device.medium.value_or(Medium::Electricity)
                                                                    : Medium::Electricity;
  const LoadKind ownLoad = defaultLoadKind(medium);
  const auto pseudo = pseudoLoadKind(device.load);
  if (ownLoad != LoadKind::Others) {
    if (pseudo == ownLoad) return;
    report.fail(device, entry.path, "load",
                fmt::format("this counter's load is \"{}\", assigned automatically (manual 7.16.1.3): leave load empty",
                            pseudoLoadName(ownLoad)));
    return;
  }
  if (pseudo == LoadKind::Others) return;
  if (pseudo) {
    report.fail(device, entry.path, "load",
                fmt::format("the \"{}\" load gathers {} only", device.load, gathers(*pseudo)));
    return;
  }
  if (predefinedLoadId(device.load) || isUserLoad(site, device.load)) return;
  report.fail(device, entry.path, "load",
              fmt::format("no load is named \"{}\" (predefined loads: {}; others are added under installation.loads)",
                          device.load, predefinedLoadList()));
}

void checkDeviceGroups(const SiteView& site, const DeviceEntry& entry, Report& report) {
  const auto& groups = entry.device.groups;
  if (groups.size() > static_cast<std::size_t>(kMaxGroupsPerDevice)) {
    report.fail(entry.device, entry.path, "groups",
                fmt::format("a device belongs to at most {} measure groups; this one lists {}", kMaxGroupsPerDevice,
                            groups.size()));
  }
  for (std::size_t index = 0; index < groups.size(); ++index) {
    const std::string field = indexedPath("groups", index);
    const auto earlier = std::find(groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(index), groups[index]);
    if (earlier != groups.begin() + static_cast<std::ptrdiff_t>(index)) {
      report.fail(entry.device, entry.path, field,
                  fmt::format("measure group \"{}\" is listed twice (also at groups[{}])", groups[index],
                              earlier - groups.begin()));
      continue;
    }
    const bool exists = std::any_of(site.spec.groups.begin(), site.spec.groups.end(),
                                    [&](const GroupSpec& group) { return group.name == groups[index]; });
    if (!exists) {
      report.fail(entry.device, entry.path, field, fmt::format("no measure group is named \"{}\"", groups[index]));
    }
  }
}

}  // namespace

void checkLoadsAndGroups(const SiteView& site, Report& report) {
  checkLoadList(site, report);
  for (const auto& entry : site.devices) {
    checkDeviceLoad(site, entry, report);
    checkDeviceGroups(site, entry, report);
  }
}

}  // namespace ews::installation::validation

#include "csv/settings_snapshot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ews/kernel/csv.hpp"
#include "ews/installation/catalogue.hpp"
#include "ews/reports/atomic_file.hpp"
#include "ews/stores/store_error.hpp"

namespace ews::stores::csv {

namespace fs = std::filesystem;
using ews::csv::field;

namespace {

std::string nameOf(const std::vector<LoadEntry>& entries, int id) {
  for (const auto& e : entries) {
    if (e.id == id) return e.name;
  }
  return {};
}

std::string groupNames(const StoreLayout& layout, const std::vector<int>& ids) {
  std::string names;
  for (const int id : ids) {
    for (const auto& g : layout.groups) {
      if (g.id != id) continue;
      if (!names.empty()) names += " | ";
      names += g.name;
    }
  }
  return names;
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The highest N of an existing devices_v<N>.csv (written last, so it marks a whole version).
int latestVersion(const fs::path& dir) {
  int latest = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    int version = 0;
    if (std::sscanf(name.c_str(), "devices_v%d.csv", &version) == 1 && name == fmt::format("devices_v{}.csv", version)) {
      latest = std::max(latest, version);
    }
  }
  return latest;
}

void writeAtomically(const fs::path& path, const std::string& text) {
  try {
    reports::AtomicFile file(path.string());
    file.stream() << text;
    file.commit();
  } catch (const std::runtime_error& e) {
    throw StoreError(e.what());
  }
}

}  // namespace

SettingsFiles renderSettings(const StoreLayout& layout, char s) {
  SettingsFiles files;
  files.devices = fmt::format(
      "id{0}name{0}gateway{0}gateway_ip{0}gateway_port{0}modbus_address{0}family{0}model{0}medium{0}load_id{0}"
      "load{0}groups{0}on{0}exclude_from_totals\n",
      s);
  for (const auto& d : layout.devices) {
    files.devices += fmt::format("{1}{0}{2}{0}{3}{0}{4}{0}{5}{0}{6}{0}{7}{0}{8}{0}{9}{0}{10}{0}{11}{0}{12}{0}{13}{0}{14}\n",
                                 s, d.id, field(d.name, s), field(d.gatewayName, s), field(d.gatewayIp, s),
                                 d.gatewayPort, d.modbusAddress, field(d.family, s), field(d.model, s),
                                 installation::mediumName(d.medium), d.loadId, field(nameOf(layout.loads, d.loadId), s),
                                 field(groupNames(layout, d.groupIds), s), d.on ? 1 : 0, d.excludeFromTotals ? 1 : 0);
  }
  files.loadsGroups = fmt::format("kind{0}id{0}name{0}medium{0}enabled\n", s);
  for (const auto& l : layout.loads) {
    files.loadsGroups += fmt::format("load{0}{1}{0}{2}{0}{3}{0}{4}\n", s, l.id, field(l.name, s),
                                     installation::mediumName(l.medium), l.enabled ? 1 : 0);
  }
  for (const auto& g : layout.groups) {
    files.loadsGroups += fmt::format("group{0}{1}{0}{2}{0}{3}{0}{4}\n", s, g.id, field(g.name, s),
                                     installation::mediumName(g.medium), g.enabled ? 1 : 0);
  }
  if (layout.tariffs.empty()) return files;
  files.tariffs = fmt::format("energy{0}position{0}name{0}colour{0}currency\n", s);
  for (const auto medium : {installation::Medium::Electricity, installation::Medium::Water, installation::Medium::Gas}) {
    const auto tariffs = layout.tariffsOf(medium);
    for (std::size_t k = 0; k < tariffs.size(); ++k) {
      files.tariffs += fmt::format("{1}{0}{2}{0}{3}{0}{4}{0}{5}\n", s, installation::mediumName(medium), k + 1,
                                   field(tariffs[k].name, s), field(tariffs[k].colour, s), layout.currency);
    }
  }
  return files;
}

int settleConfigurationVersion(const fs::path& dir, const SettingsFiles& files) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw StoreError(fmt::format("cannot create {}: {}", dir.string(), error.message()));
  const int latest = latestVersion(dir);
  const auto devicesPath = [&](int v) { return dir / fmt::format("devices_v{}.csv", v); };
  const auto loadsGroupsPath = [&](int v) { return dir / fmt::format("loads_groups_v{}.csv", v); };
  const auto tariffsPath = [&](int v) { return dir / fmt::format("tariffs_v{}.csv", v); };
  // A missing tariffs file reads as empty: no tariffs.
  if (latest > 0 && readAll(devicesPath(latest)) == files.devices &&
      readAll(loadsGroupsPath(latest)) == files.loadsGroups && readAll(tariffsPath(latest)) == files.tariffs) {
    return latest;
  }
  const int next = latest + 1;
  writeAtomically(loadsGroupsPath(next), files.loadsGroups);
  if (!files.tariffs.empty()) writeAtomically(tariffsPath(next), files.tariffs);
  writeAtomically(devicesPath(next), files.devices);  // last: its presence completes the version
  return next;
}

}  // namespace ews::stores::csv

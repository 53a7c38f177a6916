#include "ews/profiles/profile_catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <cstdlib>
#include <filesystem>

#include "profile_loader.hpp"

#ifndef EWS_PROFILE_DIR
#error "EWS_PROFILE_DIR must name the source tree's profile directory (models/profiles/CMakeLists.txt)"
#endif
#ifndef EWS_INSTALLED_PROFILE_DIR
#error "EWS_INSTALLED_PROFILE_DIR must name the installed profile directory (models/profiles/CMakeLists.txt)"
#endif

namespace ews::profiles {

namespace fs = std::filesystem;
using installation::DeviceFamily;

namespace {

/// The "*.yaml" files of `directory` by file name.
std::map<std::string, std::string> yamlFilesOf(const std::string& directory) {
  std::map<std::string, std::string> files;
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".yaml" && it->is_regular_file()) {
      files[it->path().filename().string()] = it->path().string();
    }
  }
  if (error) {
    throw ValidationError({Diagnostic{SourceLoc{directory, 0, 0}, "",
                                      fmt::format("cannot read the profile directory: {}", error.message())}});
  }
  if (files.empty()) {
    throw ValidationError({Diagnostic{SourceLoc{directory, 0, 0}, "", "no profile file (*.yaml) in the directory"}});
  }
  return files;
}

}  // namespace

ProfileCatalogue ProfileCatalogue::loadDirectory(const std::string& directory) {
  return loadDirectories(directory, "");
}

ProfileCatalogue ProfileCatalogue::loadDirectories(const std::string& directory, const std::string& siteDirectory) {
  std::vector<Diagnostic> problems;
  std::map<std::string, std::string> byName = yamlFilesOf(directory);
  if (!siteDirectory.empty()) {
    for (auto& [name, path] : yamlFilesOf(siteDirectory)) byName[name] = path;
  }
  std::vector<std::string> files;
  for (const auto& [name, path] : byName) files.push_back(path);

  detail::ProfileLoader loader;
  ProfileCatalogue catalogue;
  for (const std::string& file : files) {
    const detail::LoadOutcome& outcome = loader.loadFile(file);
    problems.insert(problems.end(), outcome.own.begin(), outcome.own.end());
    if (!outcome.map) continue;
    const std::size_t index = catalogue.profiles_.size();
    catalogue.profiles_.push_back(outcome.map);
    const ProfileInfo& info = outcome.map->info();
    for (std::size_t k = 0; k < info.models.size(); ++k) {
      const installation::CatalogueModel* model = installation::findModel(info.family, info.models[k]);
      const auto [slot, added] = catalogue.byModel_.emplace(model, index);
      if (added) continue;
      const RegisterMap& other = *catalogue.profiles_[slot->second];
      problems.push_back(Diagnostic{info.modelLocs[k], fmt::format("models[{}]", k),
                                    fmt::format("model '{}' already has a profile: '{}' ({})", info.models[k],
                                                other.id(), other.info().loc.file)});
    }
    for (std::size_t k = 0; k < info.hosts.size(); ++k) {
      const auto same = [&](const auto& entry) { return entry.first == info.hosts[k]; };
      const auto other = std::find_if(catalogue.byHost_.begin(), catalogue.byHost_.end(), same);
      if (other == catalogue.byHost_.end()) {
        catalogue.byHost_.emplace_back(info.hosts[k], index);
        continue;
      }
      problems.push_back(Diagnostic{info.hostLocs[k], fmt::format("hosts[{}]", k),
                                    fmt::format("concentrator '{}' already has a profile: '{}'", info.hosts[k],
                                                catalogue.profiles_[other->second]->id())});
    }
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return catalogue;
}

const RegisterMap* ProfileCatalogue::findProfile(std::string_view id) const {
  const auto it = std::find_if(profiles_.begin(), profiles_.end(), [&](const auto& map) { return map->id() == id; });
  return it == profiles_.end() ? nullptr : it->get();
}

const RegisterMap* ProfileCatalogue::find(DeviceFamily family, std::string_view model) const {
  if (model.empty()) return nullptr;
  const installation::CatalogueModel* entry = installation::findModel(family, model);
  const auto it = byModel_.find(entry);
  return entry == nullptr || it == byModel_.end() ? nullptr : profiles_[it->second].get();
}

const RegisterMap* ProfileCatalogue::findPulseHost(std::string_view number) const {
  const auto host = installation::findPulseHost(number);
  if (!host) return nullptr;
  for (const auto& [concentrator, index] : byHost_) {
    if (concentrator == host->number) return profiles_[index].get();
  }
  // Not a concentrator: an energy counter with pulse inputs serves its own positions.
  return find(DeviceFamily::EnergyCounter, host->number);
}

std::shared_ptr<const RegisterMap> ProfileCatalogue::shared(const RegisterMap* map) const {
  const auto it =
      std::find_if(profiles_.begin(), profiles_.end(), [&](const auto& owned) { return owned.get() == map; });
  return it == profiles_.end() ? nullptr : *it;
}

std::shared_ptr<const RegisterMap> ProfileCatalogue::forDevice(const installation::Device& device) const {
  switch (device.family) {
    case DeviceFamily::GenericModbus:
      if (!device.generic) return nullptr;
      return std::make_shared<const RegisterMap>(RegisterMap::generic(*device.generic));
    case DeviceFamily::WsMeasure:
      // The family has one model: a virtual device left on "Configuration" reads the same map.
      return shared(find(device.family, "WSMEASURE"));
    case DeviceFamily::PulseCounter:
      if (device.model.empty()) return nullptr;
      if (!device.concentrator.empty()) return shared(findPulseHost(device.concentrator));
      return shared(find(device.family, device.model));
    default:
      return shared(find(device.family, device.model));
  }
}

std::string defaultProfileDirectory() {
  if (const char* fromEnvironment = std::getenv("EWS_PROFILE_DIR");
      fromEnvironment != nullptr && *fromEnvironment != 0) {
    return fromEnvironment;
  }
  std::error_code error;
  if (fs::is_directory(EWS_PROFILE_DIR, error)) return EWS_PROFILE_DIR;
  // Installed: the copy beside the running program, <root>/bin/ews -> <root>/share/ews/profiles
  // (the default GNUInstallDirs layout of engine/profiles/CMakeLists.txt). A package is built
  // with its own prefix (/usr) whatever CMAKE_INSTALL_PREFIX was, so the compiled-in
  // EWS_INSTALLED_PROFILE_DIR below is only the last resort.
  if (const fs::path program = fs::read_symlink("/proc/self/exe", error); !error && program.has_parent_path()) {
    const fs::path besideProgram = program.parent_path().parent_path() / "share" / "ews" / "profiles";
    if (fs::is_directory(besideProgram, error)) return besideProgram.string();
  }
  return EWS_INSTALLED_PROFILE_DIR;
}

}  // namespace ews::profiles

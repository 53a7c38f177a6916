#pragma once
// Every profile of a directory, and which one serves a device: a catalogue model (as
// engine/installation's catalogue lists it) finds exactly one profile of its family.
// Adding a meter model is adding it to a profile file, not code (docs/design.md decision 6).
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ews/installation/catalogue.hpp"
#include "ews/installation/elements.hpp"
#include "ews/profiles/register_map.hpp"

namespace ews::profiles {

class ProfileCatalogue {
 public:
  /// Loads every "*.yaml" of `directory` in file-name order. Throws ews::ValidationError
  /// with every problem of every file, plus the cross-file ones: a model or a concentrator
  /// claimed by two profiles, an unreadable directory.
  static ProfileCatalogue loadDirectory(const std::string& directory);
  /// The shipped `directory` with a site's own maps over it (docs/register-maps.md, "Site-local
  /// maps"): a "*.yaml" of `siteDirectory` replaces the shipped file of the same name, or adds a
  /// map; an empty `siteDirectory` is loadDirectory(directory). A site file's `extends` names a
  /// profile of its own directory.
  static ProfileCatalogue loadDirectories(const std::string& directory, const std::string& siteDirectory);

  /// The profiles, in file-name order.
  const std::vector<std::shared_ptr<const RegisterMap>>& profiles() const { return profiles_; }
  /// The profile with this id (file name without ".yaml"); nullptr when absent.
  const RegisterMap* findProfile(std::string_view id) const;

  /// The profile serving `model` of `family` (spaces and case ignored, as the installation
  /// catalogue compares models); nullptr for an unlisted model, an empty model
  /// ("Configuration": not polled) and generic-modbus (its map comes from four fields).
  const RegisterMap* find(installation::DeviceFamily family, std::string_view model) const;

  /// The map a pulse counter reads its position.N.* fields from, given its host's catalogue
  /// number: a concentrator (the pulse-counter profile listing it in `hosts`) or an energy
  /// counter with pulse inputs (that counter's own profile). nullptr when unknown.
  const RegisterMap* findPulseHost(std::string_view number) const;

  /// The map to poll `device` with: find(family, model); for a pulse counter the map of the
  /// concentrator it names (else the pulse-counter profile); for a generic Modbus meter a map
  /// built from its four fields; for WSMEASURE the wsmeasure map whatever the model (the
  /// family has one); nullptr for unknown or unset models.
  std::shared_ptr<const RegisterMap> forDevice(const installation::Device& device) const;

 private:
  std::shared_ptr<const RegisterMap> shared(const RegisterMap* map) const;

  std::vector<std::shared_ptr<const RegisterMap>> profiles_;
  std::unordered_map<const installation::CatalogueModel*, std::size_t> byModel_;
  std::vector<std::pair<std::string, std::size_t>> byHost_;  ///< canonical concentrator number
};

/// Where the shipped profiles are: $EWS_PROFILE_DIR when set, else the source tree's
/// models/profiles/data when it exists (development builds), else the installed copy
/// (<prefix>/share/ews/profiles).
std::string defaultProfileDirectory();

}  // namespace ews::profiles

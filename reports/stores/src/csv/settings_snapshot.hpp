#pragma once
// The "settings" folder (manual 8.4.3.6): two files showing the system structure —
// devices_v<N>.csv (gateway, IP, Modbus address, load, groups of every device) and
// loads_groups_v<N>.csv, and tariffs_v<N>.csv when consumption is priced. N is the
// configuration version: it increases whenever the
// rendered structure changes, and the versioned files of energy/, water/ and gas/ carry
// the same N (their columns follow the configuration).
#include <filesystem>
#include <string>

#include "ews/stores/store_layout.hpp"

namespace ews::stores::csv {

struct SettingsFiles {
  std::string devices;
  std::string loadsGroups;
  /// tariffs_v<N>.csv: the tariffs the cost files' columns are named after, and the currency.
  /// Empty (no file) when nothing is billed, so a tree without tariffs keeps its versions.
  std::string tariffs;
};

SettingsFiles renderSettings(const StoreLayout& layout, char fieldSeparator);

/// The version whose files equal `files`: the latest stored one if they match, else the
/// next one, written atomically (temporary file, then rename). Throws StoreError.
int settleConfigurationVersion(const std::filesystem::path& settingsDir, const SettingsFiles& files);

}  // namespace ews::stores::csv

#include "data_folder.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "diagnostics_output.hpp"
#include "exit_codes.hpp"

namespace ews::cli {

std::unique_ptr<run::SiteData> openDataFolder(std::string_view command, const std::string& dataDir,
                                              const std::string& scenarioPath, Time now, int& exitCode) {
  std::optional<std::string> seed;
  if (!scenarioPath.empty()) seed = scenarioPath;
  std::unique_ptr<run::SiteData> data;
  try {
    data = std::make_unique<run::SiteData>(dataDir, seed, fmt::format("{} --data {}", command, dataDir), now);
  } catch (const ValidationError& error) {
    printDiagnostics(stderr, error);
    exitCode = kInvalidInput;
    return nullptr;
  } catch (const std::exception& error) {
    fmt::print(stderr, "{}: {}\n", command, error.what());
    exitCode = kRuntimeError;
    return nullptr;
  }
  if (data->seedIgnored()) {
    fmt::print("{}: {} already holds configuration version {}; {} is not used\n", command, dataDir,
               data->config().version, scenarioPath);
  }
  return data;
}

std::optional<StoredSite> readStoredSite(std::string_view command, const std::string& dataDir) {
  const auto path = std::filesystem::path(dataDir) / run::SiteData::kDatabaseFile;
  if (!std::filesystem::exists(path)) {
    fmt::print(stderr, "{}: {}: no site database\n", command, path.string());
    return std::nullopt;
  }
  // Read-only: the folder's running ews keeps writing meanwhile.
  auto db = std::make_unique<sitedb::Database>(path, sitedb::Database::Mode::ReadOnly);
  auto config = sitedb::latestConfig(*db);
  if (!config) {
    fmt::print(stderr, "{}: {}: holds no configuration yet\n", command, path.string());
    return std::nullopt;
  }
  return StoredSite{std::move(db), std::move(*config)};
}

}  // namespace ews::cli

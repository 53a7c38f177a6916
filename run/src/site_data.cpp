#include "ews/run/site_data.hpp"

#include <fmt/format.h>

#include "ews/kernel/diagnostic.hpp"
#include "ews/scenario/loader.hpp"
#include "ews/sitedb/config_store.hpp"
#include "ews/sitedb/system_info.hpp"

namespace ews::run {

namespace fs = std::filesystem;

namespace {
// Where the seed came from, so stored versions resolve relative files as the seed did.
constexpr const char* kSourceKey = "config_source";
}  // namespace

SiteData::SiteData(const fs::path& folder, const std::optional<std::string>& seedScenario, const std::string& holder,
                   Time now)
    : folder_(folder), lock_(folder, holder) {
  db_ = std::make_unique<sitedb::Database>(folder / kDatabaseFile, sitedb::Database::Mode::ReadWrite);
  sitedb::recordStart(*db_, now);  // System information's "last restart" (manual 8.8)
  const auto stored = sitedb::latestConfig(*db_);
  if (!stored) {
    if (!seedScenario) {
      throw std::runtime_error(fmt::format("{}: the site database holds no configuration yet: give a site file "
                                           "(e.g. ews live SITE.yaml --data {}) to seed it",
                                           (folder / kDatabaseFile).string(), folder.string()));
    }
    const std::string text = scenario::readScenarioText(*seedScenario);
    sourceName_ = fs::absolute(*seedScenario).lexically_normal().string();
    config_ = parseSiteConfig(text, sourceName_);  // throws: nothing stored
    db_->setMeta(kSourceKey, sourceName_);
    config_.version = sitedb::saveConfig(*db_, text, "seed", fmt::format("seeded from {}", *seedScenario), now);
    return;
  }
  seedIgnored_ = seedScenario.has_value();
  sourceName_ = db_->meta(kSourceKey).value_or((folder / kDatabaseFile).string());
  config_ = parseSiteConfig(stored->scenarioYaml, sourceName_, stored->version);
}

}  // namespace ews::run

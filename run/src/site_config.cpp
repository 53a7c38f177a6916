#include "ews/run/site_config.hpp"

#include "ews/scenario/loader.hpp"

namespace ews::run {

SiteConfig parseSiteConfig(const std::string& yaml, const std::string& sourceName, int version) {
  SiteConfig config;
  config.yaml = yaml;
  config.version = version;
  auto scenario = std::make_shared<scenario::Scenario>(scenario::parseScenario(yaml, sourceName));
  config.installation =
      std::make_shared<installation::Installation>(installation::Installation::build(scenario->installation));
  config.scenario = std::move(scenario);
  return config;
}

}  // namespace ews::run

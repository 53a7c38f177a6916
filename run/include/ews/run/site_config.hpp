#pragma once
// A site's configuration as the box keeps it: the scenario YAML text (the stored form, one
// version per saved change in the site database) with what the loader and the installation
// rules made of it. Built only by parsing, so a SiteConfig is always a valid one.
#include <memory>
#include <string>

#include "ews/installation/installation.hpp"
#include "ews/scenario/scenario.hpp"

namespace ews::run {

struct SiteConfig {
  std::string yaml;
  int version = 0;  ///< the site database's version; 0 when not stored
  std::shared_ptr<const scenario::Scenario> scenario;
  std::shared_ptr<const installation::Installation> installation;
};

/// Parses `yaml` with the scenario loader and builds the installation with its rules. Throws
/// ews::ValidationError with every problem, each naming `sourceName`:line:column and the field;
/// relative file references resolve beside `sourceName`.
SiteConfig parseSiteConfig(const std::string& yaml, const std::string& sourceName, int version = 0);

}  // namespace ews::run

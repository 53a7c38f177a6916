#include "ews/installation/validation.hpp"

#include "ews/installation/defaults.hpp"
#include "validation/context.hpp"

namespace ews::installation {

std::vector<Diagnostic> validate(const InstallationSpec& spec) {
  InstallationSpec named = spec;
  applyDefaultNames(named);
  const validation::SiteView site = validation::makeSiteView(spec, named);
  validation::Report report;
  validation::checkNames(site, report);
  validation::checkGateways(site, report);
  validation::checkDevices(site, report);
  validation::checkBuses(site, report);
  validation::checkLoadsAndGroups(site, report);
  return std::move(report).take();
}

}  // namespace ews::installation

// Names (manual 7.16.1.5 "Impossible to use several times the same name", 7.16.2 "Name
// (required parameter)"): unique per kind, after the EWS has given its default names.
#include <map>

#include <fmt/format.h>

#include "validation/context.hpp"

namespace ews::installation::validation {

namespace {

template <class Element>
struct Named {
  const Element& element;
  std::string path;
  bool defaulted;  ///< the name was given by default, which the message should say
};

std::string defaultedNote(bool laterDefaulted, bool earlierDefaulted) {
  if (laterDefaulted) return " (this name was given by default; set a distinct name)";
  if (earlierDefaulted) return " (there it was given by default; set a distinct name)";
  return "";
}

// Reports every element whose name an earlier element of the same kind already has.
template <class Element>
void reportDuplicates(const std::vector<Named<Element>>& entries, std::string_view kind, Report& report) {
  std::map<std::string_view, const Named<Element>*> firstByName;
  for (const auto& entry : entries) {
    if (entry.element.name.empty()) continue;  // "required" is a rule of its own
    const auto [first, inserted] = firstByName.emplace(entry.element.name, &entry);
    if (inserted) continue;
    report.fail(entry.element, entry.path, "name",
                fmt::format("{} name \"{}\" is already used by {}{}", kind, entry.element.name,
                            first->second->path, defaultedNote(entry.defaulted, first->second->defaulted)));
  }
}

// Loads, groups and panel boards have no default name: theirs is required.
template <class Element>
void checkNamedList(const std::vector<Element>& elements, std::string_view listPath, std::string_view kind,
                    Report& report) {
  std::vector<Named<Element>> entries;
  for (std::size_t index = 0; index < elements.size(); ++index) {
    entries.push_back({elements[index], indexedPath(listPath, index), false});
    if (elements[index].name.empty()) {
      report.fail(elements[index], entries.back().path, "name", fmt::format("a {} needs a name", kind));
    }
  }
  reportDuplicates(entries, kind, report);
}

}  // namespace

void checkNames(const SiteView& site, Report& report) {
  std::vector<Named<GatewaySpec>> gateways;
  for (const auto& entry : site.gateways) gateways.push_back({entry.gateway, entry.path, entry.nameDefaulted});
  reportDuplicates(gateways, "gateway", report);

  std::vector<Named<DeviceSpec>> devices;
  for (const auto& entry : site.devices) devices.push_back({entry.device, entry.path, entry.nameDefaulted});
  reportDuplicates(devices, "device", report);

  checkNamedList(site.spec.loads, "installation.loads", "load", report);
  checkNamedList(site.spec.groups, "installation.groups", "measure group", report);
  checkNamedList(site.spec.panelBoards, "installation.panelBoards", "panel board", report);
}

}  // namespace ews::installation::validation

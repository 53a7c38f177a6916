#pragma once
// What the rule files of the validation share: the spec seen once with its elements'
// paths and resolved models, and the report the rules write their violations to.
#include <string>
#include <string_view>
#include <vector>

#include "ews/installation/catalogue.hpp"
#include "ews/installation/spec.hpp"
#include "ews/kernel/diagnostic.hpp"

namespace ews::installation::validation {

/// The position of `field` of an element: the field's own when the loader recorded it,
/// else that of the enclosing field ("generic.words" falls back to "generic",
/// "groups[2]" to "groups"), else the element's entry.
SourceLoc locate(const SourceLoc& entry, const FieldLocs& fieldLocs, std::string_view field);

class Report {
 public:
  /// Records that `field` of the element at `elementPath` breaks a rule; an empty field
  /// designates the whole element.
  template <class Element>
  void fail(const Element& element, const std::string& elementPath, std::string_view field,
            std::string reason) {
    diagnostics_.push_back(Diagnostic{locate(element.loc, element.fieldLocs, field),
                                      field.empty() ? elementPath : elementPath + "." + std::string(field),
                                      std::move(reason)});
  }

  std::vector<Diagnostic> take() && { return std::move(diagnostics_); }

 private:
  std::vector<Diagnostic> diagnostics_;
};

struct GatewayEntry {
  const GatewaySpec& gateway;  ///< default names applied
  std::size_t index;
  std::string path;            ///< "installation.gateways[i]"
  bool nameDefaulted;          ///< the name was left empty and given by the EWS
};

struct DeviceEntry {
  const GatewaySpec& gateway;
  const DeviceSpec& device;  ///< default names applied
  std::size_t gatewayIndex;
  std::string path;          ///< "installation.gateways[i].devices[j]"
  bool nameDefaulted;
  /// The device's catalogue entry (unconfiguredModel() when its model is empty); nullptr
  /// when the model is unknown in its family, which checkDevices() reports once.
  const CatalogueModel* model;
};

/// The spec as the rules read it, names defaulted, devices flattened in site order.
struct SiteView {
  const InstallationSpec& spec;
  std::vector<GatewayEntry> gateways;
  std::vector<DeviceEntry> devices;
};

/// `named` is `written` with default names applied; both must outlive the view.
SiteView makeSiteView(const InstallationSpec& written, const InstallationSpec& named);

std::string indexedPath(std::string_view listPath, std::size_t index);  ///< "a.b[3]"

/// EMS CX3 modules: the only devices with remote ("device-interface") addressing.
inline bool isEms(DeviceFamily family) {
  return family == DeviceFamily::EmsMeasure || family == DeviceFamily::EmsStateControl;
}

// The rule areas, one file each.
void checkNames(const SiteView& site, Report& report);          ///< names.cpp
void checkGateways(const SiteView& site, Report& report);       ///< gateways.cpp
void checkDevices(const SiteView& site, Report& report);        ///< devices.cpp
void checkBuses(const SiteView& site, Report& report);          ///< buses.cpp
void checkLoadsAndGroups(const SiteView& site, Report& report); ///< loads_groups.cpp

}  // namespace ews::installation::validation

#pragma once
// The one way a configuration changes (docs/site-database.md, "Configuration service"): a
// change is a list of edits of the stored scenario YAML by field path; it is validated with the
// scenario loader's and the installation's rules and messages (each naming the field), stored
// as a new version in one transaction, and handed back for the caller to apply to the running
// stack. A refused change stores nothing and changes nothing.
#include <string>
#include <vector>

#include "ews/kernel/diagnostic.hpp"
#include "ews/kernel/time.hpp"
#include "ews/run/site_config.hpp"
#include "ews/run/site_data.hpp"

namespace ews::run {

struct ConfigEdit {
  enum class Op { Set, Append, Remove };
  Op op = Op::Set;
  /// The field, as the loader names fields: "installation.devices[3].name", "dlm.hysteresis".
  std::string path;
  /// YAML text of the new value (Set, Append): a scalar ("16"), or a flow map or list
  /// ("{name: Lift, address: 12}"). Ignored by Remove.
  std::string value;
};

struct ConfigChange {
  std::string author;   ///< who makes it (a user of the pages, "cli")
  std::string summary;  ///< what it does, for the version list and the event
  std::vector<ConfigEdit> edits;
};

class ConfigService {
 public:
  /// `data` must outlive the service.
  explicit ConfigService(SiteData& data) : data_(data) {}

  /// Validates and stores `change` as the next version and makes it the configuration in
  /// force of `data`; returns it. Throws ValidationError naming each wrong field (a path that
  /// does not exist, a value the loader or the installation rules refuse): then nothing is
  /// stored and the configuration in force stays.
  SiteConfig apply(const ConfigChange& change, Time now);

  /// The YAML the change would store, validated (the same checks as apply), without storing.
  SiteConfig preview(const ConfigChange& change) const;

 private:
  SiteData& data_;
};

}  // namespace ews::run

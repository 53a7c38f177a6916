#include "ews/run/config_service.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "ews/scenario/document.hpp"
#include "ews/scenario/yaml_edit.hpp"
#include "ews/sitedb/config_store.hpp"
#include "removal_rules.hpp"

namespace ews::run {

namespace {
[[noreturn]] void refuse(const std::string& sourceName, const ConfigEdit& edit, const std::string& reason) {
  throw ValidationError({Diagnostic{SourceLoc{sourceName, 0, 0}, edit.path, reason}});
}

YAML::Node valueOf(const std::string& sourceName, const ConfigEdit& edit) {
  try {
    return YAML::Load(edit.value);
  } catch (const YAML::Exception& e) {
    refuse(sourceName, edit, fmt::format("not a YAML value: {}", e.msg));
  }
}

std::string textOf(const YAML::Node& document) {
  YAML::Emitter out;
  out << document;
  return std::string(out.c_str()) + "\n";
}
}  // namespace

SiteConfig ConfigService::preview(const ConfigChange& change) const {
  const std::string& source = data_.sourceName();
  YAML::Node document = scenario::loadScenarioYaml(data_.config().yaml, source);
  for (const ConfigEdit& edit : change.edits) {
    try {
      switch (edit.op) {
        case ConfigEdit::Op::Set: scenario::setYamlNode(document, edit.path, valueOf(source, edit)); break;
        case ConfigEdit::Op::Append: scenario::appendYamlNode(document, edit.path, valueOf(source, edit)); break;
        case ConfigEdit::Op::Remove:
          if (const auto refusal = removalRefusal(document, edit.path)) refuse(source, edit, *refusal);
          scenario::removeYamlNode(document, edit.path);
          break;
      }
    } catch (const std::invalid_argument& e) {
      refuse(source, edit, e.what());
    }
  }
  // Re-read from its text: the stored form is what is checked, so what is stored always loads.
  return parseSiteConfig(textOf(document), source);
}

SiteConfig ConfigService::apply(const ConfigChange& change, Time now) {
  SiteConfig next = preview(change);
  next.version = sitedb::saveConfig(data_.db(), next.yaml, change.author, change.summary, now);
  data_.setConfig(next);
  return next;
}

}  // namespace ews::run

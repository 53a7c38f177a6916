#include "report_labels.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "ews/sitedb/field_error.hpp"

namespace ews::exporting::detail {

namespace {
constexpr std::string_view kPrefix = "reportPdf.";

void addTexts(std::map<std::string, std::string>& texts, const char* catalogue) {
  Poco::JSON::Parser parser;
  const auto object = parser.parse(catalogue).extract<Poco::JSON::Object::Ptr>();
  for (const auto& [key, value] : *object) {
    if (key.rfind(kPrefix, 0) == 0) texts.insert({key.substr(kPrefix.size()), value.toString()});
  }
}
}  // namespace

ReportLabels::ReportLabels(const std::string& language) {
  const char* own = embeddedCatalogue(language);
  if (own == nullptr) throw sitedb::FieldError("language", "'" + language + "' is none of the pages' languages");
  addTexts(texts_, own);
  if (language != "en") addTexts(texts_, embeddedCatalogue("en"));  // insert keeps the own texts
}

const std::string& ReportLabels::operator()(const std::string& key) const {
  const auto found = texts_.find(key);
  return found == texts_.end() ? key : found->second;
}

}  // namespace ews::exporting::detail
